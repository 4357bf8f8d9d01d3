from tests.conftest import PASSWORD


def test_login_shows_who_i_am(page, login, users, remiss, screenshot):
    login("handlaggare.kultur", PASSWORD)
    # A handläggare lands on the desk.
    assert "Mitt skrivbord" in page.get_by_role("heading", level=1).inner_text()
    assert "Kulturförvaltningen" in page.content()
    assert remiss.ks_dnr in page.content()
    screenshot(page, "start")
