import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from responses.models import State


def test_help_page_is_public_and_linked_from_every_page(client, db):
    response = client.get(reverse("help"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Så fungerar en remiss" in body
    assert "Protokollet justeras" in body
    login_page = client.get(reverse("login")).content.decode()
    assert f'href="{reverse("help")}"' in login_page


@pytest.mark.parametrize("state", [s.value for s in State])
def test_every_state_says_what_happens_next(db, state):
    html = render_to_string("help/_state.html", {"state": state})
    assert "Vad händer nu?" in html
    # Each state has its own text: no state falls through to an empty box.
    paragraph = html.split("</h2>", 1)[1].split("<p><a", 1)[0]
    assert len(paragraph.strip()) > 40


def test_states_that_wait_name_who_is_waited_for(db):
    waiting = {s.value for s in State
               if "Väntar på:" in render_to_string("help/_state.html", {"state": s.value})}
    assert waiting == {s.value for s in State} - {State.BESVARAD}
