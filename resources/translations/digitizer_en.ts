<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi_VN">
<context>
    <name>CertificateDialog</name>
    <message>
        <source>Chứng thư số dùng để ký</source>
        <translation>Signing certificates</translation>
    </message>
    <message>
        <source>Các chứng thư có thể dùng để ký trên máy này: tệp .p12/.pfx đã chọn, chứng thư trên token đang cắm và chứng thư thử nghiệm.</source>
        <translation>Certificates that can sign on this computer: the chosen .p12/.pfx files, the certificates on the tokens plugged in and the demo certificate.</translation>
    </message>
    <message>
        <source>Người được cấp</source>
        <translation>Issued to</translation>
    </message>
    <message>
        <source>Cơ quan</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Hiệu lực</source>
        <translation>Validity</translation>
    </message>
    <message>
        <source>Nguồn</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Tin cậy</source>
        <translation>Trust</translation>
    </message>
    <message>
        <source>Dùng chứng thư này</source>
        <translation>Use this certificate</translation>
    </message>
    <message>
        <source>Thêm tệp .p12/.pfx…</source>
        <translation>Add a .p12/.pfx file…</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Đang đọc các chứng thư…</source>
        <translation>Reading the certificates…</translation>
    </message>
    <message>
        <source>✓ Được tin cậy</source>
        <translation>✓ Trusted</translation>
    </message>
    <message>
        <source>⚠ Tự ký, không được tin cậy</source>
        <translation>⚠ Self-signed, not trusted</translation>
    </message>
    <message>
        <source>⚠ Không thuộc danh sách tin cậy</source>
        <translation>⚠ Not in the trust list</translation>
    </message>
    <message>
        <source>⚠ THỬ NGHIỆM, không bao giờ được tin cậy</source>
        <translation>⚠ DEMO, never trusted</translation>
    </message>
    <message>
        <source>Chưa biết (mở bằng mật khẩu khi ký)</source>
        <translation>Unknown (opened with its password when signing)</translation>
    </message>
    <message>
        <source>tạo khi dùng lần đầu</source>
        <translation>made on first use</translation>
    </message>
    <message>
        <source>✗ Đã hết hạn ngày %1</source>
        <translation>✗ Expired on %1</translation>
    </message>
    <message>
        <source>⚠ Đến %1 (còn %2 ngày)</source>
        <translation>⚠ Until %1 (%2 days left)</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>Chứng thư thử nghiệm</source>
        <translation>Demo certificate</translation>
    </message>
    <message>
        <source>Token “%1”</source>
        <translation>Token “%1”</translation>
    </message>
    <message>
        <source>Tệp %1</source>
        <translation>File %1</translation>
    </message>
    <message>
        <source>THỬ NGHIỆM</source>
        <translation>DEMO</translation>
    </message>
    <message>
        <source>Đang dùng để ký</source>
        <translation>Used for signing</translation>
    </message>
    <message numerus="yes">
        <source>%n chứng thư.</source>
        <translation>
            <numerusform>%n certificate.</numerusform>
            <numerusform>%n certificates.</numerusform>
        </translation>
    </message>
    <message>
        <source>Chứng thư nào chưa được tin cậy thì khi kiểm tra sẽ báo chưa xác định được.</source>
        <translation>A certificate that is not trusted makes verification report the signature as undetermined.</translation>
    </message>
    <message>
        <source>Chọn tệp chứng thư</source>
        <translation>Choose a certificate file</translation>
    </message>
    <message>
        <source>Chứng thư số (*.p12 *.pfx)</source>
        <translation>Certificates (*.p12 *.pfx)</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Không thực hiện được</source>
        <translation>Could not complete</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>DocList</name>
    <message>
        <source>%1 số %2</source>
        <translation>%1 no. %2</translation>
    </message>
</context>
<context>
    <name>DocState</name>
    <message>
        <source>Mới</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Chờ nhận dạng chữ</source>
        <translation>Waiting for text recognition</translation>
    </message>
    <message>
        <source>Đang nhận dạng %1/%2 trang</source>
        <translation>OCR running %1/%2 pages</translation>
    </message>
    <message>
        <source>Sẵn sàng ký</source>
        <translation>Ready to sign</translation>
    </message>
    <message>
        <source>Đã ký</source>
        <translation>Signed</translation>
    </message>
    <message>
        <source>Đang chờ gửi lưu trữ</source>
        <translation>Queued for the archive</translation>
    </message>
    <message>
        <source>Đã lưu trữ</source>
        <translation>Archived</translation>
    </message>
    <message>
        <source>Lỗi</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Cần hoàn tất trước khi ký</source>
        <translation>To complete before signing</translation>
    </message>
