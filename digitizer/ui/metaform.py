"""Metadata form generated from the TTHC schema (labels in the UI language), validated as you
type with the metadata package's own ``coerce``/``validate``; pre-filled values carry a visible
"tự điền" badge until the clerk confirms them, and the values the extractor could read but not
vouch for (hints, below the pre-fill threshold) are shown under their empty field with the
reason, translated from the extractor's reason code (``HINT_REASONS``), and a "Dùng gợi ý" button
that fills the field."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from .widgets import ignore_wheel_unless_focused

log = logging.getLogger(__name__)

GROUP_TITLES = {
    "dossier": QT_TRANSLATE_NOOP("MetadataForm", "Hồ sơ"),
    "document": QT_TRANSLATE_NOOP("MetadataForm", "Văn bản"),
    "person": QT_TRANSLATE_NOOP("MetadataForm", "Người được cấp"),
    "archive": QT_TRANSLATE_NOOP("MetadataForm", "Lưu trữ"),
    "": QT_TRANSLATE_NOOP("MetadataForm", "Khác"),
}

FIELD_ERRORS = {
    "required": QT_TRANSLATE_NOOP("MetadataForm", "Bắt buộc nhập."),
    "unknown_field": QT_TRANSLATE_NOOP("MetadataForm", "Trường không có trong lược đồ."),
    "bad_type": QT_TRANSLATE_NOOP("MetadataForm", "Kiểu giá trị không đúng."),
    "too_long": QT_TRANSLATE_NOOP("MetadataForm", "Quá dài: tối đa %1 ký tự."),
    "too_many_items": QT_TRANSLATE_NOOP("MetadataForm", "Quá nhiều mục: tối đa %1."),
    "bad_pattern": QT_TRANSLATE_NOOP("MetadataForm", "Sai định dạng."),
    "not_in_list": QT_TRANSLATE_NOOP("MetadataForm", "Giá trị không nằm trong danh sách cho phép."),
    "out_of_range": QT_TRANSLATE_NOOP("MetadataForm", "Giá trị ngoài khoảng cho phép."),
    "bad_date": QT_TRANSLATE_NOOP("MetadataForm", "Ngày không hợp lệ; nhập dd/mm/yyyy."),
    "future_date": QT_TRANSLATE_NOOP("MetadataForm", "Ngày không được ở tương lai."),
    "date_order": QT_TRANSLATE_NOOP("MetadataForm", "Ngày này phải sau ngày bắt đầu."),
    "bad_dossier_code": QT_TRANSLATE_NOOP(
        "MetadataForm", "Mã hồ sơ phải có dạng {mã cơ quan}-{YYMMDD}-{số thứ tự}."
    ),
    "bad_procedure_code": QT_TRANSLATE_NOOP("MetadataForm", "Mã thủ tục phải có dạng 1.001193."),
    "bad_organ_id": QT_TRANSLATE_NOOP(
        "MetadataForm", "Mã định danh cơ quan dạng H39.15 hoặc 000.00.00.H41."
    ),
    "bad_citizen_id": QT_TRANSLATE_NOOP(
        "MetadataForm", "Số định danh cá nhân gồm 12 chữ số (hoặc CMND 9 chữ số)."
    ),
}

# The extractor's reason codes (``digitizer.metadata.extract.REASONS``, stable keys) -> the text
# shown after "Lý do:"; ``{name}`` is replaced by the hint's parameter of that name.
HINT_REASONS = {
    "low_ocr_confidence": QT_TRANSLATE_NOOP(
        "MetadataForm", "chữ đọc được với độ tin cậy thấp ({conf})"
    ),
    "notation_unknown_part": QT_TRANSLATE_NOOP(
        "MetadataForm", "phần ký hiệu không có trong danh mục viết tắt: {part}"
    ),
    "number_handwritten_seen_elsewhere": QT_TRANSLATE_NOOP(
        "MetadataForm", "số viết tay; số và ký hiệu này có in ở chỗ khác trong văn bản"
    ),
    "number_handwritten": QT_TRANSLATE_NOOP(
        "MetadataForm", "số viết tay vào chỗ trống trước dấu “/” (đọc được “{read}”)"
    ),
    "date_in_future": QT_TRANSLATE_NOOP("MetadataForm", "ngày ở tương lai"),
    "date_handwritten": QT_TRANSLATE_NOOP(
        "MetadataForm", "ngày, tháng không in rõ (đọc được {read}; viết tay?)"
    ),
    "organ_no_known_type": QT_TRANSLATE_NOOP(
        "MetadataForm", "tên cơ quan không bắt đầu bằng một loại cơ quan đã biết"
    ),
    "organ_block_too_long": QT_TRANSLATE_NOOP("MetadataForm", "khối tên cơ quan dài hơn 3 dòng"),
    "unmarked_unknown_words": QT_TRANSLATE_NOOP(
        "MetadataForm", "có chữ mất dấu không có trong từ điển"
    ),
    "type_unclear": QT_TRANSLATE_NOOP(
        "MetadataForm", "tên loại đọc được là “{read}”, không rõ là loại văn bản nào"
    ),
    "type_official_letter": QT_TRANSLATE_NOOP(
        "MetadataForm", "không có dòng tên loại, trích yếu “V/v” dưới số: công văn"
    ),
    "subject_low_confidence": QT_TRANSLATE_NOOP(
        "MetadataForm", "{low} trên {total} chữ đọc với độ tin cậy thấp ({words})"
    ),
    "authority_unreadable": QT_TRANSLATE_NOOP(
        "MetadataForm", "dòng thẩm quyền ký đọc không rõ một phần"
    ),
    "position_marker_lost": QT_TRANSLATE_NOOP(
        "MetadataForm",
        "dòng trên (“{heading}”) không đọc được KT./TM./TL. (bị dấu che?): có thể là cấp phó ký",
    ),
    "position_not_deputy": QT_TRANSLATE_NOOP(
        "MetadataForm", "chức vụ đọc được là “{read}”, nhưng ký thay “KT. {authority}” là cấp phó"
    ),
    "position_unclear": QT_TRANSLATE_NOOP(
        "MetadataForm", "dòng chức vụ đọc không rõ một phần (“{read}”)"
    ),
    "position_from_kt": QT_TRANSLATE_NOOP(
        "MetadataForm",
        "không đọc được dòng chức vụ (bị dấu che?); ký thay “KT. {authority}” là cấp phó",
    ),
    "position_from_tm": QT_TRANSLATE_NOOP(
        "MetadataForm", "suy ra từ “TM.” (không đọc được dòng chức vụ)"
    ),
    "name_partly_hidden": QT_TRANSLATE_NOOP(
        "MetadataForm", "tên bị dấu hoặc chữ ký che một phần: {words}"
    ),
    "name_without_heading": QT_TRANSLATE_NOOP(
        "MetadataForm", "không có dòng thẩm quyền hay chức vụ phía trên"
    ),
    "dossier_code_no_label": QT_TRANSLATE_NOOP("MetadataForm", "không có nhãn “Mã hồ sơ”"),
    "barcode": QT_TRANSLATE_NOOP("MetadataForm", "mã {format}, trang {page}"),
    "catalogue_procedure_name": QT_TRANSLATE_NOOP(
        "MetadataForm", "tên thủ tục lấy từ danh mục thủ tục"
    ),
    "catalogue_guess": QT_TRANSLATE_NOOP("MetadataForm", "đoán từ tên văn bản: {name}"),
    "in_force_from_signing": QT_TRANSLATE_NOOP("MetadataForm", "có hiệu lực từ ngày ký"),
    "date_before_received": QT_TRANSLATE_NOOP(
        "MetadataForm", "trước ngày tiếp nhận hồ sơ ({received})"
    ),
    "organ_id_from_dossier_code": QT_TRANSLATE_NOOP(
        "MetadataForm", "lấy từ phần mã cơ quan của mã hồ sơ (cơ quan tiếp nhận)"
    ),
    "secrecy_mark": QT_TRANSLATE_NOOP("MetadataForm", "dấu mật “{read}”"),
}

# Fields the pre-sign checklist requires besides a clean validation.
ESSENTIAL = ("dossier_code", "type_name", "issued_date", "organ_name")


def _t(s: str) -> str:
    return QCoreApplication.translate("MetadataForm", s)


def _schema():
    try:
        from digitizer.metadata.schema import load_schema

        return load_schema()
    except ImportError:
        return None


def hint_reason_text(code: str, params: dict | None = None) -> str:
    """The translated reason of a hint (an unknown code is shown as such, not hidden)."""
    src = HINT_REASONS.get(code)
    text = _t(src) if src else code
    for k, v in (params or {}).items():
        text = text.replace("{" + k + "}", str(v))
    return text


def _display(value: Any) -> str:
    """A value as the form's editors show it (ISO dates as dd/mm/yyyy, lists comma-joined)."""
    if isinstance(value, list):
        value = ", ".join(map(str, value))
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return f"{value[8:10]}/{value[5:7]}/{value[0:4]}"
    return "" if value is None else str(value)


