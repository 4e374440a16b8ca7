"""Which changes after a signature are allowed: a data-driven policy on top of pyHanko's
difference analysis (``pyhanko.sign.diff_analysis``).

pyHanko compares the signed revision with every later revision and explains each changed
object with a whitelisting rule, at one of its modification levels (LTA_UPDATES <
FORM_FILLING < ANNOTATIONS; anything unexplained is a ``SuspiciousModification``). We keep that
engine and its rules and decide with :data:`ALLOWED` which *kinds* of change each DocMDP level
permits (ISO 32000-2 §12.8.2.2, Table 257; ETSI EN 319 142-1 §5.4 for LTV updates):

=============  ==========================================================  ===============
kind           what (rule that explains it)                                pyHanko level
=============  ==========================================================  ===============
lta            DSS and VRI updates, document timestamps in new invisible   LTA_UPDATES
               fields, new xref/object streams, unreferenced new objects
metadata       XMP metadata stream, the trailer's /Info dictionary         LTA_UPDATES
signature      a signature put into an empty field, or a new signature     FORM_FILLING
               field signed in the same revision, with its widget and
               appearance
form_fill      field values (/V, /I, /AS …) and their appearances,          FORM_FILLING
               /AcroForm /DR fonts, /DA, /NeedAppearances
annotation     non-widget annotations added, changed or removed on a page  ANNOTATIONS
               (with their appearance streams; a catalog /Names /AP tree)
=============  ==========================================================  ===============

=========================  =============================================  =====================
DocMDP /P                   allowed kinds                                  why
=========================  =============================================  =====================
1 (no changes)             lta, metadata                                  Table 257; PAdES LTV
2 (form fill, signing)     lta, metadata, signature, form_fill            Table 257
3 (+ annotations)          lta, metadata, signature, form_fill, annot.    Table 257
none (approval signatures) lta, metadata, signature, form_fill, annot.    §12.8.2.2: no DocMDP,
                                                                          no restriction; DSS
                                                                          accepts these too
=========================  =============================================  =====================

Everything else — content streams, images, fonts or XObjects used by a page, new or removed
pages, replaced objects the signed revision used, freed objects — is never allowed. A FieldMDP
lock (the signature's /Lock or /TransformParams) additionally forbids filling the locked fields
(pyHanko enforces it). What a policy explicitly permits can still change what a reader sees
(a new annotation over the text): :mod:`signing.visual` is the second opinion for that.

Deviations from pyHanko 0.38's ``DEFAULT_DIFF_POLICY``, each grounded above:

* a new *visible* signature field after a certification signature is accepted when it is
  signed in the same revision (P=2 permits signing; pyHanko documents its refusal as
  "stricter than Acrobat"); an unsigned new visible signature field still is not;
* choice-field ``/I`` (selected indices, ISO 32000-2 Table 231) is a value like ``/V``;
* annotation changes are explained (pyHanko has the level but no rule for it).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import HistoricalResolver
from pyhanko.sign.diff_analysis import (
    CatalogModificationRule,
    DocInfoRule,
    DSSCompareRule,
    FormUpdate,
    FormUpdatingRule,
    GenericFieldModificationRule,
    MetadataUpdateRule,
    ModificationLevel,
    ObjectStreamRule,
    QualifiedWhitelistRule,
    ReferenceUpdate,
    WhitelistRule,
    SigFieldCreationRule,
    SigFieldModificationRule,
    StandardDiffPolicy,
    SuspiciousModification,
    XrefStreamRule,
)
from pyhanko.sign.diff_analysis.commons import compare_dicts
from pyhanko.sign.diff_analysis.constants import (
    ROOT_EXEMPT_STRICT_COMPARISON,
    VALUE_UPDATE_KEYS,
)

# ---------------------------------------------------------------- the table (data)

KIND_LEVEL: dict[str, ModificationLevel] = {
    "lta": ModificationLevel.LTA_UPDATES,
    "metadata": ModificationLevel.LTA_UPDATES,
    "signature": ModificationLevel.FORM_FILLING,
    "form_fill": ModificationLevel.FORM_FILLING,
    "annotation": ModificationLevel.ANNOTATIONS,
}

ALLOWED: dict[int | None, frozenset[str]] = {
    1: frozenset({"lta", "metadata"}),
    2: frozenset({"lta", "metadata", "signature", "form_fill"}),
    3: frozenset({"lta", "metadata", "signature", "form_fill", "annotation"}),
    None: frozenset({"lta", "metadata", "signature", "form_fill", "annotation"}),
}

# level -> the kinds it may stand for (for messages)
LEVEL_KINDS = {
    lvl: tuple(k for k, v in KIND_LEVEL.items() if v == lvl)
    for lvl in (
        ModificationLevel.LTA_UPDATES,
        ModificationLevel.FORM_FILLING,
        ModificationLevel.ANNOTATIONS,
    )
}


def max_level(docmdp: int | None) -> ModificationLevel:
    """The highest pyHanko modification level the kinds allowed at ``docmdp`` reach."""
    kinds = ALLOWED[docmdp]
    return max((KIND_LEVEL[k] for k in kinds), default=ModificationLevel.NONE)


# ---------------------------------------------------------------- rules (pyHanko API)


class _SigFieldCreation(SigFieldCreationRule):
    """New signature fields; after a certification only if signed in the same revision."""

    def __init__(self):
        # widget bindings to pages are explained by PageAnnotsRule (which also knows
        # pre-existing fields signed in the revision)
        super().__init__(approve_widget_bindings=False, allow_new_visible_after_certify=True)

    def apply(self, context) -> Iterable[tuple[ModificationLevel, FormUpdate]]:
        # new, unsigned, and with an appearance a reader shows
        unsigned_new = {
            name
            for name, spec in context.field_specs.items()
            if spec.field_type == "/Sig"
            and spec.old_field_ref is None
            and spec.new_field_ref is not None
            and "/V" not in spec.new_field
            and "/AP" in spec.new_field
        }
        for level, upd in super().apply(context):
            if upd.field_name in unsigned_new and level > ModificationLevel.LTA_UPDATES:
                # a visible empty signature field is not "signing" (Table 257, P=2)
                upd = dataclasses.replace(upd, valid_when_certifying=False)
            yield level, upd


class _CatalogWithAnnotationNames(CatalogModificationRule):
    """Catalog changes; additionally a /Names tree whose only change is /AP (named annotation
    appearance streams, ISO 32000-2 Table 32), at ANNOTATIONS level."""

    def __init__(self):
        super().__init__(ignored_keys=ROOT_EXEMPT_STRICT_COMPARISON | {"/Names"})

    def apply_qualified(self, old, new):
        yield from super().apply_qualified(old, new)
        old_raw = old.root.raw_get("/Names") if "/Names" in old.root else None
        new_raw = new.root.raw_get("/Names") if "/Names" in new.root else None
        if old_raw is None and new_raw is None:
            return
        if new_raw is None:
            raise SuspiciousModification("the catalog's /Names tree was removed")
        old_names = old_raw.get_object() if old_raw is not None else generic.DictionaryObject()
        new_names = new_raw.get_object()
        if isinstance(new_raw, generic.IndirectObject):
            if old_raw is not None and not isinstance(old_raw, generic.IndirectObject):
                raise SuspiciousModification("/Names changed from direct to indirect")
            if old_raw is None and not old.is_ref_unassignable(new_raw.reference):
                raise SuspiciousModification("/Names reuses an object of the signed revision")
        if old_raw is not None and isinstance(new_raw, generic.IndirectObject):
            if new_raw.reference != old_raw.reference:
                raise SuspiciousModification("/Names points to another object")
        # raises unless only /AP differs
        compare_dicts(old_names, new_names, frozenset({"/AP"}))
        if isinstance(new_raw, generic.IndirectObject):
            yield ModificationLevel.ANNOTATIONS, ReferenceUpdate(new_raw.reference)
        if "/AP" in new_names:
            ap = new_names.raw_get("/AP")
            for ref in new.collect_dependencies(ap, since_revision=old.revision + 1):
                yield ModificationLevel.ANNOTATIONS, ReferenceUpdate(ref)


def _is_widget(obj) -> bool:
    return isinstance(obj, generic.DictionaryObject) and obj.get("/Subtype") == "/Widget"


def _is_annot(obj) -> bool:
    return (
        isinstance(obj, generic.DictionaryObject)
        and "/Subtype" in obj
        and "/Rect" in obj
        and obj.get("/Type", "/Annot") == "/Annot"
    )


def _annot_refs(page) -> tuple[set, object]:
    raw = page.raw_get("/Annots") if "/Annots" in page else None
    if raw is None:
        return set(), None
    arr = raw.get_object()
    if not isinstance(arr, generic.ArrayObject):
        raise SuspiciousModification("/Annots is not an array")
    refs = set()
    for item in arr:
        if not isinstance(item, generic.IndirectObject):
            raise SuspiciousModification("annotations must be indirect objects")
        refs.add(item.reference)
    return refs, (raw.reference if isinstance(raw, generic.IndirectObject) else None)


def _pages(node, seen=()):
    """Page dictionaries (with their references) in document order."""
    for kid in node.get_object().raw_get("/Kids"):
        if not isinstance(kid, generic.IndirectObject) or kid.reference in seen:
            raise SuspiciousModification("malformed page tree")
        obj = kid.get_object()
        if obj.get("/Type") == "/Pages":
            yield from _pages(obj, (*seen, kid.reference))
        else:
            yield kid.reference, obj


def _widget_level(old, new, ref, widget) -> ModificationLevel | None:
    """A widget newly put on a page: the widget of a signature field that is new in this
    revision (invisible: LTA level, e.g. a document timestamp) or signed in this revision
    (Acrobat attaches a pre-existing empty field's widget to the page when signing into it).
    ``None``: not a binding we can explain."""
    from pyhanko.sign.diff_analysis.rules.form_field_rules import is_field_visible

    field_ref, field = ref, widget
    if "/T" not in widget and "/Parent" in widget:
        parent = widget.raw_get("/Parent")
        if not isinstance(parent, generic.IndirectObject):
            return None
        field_ref, field = parent.reference, parent.get_object()
    if field.get("/FT") != "/Sig":
        return None
    visible = is_field_visible(field) if field is widget else is_field_visible(widget)
    if old.is_ref_unassignable(field_ref):
        return ModificationLevel.FORM_FILLING if visible else ModificationLevel.LTA_UPDATES
    before = old(field_ref)
    signed_before = isinstance(before, generic.DictionaryObject) and "/V" in before
    if "/V" in field and not signed_before:
        return ModificationLevel.FORM_FILLING
    return None


class PageAnnotsRule(QualifiedWhitelistRule):
    """Changes to a page's /Annots: non-widget annotations added, changed or removed
    (ANNOTATIONS level: DocMDP P=3 and approval-only documents), and widgets of signature
    fields created or signed in the revision bound to the page (see :func:`_widget_level`).
    The page dictionary may change in /Annots only; other widget changes are the form rules'
    business; new appearance objects must be new objects."""

    def apply_qualified(
        self, old: HistoricalResolver, new: HistoricalResolver
    ) -> Iterable[tuple[ModificationLevel, ReferenceUpdate]]:
        changed = set(new.explicit_refs_in_revision())
        try:
            old_pages = list(_pages(old.root["/Pages"]))
            new_pages = list(_pages(new.root["/Pages"]))
        except (KeyError, SuspiciousModification):
            return
        if [r for r, _ in old_pages] != [r for r, _ in new_pages]:
            return  # page tree changed: not an annotation change (left unexplained)
        for (ref, old_page), (_, new_page) in zip(old_pages, new_pages):
            old_annots, old_arr = _annot_refs(old_page)
            new_annots, new_arr = _annot_refs(new_page)
            touched = (
                ref in changed
                or (new_arr is not None and new_arr in changed)
                or any(a in changed for a in new_annots)
            )
            if not touched:
                continue
            if not compare_dicts(old_page, new_page, frozenset({"/Annots"}), raise_exc=False):
                continue  # something else on the page changed: left unexplained
            removed = old_annots - new_annots
            for a in removed:
                if _is_widget(old(a)):
                    raise SuspiciousModification(f"widget annotation {a} was removed")
            ok, items, page_level = True, [], None
            if removed:
                page_level = ModificationLevel.ANNOTATIONS
            for a in new_annots:
                obj = new(a)
                is_new = old.is_ref_unassignable(a)
                if _is_widget(obj):
                    if a in old_annots:
                        continue  # an existing widget: the form rules judge it
                    lvl = _widget_level(old, new, a, obj)
                    if lvl is None:
                        ok = False
                        continue
                    page_level = lvl if page_level is None else max(page_level, lvl)
                    continue
                if not is_new and a not in changed:
                    continue
                if not _is_annot(obj) or (not is_new and not _is_annot(old(a))):
                    ok = False
                    continue
                if not is_new and _is_widget(old(a)):
                    ok = False
                    continue
                page_level = ModificationLevel.ANNOTATIONS
                items.append(a)
                items.extend(new.collect_dependencies(obj, since_revision=old.revision + 1))
            if not ok or page_level is None:
                continue  # nothing to explain here (or something we cannot explain)
            for r in items:
                yield ModificationLevel.ANNOTATIONS, ReferenceUpdate(r)
            if ref in changed:
                # blanket: the page dictionary was compared key by key above
                yield page_level, ReferenceUpdate(ref)
            if new_arr is not None and new_arr in changed:
                if old_arr is not None and old_arr != new_arr:
                    continue
                yield page_level, ReferenceUpdate(new_arr)


class _DSSRule(DSSCompareRule):
    """pyHanko's DSS rule, except that an existing /VRI entry may gain validation data (ETSI
    EN 319 142-1 5.4.2: the DSS is updated with further validation data; EU DSS rewrites the
    VRI entry of a signature when it adds OCSP/CRL for it). Removing an entry stays refused;
    its new streams must be new objects, its old arrays are validated as pyHanko validates
    the DSS arrays."""

    def apply(self, old, new):
        from pyhanko.pdf_utils.reader import RawPdfPath
        from pyhanko.sign.diff_analysis.rules.form_field_rules import (
            _validate_dss_substructure,
        )
        from pyhanko.sign.diff_analysis.rules_api import Context

        def vri_of(root):
            try:
                dss = root["/DSS"]
                return dss["/VRI"] if "/VRI" in dss else None
            except (KeyError, TypeError):
                return None

        old_vri, new_vri = vri_of(old.root), vri_of(new.root)
        modified = set()
        if isinstance(old_vri, generic.DictionaryObject) and isinstance(
            new_vri, generic.DictionaryObject
        ):
            modified = {
                k for k in old_vri if k in new_vri and new_vri.raw_get(k) != old_vri.raw_get(k)
            }
        if not modified:
            yield from super().apply(old, new)
            return
        # let pyHanko judge everything else with the modified entries as they were
        saved = {}
        try:
            for k in modified:
                saved[k] = new_vri.raw_get(k)
                new_vri[k] = old_vri.raw_get(k)
            yield from super().apply(old, new)
        finally:
            for k, v in saved.items():
                new_vri[k] = v
        for k in modified:
            old_entry, new_raw = old_vri[k], new_vri.raw_get(k)
            new_entry = new_raw.get_object()
            if not isinstance(new_entry, generic.DictionaryObject):
                raise SuspiciousModification("VRI entries should be dictionaries")
            extra = set(new_entry.keys()) - {"/Type", "/TU", "/TS", "/Cert", "/CRL", "/OCSP"}
            if extra:
                raise SuspiciousModification(f"Unexpected keys in VRI dictionary: {extra}")
            if isinstance(new_raw, generic.IndirectObject):
                yield ReferenceUpdate(new_raw.reference)
            yield from _validate_dss_substructure(
                old,
                new,
                old_entry,
                new_entry,
                {"/Cert", "/CRL", "/OCSP"},
                is_vri=True,
                context=Context.from_absolute(old, RawPdfPath("/Root", "/DSS", "/VRI", k)),
            )


# trailer keys of ISO 32000-2 Table 15 (+ hybrid /XRefStm); others are producer extras
STANDARD_TRAILER_KEYS = frozenset(
    {
        "/Size",
        "/Prev",
        "/Root",
        "/Encrypt",
        "/Info",
        "/ID",
        "/XRefStm",
        "/Type",
        "/W",
        "/Index",
        "/Filter",
        "/DecodeParms",
        "/Length",
    }
)


class DanglingTrailerRefRule(WhitelistRule):
    """A non-standard trailer entry of the signed revision (LibreOffice's /AdditionalStreams,
    copied forward by PDFBox-based signers such as EU DSS with the next free object number)
    that points at an object *undefined* in that revision: ISO 32000-2 7.3.10 makes it a
    reference to null, so the later revision that defines that object number replaces
    nothing that was signed. This clears that one old usage; the new object itself still
    is vetted by its own rule: only objects of the DSS or of a new signature field (what
    LTV and timestamp updates write) are cleared this way."""

    def apply(self, old, new):
        from pyhanko.pdf_utils.reader import RawPdfPath
        from pyhanko.sign.diff_analysis.rules_api import Context

        trailer = old.trailer_view
        extra_keys = set(trailer.keys()) - STANDARD_TRAILER_KEYS
        if not extra_keys:
            return
        since = old.revision + 1
        new_refs = set()
        root = new.root
        if "/DSS" in root:
            raw = root.raw_get("/DSS")
            if isinstance(raw, generic.IndirectObject):
                new_refs.add(raw.reference)
            new_refs |= new.collect_dependencies(raw, since_revision=since)
        try:
            for f in root["/AcroForm"]["/Fields"]:
                if isinstance(f, generic.IndirectObject) and old.is_ref_unassignable(f.reference):
                    if f.get_object().get("/FT") == "/Sig":
                        new_refs.add(f.reference)
                        new_refs |= new.collect_dependencies(f, since_revision=since)
        except (KeyError, TypeError):
            pass
        new_refs &= set(new.explicit_refs_in_revision())

        def walk(value, path):
            if isinstance(value, generic.IndirectObject):
                ref = value.reference
                if ref in new_refs and old.is_ref_unassignable(ref):
                    yield ReferenceUpdate(ref, Context.from_absolute(old, RawPdfPath(*path)))
            elif isinstance(value, generic.ArrayObject):
                for i, v in enumerate(value):
                    yield from walk(v, (*path, i))
            elif isinstance(value, generic.DictionaryObject):
                for k in value:
                    yield from walk(value.raw_get(k), (*path, k))

        for key in extra_keys:
            try:
                yield from walk(trailer.raw_get(key), (key,))
            except Exception:  # noqa: BLE001 - an odd trailer is left to the other checks
                return


def build_policy() -> StandardDiffPolicy:
    """pyHanko's standard rules with the deviations listed in the module docstring."""
    return StandardDiffPolicy(
        global_rules=[
            _CatalogWithAnnotationNames(),
            DocInfoRule().as_qualified(KIND_LEVEL["metadata"]),
            XrefStreamRule().as_qualified(KIND_LEVEL["lta"]),
            ObjectStreamRule().as_qualified(KIND_LEVEL["lta"]),
            _DSSRule().as_qualified(KIND_LEVEL["lta"]),
            MetadataUpdateRule().as_qualified(KIND_LEVEL["metadata"]),
            PageAnnotsRule(),
            DanglingTrailerRefRule().as_qualified(KIND_LEVEL["lta"]),
        ],
        form_rule=FormUpdatingRule(
            field_rules=[
                _SigFieldCreation(),
                SigFieldModificationRule(),
                GenericFieldModificationRule(value_update_keys=VALUE_UPDATE_KEYS | {"/I"}),
            ],
        ),
    )


