"""The agency's logo (--logo), checked before WeasyPrint draws it: a PNG or JPEG must be one (by
its first bytes), and an SVG must stay small once drawn. A 2 KB SVG of nested `<use>` (each a few
uses of the one before) stands for billions of shapes and hung WeasyPrint for ever: the shapes an
SVG draws, every `<use>` expanded, are counted from its XML before anything is drawn."""

from pathlib import Path
from xml.parsers import expat

from santenum.core.errors import InputError

MAGIC = {"image/png": b"\x89PNG\r\n\x1a\n", "image/jpeg": b"\xff\xd8\xff"}
# Elements an SVG logo may draw once every <use> is expanded (a detailed logo has a few hundred).
MAX_SVG_ELEMENTS = 20_000


class _Element:
    __slots__ = ("children", "reference")

    def __init__(self, reference: str | None):
        self.children = []
        self.reference = reference  # the id a <use> draws again


def check_logo(data: bytes, kind: str, path: Path) -> None:
    """InputError (one line) unless data is an image of its kind that draws in bounded time."""
    if kind in MAGIC and not data.startswith(MAGIC[kind]):
        raise InputError(path, f"--logo: not a {kind.split('/')[1].upper()} image")
    if kind == "image/svg+xml":
        if svg_elements(data, path) > MAX_SVG_ELEMENTS:
            raise InputError(
                path,
                f"--logo: the SVG draws more than {MAX_SVG_ELEMENTS} elements once its <use> are "
                "expanded: simplify it or give a PNG",
            )


def svg_elements(data: bytes, path: Path) -> int:
    """Elements the SVG draws, every <use> counted as what it refers to (capped past the limit);
    InputError for XML that is not plain (a DOCTYPE, entities) or a <use> that refers to itself."""
    root, ids, stack = _Element(None), {}, []
    stack.append(root)

    def start(name, attributes):
        reference = None
        if name.rsplit(" ", 1)[-1] == "use":
            href = next((v for k, v in attributes.items() if k.rsplit(" ", 1)[-1] == "href"), "")
            reference = href[1:] if href.startswith("#") else None
        element = _Element(reference)
        stack[-1].children.append(element)
        stack.append(element)
        if "id" in attributes:
            ids[attributes["id"]] = element
        if len(ids) + len(stack) > 10 * MAX_SVG_ELEMENTS:
            raise InputError(path, "--logo: too many SVG elements")

    def refuse(*args):
        raise InputError(path, "--logo: an SVG with a DOCTYPE or entities is not read")

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    parser.EndElementHandler = lambda name: stack.pop()
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise InputError(path, f"--logo: not a well-formed SVG ({exc})") from None
    return _expanded(root, ids, path)


def _expanded(root: _Element, ids: dict, path: Path) -> int:
    """Elements under root with every <use> expanded, depth first without recursion (an SVG may
    nest deeper than Python's stack); counts stop growing past the limit."""
    sizes, stack, open_ = {}, [(root, False)], set()
    while stack:
        element, finished = stack.pop()
        key = id(element)
        needs = element.children + ([ids[element.reference]] if element.reference in ids else [])
        if finished:
            open_.discard(key)
            sizes[key] = min(_CAP, 1 + sum(sizes[id(n)] for n in needs))
            continue
        if key in sizes:
            continue
        open_.add(key)
        stack.append((element, True))
        for need in needs:
            if id(need) in open_:
                raise InputError(path, "--logo: an SVG <use> refers to itself")
            if id(need) not in sizes:
                stack.append((need, False))
    return sizes[id(root)] - 1  # the document itself is no element


_CAP = MAX_SVG_ELEMENTS + 2  # past the limit once the document's own count is taken off
