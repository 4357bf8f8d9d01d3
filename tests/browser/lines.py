"""Measure text in lines, not pixels: line counts do not depend on a machine's fonts or on
Chromium's version the way heights do."""

# The number of visual lines of text in an element: the line boxes of its visible text
# nodes, clustered by vertical position (a badge on a line is still the same line).
# Visually hidden text (screen-reader spans clipped to 1 px) is not a line the user sees.
TEXT_LINES_JS = """el => {
  const mids = [];
  const range = document.createRange();
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const parent = node.parentElement;
    if (!node.textContent.trim() || !parent.checkVisibility()) continue;
    const box = parent.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue;
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      if (r.width > 0 && r.height > 0) mids.push([r.top + r.height / 2, r.height]);
    }
  }
  mids.sort((a, b) => a[0] - b[0]);
  let lines = 0, last = null;
  for (const [mid, height] of mids) {
    if (last === null || mid - last > height / 2) { lines += 1; last = mid; }
  }
  return lines;
}"""


def text_lines(locator) -> int:
    return locator.evaluate(TEXT_LINES_JS)


def most_lines_per_cell(row_locator) -> int:
    """The most lines any one cell of a table row wraps to."""
    return max(row_locator.locator("th, td").evaluate_all(
        f"cells => cells.map(c => ({TEXT_LINES_JS})(c))") or [0])