def field_error_text(err: Any) -> str:
    text = _t(
        FIELD_ERRORS.get(err.code, QT_TRANSLATE_NOOP("MetadataForm", "Giá trị không hợp lệ."))
    )
    params = getattr(err, "params", {}) or {}
    if "max" in params:
        text = text.replace("%1", str(params["max"]))
    return text


def validate_record(values: dict) -> dict[str, list]:
    """Field key -> errors, using the metadata package (empty dict when valid)."""
    from digitizer.metadata.validate import coerce, validate

    errs: dict[str, list] = {}
    clean = {k: v for k, v in values.items() if v not in ("", None, [])}
    for e in validate(coerce(clean)):
        errs.setdefault(e.field, []).append(e)
    return errs


def record_for_core(values: dict) -> dict:
    """The record as the core expects it (coerced: ISO dates, ints, lists)."""
    from digitizer.metadata.validate import coerce

    return coerce({k: v for k, v in values.items() if v not in ("", None, [])})


def record_of(item) -> dict:
    """The record a signed document was signed with, for the archive (as at signing time)."""
    values = dict(item.metadata)
    values["page_amount"] = str(len(item.pages))
    return record_for_core(values)


class MetadataForm(QWidget):
    changed = Signal(str)  # item id, after a pause in typing (persist)
    edited = Signal(str)  # item id, at every edit (the checklist follows at once)

    def __init__(self, win, parent=None):
        super().__init__(parent)
        self.win = win
        self.item = None
        self.schema = _schema()
        self.lang = getattr(win.settings, "language", "vi")
        self.editors: dict[str, QWidget] = {}
        self.markers: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        self.hint_rows: dict[str, QWidget] = {}
        self.hint_labels: dict[str, QLabel] = {}
        self.hint_buttons: dict[str, QPushButton] = {}
        self._loading = False
        self._save_timer = QTimer(self, singleShot=True, interval=400)
        self._save_timer.timeout.connect(self._emit_changed)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        top = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        top.addWidget(self.summary, 1)
        self.confirm_btn = QPushButton(self.tr("Xác nhận gợi ý"))
        self.confirm_btn.setToolTip(
            self.tr("Xác nhận mọi giá trị được điền sẵn sau khi đã kiểm tra")
        )
        self.confirm_btn.clicked.connect(self.confirm_all)
        top.addWidget(self.confirm_btn)
        outer.addLayout(top)

        if self.schema is None:
            msg = QLabel(self.tr("Mô-đun thông tin hồ sơ chưa có trong bản cài đặt này."))
            msg.setWordWrap(True)
            outer.addWidget(msg)
            outer.addStretch(1)
            self.confirm_btn.setEnabled(False)
            return

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        bl = QVBoxLayout(body)
        groups: dict[str, QFormLayout] = {}
        for spec in self.schema.fields:
            if spec.key == "page_amount":
                continue  # counted from the pages
            form = groups.get(spec.group)
            if form is None:
                box = QGroupBox(_t(GROUP_TITLES.get(spec.group, GROUP_TITLES[""])))
                form = QFormLayout(box)
                form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
                form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
                groups[spec.group] = form
                bl.addWidget(box)
            ed = self._editor(spec)
            self.editors[spec.key] = ed
            row = QWidget()
            rl = QVBoxLayout(row)
            rl.setContentsMargins(0, 0, 0, 0)
            rl.setSpacing(1)
            line = QHBoxLayout()
            line.addWidget(ed, 1)
            marker = QLabel(self.tr("tự điền"))
            marker.setStyleSheet(
                "background:#fff3cd;color:#7a5b00;border:1px solid #e0c060;border-radius:3px;padding:0 4px"
            )
            marker.setToolTip(self.tr("Giá trị được điền tự động; hãy kiểm tra rồi xác nhận"))
            marker.setVisible(False)
            line.addWidget(marker)
            rl.addLayout(line)
            hint_row = QWidget()
            hl = QHBoxLayout(hint_row)
            hl.setContentsMargins(0, 0, 0, 0)
            hint_label = QLabel()
            hint_label.setWordWrap(True)
            hint_label.setStyleSheet("color:#5d4a00")
            hl.addWidget(hint_label, 1)
            use = QPushButton(self.tr("Dùng gợi ý"))
            use.setToolTip(self.tr("Điền giá trị gợi ý vào trường này; hãy kiểm tra lại"))
            use.clicked.connect(lambda _c=False, k=spec.key: self.use_hint(k))
            hl.addWidget(use, 0)
            hint_row.setVisible(False)
            rl.addWidget(hint_row)
            self.hint_rows[spec.key] = hint_row
            self.hint_labels[spec.key] = hint_label
            self.hint_buttons[spec.key] = use
            err = QLabel()
            err.setStyleSheet("color:#c62828")
            err.setWordWrap(True)
            err.setVisible(False)
            rl.addWidget(err)
            self.markers[spec.key] = marker
            self.errors[spec.key] = err
            label = QLabel(spec.label_for(self.lang))
            label.setBuddy(ed)
            label.setWordWrap(True)
            help_text = spec.help.get(self.lang) if spec.help else None
            if help_text:
                ed.setToolTip(help_text)
            form.addRow(label, row)
        bl.addStretch(1)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.set_item(None)

    def _editor(self, spec) -> QWidget:
        if spec.type == "boolean":
            ed = QCheckBox()
            ed.toggled.connect(lambda _v, k=spec.key: self._edited(k))
            return ed
        if spec.suggestions:
            ed = QComboBox()
            ed.setEditable(True)
            ed.addItems(list(spec.suggestions))
            ed.currentTextChanged.connect(lambda _t, k=spec.key: self._edited(k))
            ignore_wheel_unless_focused(ed)
            return ed
        ed = QLineEdit()
        ed.setObjectName(f"meta_{spec.key}")
        if spec.type == "date":
            ed.setPlaceholderText(self.tr("dd/mm/yyyy"))
        elif spec.type == "list":
            ed.setPlaceholderText(self.tr("cách nhau bằng dấu phẩy"))
        elif spec.help and spec.help.get(self.lang):
            ed.setPlaceholderText(spec.help[self.lang].split(",")[0][:60])
        ed.textEdited.connect(lambda _t, k=spec.key: self._edited(k))
        return ed

    # -- values ----------------------------------------------------------------
    def _get(self, key: str) -> Any:
        ed = self.editors[key]
        if isinstance(ed, QCheckBox):
            return ed.isChecked()
        if isinstance(ed, QComboBox):
            return ed.currentText().strip()
        return ed.text().strip()

    def _set(self, key: str, value: Any) -> None:
        ed = self.editors.get(key)
        if ed is None:
            return
        if isinstance(ed, QCheckBox):
            ed.setChecked(
                bool(value) if not isinstance(value, str) else value.lower() in ("true", "1")
            )
        elif isinstance(ed, QComboBox):
            ed.setCurrentText("" if value is None else str(value))
        else:
            ed.setText(_display(value))  # ISO dates -> dd/mm/yyyy for display
            ed.setCursorPosition(0)

    def set_item(self, item) -> None:
        self.item = item
        if self.schema is None:
            return
        self._loading = True
        defaults = self.schema.defaults()
        for key in self.editors:
            value = item.metadata.get(key) if item else None
            if value is None:
                value = defaults.get(key, False if isinstance(self.editors[key], QCheckBox) else "")
            self._set(key, value)
            self.editors[key].setEnabled(bool(item) and not item.locked)
        self._loading = False
        self._refresh_marks()

    def prefill(self, item, suggestions: dict) -> None:
        """Fill empty fields with the extractor's suggestions (``Suggestions.to_json()``),
        marked "tự điền" until confirmed; keep its hints (``_hints``: value, reason code,
        parameters) on the item for the form to show under their fields."""
        hints = {}
        for key, h in (suggestions.get("_hints") or {}).items():
            if self.schema is not None and self.schema.field(key) is None:
                continue
            if key == "page_amount" or h.get("value") in (None, "", []):
                continue
            hints[key] = {
                "value": h["value"],
                "reason": h.get("reason", ""),
                "params": dict(h.get("params") or {}),
                "confidence": h.get("confidence"),
            }
        item.hints = hints
        for key, value in suggestions.items():
            if key.startswith("_") or value in (None, "", []) or key == "page_amount":
                continue
            if self.schema is not None and self.schema.field(key) is None:
                continue
            if item.metadata.get(key) not in (None, ""):
                continue  # never overwrite what the clerk typed
            item.metadata[key] = value
            if key not in item.suggested:
                item.suggested.append(key)
            item.confirmed = False  # new values: the clerk looks at the record again

    def _edited(self, key: str) -> None:
        if self._loading or self.item is None or self.item.locked:
            return
        self.item.metadata[key] = self._get(key)
        if key in self.item.suggested:
            self.item.suggested.remove(key)
        self.item.confirmed = False  # a change to a confirmed record re-opens the confirmation
        self._refresh_marks()
        self._save_timer.start()
        self.edited.emit(self.item.id)

    def use_hint(self, key: str) -> None:
        """The clerk takes the hint of ``key``: it fills the field as if typed (the clerk's own
        value from now on, no "tự điền" badge)."""
        item = self.item
        hint = (getattr(item, "hints", None) or {}).get(key) if item is not None else None
        if hint is None or item.locked:
            return
        self._loading = True
        self._set(key, hint["value"])
        self._loading = False
        self._edited(key)

    def _emit_changed(self) -> None:
        if self.item is not None:
            self.changed.emit(self.item.id)

    def confirm_all(self) -> None:
        if self.item is None or self.item.locked:
            return
        for key in self.editors:
            self.item.metadata[key] = self._get(key)
        self.item.suggested.clear()
        self.item.confirmed = True
        self._refresh_marks()
        self.changed.emit(self.item.id)
        self.edited.emit(self.item.id)

    def current_values(self) -> dict:
        values = {k: self._get(k) for k in self.editors}
        if self.item is not None:
            values["page_amount"] = str(len(self.item.pages)) if self.item.pages else ""
        return values

    def _refresh_marks(self) -> None:
        item = self.item
        errs = validate_record(self.current_values()) if item is not None else {}
        hints = (getattr(item, "hints", None) or {}) if item is not None else {}
        for key, marker in self.markers.items():
            marker.setVisible(bool(item) and key in item.suggested)
            hint = hints.get(key)
            show = hint is not None and not item.locked and self._get(key) in ("", None)
            if show:
                self.hint_labels[key].setText(
                    self.tr("Gợi ý: %1 — Lý do: %2")
                    .replace("%1", _display(hint["value"]))
                    .replace("%2", hint_reason_text(hint.get("reason", ""), hint.get("params")))
                )
            self.hint_rows[key].setVisible(show)
            lab = self.errors[key]
            msgs = [field_error_text(e) for e in errs.get(key, [])]
            lab.setText(" ".join(msgs))
            lab.setVisible(bool(msgs))
            self.editors[key].setStyleSheet("border:1px solid #c62828" if msgs else "")
        self.field_errors = errs
        if item is None:
            self.summary.setText(self.tr("Chọn một tài liệu để xem thông tin hồ sơ."))
        elif errs:
            self.summary.setText(self.tr("Có %n trường chưa hợp lệ.", "", len(errs)))
        elif item.suggested:
            self.summary.setText(
                self.tr("%n giá trị gợi ý chưa được xác nhận.", "", len(item.suggested))
            )
        elif not item.confirmed and not item.locked:
            self.summary.setText(
                self.tr("Thông tin hồ sơ chưa được xác nhận: kiểm tra rồi bấm Xác nhận.")
            )
        else:
            self.summary.setText(self.tr("Thông tin hồ sơ hợp lệ."))
        self.confirm_btn.setText(
            self.tr("Xác nhận gợi ý") if item and item.suggested else self.tr("Xác nhận")
        )
        self.confirm_btn.setEnabled(
            bool(item and not item.locked and (item.suggested or not item.confirmed))
        )

    def values_of(self, item) -> dict:
        """The record of ``item``: what the form shows when it is open, else its saved values
        over the schema defaults (as the form would show them)."""
        if item is self.item:
            return self.current_values()
        values = dict(self.schema.defaults()) if self.schema is not None else {}
        values.update(item.metadata)
        values["page_amount"] = str(len(item.pages)) if item.pages else ""
        return values

    def missing_essentials(self, item=None) -> list[str]:
        values = self.values_of(item or self.item) if (item or self.item) else {}
        return [
            self.schema.field(k).label_for(self.lang)
            for k in ESSENTIAL
            if self.schema.field(k) is not None and not values.get(k)
        ]

    def first_to_fix(self, item) -> str | None:
        """The first field of ``item``'s record that needs the clerk (missing, invalid, then
        only suggested), in the form's order; None when only the confirmation is left."""
        values = self.values_of(item)
        errs = validate_record(values)
        for key in self.editors:
            if key in ESSENTIAL and not values.get(key):
                return key
        for key in self.editors:
            if key in errs:
                return key
        return next((k for k in self.editors if k in item.suggested), None)

    def show_widget(self, widget) -> None:
        scroll = self.findChild(QScrollArea)
        if scroll is not None:
            scroll.ensureWidgetVisible(widget)

    def is_complete(self, item=None) -> bool:
        """Valid, essentials filled, nothing left suggested, confirmed (the open document, or
        ``item``: the list shows every document's state from the same test)."""
        item = item or self.item
        if self.schema is None or item is None:
            return False
        errs = validate_record(self.values_of(item))
        return (
            not errs and not item.suggested and item.confirmed and not self.missing_essentials(item)
        )
