"""Control characters out of user text. Word's field codes (\\x13 instruction \\x14 result
\\x15) and other C0/C1 characters are invisible in the editor and break XML exports (XLSX,
PDF/A): they are removed at input (paste, import) and again at export."""

import re

# A Word field: keep its shown result, drop the instruction ("REF _Ref1 \h").
_FIELD = re.compile(r"\x13[^\x13\x14\x15]*\x14([^\x13\x14\x15]*)\x15")
# C0 controls except tab, line feed and carriage return; DEL and the C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def clean_control_chars(text: str) -> str:
    """The text without control characters; tabs and line breaks are kept."""
    if not text:
        return text
    return _CONTROL.sub("", _FIELD.sub(r"\1", text))