POLICY = build_policy()


@dataclass(frozen=True)
class Review:
    """Verdict on the revisions after one signature."""

    allowed: bool
    level: str  # NONE / LTA_UPDATES / FORM_FILLING / ANNOTATIONS / OTHER
    docmdp: int | None
    detail: str
    changed_fields: tuple[str, ...] = ()

    @property
    def kinds(self) -> tuple[str, ...]:
        lvl = getattr(ModificationLevel, self.level, None)
        return tuple(k for k, v in KIND_LEVEL.items() if lvl is not None and v <= lvl)


def review(reader, signed_revision: int, *, docmdp: int | None, fieldmdp=None) -> Review:
    """Compare ``signed_revision`` with each later revision of ``reader`` (pyHanko's
    ``review_file``) and judge the result against :data:`ALLOWED`."""
    from pyhanko.sign.fields import MDPPerm

    if signed_revision >= reader.total_revisions - 1:
        return Review(True, "NONE", docmdp, "no later revision")
    perm = MDPPerm(docmdp) if docmdp in (1, 2, 3) else None
    # reading errors propagate: the caller may retry with a less strict reader
    res = POLICY.review_file(reader, signed_revision, field_mdp_spec=fieldmdp, doc_mdp=perm)
    if isinstance(res, SuspiciousModification):
        return Review(False, "OTHER", docmdp, str(res).splitlines()[0][:500])
    lvl = res.modification_level
    fields_ = tuple(sorted(res.changed_form_fields))
    limit = max_level(docmdp)
    if lvl > limit:
        what = ", ".join(LEVEL_KINDS.get(lvl, (lvl.name,)))
        p = "no DocMDP" if docmdp is None else f"DocMDP P={docmdp}"
        return Review(False, lvl.name, docmdp, f"{what} changes are not permitted by {p}", fields_)
    return Review(True, lvl.name, docmdp, "", fields_)