</context>
<context>
    <name>ErrorMessages</name>
    <message>
        <source>Đã xảy ra lỗi ngoài dự kiến.</source>
        <translation>An unexpected error occurred.</translation>
    </message>
    <message>
        <source>Hãy gửi báo cáo lỗi cho bộ phận kỹ thuật.</source>
        <translation>Please send the error report to technical support.</translation>
    </message>
    <message>
        <source>Thao tác không hợp lệ.</source>
        <translation>Invalid operation.</translation>
    </message>
    <message>
        <source>Kiểm tra lại lựa chọn rồi thử lại.</source>
        <translation>Check your choices and try again.</translation>
    </message>
    <message>
        <source>Không đọc được tệp đầu vào.</source>
        <translation>The input file cannot be read.</translation>
    </message>
    <message>
        <source>Kiểm tra tệp (PDF hoặc ảnh) rồi nhập lại.</source>
        <translation>Check the file (PDF or image) and import it again.</translation>
    </message>
    <message>
        <source>Loại tệp này không được hỗ trợ.</source>
        <translation>This file type is not supported.</translation>
    </message>
    <message>
        <source>Chỉ nhập tệp PDF, JPEG, PNG hoặc TIFF.</source>
        <translation>Import only PDF, JPEG, PNG or TIFF files.</translation>
    </message>
    <message>
        <source>Tệp rỗng, không có trang nào.</source>
        <translation>The file is empty; it has no pages.</translation>
    </message>
    <message>
        <source>Chọn lại tệp đúng hoặc quét lại tài liệu.</source>
        <translation>Choose the right file or scan the document again.</translation>
    </message>
    <message>
        <source>Tệp bị hỏng, không đọc được.</source>
        <translation>The file is damaged and cannot be read.</translation>
    </message>
    <message>
        <source>Lấy lại bản gốc hoặc quét lại tài liệu.</source>
        <translation>Get the original again or rescan the document.</translation>
    </message>
    <message>
        <source>Ảnh quá lớn để xử lý.</source>
        <translation>The image is too large to process.</translation>
    </message>
    <message>
        <source>Quét lại với độ phân giải 300 dpi.</source>
        <translation>Rescan at 300 dpi.</translation>
    </message>
    <message>
        <source>Tệp vượt quá giới hạn cho phép (dung lượng hoặc số trang).</source>
        <translation>The file is over the allowed limit (size or number of pages).</translation>
    </message>
    <message>
        <source>Chia tài liệu thành nhiều tệp nhỏ hơn, hoặc nhờ bộ phận kỹ thuật nâng giới hạn.</source>
        <translation>Split the document into smaller files, or ask technical support to raise the limit.</translation>
    </message>
    <message>
        <source>Tệp PDF được đặt mật khẩu.</source>
        <translation>The PDF is password-protected.</translation>
    </message>
    <message>
        <source>Xin bản không mật khẩu hoặc in ra rồi quét lại.</source>
        <translation>Ask for a copy without a password, or print and scan it.</translation>
    </message>
    <message>
        <source>Tệp PDF đã có chữ ký số; sửa nó sẽ làm hỏng chữ ký.</source>
        <translation>The PDF is already digitally signed; editing it would break the signature.</translation>
    </message>
    <message>
        <source>Dùng chức năng Kiểm tra chữ ký thay vì nhập tệp này.</source>
        <translation>Use Verify signature instead of importing this file.</translation>
    </message>
    <message>
        <source>Thiếu chương trình hoặc gói ngôn ngữ cần thiết.</source>
        <translation>A required program or language pack is missing.</translation>
    </message>
    <message>
        <source>Chạy lại ./setup.sh hoặc báo bộ phận kỹ thuật.</source>
        <translation>Run ./setup.sh again or contact technical support.</translation>
    </message>
    <message>
        <source>Nhận dạng chữ (OCR) thất bại.</source>
        <translation>Text recognition (OCR) failed.</translation>
    </message>
    <message>
        <source>Thử lại; nếu vẫn lỗi, quét lại trang đó.</source>
        <translation>Try again; if it still fails, rescan that page.</translation>
    </message>
    <message>
        <source>Nhận dạng chữ mất quá nhiều thời gian.</source>
        <translation>Text recognition took too long.</translation>
    </message>
    <message>
        <source>Thử lại hoặc quét lại trang với chất lượng tốt hơn.</source>
        <translation>Try again or rescan the page at better quality.</translation>
    </message>
    <message>
        <source>Không ghi được tệp kết quả.</source>
        <translation>The output file cannot be written.</translation>
    </message>
    <message>
        <source>Kiểm tra quyền ghi và dung lượng ổ đĩa.</source>
        <translation>Check write permissions and free disk space.</translation>
    </message>
    <message>
        <source>Ổ đĩa đã đầy.</source>
        <translation>The disk is full.</translation>
    </message>
    <message>
        <source>Giải phóng dung lượng rồi thử lại; dữ liệu chưa bị mất.</source>
        <translation>Free some space and try again; no data was lost.</translation>
    </message>
    <message>
        <source>Thông tin mô tả (metadata) chưa hợp lệ.</source>
        <translation>The metadata is not valid yet.</translation>
    </message>
    <message>
        <source>Sửa các trường được tô đỏ trong biểu mẫu.</source>
        <translation>Fix the fields marked in red in the form.</translation>
    </message>
    <message>
        <source>Tài liệu mật không được số hóa tại quầy.</source>
        <translation>Classified documents are not digitised at the counter.</translation>
    </message>
    <message>
        <source>Chuyển tài liệu cho bộ phận văn thư theo quy định.</source>
        <translation>Hand the document to the records office as required.</translation>
    </message>
    <message>
        <source>Lô tài liệu đã chạy xong nhưng có tài liệu lỗi hoặc cần xem lại.</source>
        <translation>The batch finished but some documents failed or need review.</translation>
    </message>
    <message>
        <source>Xem nhật ký của lô để xử lý từng tài liệu.</source>
        <translation>See the batch journal to handle each document.</translation>
    </message>
    <message>
        <source>Lưu trữ gặp lỗi.</source>
        <translation>Archiving failed.</translation>
    </message>
    <message>
        <source>Tài liệu vẫn nằm trong hàng đợi; hệ thống sẽ thử lại.</source>
        <translation>The document stays in the queue; it will be retried.</translation>
    </message>
    <message>
        <source>Không kết nối được kho lưu trữ.</source>
        <translation>The archive cannot be reached.</translation>
    </message>
    <message>
        <source>Tài liệu vẫn nằm an toàn trong hàng đợi và sẽ tự gửi lại khi có kết nối.</source>
        <translation>The document is safe in the queue and will be sent when the connection returns.</translation>
    </message>
    <message>
        <source>Tệp trên kho lưu trữ không khớp mã kiểm tra.</source>
        <translation>The archived file does not match its checksum.</translation>
    </message>
    <message>
        <source>Gửi lại tài liệu; nếu vẫn lỗi, báo bộ phận kỹ thuật.</source>
        <translation>Send the document again; if it still fails, contact technical support.</translation>
    </message>
    <message>
        <source>Chưa cấu hình kho lưu trữ đúng.</source>
        <translation>The archive is not configured correctly.</translation>
    </message>
    <message>
        <source>Mở Cài đặt &gt; Lưu trữ và nhập thư mục hoặc máy chủ S3.</source>
        <translation>Open Settings &gt; Archive and enter a folder or an S3 server.</translation>
    </message>
    <message>
        <source>Máy quét gặp lỗi.</source>
        <translation>The scanner reported an error.</translation>
    </message>
    <message>
        <source>Kiểm tra giấy, nắp máy và cáp rồi quét lại.</source>
        <translation>Check the paper, the lid and the cable, then scan again.</translation>
    </message>
    <message>
        <source>Không tìm thấy máy quét.</source>
        <translation>No scanner found.</translation>
    </message>
    <message>
        <source>Cắm và bật máy quét, hoặc dùng Nhập tệp.</source>
        <translation>Connect and switch on the scanner, or use Import.</translation>
    </message>
    <message>
        <source>Máy quét đang bận.</source>
        <translation>The scanner is busy.</translation>
    </message>
    <message>
        <source>Đợi lượt quét hiện tại xong rồi thử lại.</source>
        <translation>Wait for the current scan to finish and try again.</translation>
    </message>
    <message>
        <source>Máy quét bị kẹt giấy.</source>
        <translation>Paper jam in the scanner.</translation>
    </message>
    <message>
        <source>Mở máy, gỡ tờ giấy bị kẹt rồi quét lại trang đó.</source>
        <translation>Open the scanner, remove the jammed sheet and rescan that page.</translation>
    </message>
    <message>
        <source>Nắp máy quét đang mở.</source>
        <translation>The scanner cover is open.</translation>
    </message>
    <message>
        <source>Đóng nắp máy quét rồi quét lại.</source>
        <translation>Close the scanner cover and scan again.</translation>
    </message>
    <message>
        <source>Khay nạp giấy không có tài liệu.</source>
        <translation>The document feeder is empty.</translation>
    </message>
    <message>
        <source>Đặt giấy vào khay nạp rồi quét lại.</source>
        <translation>Put the paper in the feeder and scan again.</translation>
    </message>
    <message>
        <source>Lỗi truyền dữ liệu với máy quét.</source>
        <translation>Communication error with the scanner.</translation>
    </message>
    <message>
        <source>Kiểm tra cáp, tắt bật máy quét rồi thử lại.</source>
        <translation>Check the cable, switch the scanner off and on, and try again.</translation>
    </message>
    <message>
        <source>Máy quét đã bị ngắt kết nối.</source>
        <translation>The scanner was disconnected.</translation>
    </message>
    <message>
        <source>Cắm lại máy quét; các trang đã quét vẫn được giữ.</source>
        <translation>Reconnect the scanner; pages already scanned are kept.</translation>
    </message>
    <message>
        <source>Đã hủy theo yêu cầu.</source>
        <translation>Cancelled as requested.</translation>
    </message>
    <message>
        <source>Không có dữ liệu nào bị mất.</source>
        <translation>No data was lost.</translation>
    </message>
    <message>
        <source>Ký số thất bại.</source>
        <translation>Signing failed.</translation>
    </message>
    <message>
        <source>Tài liệu chưa bị thay đổi; kiểm tra chứng thư rồi thử lại.</source>
        <translation>The document was not changed; check the certificate and try again.</translation>
    </message>
    <message>
        <source>Chứng thư số không dùng để ký được.</source>
        <translation>This certificate cannot be used for signing.</translation>
    </message>
    <message>
        <source>Chọn chứng thư số khác trong Cài đặt &gt; Chữ ký số.</source>
        <translation>Choose another certificate in Settings &gt; Digital signature.</translation>
    </message>
    <message>
        <source>Chứng thư số đã hết hạn.</source>
        <translation>The certificate has expired.</translation>
    </message>
    <message>
        <source>Gia hạn chứng thư số trước khi ký.</source>
        <translation>Renew the certificate before signing.</translation>
    </message>
    <message>
        <source>Chứng thư số chưa đến ngày có hiệu lực.</source>
        <translation>The certificate is not valid yet.</translation>
    </message>
    <message>
        <source>Kiểm tra đồng hồ máy tính hoặc dùng chứng thư khác.</source>
        <translation>Check the computer&apos;s clock or use another certificate.</translation>
    </message>
    <message>
        <source>Chứng thư số đã bị thu hồi.</source>
        <translation>The certificate has been revoked.</translation>
    </message>
    <message>
        <source>Không ký bằng chứng thư này; liên hệ người quản lý.</source>
        <translation>Do not sign with this certificate; contact your administrator.</translation>
    </message>
    <message>
        <source>Mật khẩu tệp chứng thư (.p12) không đúng.</source>
        <translation>Wrong password for the certificate file (.p12).</translation>
    </message>
    <message>
        <source>Nhập lại mật khẩu; tài liệu chưa bị thay đổi.</source>
        <translation>Enter the password again; the document was not changed.</translation>
    </message>
    <message>
        <source>Mã PIN không đúng.</source>
        <translation>Wrong PIN.</translation>
    </message>
    <message>
        <source>Nhập lại mã PIN; chú ý số lần thử còn lại của token.</source>
        <translation>Enter the PIN again; mind the token&apos;s remaining attempts.</translation>
    </message>
    <message>
        <source>Token đã bị khóa PIN.</source>
        <translation>The token&apos;s PIN is locked.</translation>
    </message>
    <message>
        <source>Liên hệ người quản lý chứng thư số để mở khóa.</source>
        <translation>Ask the certificate administrator to unlock it.</translation>
    </message>
    <message>
        <source>Token chỉ còn một lần thử mã PIN: nhập sai lần nữa token sẽ bị khóa.</source>
        <translation>The token has one PIN attempt left: one more wrong PIN locks it.</translation>
    </message>
    <message>
        <source>Kiểm tra kỹ mã PIN rồi xác nhận để thử; nếu không chắc, liên hệ người quản lý chứng thư số.</source>
        <translation>Check the PIN carefully, then confirm to try; if unsure, contact the certificate administrator.</translation>
    </message>
    <message>
        <source>Token báo đã có lần nhập sai mã PIN; số lần thử còn lại đang giảm.</source>
        <translation>The token reports an earlier wrong PIN; the remaining attempts are going down.</translation>
    </message>
    <message>
        <source>Kiểm tra kỹ mã PIN rồi xác nhận để thử; nhập sai nhiều lần token sẽ bị khóa.</source>
        <translation>Check the PIN carefully, then confirm to try; too many wrong PINs lock the token.</translation>
    </message>
    <message>
        <source>Chưa có tên cơ quan sao văn bản để ghi lên chữ ký.</source>
        <translation>No copying agency name to write in the signature block.</translation>
    </message>
    <message>
        <source>Nhập tên cơ quan thực hiện sao văn bản trong Cài đặt &gt; Chữ ký số.</source>
        <translation>Enter the name of the agency making copies in Settings &gt; Digital signature.</translation>
    </message>
    <message>
        <source>Không tìm thấy token ký số.</source>
        <translation>No signing token found.</translation>
    </message>
    <message>
        <source>Cắm token vào máy rồi thử lại.</source>
        <translation>Plug in the token and try again.</translation>
    </message>
    <message>
        <source>Không tìm thấy khóa ký trong token hoặc tệp.</source>
        <translation>No signing key found in the token or file.</translation>
    </message>
    <message>
        <source>Chọn đúng chứng thư số trong Cài đặt &gt; Chữ ký số.</source>
        <translation>Choose the right certificate in Settings &gt; Digital signature.</translation>
    </message>
    <message>
        <source>Không kết nối được dịch vụ ký số từ xa.</source>
        <translation>Cannot reach the remote signing service.</translation>
    </message>
    <message>
        <source>Kiểm tra mạng và địa chỉ dịch vụ trong Cài đặt &gt; Chữ ký số.</source>
        <translation>Check the network and the service address in Settings &gt; Digital signature.</translation>
    </message>
    <message>
        <source>Dịch vụ ký số từ xa đang tạm từ chối vì có quá nhiều yêu cầu.</source>
        <translation>The remote signing service is refusing requests for now (too many requests).</translation>
    </message>
    <message>
        <source>Chờ vài phút rồi ký tiếp; các tài liệu đã ký vẫn giữ.</source>
        <translation>Wait a few minutes, then continue signing; documents already signed are kept.</translation>
    </message>
    <message>
        <source>Dịch vụ ký số từ xa không có chứng thư số đã chọn.</source>
        <translation>The remote signing service does not have the selected certificate.</translation>
    </message>
    <message>
        <source>Chọn lại chứng thư số từ danh sách của dịch vụ trong Cài đặt.</source>
        <translation>Choose the certificate again from the service&apos;s list in Settings.</translation>
    </message>
    <message>
        <source>Chứng thư số trên dịch vụ ký từ xa đang bị tạm khóa.</source>
        <translation>The certificate at the remote signing service is disabled.</translation>
    </message>
    <message>
        <source>Liên hệ nhà cung cấp dịch vụ ký số để kích hoạt lại.</source>
        <translation>Contact the signing service provider to enable it again.</translation>
    </message>
    <message>
        <source>Dịch vụ ký số từ xa từ chối truy cập.</source>
        <translation>The remote signing service refused access.</translation>
    </message>
    <message>
        <source>Đăng nhập lại tài khoản ký số từ xa (mã truy cập đã hết hạn?).</source>
        <translation>Sign in to the remote signing account again (has the access token expired?).</translation>
    </message>
    <message>
        <source>Yêu cầu ký không được xác nhận.</source>
        <translation>The signing request was not approved.</translation>
    </message>
    <message>
        <source>Ký lại và xác nhận yêu cầu ký trên ứng dụng điện thoại.</source>
        <translation>Sign again and approve the request in the phone app.</translation>
    </message>
    <message>
        <source>Mã OTP hoặc mã PIN ký số từ xa không đúng.</source>
        <translation>Wrong OTP or PIN for remote signing.</translation>
    </message>
    <message>
        <source>Nhập lại mã mới nhất; tài liệu chưa bị thay đổi.</source>
        <translation>Enter the latest code; the document has not been changed.</translation>
    </message>
    <message>
        <source>Lượt xác nhận ký đã hết hạn.</source>
        <translation>The signing approval has expired.</translation>
    </message>
    <message>
        <source>Ký tiếp để xác nhận lại; các tài liệu đã ký vẫn giữ nguyên.</source>
        <translation>Continue signing to approve again; documents already signed stay as they are.</translation>
    </message>
    <message>
        <source>Chứng thư số trên dịch vụ ký từ xa đã bị khóa.</source>
        <translation>The certificate at the remote signing service is locked.</translation>
    </message>
    <message>
        <source>Liên hệ nhà cung cấp dịch vụ ký số để mở khóa.</source>
        <translation>Contact the signing service provider to unlock it.</translation>
    </message>
    <message>
        <source>Dịch vụ ký số từ xa từ chối yêu cầu ký.</source>
        <translation>The remote signing service refused the signing request.</translation>
    </message>
    <message>
        <source>Thử lại; nếu vẫn lỗi, báo bộ phận kỹ thuật.</source>
        <translation>Try again; if it still fails, tell technical support.</translation>
    </message>
    <message>
        <source>Dịch vụ ký số từ xa trả lời không hợp lệ.</source>
        <translation>The remote signing service sent an invalid answer.</translation>
    </message>
    <message>
        <source>Thử lại sau; nếu vẫn lỗi, báo bộ phận kỹ thuật.</source>
        <translation>Try again later; if it still fails, tell technical support.</translation>
    </message>
    <message>
        <source>Không kết nối được máy chủ dấu thời gian (TSA).</source>
        <translation>The timestamp server (TSA) cannot be reached.</translation>
    </message>
    <message>
        <source>Kiểm tra mạng hoặc địa chỉ TSA trong Cài đặt.</source>
        <translation>Check the network or the TSA address in Settings.</translation>
    </message>
    <message>
        <source>Chưa cấu hình máy chủ dấu thời gian (TSA).</source>
        <translation>No timestamp server (TSA) is configured.</translation>
    </message>
    <message>
        <source>Nhập địa chỉ TSA trong Cài đặt &gt; Chữ ký số.</source>
        <translation>Enter the TSA address in Settings &gt; Digital signature.</translation>
    </message>
    <message>
        <source>Không kiểm tra được tình trạng thu hồi của chứng thư.</source>
        <translation>The certificate&apos;s revocation status cannot be checked.</translation>
    </message>
    <message>
        <source>Kiểm tra kết nối mạng rồi ký lại.</source>
        <translation>Check the network connection and sign again.</translation>
    </message>
    <message>
        <source>Bản ký tự kiểm tra không đạt nên đã bị hủy.</source>
        <translation>The signed copy failed its self-check and was discarded.</translation>
    </message>
    <message>
        <source>Ký lại; nếu vẫn lỗi, báo bộ phận kỹ thuật.</source>
        <translation>Sign again; if it still fails, contact technical support.</translation>
    </message>
    <message>
        <source>Không chuẩn bị được việc kiểm tra chữ ký.</source>
        <translation>Signature verification could not be prepared.</translation>
    </message>
    <message>
        <source>Kiểm tra danh sách chứng thư gốc tin cậy trong Cài đặt.</source>
        <translation>Check the list of trusted root certificates in Settings.</translation>
    </message>
    <message>
        <source>Không đọc được kho chứng thư gốc tin cậy.</source>
        <translation>The trusted root certificates cannot be read.</translation>
    </message>
    <message>
        <source>Kiểm tra các tệp chứng thư gốc trong Cài đặt.</source>
        <translation>Check the root certificate files in Settings.</translation>
    </message>
    <message>
        <source>Không kiểm tra được chữ ký.</source>
        <translation>The signature could not be verified.</translation>
    </message>
    <message>
        <source>Kiểm tra tệp PDF rồi thử lại.</source>
        <translation>Check the PDF file and try again.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Số hóa hồ sơ – Quầy một cửa</source>
        <translation>Document digitisation – One-stop counter</translation>
    </message>
    <message>
        <source>Tài liệu đang mở chưa được ký.</source>
        <translation>The open document is not signed.</translation>
    </message>
    <message>
        <source>Tài liệu đang xử lý</source>
        <translation>Documents in progress</translation>
    </message>
    <message>
        <source>Văn bản OCR</source>
        <translation>OCR text</translation>
    </message>
    <message>
        <source>Thông tin hồ sơ</source>
        <translation>Record details</translation>
    </message>
    <message>
        <source>Ký số</source>
        <translation>Sign</translation>
    </message>
    <message>
        <source>Chữ ký</source>
        <translation>Signatures</translation>
    </message>
    <message>
        <source>Bảng chữ ký</source>
        <translation>Signature panel</translation>
    </message>
    <message>
        <source>Hàng đợi lưu trữ</source>
        <translation>Archive queue</translation>
    </message>
    <message>
        <source>Thu phóng: %1%</source>
        <translation>Zoom: %1%</translation>
    </message>
    <message>
        <source>Quét</source>
        <translation>Scan</translation>
    </message>
    <message>
        <source>Quét tài liệu (F2)</source>
        <translation>Scan a document (F2)</translation>
    </message>
    <message>
        <source>Nhập tệp</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Nhập tệp PDF hoặc ảnh (Ctrl+O)</source>
        <translation>Import PDF or image files (Ctrl+O)</translation>
    </message>
    <message>
        <source>Trang trước</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <source>Trang sau</source>
        <translation>Next page</translation>
    </message>
    <message>
        <source>Xoay trái</source>
        <translation>Rotate left</translation>
    </message>
    <message>
        <source>Xoay trang sang trái (Ctrl+L)</source>
        <translation>Rotate the page left (Ctrl+L)</translation>
    </message>
    <message>
        <source>Xoay phải</source>
        <translation>Rotate right</translation>
    </message>
    <message>
        <source>Xoay trang sang phải (Ctrl+R)</source>
        <translation>Rotate the page right (Ctrl+R)</translation>
    </message>
    <message>
        <source>Xóa trang</source>
        <translation>Delete page</translation>
    </message>
    <message>
        <source>Xóa trang đang chọn (Delete)</source>
        <translation>Delete the selected page (Delete)</translation>
    </message>
    <message>
        <source>Chèn trang</source>
        <translation>Insert pages</translation>
    </message>
    <message>
        <source>Chèn trang từ tệp sau trang đang chọn (Ctrl+I)</source>
        <translation>Insert pages from a file after the selected page (Ctrl+I)</translation>
    </message>
    <message>
        <source>Thay trang</source>
        <translation>Replace page</translation>
    </message>
    <message>
        <source>Thay trang đang chọn bằng tệp khác (Ctrl+Shift+I)</source>
        <translation>Replace the selected page with another file (Ctrl+Shift+I)</translation>
    </message>
    <message>
        <source>Quét chèn trang</source>
        <translation>Scan and insert</translation>
    </message>
    <message>
        <source>Quét thêm trang, chèn sau trang đang chọn (Ctrl+F2)</source>
        <translation>Scan more pages and insert them after the selected page (Ctrl+F2)</translation>
    </message>
    <message>
        <source>Quét thay trang</source>
        <translation>Rescan page</translation>
    </message>
    <message>
        <source>Quét lại trang đang chọn để thay thế (Shift+F2)</source>
        <translation>Scan the selected page again to replace it (Shift+F2)</translation>
    </message>
    <message>
        <source>Hoàn tác</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>Làm lại</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>Phóng to</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <source>Thu nhỏ</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>Vừa khung</source>
        <translation>Fit</translation>
    </message>
    <message>
        <source>Ký số tài liệu (F9)</source>
        <translation>Sign the document (F9)</translation>
    </message>
    <message>
        <source>Kiểm tra chữ ký</source>
        <translation>Verify signature</translation>
    </message>
    <message>
        <source>Mở một tệp PDF và kiểm tra chữ ký số (Ctrl+Shift+V)</source>
        <translation>Open a PDF and verify its digital signatures (Ctrl+Shift+V)</translation>
    </message>
    <message>
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Chứng thư số…</source>
        <translation>Certificates…</translation>
    </message>
    <message>
        <source>Các chứng thư có thể dùng để ký: người được cấp, hiệu lực, tin cậy</source>
        <translation>Certificates that can sign: holder, validity, trust</translation>
    </message>
    <message>
        <source>Bỏ tài liệu</source>
        <translation>Remove document</translation>
    </message>
    <message>
        <source>Bỏ tài liệu khỏi danh sách (tệp gốc không bị xóa)</source>
        <translation>Remove the document from the list (original files are not deleted)</translation>
    </message>
    <message>
        <source>Nhận dạng lại</source>
        <translation>Run OCR again</translation>
    </message>
    <message>
        <source>Chạy lại nhận dạng chữ cho tài liệu</source>
        <translation>Run text recognition again for the document</translation>
    </message>
    <message>
        <source>Gửi lưu trữ</source>
        <translation>Send to archive</translation>
    </message>
    <message>
        <source>Đưa bản đã ký vào hàng đợi lưu trữ</source>
        <translation>Put the signed copy in the archive queue</translation>
    </message>
    <message>
        <source>Lưu bản sao…</source>
        <translation>Save a copy…</translation>
    </message>
    <message>
        <source>Lưu một bản sao của tệp đã ký vào thư mục bạn chọn (Ctrl+S)</source>
        <translation>Save a copy of the signed file to a folder you choose (Ctrl+S)</translation>
    </message>
    <message>
        <source>Mở thư mục</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>Mở thư mục chứa tệp đã ký</source>
        <translation>Open the folder that holds the signed file</translation>
    </message>
    <message>
        <source>Thanh công cụ</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <source>&amp;Tệp</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>Thoát</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>T&amp;rang</source>
        <translation>&amp;Pages</translation>
    </message>
    <message>
        <source>&amp;Xem</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Chữ ký</source>
        <translation>&amp;Signature</translation>
    </message>
    <message>
        <source>&amp;Công cụ</source>
        <translation>&amp;Tools</translation>
    </message>
    <message>
        <source>Trợ &amp;giúp</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Hướng dẫn nhanh</source>
        <translation>Quick guide</translation>
    </message>
    <message>
        <source>Phím tắt</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Đang kiểm tra chữ ký…</source>
        <translation>Verifying signatures…</translation>
    </message>
    <message>
        <source>Không kiểm tra được chữ ký của tệp này.</source>
        <translation>The signatures of this file could not be verified.</translation>
    </message>
    <message>
        <source>Đang nhận dạng chữ…</source>
        <translation>Recognising text…</translation>
    </message>
    <message>
        <source>Tài liệu chỉ còn một trang: dùng Bỏ tài liệu để bỏ cả tài liệu</source>
        <translation>The document has one page left: use Remove document to drop the whole document</translation>
    </message>
    <message>
        <source>Tài liệu (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)</source>
        <translation>Documents (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)</translation>
    </message>
    <message numerus="yes">
        <source>Đang nhập %n tệp…</source>
        <translation>
            <numerusform>Importing %n file…</numerusform>
            <numerusform>Importing %n files…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Đã nhập %n trang.</source>
        <translation>
            <numerusform>Imported %n page.</numerusform>
            <numerusform>Imported %n pages.</numerusform>
        </translation>
    </message>
    <message>
        <source>Đổi thứ tự trang</source>
        <translation>Reorder pages</translation>
    </message>
    <message>
        <source>Xoay trang</source>
        <translation>Rotate page</translation>
    </message>
    <message>
        <source>“%1” đã được ký nhưng chưa được gửi lưu trữ. Đây là bản đã ký duy nhất: bỏ tài liệu sẽ xóa luôn bản này. Lưu một bản sao trước?</source>
        <translation>“%1” is signed but not sent to an archive. This is the only signed copy: removing the document deletes it too. Save a copy first?</translation>
    </message>
    <message>
        <source>Vẫn bỏ</source>
        <translation>Remove anyway</translation>
    </message>
    <message>
        <source>Bỏ “%1” khỏi danh sách? Tệp gốc không bị xóa.</source>
        <translation>Remove “%1” from the list? The original files are not deleted.</translation>
    </message>
    <message>
        <source>Giữ lại</source>
        <translation>Keep</translation>
    </message>
    <message>
        <source>Bắt đầu trong ba bước:
