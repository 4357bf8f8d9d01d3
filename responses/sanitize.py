"""The one place where user-written HTML is cleaned before it is stored (nh3 allow-list)."""

import nh3

from remiss.textclean import clean_control_chars

ALLOWED_TAGS = {"p", "br", "h3", "h4", "ul", "ol", "li", "strong", "b", "em", "i", "a",
                "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def clean_html(html: str) -> str:
    """Return HTML with only formatting tags and safe links left; scripts and styles dropped,
    and no control characters (Word's field codes come along when pasting from Word)."""
    return nh3.clean(
        clean_control_chars(html or ""),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        clean_content_tags={"script", "style"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    ).strip()
