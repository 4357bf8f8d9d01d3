"""The PDF/A rules an incremental signature can break, checked on the signed file.

Not a full PDF/A validator (veraPDF is not available here): the rendering is PDF/A from
WeasyPrint; what signing adds is a new revision with metadata, an AcroForm and widget
annotations, and those are what this checks.
"""

import io

from pypdf import PdfReader

_INFO_TO_XMP = {"/Producer": "pdf_producer", "/Creator": "xmp_creator_tool"}
_PRINT, _HIDDEN, _INVISIBLE, _NOVIEW = 4, 2, 1, 32


def pdfa_problems(data: bytes) -> list[str]:
    """Empty when the file still declares PDF/A and the signature parts keep its rules."""
    reader = PdfReader(io.BytesIO(data))
    problems = []
    if "/Encrypt" in reader.trailer:
        problems.append("encrypted")
    xmp = reader.xmp_metadata
    if xmp is None:
        return [*problems, "no XMP metadata"]
    root = xmp.rdf_root
    ns = "http://www.aiim.org/pdfa/ns/id/"
    part = [node.getAttributeNS(ns, "part") or _child_text(node, ns, "part")
            for node in root.getElementsByTagNameNS(
                "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "Description")]
    if not any(part):
        problems.append("no pdfaid:part in XMP")
    info = reader.trailer.get("/Info")
    info = info.get_object() if info is not None else {}
    for key, attribute in _INFO_TO_XMP.items():
        if key in info and str(info[key]) != str(getattr(xmp, attribute) or ""):
            problems.append(f"Info {key} differs from XMP")
    acroform = reader.trailer["/Root"].get("/AcroForm")
    if acroform is not None and acroform.get_object().get("/NeedAppearances"):
        problems.append("NeedAppearances is set")
    for number, page in enumerate(reader.pages, start=1):
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            flags = int(annot.get("/F", 0))
            if not flags & _PRINT or flags & (_HIDDEN | _INVISIBLE | _NOVIEW):
                problems.append(f"page {number}: annotation flags {flags}")
            rect = [float(v) for v in annot.get("/Rect", [0, 0, 0, 0])]
            zero = rect[2] - rect[0] == 0 and rect[3] - rect[1] == 0
            if "/AP" not in annot and not zero:
                problems.append(f"page {number}: annotation without appearance")
    return problems


def _child_text(node, ns, name) -> str:
    found = node.getElementsByTagNameNS(ns, name)
    return found[0].firstChild.data if found and found[0].firstChild else ""