1. Nhập tệp (Ctrl+O), kéo thả tệp PDF/ảnh vào cửa sổ, hoặc Quét (F2).
2. Thông tin hồ sơ: điền phần còn thiếu, kiểm tra gợi ý, bấm Xác nhận.
3. Ký số (F9): tài liệu đã ký được lưu trữ trên máy này và gửi tới các kho đã cấu hình.</source>
        <translation>Get started in three steps:
1. Import (Ctrl+O), drop PDF/image files onto the window, or Scan (F2).
2. Record: fill in what is missing, check the suggestions, press Confirm.
3. Sign (F9): the signed document is archived on this computer and sent to the configured archives.</translation>
    </message>
    <message>
        <source>Lưu bản sao tệp đã ký</source>
        <translation>Save a copy of the signed file</translation>
    </message>
    <message>
        <source>Tệp PDF (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Đã lưu bản sao: %1</source>
        <translation>Copy saved: %1</translation>
    </message>
    <message>
        <source>Chưa có mô-đun nhận dạng chữ (OCR) trong bản cài đặt này; tài liệu được giữ ở trạng thái Đã quét.</source>
        <translation>This installation has no text recognition (OCR) module; the document stays Scanned.</translation>
    </message>
    <message>
        <source>Ngôn ngữ giao diện</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>Đang có việc chạy (nhận dạng, quét hoặc ký). Ngôn ngữ mới sẽ được áp dụng khi mở lại chương trình, hoặc chọn lại sau khi việc chạy xong.</source>
        <translation>Work is still running (OCR, scanning or signing). The new language will apply when the program is reopened, or choose it again once the work is done.</translation>
    </message>
</context>
<context>
    <name>MetadataForm</name>
    <message>
        <source>Hồ sơ</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>Văn bản</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Người được cấp</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <source>Lưu trữ</source>
        <translation>Archive</translation>
    </message>
    <message>
        <source>Khác</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>Bắt buộc nhập.</source>
        <translation>Required.</translation>
    </message>
    <message>
        <source>Trường không có trong lược đồ.</source>
        <translation>Field not in the schema.</translation>
    </message>
    <message>
        <source>Kiểu giá trị không đúng.</source>
        <translation>Wrong kind of value.</translation>
    </message>
    <message>
        <source>Quá dài: tối đa %1 ký tự.</source>
        <translation>Too long: at most %1 characters.</translation>
    </message>
    <message>
        <source>Quá nhiều mục: tối đa %1.</source>
        <translation>Too many items: at most %1.</translation>
    </message>
    <message>
        <source>Sai định dạng.</source>
        <translation>Wrong format.</translation>
    </message>
    <message>
        <source>Giá trị không nằm trong danh sách cho phép.</source>
        <translation>Value not in the allowed list.</translation>
    </message>
    <message>
        <source>Giá trị ngoài khoảng cho phép.</source>
        <translation>Value out of the allowed range.</translation>
    </message>
    <message>
        <source>Ngày không hợp lệ; nhập dd/mm/yyyy.</source>
        <translation>Invalid date; enter dd/mm/yyyy.</translation>
    </message>
    <message>
        <source>Ngày không được ở tương lai.</source>
        <translation>The date cannot be in the future.</translation>
    </message>
    <message>
        <source>Ngày này phải sau ngày bắt đầu.</source>
        <translation>This date must be after the start date.</translation>
    </message>
    <message>
        <source>Mã hồ sơ phải có dạng {mã cơ quan}-{YYMMDD}-{số thứ tự}.</source>
        <translation>The dossier code must look like {agency e-ID}-{YYMMDD}-{sequence}.</translation>
    </message>
    <message>
        <source>Mã thủ tục phải có dạng 1.001193.</source>
        <translation>The procedure code must look like 1.001193.</translation>
    </message>
    <message>
        <source>Mã định danh cơ quan dạng H39.15 hoặc 000.00.00.H41.</source>
        <translation>Agency e-ID like H39.15 or 000.00.00.H41.</translation>
    </message>
    <message>
        <source>Số định danh cá nhân gồm 12 chữ số (hoặc CMND 9 chữ số).</source>
        <translation>The personal ID number has 12 digits (old ID card: 9 digits).</translation>
    </message>
    <message>
        <source>chữ đọc được với độ tin cậy thấp ({conf})</source>
        <translation>read with low OCR confidence ({conf})</translation>
    </message>
    <message>
        <source>phần ký hiệu không có trong danh mục viết tắt: {part}</source>
        <translation>notation part not among the known abbreviations: {part}</translation>
    </message>
    <message>
        <source>số viết tay; số và ký hiệu này có in ở chỗ khác trong văn bản</source>
        <translation>number written by hand; the same number and notation are printed elsewhere in the document</translation>
    </message>
    <message>
        <source>số viết tay vào chỗ trống trước dấu “/” (đọc được “{read}”)</source>
        <translation>number written by hand into the blank before “/” (read as “{read}”)</translation>
    </message>
    <message>
        <source>ngày ở tương lai</source>
        <translation>the date is in the future</translation>
    </message>
    <message>
        <source>ngày, tháng không in rõ (đọc được {read}; viết tay?)</source>
        <translation>day or month not clearly printed (read as {read}; handwritten?)</translation>
    </message>
    <message>
        <source>tên cơ quan không bắt đầu bằng một loại cơ quan đã biết</source>
        <translation>the agency name does not start with a known kind of agency</translation>
    </message>
    <message>
        <source>khối tên cơ quan dài hơn 3 dòng</source>
        <translation>the agency block is longer than 3 lines</translation>
    </message>
    <message>
        <source>có chữ mất dấu không có trong từ điển</source>
        <translation>some words lost their diacritics and are not in the vocabulary</translation>
    </message>
    <message>
        <source>tên loại đọc được là “{read}”, không rõ là loại văn bản nào</source>
        <translation>the title reads “{read}”, not clearly a document type</translation>
    </message>
    <message>
        <source>không có dòng tên loại, trích yếu “V/v” dưới số: công văn</source>
        <translation>no document type line and a “V/v” abstract under the number: an official letter</translation>
    </message>
    <message>
        <source>{low} trên {total} chữ đọc với độ tin cậy thấp ({words})</source>
        <translation>{low} of {total} words read with low confidence ({words})</translation>
    </message>
    <message>
        <source>dòng thẩm quyền ký đọc không rõ một phần</source>
        <translation>the signing authority line is partly unreadable</translation>
    </message>
    <message>
        <source>dòng trên (“{heading}”) không đọc được KT./TM./TL. (bị dấu che?): có thể là cấp phó ký</source>
        <translation>no KT./TM./TL. marker readable in the line above (“{heading}”; under the seal?): a deputy may be signing</translation>
    </message>
    <message>
        <source>chức vụ đọc được là “{read}”, nhưng ký thay “KT. {authority}” là cấp phó</source>
        <translation>the position reads “{read}”, but under “KT. {authority}” a deputy signs</translation>
    </message>
    <message>
        <source>dòng chức vụ đọc không rõ một phần (“{read}”)</source>
        <translation>the position line is partly unreadable (“{read}”)</translation>
    </message>
    <message>
        <source>không đọc được dòng chức vụ (bị dấu che?); ký thay “KT. {authority}” là cấp phó</source>
        <translation>the position line is unreadable (under the seal?); under “KT. {authority}” a deputy signs</translation>
    </message>
    <message>
        <source>suy ra từ “TM.” (không đọc được dòng chức vụ)</source>
        <translation>inferred from “TM.” (the position line is unreadable)</translation>
    </message>
    <message>
        <source>tên bị dấu hoặc chữ ký che một phần: {words}</source>
        <translation>the name is partly hidden by the seal or the signature: {words}</translation>
    </message>
    <message>
        <source>không có dòng thẩm quyền hay chức vụ phía trên</source>
        <translation>no authority or position line above it</translation>
    </message>
    <message>
        <source>không có nhãn “Mã hồ sơ”</source>
        <translation>no dossier code label</translation>
    </message>
    <message>
        <source>mã {format}, trang {page}</source>
        <translation>{format} code, page {page}</translation>
    </message>
    <message>
        <source>tên thủ tục lấy từ danh mục thủ tục</source>
        <translation>procedure name taken from the procedure catalogue</translation>
    </message>
    <message>
        <source>đoán từ tên văn bản: {name}</source>
        <translation>guessed from the document title: {name}</translation>
    </message>
    <message>
        <source>có hiệu lực từ ngày ký</source>
        <translation>in force from the day it is signed</translation>
    </message>
    <message>
        <source>trước ngày tiếp nhận hồ sơ ({received})</source>
        <translation>before the dossier was received ({received})</translation>
    </message>
    <message>
        <source>lấy từ phần mã cơ quan của mã hồ sơ (cơ quan tiếp nhận)</source>
        <translation>taken from the agency part of the dossier code (the receiving agency)</translation>
    </message>
    <message>
        <source>dấu mật “{read}”</source>
        <translation>secrecy mark “{read}”</translation>
    </message>
    <message>
        <source>Giá trị không hợp lệ.</source>
        <translation>Invalid value.</translation>
    </message>
    <message>
        <source>Xác nhận gợi ý</source>
        <translation>Confirm suggestions</translation>
    </message>
    <message>
        <source>Xác nhận mọi giá trị được điền sẵn sau khi đã kiểm tra</source>
        <translation>Confirm every pre-filled value after checking it</translation>
    </message>
    <message>
        <source>Mô-đun thông tin hồ sơ chưa có trong bản cài đặt này.</source>
        <translation>This installation has no record metadata module.</translation>
    </message>
    <message>
        <source>tự điền</source>
        <translation>auto-filled</translation>
    </message>
    <message>
        <source>Giá trị được điền tự động; hãy kiểm tra rồi xác nhận</source>
        <translation>Filled in automatically; check it, then confirm</translation>
    </message>
    <message>
        <source>Dùng gợi ý</source>
        <translation>Use suggestion</translation>
    </message>
    <message>
        <source>Điền giá trị gợi ý vào trường này; hãy kiểm tra lại</source>
        <translation>Put the suggested value into this field; check it</translation>
    </message>
    <message>
        <source>dd/mm/yyyy</source>
        <translation>dd/mm/yyyy</translation>
    </message>
    <message>
        <source>cách nhau bằng dấu phẩy</source>
        <translation>separated by commas</translation>
    </message>
    <message>
        <source>Gợi ý: %1 — Lý do: %2</source>
        <translation>Suggestion: %1 — Reason: %2</translation>
    </message>
    <message>
        <source>Chọn một tài liệu để xem thông tin hồ sơ.</source>
        <translation>Select a document to see its record details.</translation>
    </message>
    <message numerus="yes">
        <source>Có %n trường chưa hợp lệ.</source>
        <translation>
            <numerusform>%n field is not valid yet.</numerusform>
            <numerusform>%n fields are not valid yet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n giá trị gợi ý chưa được xác nhận.</source>
        <translation>
            <numerusform>%n suggested value is not confirmed yet.</numerusform>
            <numerusform>%n suggested values are not confirmed yet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Thông tin hồ sơ chưa được xác nhận: kiểm tra rồi bấm Xác nhận.</source>
        <translation>The record is not confirmed yet: check it, then press Confirm.</translation>
    </message>
    <message>
        <source>Thông tin hồ sơ hợp lệ.</source>
        <translation>Record details are valid.</translation>
    </message>
    <message>
        <source>Xác nhận</source>
        <translation>Confirm</translation>
    </message>
</context>
<context>
    <name>OcrTextView</name>
    <message>
        <source>Chưa có văn bản nhận dạng cho trang này.</source>
        <translation>No recognised text for this page yet.</translation>
    </message>
    <message numerus="yes">
        <source>Trang này còn %n vùng có chữ mà máy chưa đọc được (khung màu cam trên ảnh trang). Văn bản dưới đây thiếu phần đó: hãy kiểm tra.</source>
        <translation>
            <numerusform>This page still has %n region with text the OCR could not read (orange frame on the page image). The text below lacks it: please check.</numerusform>
            <numerusform>This page still has %n regions with text the OCR could not read (orange frames on the page image). The text below lacks them: please check.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PageStrip</name>
    <message>
        <source>Trang %1</source>
        <translation>Page %1</translation>
    </message>
    <message>
        <source>trống</source>
        <translation>blank</translation>
    </message>
</context>
<context>
    <name>PageView</name>
    <message>
        <source>Vùng có chữ mà máy chưa đọc được: hãy kiểm tra văn bản ở đây</source>
        <translation>Text the OCR could not read: check the text here</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Nhập mã PIN</source>
        <translation>Enter PIN</translation>
    </message>
    <message>
        <source>Nhập mật khẩu</source>
        <translation>Enter the password</translation>
    </message>
    <message>
        <source>Mã PIN không được lưu lại.</source>
        <translation>The PIN is never stored.</translation>
    </message>
    <message>
        <source>Mật khẩu không được lưu lại.</source>
        <translation>The password is not stored.</translation>
    </message>
    <message>
        <source>Ký</source>
        <translation>Sign</translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>QDialog</name>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <source>Đang chờ</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Đang gửi</source>
        <translation>Uploading</translation>
    </message>
    <message>
        <source>Đã lưu trữ</source>
        <translation>Archived</translation>
    </message>
    <message>
        <source>Thất bại</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Trên máy này</source>
        <translation>On this computer</translation>
    </message>
    <message>
        <source>Gửi lại mục lỗi</source>
        <translation>Retry failed items</translation>
    </message>
    <message>
        <source>Mở thư mục lưu trữ</source>
        <translation>Open archive folder</translation>
    </message>
    <message>
        <source>Tài liệu</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Kho</source>
        <translation>Archive</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Số lần thử</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <source>Ghi chú</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Đang tải các mô-đun…</source>
        <translation>Loading modules…</translation>
    </message>
    <message>
        <source>Lưu trữ trên máy này: %1</source>
        <translation>Archive on this computer: %1</translation>
    </message>
    <message>
        <source>Mô-đun lưu trữ chưa có trong bản cài đặt này; tài liệu đã ký được giữ trên máy.</source>
        <translation>This installation has no archive module; signed documents stay on this computer.</translation>
    </message>
    <message>
        <source>Mô-đun lưu trữ chưa có trong bản cài đặt này.</source>
        <translation>This installation has no archive module.</translation>
    </message>
    <message>
        <source>Chưa cấu hình kho lưu trữ: mở Cài đặt &gt; Lưu trữ.</source>
        <translation>No archive configured: open Settings &gt; Archive.</translation>
    </message>
    <message>
        <source>Bộ gửi lưu trữ đã dừng: %1</source>
        <translation>The archive sender stopped: %1</translation>
    </message>
    <message>
        <source>Thử lại lúc %1</source>
        <translation>Retry at %1</translation>
    </message>
    <message>
        <source>đang kiểm tra…</source>
        <translation>checking…</translation>
    </message>
    <message>
        <source>kết nối được</source>
        <translation>reachable</translation>
    </message>
    <message>
        <source>KHÔNG kết nối được</source>
        <translation>NOT reachable</translation>
    </message>
    <message>
        <source>Kho “%1”: %2</source>
        <translation>Archive “%1”: %2</translation>
    </message>
    <message>
        <source>chờ %1 · lỗi %2 · xong %3</source>
        <translation>waiting %1 · failed %2 · done %3</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Lỗi ngoài dự kiến</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <source>Chương trình gặp lỗi ngoài dự kiến. Công việc đang làm đã được lưu. Hãy sao chép báo cáo dưới đây và gửi cho bộ phận kỹ thuật.</source>
        <translation>The program hit an unexpected error. Your work in progress has been saved. Please copy the report below and send it to technical support.</translation>
    </message>
    <message>
        <source>Nhật ký: %1</source>
        <translation>Log: %1</translation>
    </message>
    <message>
        <source>Sao chép báo cáo</source>
        <translation>Copy report</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>Scanning</name>
    <message>
        <source>Đang tìm máy quét…</source>
        <translation>Looking for scanners…</translation>
    </message>
    <message>
        <source>Bản cài đặt này chưa có mô-đun máy quét; hãy dùng Nhập tệp.</source>
        <translation>This installation has no scanner module; use Import.</translation>
    </message>
    <message>
        <source>Không tìm thấy máy quét: hãy cắm và bật máy quét, hoặc dùng Nhập tệp.</source>
        <translation>No scanner found: connect and switch on the scanner, or use Import.</translation>
    </message>
    <message>
        <source>Thiếu trình điều khiển máy quét (SANE); báo bộ phận kỹ thuật hoặc dùng Nhập tệp.</source>
        <translation>The scanner driver (SANE) is missing; contact technical support or use Import.</translation>
    </message>
    <message>
        <source>Không dò được máy quét; kiểm tra kết nối rồi mở lại chương trình.</source>
        <translation>Scanners could not be listed; check the connection and restart the program.</translation>
    </message>
    <message>
        <source>Đang quét…</source>
        <translation>Scanning…</translation>
    </message>
    <message>
        <source>Bản quét</source>
        <translation>Scan</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Ngôn ngữ nhận dạng</source>
        <translation>Recognition language</translation>
    </message>
    <message>
        <source>Tự động</source>
        <translation>Automatic</translation>
    </message>
    <message>
        <source>Số tiến trình song song</source>
        <translation>Parallel workers</translation>
    </message>
    <message>
        <source>Tự động nhận dạng khi có trang mới</source>
        <translation>Recognise text as soon as pages arrive</translation>
    </message>
    <message>
        <source>Nhận dạng chữ</source>
        <translation>Text recognition</translation>
    </message>
    <message>
        <source>Máy quét đầu tiên tìm thấy</source>
        <translation>First scanner found</translation>
    </message>
    <message>
        <source>Thiết bị</source>
        <translation>Device</translation>
    </message>
    <message>
        <source>Độ phân giải</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <source>Màu</source>
        <translation>Colour</translation>
    </message>
    <message>
        <source>Thang xám</source>
        <translation>Greyscale</translation>
    </message>
    <message>
        <source>Đen trắng</source>
        <translation>Black and white</translation>
    </message>
    <message>
        <source>Chế độ màu</source>
        <translation>Colour mode</translation>
    </message>
    <message>
        <source>Mặt kính</source>
        <translation>Flatbed</translation>
    </message>
    <message>
        <source>Khay nạp giấy</source>
        <translation>Document feeder</translation>
    </message>
    <message>
        <source>Khay nạp, hai mặt</source>
        <translation>Feeder, both sides</translation>
    </message>
    <message>
        <source>Nguồn giấy</source>
        <translation>Paper source</translation>
    </message>
    <message>
        <source>Máy quét</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <source>Tệp chứng thư (PKCS#12)</source>
        <translation>Certificate file (PKCS#12)</translation>
    </message>
    <message>
        <source>Token USB (PKCS#11)</source>
        <translation>USB token (PKCS#11)</translation>
    </message>
    <message>
        <source>Chứng thư thử nghiệm (không có giá trị pháp lý)</source>
        <translation>Demo certificate (no legal value)</translation>
    </message>
    <message>
        <source>Nguồn chứng thư số</source>
        <translation>Certificate source</translation>
    </message>
    <message>
        <source>Tệp .p12/.pfx</source>
        <translation>.p12/.pfx file</translation>
    </message>
    <message>
        <source>thư viện của nhà cung cấp token, ví dụ …/libxyz.so</source>
        <translation>the token vendor&apos;s library, e.g. …/libxyz.so</translation>
    </message>
    <message>
        <source>Thư viện PKCS#11</source>
        <translation>PKCS#11 library</translation>
    </message>
    <message>
        <source>Token đầu tiên</source>
        <translation>First token</translation>
    </message>
    <message>
        <source>Tên token</source>
        <translation>Token label</translation>
    </message>
    <message>
        <source>Chứng thư duy nhất trên token</source>
        <translation>The only certificate on the token</translation>
    </message>
    <message>
        <source>Nhãn chứng thư trên token</source>
        <translation>Certificate label on the token</translation>
    </message>
    <message>
        <source>Lưu trữ trên máy này (%1)</source>
        <translation>Archive on this computer (%1)</translation>
    </message>
    <message>
        <source>Mở thư mục</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>nhập một lần rồi bấm “Lưu khóa”</source>
        <translation>type once, then press “Store keys”</translation>
    </message>
    <message>
        <source>Khóa truy cập S3</source>
        <translation>S3 access key</translation>
    </message>
    <message>
        <source>Lưu khóa</source>
        <translation>Store keys</translation>
    </message>
    <message>
        <source>Khóa bí mật S3</source>
        <translation>S3 secret key</translation>
    </message>
    <message>
        <source>Khóa được lưu trong kho khóa của hệ điều hành, không bao giờ trong tệp cài đặt. Nếu các biến môi trường ở trên được đặt, chúng được dùng trước.</source>
        <translation>Keys are kept in the operating system&apos;s keyring, never in the settings file. If the environment variables above are set, they are used first.</translation>
    </message>
    <message>
        <source>Cắm token rồi bấm “Đọc token”</source>
        <translation>Plug in the token, then press “Read token”</translation>
    </message>
    <message>
        <source>Đọc token</source>
        <translation>Read token</translation>
    </message>
    <message>
        <source>Chứng thư trên token</source>
        <translation>Certificate on the token</translation>
    </message>
    <message>
        <source>Máy chủ dấu thời gian (TSA)</source>
        <translation>Timestamp server (TSA)</translation>
    </message>
    <message>
        <source>các tệp .pem/.crt, cách nhau bằng dấu ;</source>
        <translation>.pem/.crt files, separated by ;</translation>
    </message>
    <message>
        <source>Chứng thư gốc tin cậy thêm</source>
        <translation>Extra trusted root certificates</translation>
    </message>
    <message>
        <source>Chữ ký số</source>
        <translation>Digital signature</translation>
    </message>
    <message>
        <source>Tài liệu đã ký được gửi tới mọi kho được cấu hình dưới đây.</source>
        <translation>Signed documents are sent to every archive configured below.</translation>
    </message>
    <message>
        <source>Để trống nếu không dùng</source>
        <translation>Leave empty if unused</translation>
    </message>
    <message>
        <source>Thư mục lưu trữ</source>
        <translation>Archive folder</translation>
    </message>
    <message>
        <source>Địa chỉ kho S3</source>
        <translation>S3 archive address</translation>
    </message>
    <message>
        <source>Bucket S3</source>
        <translation>S3 bucket</translation>
    </message>
    <message>
        <source>Biến môi trường chứa khóa truy cập</source>
        <translation>Environment variable holding the access key</translation>
    </message>
    <message>
        <source>Biến môi trường chứa khóa bí mật</source>
        <translation>Environment variable holding the secret key</translation>
    </message>
    <message>
        <source>Lưu trữ</source>
        <translation>Archive</translation>
    </message>
    <message>
        <source>Ngôn ngữ giao diện</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>Giao diện</source>
        <translation>Interface</translation>
    </message>
    <message>
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Chọn tệp chứng thư</source>
        <translation>Choose a certificate file</translation>
    </message>
    <message>
        <source>Chứng thư số (*.p12 *.pfx)</source>
        <translation>Certificates (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>Chọn thư viện PKCS#11</source>
        <translation>Choose the PKCS#11 library</translation>
    </message>
    <message>
        <source>Thư viện (*.so *.dll *.dylib)</source>
        <translation>Libraries (*.so *.dll *.dylib)</translation>
    </message>
    <message>
        <source>Chọn thư viện PKCS#11 của token trước</source>
        <translation>Choose the token&apos;s PKCS#11 library first</translation>
    </message>
    <message>
        <source>Đang đọc token…</source>
        <translation>Reading the token…</translation>
    </message>
    <message>
        <source>Không đọc được token</source>
        <translation>Could not read the token</translation>
    </message>
    <message>
        <source>Không có chứng thư ký số trên token</source>
        <translation>No signing certificate on the token</translation>
    </message>
    <message>
        <source>%1 — %2 — hiệu lực đến %3 — token “%4”</source>
        <translation>%1 — %2 — valid until %3 — token “%4”</translation>
    </message>
    <message>
        <source>[Hết hạn] </source>
        <translation>[Expired] </translation>
    </message>
    <message>
        <source>Cấp bởi: %1</source>
        <translation>Issued by: %1</translation>
    </message>
    <message>
        <source>✔ Kho khóa của máy đã có khóa cho kho S3.</source>
        <translation>✔ This computer&apos;s keyring holds keys for the S3 archive.</translation>
    </message>
    <message>
        <source>✘ Chưa lưu được khóa.</source>
        <translation>✘ The keys were not stored.</translation>
    </message>
    <message>
        <source>Chọn thư mục lưu trữ</source>
        <translation>Choose the archive folder</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Phím tắt</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Thao tác</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Phím</source>
        <translation>Keys</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>SignPanel</name>
    <message>
        <source>B-B (chữ ký cơ bản, không có dấu thời gian)</source>
        <extracomment>the token says one more wrong PIN could lock it (signing.sources.pin_attempt_risk): the clerk confirms before the PIN is tried (issue 17, token safety)</extracomment>
        <translation>B-B (basic signature, no timestamp)</translation>
    </message>
    <message>
        <source>B-T (có dấu thời gian)</source>
        <translation>B-T (with a timestamp)</translation>
    </message>
    <message>
        <source>B-LT (có dấu thời gian và thông tin thu hồi: kiểm tra được lâu dài)</source>
        <translation>B-LT (timestamp and revocation data: verifiable in the long term)</translation>
    </message>
    <message>
        <source>B-LTA (lưu trữ dài hạn)</source>
        <translation>B-LTA (long-term archival)</translation>
    </message>
    <message>
        <source>Chứng thư số</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <source>Chọn tệp chứng thư…</source>
        <translation>Choose certificate file…</translation>
    </message>
    <message>
        <source>Dùng chứng thư thử nghiệm</source>
        <translation>Use the demo certificate</translation>
    </message>
    <message>
        <source>Chứng thư tự tạo trên máy này, chỉ để thử: chữ ký không có giá trị pháp lý</source>
        <translation>A certificate made on this computer, for trying only: its signatures have no legal value</translation>
    </message>
    <message>
        <source>Danh sách chứng thư…</source>
        <translation>Certificate list…</translation>
    </message>
    <message>
        <source>Kiểm tra trước khi ký</source>
        <translation>Checks before signing</translation>
    </message>
    <message>
        <source>Vị trí khối chữ ký (trang 1)</source>
        <translation>Signature block position (page 1)</translation>
    </message>
    <message>
        <source>Ký số (F9)</source>
        <translation>Sign (F9)</translation>
    </message>
    <message>
        <source>Đã nhận dạng chữ xong cho mọi trang</source>
        <translation>Text recognised on every page</translation>
    </message>
    <message>
        <source>Thông tin hồ sơ: mô-đun chưa có</source>
        <translation>Record details: module not installed</translation>
    </message>
    <message>
        <source>Thông tin hồ sơ đầy đủ, hợp lệ và đã xác nhận</source>
        <translation>Record details complete, valid and confirmed</translation>
    </message>
    <message>
        <source>thiếu: %1</source>
        <translation>missing: %1</translation>
    </message>
    <message>
        <source>chưa xác nhận</source>
        <translation>not confirmed</translation>
    </message>
    <message>
        <source>Độ phân giải mọi trang từ 200 dpi</source>
        <translation>Every page at 200 dpi or more</translation>
    </message>
    <message>
        <source>trang %1 thấp hơn</source>
        <translation>page %1 below</translation>
    </message>
    <message>
        <source>Các trang đã được dựng thẳng</source>
        <translation>Pages are upright</translation>
    </message>
    <message>
        <source>kiểm tra lại trang %1</source>
        <translation>check page %1</translation>
    </message>
    <message>
        <source>Trang trống: %1 — vẫn được ký cùng tài liệu; xóa trang nếu không cần</source>
        <translation>Blank pages: %1 — they are signed with the document; delete them if not needed</translation>
    </message>
    <message>
        <source>Trang có màu (con dấu đỏ) giữ nguyên màu: %1</source>
        <translation>Colour pages (red seal) kept in colour: %1</translation>
    </message>
    <message>
        <source>tự ký, không được tin cậy</source>
        <translation>self-signed, not trusted</translation>
    </message>
    <message>
        <source>Chứng thư đã hết hạn ngày %1: chọn chứng thư khác</source>
        <translation>The certificate expired on %1: choose another one</translation>
    </message>
    <message>
        <source>Chứng thư sắp hết hạn: ngày %1 (còn %2 ngày)</source>
        <translation>The certificate expires soon: %1 (%2 days left)</translation>
    </message>
    <message>
        <source>Chứng thư (%1) không thuộc danh sách tin cậy trên máy này: khi kiểm tra sẽ báo chưa xác định được</source>
        <translation>The certificate (%1) is not in this computer&apos;s trust list: verification will report it as undetermined</translation>
    </message>
    <message>
        <source>Chứng thư tự ký (%1): người kiểm tra sẽ thấy chữ ký chưa được tin cậy</source>
        <translation>Self-signed certificate (%1): verifiers will see the signature as untrusted</translation>
    </message>
    <message>
        <source>Chứng thư THỬ NGHIỆM: chữ ký không có giá trị pháp lý, khi kiểm tra sẽ báo chưa được tin cậy</source>
        <translation>DEMO certificate: the signature has no legal value and verification reports it as untrusted</translation>
    </message>
    <message>
        <source>Chưa chọn chứng thư số: khi bấm Ký sẽ được hỏi</source>
        <translation>No certificate chosen yet: you will be asked when you press Sign</translation>
    </message>
    <message>
        <source>Mức chữ ký: %1</source>
        <translation>Signature level: %1</translation>
    </message>
    <message>
        <source>Mức chữ ký: %1 — chưa có máy chủ dấu thời gian (Cài đặt &gt; Chữ ký số); có thể nâng mức sau</source>
        <translation>Signature level: %1 — no timestamp server yet (Settings &gt; Digital signature); the level can be raised later</translation>
    </message>
    <message>
        <source>Bấm để tới chỗ cần kiểm tra</source>
        <translation>Click to go to what needs checking</translation>
    </message>
    <message>
        <source>Token USB: %1</source>
        <translation>USB token: %1</translation>
    </message>
    <message>
        <source>token đầu tiên</source>
        <translation>first token</translation>
    </message>
    <message>
        <source>Chứng thư THỬ NGHIỆM (không có giá trị pháp lý, không được tin cậy)</source>
        <translation>DEMO certificate (no legal value, not trusted)</translation>
    </message>
    <message>
        <source>Token sắp bị khóa</source>
        <translation>The token may lock</translation>
    </message>
    <message>
        <source>Vẫn thử mã PIN này</source>
        <translation>Try this PIN anyway</translation>
    </message>
    <message>
        <source>%1 — %2 — hiệu lực đến %3</source>
        <translation>%1 — %2 — valid until %3</translation>
    </message>
    <message>
        <source>Tệp: %1</source>
        <translation>File: %1</translation>
    </message>
    <message>
        <source>Chưa chọn tệp chứng thư.</source>
        <translation>No certificate file chosen.</translation>
    </message>
    <message>
        <source>Ký số tài liệu (F9)</source>
        <translation>Sign the document (F9)</translation>
    </message>
    <message>
        <source>Đã ký: %1</source>
        <translation>Signed: %1</translation>
    </message>
    <message>
        <source>Sẵn sàng ký.</source>
        <translation>Ready to sign.</translation>
    </message>
    <message>
        <source>Đang tải các mô-đun…</source>
        <translation>Loading modules…</translation>
    </message>
    <message>
        <source>Mô-đun ký số chưa có trong bản cài đặt này.</source>
        <translation>This installation has no signing module.</translation>
    </message>
    <message>
        <source>Chọn một tài liệu để ký.</source>
        <translation>Select a document to sign.</translation>
    </message>
    <message>
        <source>Tài liệu đã được ký và bị khóa, không sửa được nữa.</source>
        <translation>The document is signed and locked; it can no longer be edited.</translation>
    </message>
    <message>
        <source>Đang ký…</source>
        <translation>Signing…</translation>
    </message>
    <message>
        <source>Đợi nhận dạng chữ xong.</source>
        <translation>Wait for text recognition to finish.</translation>
    </message>
    <message>
        <source>Hoàn tất các mục đánh dấu ✘ ở trên trước khi ký.</source>
        <translation>Complete the items marked ✘ above before signing.</translation>
    </message>
    <message>
        <source>Chọn tệp chứng thư</source>
        <translation>Choose a certificate file</translation>
    </message>
    <message>
        <source>Chứng thư số (*.p12 *.pfx)</source>
        <translation>Certificates (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>Chọn chứng thư số</source>
        <translation>Choose a certificate</translation>
    </message>
    <message>
        <source>Chưa chọn chứng thư số để ký. Chọn tệp chứng thư (.p12/.pfx) của cơ quan, hoặc dùng chứng thư thử nghiệm để làm thử (chữ ký không có giá trị pháp lý).</source>
        <translation>No signing certificate is chosen. Choose the agency&apos;s certificate file (.p12/.pfx), or use the demo certificate to try the flow (its signatures have no legal value).</translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Xem trước sau khi nhận dạng xong.</source>
        <translation>Preview available once recognition is done.</translation>
    </message>
    <message>
        <source>Không xem trước được vị trí chữ ký.</source>
        <translation>The signature position cannot be previewed.</translation>
    </message>
    <message>
        <source>⚠ Chứng thư số hết hạn ngày %1 (còn %2 ngày). Liên hệ tổ chức cung cấp dịch vụ chứng thực chữ ký số để gia hạn trước ngày đó.</source>
        <translation>⚠ The signing certificate expires on %1 (%2 days left). Ask the certification authority to renew it before then.</translation>
    </message>
    <message>
        <source>⚠ Đã ký bằng chứng thư THỬ NGHIỆM: bản này chỉ để thử, không dùng làm kết quả trả cho công dân.</source>
        <translation>⚠ Signed with the DEMO certificate: this copy is for trying only, never a result to hand to a citizen.</translation>
    </message>
    <message>
        <source>⚠ Chứng thư tự ký: người kiểm tra sẽ thấy chữ ký chưa được tin cậy. Dùng chứng thư do tổ chức chứng thực chữ ký số cấp.</source>
        <translation>⚠ Self-signed certificate: verifiers will see the signature as untrusted. Use a certificate issued by a certification authority.</translation>
    </message>
    <message>
        <source>Nhập mã PIN của token để ký “%1”.</source>
        <translation>Enter the token PIN to sign “%1”.</translation>
    </message>
    <message>
        <source>Nhập mật khẩu tệp chứng thư để ký “%1”.</source>
        <translation>Enter the certificate file password to sign “%1”.</translation>
    </message>
    <message>
        <source>Đã ký ở mức %1.</source>
        <translation>Signed at level %1.</translation>
    </message>
    <message>
        <source>Lý do: chưa cấu hình máy chủ dấu thời gian (Cài đặt &gt; Chữ ký số); có thể nâng mức sau.</source>
        <translation>Why: no timestamp server is configured (Settings &gt; Digital signature); the level can be raised later.</translation>
    </message>
    <message>
        <source>Cần bổ sung dấu thời gian/thông tin thu hồi sau khi có mạng.</source>
        <translation>Timestamp/revocation data must be added once the network is back.</translation>
    </message>
</context>
<context>
    <name>SignaturePanel</name>
    <message>
        <source>HỢP LỆ</source>
        <translation>VALID</translation>
    </message>
    <message>
        <source>CHƯA XÁC ĐỊNH ĐƯỢC</source>
        <translation>UNDETERMINED</translation>
    </message>
    <message>
        <source>KHÔNG HỢP LỆ</source>
        <translation>INVALID</translation>
    </message>
    <message>
        <source>chữ ký cơ bản (B-B)</source>
        <translation>basic signature (B-B)</translation>
    </message>
    <message>
        <source>có dấu thời gian (B-T)</source>
        <translation>with a timestamp (B-T)</translation>
    </message>
    <message>
        <source>kiểm tra được lâu dài (B-LT)</source>
        <translation>verifiable in the long term (B-LT)</translation>
    </message>
    <message>
        <source>lưu trữ dài hạn (B-LTA)</source>
        <translation>long-term archival (B-LTA)</translation>
    </message>
    <message>
        <source>Chưa kiểm tra chữ ký.</source>
        <translation>Signatures not verified yet.</translation>
    </message>
    <message>
        <source>Tin cậy chứng thư này…</source>
        <translation>Trust this certificate…</translation>
    </message>
    <message>
        <source>Thêm chứng thư của tổ chức cấp cho người ký vào danh sách tin cậy</source>
        <translation>Add the certificate of the signer&apos;s issuing authority to the trust list</translation>
    </message>
    <message>
        <source>Tệp không có chữ ký số</source>
        <translation>The file has no digital signature</translation>
    </message>
    <message numerus="yes">
        <source>%n chữ ký</source>
        <translation>
            <numerusform>%n signature</numerusform>
            <numerusform>%n signatures</numerusform>
        </translation>
    </message>
    <message>
        <source>Đã ký và tất cả chữ ký đều hợp lệ.</source>
        <translation>Signed and all signatures are valid.</translation>
    </message>
    <message>
        <source>Có ít nhất một chữ ký cần được xác thực.</source>
        <translation>At least one signature requires validating.</translation>
    </message>
    <message>
        <source>Có ít nhất một chữ ký có vấn đề.</source>
        <translation>At least one signature has problems.</translation>
    </message>
    <message>
        <source>Ký bằng chứng thư THỬ NGHIỆM: không có giá trị pháp lý, không được tin cậy.</source>
        <translation>Signed with the DEMO certificate: no legal value, not trusted.</translation>
    </message>
    <message>
        <source>Toàn bộ tệp</source>
        <translation>Whole file</translation>
    </message>
    <message>
        <source>THỬ NGHIỆM</source>
        <translation>DEMO</translation>
    </message>
    <message>
        <source>Dấu thời gian tài liệu</source>
        <translation>Document timestamp</translation>
    </message>
    <message>
        <source>Chữ ký</source>
        <translation>Signatures</translation>
    </message>
    <message>
        <source>Tài liệu đã bị thay đổi sau khi ký.</source>
        <translation>The document has been changed since it was signed.</translation>
    </message>
    <message>
        <source>Không kiểm tra được nội dung đã ký có bị thay đổi không.</source>
        <translation>Could not check whether the signed content was changed.</translation>
    </message>
    <message>
        <source>Sau khi ký chỉ có bổ sung được phép (dữ liệu kiểm tra, dấu thời gian hoặc chữ ký khác).</source>
        <translation>Since signing there are only permitted additions (validation data, timestamps or other signatures).</translation>
    </message>
    <message>
        <source>Tài liệu không bị thay đổi kể từ khi ký.</source>
        <translation>The document has not been changed since it was signed.</translation>
    </message>
    <message>
        <source>Chữ ký số không đúng về mặt mật mã.</source>
        <translation>The digital signature is cryptographically wrong.</translation>
    </message>
    <message>
        <source>Người ký: %1 — cơ quan: %2</source>
        <translation>Signer: %1 — organisation: %2</translation>
    </message>
    <message>
        <source>Cấp bởi: %1</source>
        <translation>Issued by: %1</translation>
    </message>
    <message>
        <source>Chứng thư THỬ NGHIỆM: không có giá trị pháp lý và không bao giờ được tin cậy.</source>
        <translation>DEMO certificate: no legal value and never trusted.</translation>
    </message>
    <message>
        <source>Danh tính người ký hợp lệ: chứng thư gốc %1 nằm trong danh sách tin cậy.</source>
        <translation>The signer&apos;s identity is valid: the root certificate %1 is in the trust list.</translation>
    </message>
    <message>
        <source>Chưa xác định được danh tính người ký: chứng thư của người ký và các chứng thư cấp trên không nằm trong danh sách tin cậy của bạn.</source>
        <translation>The signer&apos;s identity is unknown: neither the signer&apos;s certificate nor its issuers are in your trust list.</translation>
    </message>
    <message>
        <source>Chứng thư chưa bị thu hồi.</source>
        <translation>The certificate has not been revoked.</translation>
    </message>
    <message>
        <source>Chứng thư đã bị thu hồi (%1).</source>
        <translation>The certificate has been revoked (%1).</translation>
    </message>
    <message>
        <source>Chưa kiểm tra được chứng thư có bị thu hồi không (không có dữ liệu OCSP/CRL).</source>
        <translation>Could not check whether the certificate was revoked (no OCSP/CRL data).</translation>
    </message>
    <message>
        <source>Chứng thư không có hiệu lực tại thời điểm ký.</source>
        <translation>The certificate was not valid at the signing time.</translation>
    </message>
    <message>
        <source>Chứng thư có hiệu lực tại thời điểm ký (%1 – %2).</source>
        <translation>The certificate was valid at the signing time (%1 – %2).</translation>
    </message>
    <message>
        <source>Có dấu thời gian: %1 (đơn vị cấp: %2).</source>
        <translation>Timestamped: %1 (by %2).</translation>
    </message>
    <message>
        <source>Thời gian ký %1 lấy theo đồng hồ máy tính của người ký (không có dấu thời gian).</source>
        <translation>Signing time %1 is from the signer&apos;s computer clock (no timestamp).</translation>
    </message>
    <message>
        <source>Mức chữ ký: %1.</source>
        <translation>Signature level: %1.</translation>
    </message>
    <message>
        <source>Lý do: %1.</source>
        <translation>Reason: %1.</translation>
    </message>
    <message>
        <source>Chứng thư thử nghiệm không bao giờ được tin cậy.</source>
        <translation>The demo certificate is never trusted.</translation>
    </message>
    <message>
        <source>Chứng thư này đã được tin cậy.</source>
        <translation>This certificate is already trusted.</translation>
    </message>
    <message>
        <source>Tin cậy chứng thư</source>
        <translation>Trust certificate</translation>
    </message>
    <message>
        <source>Tin cậy chứng thư “%1”?</source>
        <translation>Trust the certificate “%1”?</translation>
    </message>
    <message>
        <source>Mọi chữ ký có chuỗi chứng thư tới chứng thư này sẽ được coi là đáng tin cậy. Chỉ đồng ý khi bạn đã đối chiếu dấu vân tay với tổ chức cấp.

Cơ quan: %1
Thời hạn: %2 – %3
Dấu vân tay SHA-256: %4</source>
        <translation>Every signature whose certificate chain leads to this certificate will be trusted. Agree only after you have compared the fingerprint with the issuing authority.

Organisation: %1
Validity: %2 – %3
SHA-256 fingerprint: %4</translation>
    </message>
    <message>
        <source>Tin cậy</source>
        <translation>Trust</translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <source>Kiểm tra chữ ký số</source>
        <translation>Verify digital signatures</translation>
    </message>
    <message>
        <source>Chọn một tệp PDF để kiểm tra.</source>
        <translation>Choose a PDF file to verify.</translation>
    </message>
    <message>
        <source>Mở tệp khác…</source>
        <translation>Open another file…</translation>
    </message>
    <message>
        <source>Xuất báo cáo…</source>
        <translation>Export report…</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Mô-đun kiểm tra chữ ký chưa có trong bản cài đặt này.</source>
        <translation>This installation has no signature verification module.</translation>
    </message>
    <message>
        <source>Chọn tệp PDF đã ký</source>
        <translation>Choose a signed PDF</translation>
    </message>
    <message>
        <source>Tệp PDF (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Tệp: %1</source>
        <translation>File: %1</translation>
    </message>
    <message>
        <source>Đang kiểm tra…</source>
        <translation>Verifying…</translation>
    </message>
    <message>
        <source>Không kiểm tra được tệp này.</source>
        <translation>This file could not be verified.</translation>
    </message>
    <message>
        <source>Xuất báo cáo</source>
        <translation>Export report</translation>
    </message>
    <message>
        <source>Báo cáo PDF (*.pdf);;Trang HTML (*.html)</source>
        <translation>PDF report (*.pdf);;HTML page (*.html)</translation>
    </message>
    <message>
        <source>Đã lưu báo cáo: %1</source>
        <translation>Report saved: %1</translation>
    </message>
</context>
<context>
    <name>win</name>
    <message>
        <source>Thay trang</source>
        <translation>Replace page</translation>
    </message>
    <message>
        <source>Chèn trang</source>
        <translation>Insert pages</translation>
    </message>
</context>
</TS>
