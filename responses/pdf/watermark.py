"""The UTKAST watermark as a picture of its words: glyph outlines in an SVG, not text.

Drawn as text, the large diagonal words sat in the PDF's text layer in the middle of
every page and scrambled the reading order that text extraction (a viewer's search, the
archive, the diarium) finds. Each page states UTKAST in text in its header instead.
"""

from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont

FONT = Path(settings.BASE_DIR) / "static" / "fonts" / "LiberationSans-Bold.ttf"
SIZE_PT = 46
FILL = "rgb(120,120,120)"
OPACITY = 0.22


@lru_cache(maxsize=1)
def _font() -> TTFont:
    return TTFont(FONT)


@lru_cache(maxsize=64)
def watermark(text: str, title: str) -> SafeString:
    """Inline SVG (no URL for the fetcher to open); `title` is the PDF's alt text."""
    font = _font()
    glyphs, cmap = font.getGlyphSet(), font.getBestCmap()
    ascent, descent = font["hhea"].ascent, font["hhea"].descent
    pen = SVGPathPen(glyphs)
    x = 0
    for char in text:
        name = cmap.get(ord(char)) or cmap.get(ord("?"))
        # Font units point up, SVG's down: flip around the baseline.
        glyphs[name].draw(TransformPen(pen, (1, 0, 0, -1, x, 0)))
        x += glyphs[name].width
    height = ascent - descent
    scale = SIZE_PT / font["head"].unitsPerEm / 0.75  # font units → CSS px
    return mark_safe(  # noqa: S308  (our own markup; the text is escaped)
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 {-ascent} {x} {height}" '
        f'width="{round(x * scale)}" height="{round(height * scale)}" role="img">'
        f"<title>{escape(title)}</title>"
        f'<path fill="{FILL}" fill-opacity="{OPACITY}" d="{pen.getCommands()}"/></svg>')
