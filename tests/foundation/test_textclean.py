from remiss.textclean import clean_control_chars


def test_word_field_keeps_its_result_and_drops_the_instruction():
    assert clean_control_chars("avsnitt \x13 REF _Ref1 \\h \x14 2.1\x15 nedan") == \
        "avsnitt  2.1 nedan"


def test_control_characters_go_tabs_and_line_breaks_stay():
    assert clean_control_chars("a\x00b\x07c\x1b[31m\x7f\x85d\te\r\nf") == "abc[31md\te\r\nf"


def test_empty_and_clean_text_unchanged():
    assert clean_control_chars("") == ""
    assert clean_control_chars("Åäö – “citat” 😀") == "Åäö – “citat” 😀"
