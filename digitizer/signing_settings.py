"""The office's settings for the visible signature block, shared by the CLI and the GUI.

One file, ``signing.toml`` in the config dir (``digitizer.paths.config_dir()``, honours
``DIGITIZER_CONFIG_DIR``)::

    [stamp]
    copy_agency = "Trung tâm Phục vụ hành chính công xã Hòa Bình"  # the agency that makes copies
    form = "copy"            # default block: "copy" (Decree 30) or "agency" (Circular 05/2025)
    copy_form = "SAO Y"      # SAO Y | SAO LỤC | TRÍCH SAO

    [stamp.forms]            # per document type (the record's type_name) or profile name
    "Tài liệu lưu trữ số hóa" = "agency"

Why a setting: Decree 30/2020 Annex I part II names the agency *making the copy* in the block
(the commune or provincial public-administration service centre), which is neither the
certificate's ``O=`` (on Ban Cơ yếu certificates often the parent body) nor the body that issued
the paper result. Without ``copy_agency`` the certificate's ``O=`` fills in and
:func:`signing.stamp.stamp_text` reports it (``agency_from_certificate``).

The choice of the form, most specific first: the caller's explicit choice (``--stamp-form``),
the entry of ``[stamp.forms]`` for the document's type or profile, ``[stamp] form``, "copy".
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, UsageError
from .fsutil import write_atomic
from .paths import config_dir

FILE_NAME = "signing.toml"


@dataclass(frozen=True)
class StampSettings:
    copy_agency: str | None = None
    form: str = "copy"
    copy_form: str = "SAO Y"
    forms: Mapping[str, str] = field(default_factory=dict)  # document type/profile -> form


def settings_path() -> Path:
    return config_dir() / FILE_NAME


def _check_form(value: object, where: str, path: Path | None) -> str:
    from signing.stamp import STAMP_FORMS

    form = str(value).strip().lower()
    if form not in STAMP_FORMS:
        msg = f"{where}: unknown stamp form {value!r}; use one of: {', '.join(STAMP_FORMS)}"
        if path is None:
            raise UsageError(msg)
        raise InputError(msg, path=path)
    return form


def load(path: str | Path | None = None) -> StampSettings:
    """The settings; defaults when the file does not exist. A broken file is an error (exit 3)
    naming the file: signing with a silently wrong agency would be worse."""
    p = Path(path) if path is not None else settings_path()
    if not p.exists():
        return StampSettings()
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"the signing settings file cannot be read ({exc})", path=p) from None
    st = data.get("stamp", {})
    if not isinstance(st, dict):
        raise InputError("[stamp] must be a table", path=p)
    forms = st.get("forms", {})
    if not isinstance(forms, dict):
        raise InputError("[stamp.forms] must be a table of document type = form", path=p)
    agency = st.get("copy_agency")
    if agency is not None and not isinstance(agency, str):
        raise InputError("[stamp] copy_agency must be text", path=p)
    return StampSettings(
        copy_agency=" ".join(agency.split()) or None if agency else None,
        form=_check_form(st.get("form", "copy"), "[stamp] form", p),
        copy_form=str(st.get("copy_form", "SAO Y")),
        forms={str(k): _check_form(v, f"[stamp.forms] {k!r}", p) for k, v in forms.items()},
    )


def save(settings: StampSettings, path: str | Path | None = None) -> Path:
    """Write the settings (atomically, durably)."""
    import tomli_w

    p = Path(path) if path is not None else settings_path()
    stamp: dict = {"form": settings.form, "copy_form": settings.copy_form}
    if settings.copy_agency:
        stamp["copy_agency"] = settings.copy_agency
    if settings.forms:
        stamp["forms"] = dict(settings.forms)
    p.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(p, tomli_w.dumps({"stamp": stamp}))
    return p


def form_for(settings: StampSettings, doc_type: str | None = None, explicit: str | None = None):
    """The block's form for a document (see the module doc for the order)."""
    if explicit:
        return _check_form(explicit, "--stamp-form", None)
    if doc_type:
        key = " ".join(str(doc_type).split())
        for k, v in settings.forms.items():
            if " ".join(k.split()).casefold() == key.casefold():
                return v
    return settings.form


def stamp_options(
    settings: StampSettings | None = None,
    *,
    doc_type: str | None = None,
    form: str | None = None,
    copy_agency: str | None = None,
    copy_form: str | None = None,
    **more,
):
    """A :class:`signing.StampOptions` from the settings, with the caller's explicit choices
    (CLI flags, a GUI field) taking precedence. ``more`` goes to StampOptions as is
    (visible, attachment_number, seal_image, font_file, page)."""
    from signing import StampOptions

    s = settings if settings is not None else load()
    return StampOptions(
        agency=(copy_agency or "").strip() or s.copy_agency,
        form=form_for(s, doc_type, form),
        copy_form=copy_form or s.copy_form,
        **more,
    )


def options_for_record(settings: StampSettings, base, record: Mapping | None):
    """``base`` (StampOptions) with the form of ``record``'s document type, unless the form was
    chosen explicitly (``explicit_form`` is then the caller's business: pass ``base`` as is)."""
    from dataclasses import replace

    doc_type = (record or {}).get("type_name")
    return replace(base, form=form_for(settings, doc_type))
