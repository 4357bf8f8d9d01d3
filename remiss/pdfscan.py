"""Active content in a PDF, found by parsing it with pypdf rather than by searching bytes.

Every object the file holds is parsed: those the cross-reference table or stream lists,
those in its body that no table lists, and those inside object streams (decoded through
whatever filters they declare: Flate, ASCIIHex, ASCII85, LZW, RunLength). Names come back
decoded (/J#61vaScript is /JavaScript), so neither compression, hex filters, name escapes
nor an unusual key order can hide a script. A file pypdf cannot read is refused.
"""

import io
import re

from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    StreamObject,
    read_object,
)

# Names that run code, carry other files or rich media, or act outside the document,
# wherever they occur (as a key, an action type /S, a /Type or /Subtype).
ACTIVE_NAMES = frozenset({
    "/JavaScript", "/JS", "/Launch", "/EmbeddedFile", "/EmbeddedFiles", "/RichMedia",
    "/RichMediaExecute", "/XFA", "/SubmitForm", "/ImportData", "/GoToE", "/GoToR",
})
# Automatic actions (on open, on page or field events) may only move within the document.
AUTOMATIC = ("/OpenAction", "/AA")
HARMLESS_AUTOMATIC = frozenset({"/GoTo"})
# Object headers in the body ("12 0 obj"), listed or not.
_OBJECT_HEADER = re.compile(rb"(?<![0-9])(\d{1,10})\s+(\d{1,5})\s+obj\b\s*")
MAX_OBJECTS = 200_000


class ActiveContent(Exception):
    """The PDF holds active content; the message names what (for the log)."""


class Unreadable(Exception):
    """pypdf cannot parse the file."""


def scan_pdf(data: bytes) -> None:
    """Raise ActiveContent or Unreadable; return None for a plain document."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        objects = list(_all_objects(reader, data))
    except ActiveContent:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            RecursionError, OSError, AssertionError) as error:
        raise Unreadable(str(error)) from error
    for obj in objects:
        _check(obj, reader)


def _all_objects(reader: PdfReader, data: bytes):
    seen = set()
    # What the cross-reference lists, including objects compressed in object streams.
    refs = [(num, gen) for gen, nums in reader.xref.items() for num in nums]
    refs += [(num, 0) for num in reader.xref_objStm]
    for num, gen in refs[:MAX_OBJECTS]:
        obj = reader.get_object(IndirectObject(num, gen, reader))
        seen.add((num, gen))
        if obj is not None:
            yield obj
    # The body as written, also objects no cross-reference points at.
    stream = io.BytesIO(data)
    for count, match in enumerate(_OBJECT_HEADER.finditer(data)):
        if count > MAX_OBJECTS:
            raise Unreadable("too many objects")
        stream.seek(match.end())
        try:
            obj = read_object(stream, reader)
        except (PyPdfError, ValueError, KeyError, TypeError, IndexError, OSError):
            continue  # "1 0 obj" inside a string or a stream's bytes, not an object
        yield obj
        if isinstance(obj, StreamObject) and obj.get("/Type") == "/ObjStm":
            yield from _object_stream_members(obj, reader)


def _object_stream_members(stream: StreamObject, reader: PdfReader):
    """The objects of an object stream, whatever its dictionary's key order or filters."""
    content = stream.get_data()
    first = int(stream.get("/First", 0))
    header = content[:first].split()
    buffer = io.BytesIO(content)
    for offset in header[1::2][:MAX_OBJECTS]:
        buffer.seek(first + int(offset))
        try:
            yield read_object(buffer, reader)
        except (PyPdfError, ValueError, KeyError, TypeError, IndexError, OSError):
            continue


def _check(obj, reader: PdfReader, depth: int = 0) -> None:
    if depth > 100:
        raise Unreadable("nesting too deep")
    if isinstance(obj, NameObject):
        if obj in ACTIVE_NAMES:
            raise ActiveContent(str(obj))
    elif isinstance(obj, DictionaryObject):
        for key, value in obj.items():
            if key in ACTIVE_NAMES:
                raise ActiveContent(str(key))
            if key in AUTOMATIC:
                _check_automatic(key, value)
            _check(value, reader, depth + 1)
    elif isinstance(obj, ArrayObject):
        for item in obj:
            _check(item, reader, depth + 1)


def _check_automatic(key: str, value) -> None:
    """/OpenAction may be a destination or a GoTo; /AA holds GoTo actions only."""
    value = value.get_object() if isinstance(value, IndirectObject) else value
    if isinstance(value, ArrayObject) or value is None:
        return  # a destination: open at a page
    if not isinstance(value, DictionaryObject):
        raise ActiveContent(key)
    actions = [value] if key == "/OpenAction" else [
        v.get_object() if isinstance(v, IndirectObject) else v for v in value.values()]
    checked = 0
    while actions:
        action = actions.pop()
        checked += 1
        if checked > 1000 or not isinstance(action, DictionaryObject) or (
                action.get("/S") not in HARMLESS_AUTOMATIC):
            raise ActiveContent(key)
        # An action may chain further actions (/Next: one or an array).
        following = action.get("/Next")
        following = following.get_object() if isinstance(following, IndirectObject) else following
        if isinstance(following, ArrayObject):
            actions.extend(f.get_object() for f in following)
        elif following is not None:
            actions.append(following)
