"""The GUI's error message table: Vietnamese text keyed by the error's stable ``code``.

One of the two places where errors become words (the other is the CLI handler). Core and
signing exceptions carry ``code``; anything without one is an unexpected error and goes to the
report dialog and the log instead.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CTX = "ErrorMessages"

# code -> (what happened, what to do)
MESSAGES: dict[str, tuple[str, str]] = {
    "internal": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Đã xảy ra lỗi ngoài dự kiến."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Hãy gửi báo cáo lỗi cho bộ phận kỹ thuật."),
    ),
    "usage": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Thao tác không hợp lệ."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Kiểm tra lại lựa chọn rồi thử lại."),
    ),
    "bad_input": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Không đọc được tệp đầu vào."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Kiểm tra tệp (PDF hoặc ảnh) rồi nhập lại."),
    ),
    "unsupported_type": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Loại tệp này không được hỗ trợ."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Chỉ nhập tệp PDF, JPEG, PNG hoặc TIFF."),
    ),
    "empty_file": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Tệp rỗng, không có trang nào."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Chọn lại tệp đúng hoặc quét lại tài liệu."),
    ),
    "corrupt_file": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Tệp bị hỏng, không đọc được."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Lấy lại bản gốc hoặc quét lại tài liệu."),
    ),
    "image_too_large": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Ảnh quá lớn để xử lý."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Quét lại với độ phân giải 300 dpi."),
    ),
    "input_too_large": (
        QT_TRANSLATE_NOOP(
            "ErrorMessages", "Tệp vượt quá giới hạn cho phép (dung lượng hoặc số trang)."
        ),
        QT_TRANSLATE_NOOP(
            "ErrorMessages",
            "Chia tài liệu thành nhiều tệp nhỏ hơn, hoặc nhờ bộ phận kỹ thuật nâng giới hạn.",
        ),
    ),
    "encrypted_pdf": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Tệp PDF được đặt mật khẩu."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Xin bản không mật khẩu hoặc in ra rồi quét lại."),
    ),
    "signed_pdf": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Tệp PDF đã có chữ ký số; sửa nó sẽ làm hỏng chữ ký."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Dùng chức năng Kiểm tra chữ ký thay vì nhập tệp này."),
    ),
    "missing_dependency": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Thiếu chương trình hoặc gói ngôn ngữ cần thiết."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Chạy lại ./setup.sh hoặc báo bộ phận kỹ thuật."),
    ),
    "ocr_failed": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Nhận dạng chữ (OCR) thất bại."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Thử lại; nếu vẫn lỗi, quét lại trang đó."),
    ),
    "ocr_timeout": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Nhận dạng chữ mất quá nhiều thời gian."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Thử lại hoặc quét lại trang với chất lượng tốt hơn."),
    ),
    "output_error": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Không ghi được tệp kết quả."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Kiểm tra quyền ghi và dung lượng ổ đĩa."),
    ),
    "disk_full": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Ổ đĩa đã đầy."),
        QT_TRANSLATE_NOOP(
            "ErrorMessages", "Giải phóng dung lượng rồi thử lại; dữ liệu chưa bị mất."
        ),
    ),
    "metadata_invalid": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Thông tin mô tả (metadata) chưa hợp lệ."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Sửa các trường được tô đỏ trong biểu mẫu."),
    ),
    "classified": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Tài liệu mật không được số hóa tại quầy."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Chuyển tài liệu cho bộ phận văn thư theo quy định."),
    ),
    "batch_incomplete": (
        QT_TRANSLATE_NOOP(
            "ErrorMessages", "Lô tài liệu đã chạy xong nhưng có tài liệu lỗi hoặc cần xem lại."
        ),
        QT_TRANSLATE_NOOP("ErrorMessages", "Xem nhật ký của lô để xử lý từng tài liệu."),
    ),
    "archive_error": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Lưu trữ gặp lỗi."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Tài liệu vẫn nằm trong hàng đợi; hệ thống sẽ thử lại."),
    ),
    "archive_unavailable": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Không kết nối được kho lưu trữ."),
        QT_TRANSLATE_NOOP(
            "ErrorMessages",
            "Tài liệu vẫn nằm an toàn trong hàng đợi và sẽ tự gửi lại khi có kết nối.",
        ),
    ),
    "archive_checksum_mismatch": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Tệp trên kho lưu trữ không khớp mã kiểm tra."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Gửi lại tài liệu; nếu vẫn lỗi, báo bộ phận kỹ thuật."),
    ),
    "archive_config": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Chưa cấu hình kho lưu trữ đúng."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Mở Cài đặt > Lưu trữ và nhập thư mục hoặc máy chủ S3."),
    ),
    "scanner_error": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Máy quét gặp lỗi."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Kiểm tra giấy, nắp máy và cáp rồi quét lại."),
    ),
    "no_scanner": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Không tìm thấy máy quét."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Cắm và bật máy quét, hoặc dùng Nhập tệp."),
    ),
    "scanner_busy": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Máy quét đang bận."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Đợi lượt quét hiện tại xong rồi thử lại."),
    ),
    "paper_jam": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Máy quét bị kẹt giấy."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Mở máy, gỡ tờ giấy bị kẹt rồi quét lại trang đó."),
    ),
    "cover_open": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Nắp máy quét đang mở."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Đóng nắp máy quét rồi quét lại."),
    ),
    "no_documents": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Khay nạp giấy không có tài liệu."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Đặt giấy vào khay nạp rồi quét lại."),
    ),
    "scanner_io": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Lỗi truyền dữ liệu với máy quét."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Kiểm tra cáp, tắt bật máy quét rồi thử lại."),
    ),
    "scanner_disconnected": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Máy quét đã bị ngắt kết nối."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Cắm lại máy quét; các trang đã quét vẫn được giữ."),
    ),
    "cancelled": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Đã hủy theo yêu cầu."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Không có dữ liệu nào bị mất."),
    ),
    # signing.errors codes (stable strings defined by the signing package)
    "signing_failed": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Ký số thất bại."),
        QT_TRANSLATE_NOOP(
            "ErrorMessages", "Tài liệu chưa bị thay đổi; kiểm tra chứng thư rồi thử lại."
        ),
    ),
    "cert_rejected": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Chứng thư số không dùng để ký được."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Chọn chứng thư số khác trong Cài đặt > Chữ ký số."),
    ),
    "cert_expired": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Chứng thư số đã hết hạn."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Gia hạn chứng thư số trước khi ký."),
    ),
    "cert_not_yet_valid": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Chứng thư số chưa đến ngày có hiệu lực."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Kiểm tra đồng hồ máy tính hoặc dùng chứng thư khác."),
    ),
    "cert_revoked": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Chứng thư số đã bị thu hồi."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Không ký bằng chứng thư này; liên hệ người quản lý."),
    ),
    "p12_wrong_password": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Mật khẩu tệp chứng thư (.p12) không đúng."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Nhập lại mật khẩu; tài liệu chưa bị thay đổi."),
    ),
    "pin_incorrect": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Mã PIN không đúng."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Nhập lại mã PIN; chú ý số lần thử còn lại của token."),
    ),
    "pin_locked": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Token đã bị khóa PIN."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Liên hệ người quản lý chứng thư số để mở khóa."),
    ),
    "pin_final_try": (
        QT_TRANSLATE_NOOP(
            "ErrorMessages",
            "Token chỉ còn một lần thử mã PIN: nhập sai lần nữa token sẽ bị khóa.",
        ),
        QT_TRANSLATE_NOOP(
            "ErrorMessages",
            "Kiểm tra kỹ mã PIN rồi xác nhận để thử; nếu không chắc, liên hệ người quản lý "
            "chứng thư số.",
        ),
    ),
    "pin_count_low": (
        QT_TRANSLATE_NOOP(
            "ErrorMessages",
            "Token báo đã có lần nhập sai mã PIN; số lần thử còn lại đang giảm.",
        ),
        QT_TRANSLATE_NOOP(
            "ErrorMessages",
            "Kiểm tra kỹ mã PIN rồi xác nhận để thử; nhập sai nhiều lần token sẽ bị khóa.",
        ),
    ),
    "stamp_no_agency": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Chưa có tên cơ quan sao văn bản để ghi lên chữ ký."),
        QT_TRANSLATE_NOOP(
            "ErrorMessages", "Nhập tên cơ quan thực hiện sao văn bản trong Cài đặt > Chữ ký số."
        ),
    ),
    "token_not_found": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Không tìm thấy token ký số."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Cắm token vào máy rồi thử lại."),
    ),
    "key_not_found": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Không tìm thấy khóa ký trong token hoặc tệp."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Chọn đúng chứng thư số trong Cài đặt > Chữ ký số."),
    ),
    # remote signing (CSC): codes of signing.errors.Remote*
    "csc_unreachable": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Không kết nối được dịch vụ ký số từ xa."),
        QT_TRANSLATE_NOOP(
            "ErrorMessages", "Kiểm tra mạng và địa chỉ dịch vụ trong Cài đặt > Chữ ký số."
        ),
    ),
    "csc_rate_limited": (
        QT_TRANSLATE_NOOP(
            "ErrorMessages", "Dịch vụ ký số từ xa đang tạm từ chối vì có quá nhiều yêu cầu."
        ),
        QT_TRANSLATE_NOOP("ErrorMessages", "Chờ vài phút rồi ký tiếp; các tài liệu đã ký vẫn giữ."),
    ),
    "csc_credential_unknown": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Dịch vụ ký số từ xa không có chứng thư số đã chọn."),
        QT_TRANSLATE_NOOP(
            "ErrorMessages", "Chọn lại chứng thư số từ danh sách của dịch vụ trong Cài đặt."
        ),
    ),
    "csc_credential_disabled": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Chứng thư số trên dịch vụ ký từ xa đang bị tạm khóa."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Liên hệ nhà cung cấp dịch vụ ký số để kích hoạt lại."),
    ),
    "csc_access_refused": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Dịch vụ ký số từ xa từ chối truy cập."),
        QT_TRANSLATE_NOOP(
            "ErrorMessages", "Đăng nhập lại tài khoản ký số từ xa (mã truy cập đã hết hạn?)."
        ),
    ),
    "csc_authorization_refused": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Yêu cầu ký không được xác nhận."),
        QT_TRANSLATE_NOOP(
            "ErrorMessages", "Ký lại và xác nhận yêu cầu ký trên ứng dụng điện thoại."
        ),
    ),
    "csc_otp_incorrect": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Mã OTP hoặc mã PIN ký số từ xa không đúng."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Nhập lại mã mới nhất; tài liệu chưa bị thay đổi."),
    ),
    "csc_authorization_expired": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Lượt xác nhận ký đã hết hạn."),
        QT_TRANSLATE_NOOP(
            "ErrorMessages", "Ký tiếp để xác nhận lại; các tài liệu đã ký vẫn giữ nguyên."
        ),
    ),
    "csc_credential_locked": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Chứng thư số trên dịch vụ ký từ xa đã bị khóa."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Liên hệ nhà cung cấp dịch vụ ký số để mở khóa."),
    ),
    "csc_refused": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Dịch vụ ký số từ xa từ chối yêu cầu ký."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Thử lại; nếu vẫn lỗi, báo bộ phận kỹ thuật."),
    ),
    "csc_bad_response": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Dịch vụ ký số từ xa trả lời không hợp lệ."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Thử lại sau; nếu vẫn lỗi, báo bộ phận kỹ thuật."),
    ),
    "tsa_unavailable": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Không kết nối được máy chủ dấu thời gian (TSA)."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Kiểm tra mạng hoặc địa chỉ TSA trong Cài đặt."),
    ),
    "tsa_missing": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Chưa cấu hình máy chủ dấu thời gian (TSA)."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Nhập địa chỉ TSA trong Cài đặt > Chữ ký số."),
    ),
    "revocation_unavailable": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Không kiểm tra được tình trạng thu hồi của chứng thư."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Kiểm tra kết nối mạng rồi ký lại."),
    ),
    "self_check_failed": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Bản ký tự kiểm tra không đạt nên đã bị hủy."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Ký lại; nếu vẫn lỗi, báo bộ phận kỹ thuật."),
    ),
    "verify_setup": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Không chuẩn bị được việc kiểm tra chữ ký."),
        QT_TRANSLATE_NOOP(
            "ErrorMessages", "Kiểm tra danh sách chứng thư gốc tin cậy trong Cài đặt."
        ),
    ),
    "trust_store": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Không đọc được kho chứng thư gốc tin cậy."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Kiểm tra các tệp chứng thư gốc trong Cài đặt."),
    ),
    "verify_error": (
        QT_TRANSLATE_NOOP("ErrorMessages", "Không kiểm tra được chữ ký."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Kiểm tra tệp PDF rồi thử lại."),
    ),
}


def tr(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


def describe(exc: BaseException) -> tuple[str, str, str]:
    """Return (code, what happened, what to do) in the current UI language.

    Unknown codes fall back to their family (``pin*`` -> wrong_pin etc.) and finally to the
    generic text; the technical message is shown separately as a detail.
    """
    code = str(getattr(exc, "code", "") or "internal")
    what, todo = describe_code(code, signing_family=hasattr(exc, "exit_code"))
    return code, what, todo


def describe_code(code: str, signing_family: bool = False) -> tuple[str, str]:
    """(what happened, what to do) for a stored error code, e.g. a document's ``error_code``."""
    entry = MESSAGES.get(code)
    if entry is None:
        for prefix, key in (
            ("pin", "pin_incorrect"),
            ("p12", "p12_wrong_password"),
            ("archive", "archive_error"),
            ("scanner", "scanner_error"),
            ("ocr", "ocr_failed"),
            ("cert", "cert_rejected"),
            ("sign", "signing_failed"),
            ("verif", "verify_error"),
            ("tsa", "tsa_unavailable"),
        ):
            if code.startswith(prefix):
                entry = MESSAGES[key]
                break
    if entry is None:
        entry = MESSAGES["signing_failed"] if signing_family else MESSAGES["internal"]
    return tr(entry[0]), tr(entry[1])


def is_expected(exc: BaseException) -> bool:
    """Errors with a stable code are explained to the user; the rest are bugs to report."""
    return bool(getattr(exc, "code", None))
