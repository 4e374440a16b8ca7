"""PDF/A-2b (ISO 19005-2, level B) for the searchable PDF, made before signing.

Circular 05/2025/TT-BNV Art 8 wants the digitised copy as PDF/A; the published sample package is
PDF/A-2b, PDF 1.7 with an OutputIntent. The signature must cover the PDF/A file (a conversion
after signing would break it), so ``digitizer.ocr.assemble`` calls this when it writes the OCR
output, and every later writer (metadata embedding, pyHanko's incremental signing) keeps what is
set here.

What ISO 19005-2 asks of the files we write, and where it is met:

- an OutputIntent ``/GTS_PDFA1`` with an ICC destination profile (6.2.3): page images are
  DeviceRGB/DeviceGray (img2pdf), which 6.2.4.3 allows only with an OutputIntent; the profile is
  sRGB (``resources/icc/sRGB.icc``, see its README), the colour space of scanner JPEGs;
- the PDF/A identification schema in the XMP, ``pdfaid:part=2``, ``pdfaid:conformance=B``
  (6.6.4), added to the XMP already there (merged: nothing else is removed), and the document
  info kept equivalent to the XMP (6.6.3; pikepdf synchronises it when the XMP is saved);
- a file identifier ``/ID`` in the trailer (6.1.3; qpdf writes one) and a binary header
  comment (6.1.2, qpdf), PDF 1.7 header;
- fonts embedded (6.2.11.4): tesseract's text layer uses its embedded GlyphLessFont; a page kept
  as it is (born-digital) brings its own fonts, and one that does not embed them is reported by
  ``blockers`` (the file is then not claimed as PDF/A);
- no forbidden actions (6.5.1, 6.6.1: JavaScript, Launch, ...) and no additional-actions (/AA)
  entries in the catalogue or pages (6.6.2): ``strip_forbidden`` removes them from kept pages.

The validators that prove the result (tests/test_pdfa.py): veraPDF
(``../shared/tools/verapdf/verapdf.sh``, the official PDF/A-2b profile) and PyPI
``page-validation`` as the light, in-process check.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pikepdf

PART = 2
CONFORMANCE = "B"
LABEL = "2b"
# OCRmyPDF's names: --output-type pdfa (= pdfa-2) | pdfa-2 | pdf
OUTPUT_TYPES = ("pdfa", "pdfa-2", "pdf")
SRGB_ICC = Path(__file__).resolve().parents[2] / "resources" / "icc" / "sRGB.icc"
OUTPUT_CONDITION = "sRGB IEC61966-2.1"

# ISO 19005-2 6.6.1: action types a conforming file shall not contain
FORBIDDEN_ACTIONS = frozenset(
    ("/Launch", "/Sound", "/Movie", "/ResetForm", "/ImportData", "/Hide", "/SetOCGState",
     "/Rendition", "/Trans", "/GoTo3DView", "/JavaScript")
)


def wants_pdfa(output_type: str) -> bool:
    if output_type not in OUTPUT_TYPES:
        raise ValueError(f"output type {output_type!r}: expected one of {', '.join(OUTPUT_TYPES)}")
    return output_type != "pdf"


@lru_cache(maxsize=1)
def srgb_profile() -> bytes:
    return SRGB_ICC.read_bytes()


def add_output_intent(pdf: pikepdf.Pdf) -> None:
    """Set the single PDF/A OutputIntent (sRGB); an existing /GTS_PDFA1 intent is replaced
    (ISO 19005-2 6.2.3: all PDF/A intents must share one profile)."""
    icc = pdf.make_stream(srgb_profile())
    icc.N = 3
    intent = pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent,
        S=pikepdf.Name.GTS_PDFA1,
        OutputConditionIdentifier=pikepdf.String(OUTPUT_CONDITION),
        Info=pikepdf.String(OUTPUT_CONDITION),
        RegistryName=pikepdf.String("http://www.color.org"),
        DestOutputProfile=icc,
    )
    others = [o for o in pdf.Root.get("/OutputIntents", []) if o.get("/S") != pikepdf.Name.GTS_PDFA1]
    pdf.Root.OutputIntents = pdf.make_indirect(pikepdf.Array([*others, intent]))


def mark_pdfa(meta) -> None:
    """Add the PDF/A identification to an open ``pdf.open_metadata()`` context (merge)."""
    meta["pdfaid:part"] = str(PART)
    meta["pdfaid:conformance"] = CONFORMANCE


# Our own XMP property for how the page images were stored (digitizer.imaging.profiles)
OCR_NS = "http://ns.digitizer.vn/ocr/1.0/"
OCR_PREFIX = "dgocr"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_EXT = "http://www.aiim.org/pdfa/ns/extension/"
_SCH = "http://www.aiim.org/pdfa/ns/schema#"
_PRP = "http://www.aiim.org/pdfa/ns/property#"
OCR_PROPERTIES = (
    ("ImageProfile", "Text", "Image profile of the page images: archive (colour, at least 24 "
     "bits, every page) or compact (grey or bilevel where the page has no colour)"),
)


def register_namespace() -> None:
    from pikepdf.models.metadata import XmpDocument

    XmpDocument.register_xml_namespace(OCR_NS, OCR_PREFIX)


def set_image_profile(meta, name: str) -> None:
    """Record the image profile in an open ``pdf.open_metadata()`` context."""
    register_namespace()
    meta["{" + OCR_NS + "}ImageProfile"] = name


def describe_ocr_namespace(pdf: pikepdf.Pdf) -> None:
    """Describe the dgocr namespace in a PDF/A extension schema (ISO 19005-2 6.6.2.3.1: custom
    XMP properties must be described in the file), once; other descriptions are kept."""
    from lxml import etree

    raw = pdf.Root.Metadata.read_bytes()
    start, end = raw.find(b"<x:xmpmeta"), raw.rfind(b"</x:xmpmeta>")
    if start < 0 or end < 0:
        return
    root = etree.fromstring(raw[start : end + len(b"</x:xmpmeta>")])
    rdf = root.find(f"{{{_RDF}}}RDF")
    if rdf is None:
        return
    for uri in rdf.iter(f"{{{_SCH}}}namespaceURI"):
        if uri.text == OCR_NS:
            return
    li = etree.SubElement(extension_bag(rdf), f"{{{_RDF}}}li")
    li.set(f"{{{_RDF}}}parseType", "Resource")
    etree.SubElement(li, f"{{{_SCH}}}schema").text = "Digitisation (digitizer)"
    etree.SubElement(li, f"{{{_SCH}}}namespaceURI").text = OCR_NS
    etree.SubElement(li, f"{{{_SCH}}}prefix").text = OCR_PREFIX
    seq = etree.SubElement(etree.SubElement(li, f"{{{_SCH}}}property"), f"{{{_RDF}}}Seq")
    for name, vtype, label in OCR_PROPERTIES:
        p = etree.SubElement(seq, f"{{{_RDF}}}li")
        p.set(f"{{{_RDF}}}parseType", "Resource")
        etree.SubElement(p, f"{{{_PRP}}}name").text = name
        etree.SubElement(p, f"{{{_PRP}}}valueType").text = vtype
        etree.SubElement(p, f"{{{_PRP}}}category").text = "external"
        etree.SubElement(p, f"{{{_PRP}}}description").text = label
    packet = (b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
              + etree.tostring(root, encoding="utf-8") + b'\n<?xpacket end="w"?>')
    pdf.Root.Metadata = pdf.make_stream(packet, Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML)


def extension_bag(rdf):
    """The one ``pdfaExtension:schemas`` bag of an XMP ``rdf:RDF`` element (lxml), made if
    absent. XMP allows a property once per resource: a second ``pdfaExtension:schemas`` (in
    another rdf:Description of the same document) makes the packet invalid (ISO 19005-2
    6.6.2.1), so every extension schema description goes into this bag."""
    from lxml import etree

    for schemas in rdf.iter(f"{{{_EXT}}}schemas"):
        bag = schemas.find(f"{{{_RDF}}}Bag")
        if bag is not None:
            return bag
    nsmap = {"rdf": _RDF, "pdfaExtension": _EXT, "pdfaSchema": _SCH, "pdfaProperty": _PRP}
    desc = etree.SubElement(rdf, f"{{{_RDF}}}Description", nsmap=nsmap)
    desc.set(f"{{{_RDF}}}about", "")
    return etree.SubElement(etree.SubElement(desc, f"{{{_EXT}}}schemas"), f"{{{_RDF}}}Bag")


def _is_forbidden_action(action) -> bool:
    return isinstance(action, pikepdf.Dictionary) and action.get("/S") in FORBIDDEN_ACTIONS


def strip_forbidden(pdf: pikepdf.Pdf) -> list[str]:
    """Remove what ISO 19005-2 forbids and a kept page may bring: /AA in the catalogue, pages and
    annotations, JavaScript name trees, forbidden /OpenAction and link actions. Returns what was
    removed (for the warnings)."""
    removed: list[str] = []
    root = pdf.Root
    if "/AA" in root:
        del root["/AA"]
        removed.append("document additional-actions")
    if "/OpenAction" in root and _is_forbidden_action(root.OpenAction):
        del root["/OpenAction"]
        removed.append("document open action")
    names = root.get("/Names")
    if isinstance(names, pikepdf.Dictionary) and "/JavaScript" in names:
        del names["/JavaScript"]
        removed.append("document JavaScript")
    for n, page in enumerate(pdf.pages, start=1):
        if "/AA" in page.obj:
            del page.obj["/AA"]
            removed.append(f"page {n} additional-actions")
        for annot in page.obj.get("/Annots", []):
            if not isinstance(annot, pikepdf.Dictionary):
                continue
            if "/AA" in annot:
                del annot["/AA"]
                removed.append(f"page {n} annotation additional-actions")
            if _is_forbidden_action(annot.get("/A")):
                kind = str(annot.A.S)[1:]
                del annot["/A"]
                removed.append(f"page {n} annotation {kind} action")
    return removed


def _fonts_of(resources, seen: set, depth: int = 0):
    if not isinstance(resources, pikepdf.Dictionary) or depth > 8:
        return
    for _name, font in (resources.get("/Font") or {}).items():
        if isinstance(font, pikepdf.Dictionary):
            yield font
    for _name, xobj in (resources.get("/XObject") or {}).items():
        if not isinstance(xobj, pikepdf.Stream) or xobj.get("/Subtype") != pikepdf.Name.Form:
            continue
        key = xobj.objgen
        if key != (0, 0) and key in seen:
            continue
        seen.add(key)
        yield from _fonts_of(xobj.get("/Resources"), seen, depth + 1)


def _embedded(font: pikepdf.Dictionary) -> bool:
    sub = font.get("/Subtype")
    if sub == pikepdf.Name.Type3:
        return True  # glyphs are content streams of the font itself
    if sub == pikepdf.Name.Type0:
        desc = font.get("/DescendantFonts")
        return bool(desc) and all(_embedded(d) for d in desc)
    fd = font.get("/FontDescriptor")
    return isinstance(fd, pikepdf.Dictionary) and any(
        k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def blockers(pdf: pikepdf.Pdf, pages: list[int] | None = None) -> list[str]:
    """Why the given pages (0-based; default all) cannot be claimed as PDF/A-2b as they are:
    fonts whose program is not embedded (ISO 19005-2 6.2.11.4.1). Empty when none is known."""
    out: list[str] = []
    for i in pages if pages is not None else range(len(pdf.pages)):
        page = pdf.pages[i]
        seen: set = set()
        missing = sorted({str(f.get("/BaseFont", "?"))[1:] for f in _fonts_of(page.obj.get("/Resources"), seen)
                          if not _embedded(f)})
        if missing:
            out.append(f"page {i + 1} uses fonts that are not embedded ({', '.join(missing)})")
    return out


__all__ = ["CONFORMANCE", "LABEL", "OUTPUT_TYPES", "PART", "add_output_intent", "blockers",
           "mark_pdfa", "strip_forbidden", "wants_pdfa"]
