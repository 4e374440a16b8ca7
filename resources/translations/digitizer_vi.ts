<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi" sourcelanguage="vi_VN">
<context>
    <name>CertificateDialog</name>
    <message>
        <source>Chứng thư số dùng để ký</source>
        <translation>Chứng thư số dùng để ký</translation>
    </message>
    <message>
        <source>Các chứng thư có thể dùng để ký trên máy này: tệp .p12/.pfx đã chọn, chứng thư trên token đang cắm và chứng thư thử nghiệm.</source>
        <translation>Các chứng thư có thể dùng để ký trên máy này: tệp .p12/.pfx đã chọn, chứng thư trên token đang cắm và chứng thư thử nghiệm.</translation>
    </message>
    <message>
        <source>Người được cấp</source>
        <translation>Người được cấp</translation>
    </message>
    <message>
        <source>Cơ quan</source>
        <translation>Cơ quan</translation>
    </message>
    <message>
        <source>Hiệu lực</source>
        <translation>Hiệu lực</translation>
    </message>
    <message>
        <source>Nguồn</source>
        <translation>Nguồn</translation>
    </message>
    <message>
        <source>Tin cậy</source>
        <translation>Tin cậy</translation>
    </message>
    <message>
        <source>Dùng chứng thư này</source>
        <translation>Dùng chứng thư này</translation>
    </message>
    <message>
        <source>Thêm tệp .p12/.pfx…</source>
        <translation>Thêm tệp .p12/.pfx…</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>Đang đọc các chứng thư…</source>
        <translation>Đang đọc các chứng thư…</translation>
    </message>
    <message>
        <source>✓ Được tin cậy</source>
        <translation>✓ Được tin cậy</translation>
    </message>
    <message>
        <source>⚠ Tự ký, không được tin cậy</source>
        <translation>⚠ Tự ký, không được tin cậy</translation>
    </message>
    <message>
        <source>⚠ Không thuộc danh sách tin cậy</source>
        <translation>⚠ Không thuộc danh sách tin cậy</translation>
    </message>
    <message>
        <source>⚠ THỬ NGHIỆM, không bao giờ được tin cậy</source>
        <translation>⚠ THỬ NGHIỆM, không bao giờ được tin cậy</translation>
    </message>
    <message>
        <source>Chưa biết (mở bằng mật khẩu khi ký)</source>
        <translation>Chưa biết (mở bằng mật khẩu khi ký)</translation>
    </message>
    <message>
        <source>tạo khi dùng lần đầu</source>
        <translation>tạo khi dùng lần đầu</translation>
    </message>
    <message>
        <source>✗ Đã hết hạn ngày %1</source>
        <translation>✗ Đã hết hạn ngày %1</translation>
    </message>
    <message>
        <source>⚠ Đến %1 (còn %2 ngày)</source>
        <translation>⚠ Đến %1 (còn %2 ngày)</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>Chứng thư thử nghiệm</source>
        <translation>Chứng thư thử nghiệm</translation>
    </message>
    <message>
        <source>Token “%1”</source>
        <translation>Token “%1”</translation>
    </message>
    <message>
        <source>Tệp %1</source>
        <translation>Tệp %1</translation>
    </message>
    <message>
        <source>THỬ NGHIỆM</source>
        <translation>THỬ NGHIỆM</translation>
    </message>
    <message>
        <source>Đang dùng để ký</source>
        <translation>Đang dùng để ký</translation>
    </message>
    <message numerus="yes">
        <source>%n chứng thư.</source>
        <translation>
            <numerusform>%n chứng thư.</numerusform>
        </translation>
    </message>
    <message>
        <source>Chứng thư nào chưa được tin cậy thì khi kiểm tra sẽ báo chưa xác định được.</source>
        <translation>Chứng thư nào chưa được tin cậy thì khi kiểm tra sẽ báo chưa xác định được.</translation>
    </message>
    <message>
        <source>Chọn tệp chứng thư</source>
        <translation>Chọn tệp chứng thư</translation>
    </message>
    <message>
        <source>Chứng thư số (*.p12 *.pfx)</source>
        <translation>Chứng thư số (*.p12 *.pfx)</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Không thực hiện được</source>
        <translation>Không thực hiện được</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>DocList</name>
    <message>
        <source>%1 số %2</source>
        <translation>%1 số %2</translation>
    </message>
</context>
<context>
    <name>DocState</name>
    <message>
        <source>Mới</source>
        <translation>Mới</translation>
    </message>
    <message>
        <source>Chờ nhận dạng chữ</source>
        <translation>Chờ nhận dạng chữ</translation>
    </message>
    <message>
        <source>Đang nhận dạng %1/%2 trang</source>
        <translation>Đang nhận dạng %1/%2 trang</translation>
    </message>
    <message>
        <source>Sẵn sàng ký</source>
        <translation>Sẵn sàng ký</translation>
    </message>
    <message>
        <source>Đã ký</source>
        <translation>Đã ký</translation>
    </message>
    <message>
        <source>Đang chờ gửi lưu trữ</source>
        <translation>Đang chờ gửi lưu trữ</translation>
    </message>
    <message>
        <source>Đã lưu trữ</source>
        <translation>Đã lưu trữ</translation>
    </message>
    <message>
        <source>Lỗi</source>
        <translation>Lỗi</translation>
    </message>
    <message>
        <source>Cần hoàn tất trước khi ký</source>
        <translation>Cần hoàn tất trước khi ký</translation>
    </message>
</context>
<context>
    <name>ErrorMessages</name>
    <message>
        <source>Đã xảy ra lỗi ngoài dự kiến.</source>
        <translation>Đã xảy ra lỗi ngoài dự kiến.</translation>
    </message>
    <message>
        <source>Hãy gửi báo cáo lỗi cho bộ phận kỹ thuật.</source>
        <translation>Hãy gửi báo cáo lỗi cho bộ phận kỹ thuật.</translation>
    </message>
    <message>
        <source>Thao tác không hợp lệ.</source>
        <translation>Thao tác không hợp lệ.</translation>
    </message>
    <message>
        <source>Kiểm tra lại lựa chọn rồi thử lại.</source>
        <translation>Kiểm tra lại lựa chọn rồi thử lại.</translation>
    </message>
    <message>
        <source>Không đọc được tệp đầu vào.</source>
        <translation>Không đọc được tệp đầu vào.</translation>
    </message>
    <message>
        <source>Kiểm tra tệp (PDF hoặc ảnh) rồi nhập lại.</source>
        <translation>Kiểm tra tệp (PDF hoặc ảnh) rồi nhập lại.</translation>
    </message>
    <message>
        <source>Loại tệp này không được hỗ trợ.</source>
        <translation>Loại tệp này không được hỗ trợ.</translation>
    </message>
    <message>
        <source>Chỉ nhập tệp PDF, JPEG, PNG hoặc TIFF.</source>
        <translation>Chỉ nhập tệp PDF, JPEG, PNG hoặc TIFF.</translation>
    </message>
    <message>
        <source>Tệp rỗng, không có trang nào.</source>
        <translation>Tệp rỗng, không có trang nào.</translation>
    </message>
    <message>
        <source>Chọn lại tệp đúng hoặc quét lại tài liệu.</source>
        <translation>Chọn lại tệp đúng hoặc quét lại tài liệu.</translation>
    </message>
    <message>
        <source>Tệp bị hỏng, không đọc được.</source>
        <translation>Tệp bị hỏng, không đọc được.</translation>
    </message>
    <message>
        <source>Lấy lại bản gốc hoặc quét lại tài liệu.</source>
        <translation>Lấy lại bản gốc hoặc quét lại tài liệu.</translation>
    </message>
    <message>
        <source>Ảnh quá lớn để xử lý.</source>
        <translation>Ảnh quá lớn để xử lý.</translation>
    </message>
    <message>
        <source>Quét lại với độ phân giải 300 dpi.</source>
        <translation>Quét lại với độ phân giải 300 dpi.</translation>
    </message>
    <message>
        <source>Tệp vượt quá giới hạn cho phép (dung lượng hoặc số trang).</source>
        <translation>Tệp vượt quá giới hạn cho phép (dung lượng hoặc số trang).</translation>
    </message>
    <message>
        <source>Chia tài liệu thành nhiều tệp nhỏ hơn, hoặc nhờ bộ phận kỹ thuật nâng giới hạn.</source>
        <translation>Chia tài liệu thành nhiều tệp nhỏ hơn, hoặc nhờ bộ phận kỹ thuật nâng giới hạn.</translation>
    </message>
    <message>
        <source>Tệp PDF được đặt mật khẩu.</source>
        <translation>Tệp PDF được đặt mật khẩu.</translation>
    </message>
    <message>
        <source>Xin bản không mật khẩu hoặc in ra rồi quét lại.</source>
        <translation>Xin bản không mật khẩu hoặc in ra rồi quét lại.</translation>
    </message>
    <message>
        <source>Tệp PDF đã có chữ ký số; sửa nó sẽ làm hỏng chữ ký.</source>
        <translation>Tệp PDF đã có chữ ký số; sửa nó sẽ làm hỏng chữ ký.</translation>
    </message>
    <message>
        <source>Dùng chức năng Kiểm tra chữ ký thay vì nhập tệp này.</source>
        <translation>Dùng chức năng Kiểm tra chữ ký thay vì nhập tệp này.</translation>
    </message>
    <message>
        <source>Thiếu chương trình hoặc gói ngôn ngữ cần thiết.</source>
        <translation>Thiếu chương trình hoặc gói ngôn ngữ cần thiết.</translation>
    </message>
    <message>
        <source>Chạy lại ./setup.sh hoặc báo bộ phận kỹ thuật.</source>
        <translation>Chạy lại ./setup.sh hoặc báo bộ phận kỹ thuật.</translation>
    </message>
    <message>
        <source>Nhận dạng chữ (OCR) thất bại.</source>
        <translation>Nhận dạng chữ (OCR) thất bại.</translation>
    </message>
    <message>
        <source>Thử lại; nếu vẫn lỗi, quét lại trang đó.</source>
        <translation>Thử lại; nếu vẫn lỗi, quét lại trang đó.</translation>
    </message>
    <message>
        <source>Nhận dạng chữ mất quá nhiều thời gian.</source>
        <translation>Nhận dạng chữ mất quá nhiều thời gian.</translation>
    </message>
    <message>
        <source>Thử lại hoặc quét lại trang với chất lượng tốt hơn.</source>
        <translation>Thử lại hoặc quét lại trang với chất lượng tốt hơn.</translation>
    </message>
    <message>
        <source>Không ghi được tệp kết quả.</source>
        <translation>Không ghi được tệp kết quả.</translation>
    </message>
    <message>
        <source>Kiểm tra quyền ghi và dung lượng ổ đĩa.</source>
        <translation>Kiểm tra quyền ghi và dung lượng ổ đĩa.</translation>
    </message>
    <message>
        <source>Ổ đĩa đã đầy.</source>
        <translation>Ổ đĩa đã đầy.</translation>
    </message>
    <message>
        <source>Giải phóng dung lượng rồi thử lại; dữ liệu chưa bị mất.</source>
        <translation>Giải phóng dung lượng rồi thử lại; dữ liệu chưa bị mất.</translation>
    </message>
    <message>
        <source>Thông tin mô tả (metadata) chưa hợp lệ.</source>
        <translation>Thông tin mô tả (metadata) chưa hợp lệ.</translation>
    </message>
    <message>
        <source>Sửa các trường được tô đỏ trong biểu mẫu.</source>
        <translation>Sửa các trường được tô đỏ trong biểu mẫu.</translation>
    </message>
    <message>
        <source>Tài liệu mật không được số hóa tại quầy.</source>
        <translation>Tài liệu mật không được số hóa tại quầy.</translation>
    </message>
    <message>
        <source>Chuyển tài liệu cho bộ phận văn thư theo quy định.</source>
        <translation>Chuyển tài liệu cho bộ phận văn thư theo quy định.</translation>
    </message>
    <message>
        <source>Lô tài liệu đã chạy xong nhưng có tài liệu lỗi hoặc cần xem lại.</source>
        <translation>Lô tài liệu đã chạy xong nhưng có tài liệu lỗi hoặc cần xem lại.</translation>
    </message>
    <message>
        <source>Xem nhật ký của lô để xử lý từng tài liệu.</source>
        <translation>Xem nhật ký của lô để xử lý từng tài liệu.</translation>
    </message>
    <message>
        <source>Lưu trữ gặp lỗi.</source>
        <translation>Lưu trữ gặp lỗi.</translation>
    </message>
    <message>
        <source>Tài liệu vẫn nằm trong hàng đợi; hệ thống sẽ thử lại.</source>
        <translation>Tài liệu vẫn nằm trong hàng đợi; hệ thống sẽ thử lại.</translation>
    </message>
    <message>
        <source>Không kết nối được kho lưu trữ.</source>
        <translation>Không kết nối được kho lưu trữ.</translation>
    </message>
    <message>
        <source>Tài liệu vẫn nằm an toàn trong hàng đợi và sẽ tự gửi lại khi có kết nối.</source>
        <translation>Tài liệu vẫn nằm an toàn trong hàng đợi và sẽ tự gửi lại khi có kết nối.</translation>
    </message>
    <message>
        <source>Tệp trên kho lưu trữ không khớp mã kiểm tra.</source>
        <translation>Tệp trên kho lưu trữ không khớp mã kiểm tra.</translation>
    </message>
    <message>
        <source>Gửi lại tài liệu; nếu vẫn lỗi, báo bộ phận kỹ thuật.</source>
        <translation>Gửi lại tài liệu; nếu vẫn lỗi, báo bộ phận kỹ thuật.</translation>
    </message>
    <message>
        <source>Chưa cấu hình kho lưu trữ đúng.</source>
        <translation>Chưa cấu hình kho lưu trữ đúng.</translation>
    </message>
    <message>
        <source>Mở Cài đặt &gt; Lưu trữ và nhập thư mục hoặc máy chủ S3.</source>
        <translation>Mở Cài đặt &gt; Lưu trữ và nhập thư mục hoặc máy chủ S3.</translation>
    </message>
    <message>
        <source>Máy quét gặp lỗi.</source>
        <translation>Máy quét gặp lỗi.</translation>
    </message>
    <message>
        <source>Kiểm tra giấy, nắp máy và cáp rồi quét lại.</source>
        <translation>Kiểm tra giấy, nắp máy và cáp rồi quét lại.</translation>
    </message>
    <message>
        <source>Không tìm thấy máy quét.</source>
        <translation>Không tìm thấy máy quét.</translation>
    </message>
    <message>
        <source>Cắm và bật máy quét, hoặc dùng Nhập tệp.</source>
        <translation>Cắm và bật máy quét, hoặc dùng Nhập tệp.</translation>
    </message>
    <message>
        <source>Máy quét đang bận.</source>
        <translation>Máy quét đang bận.</translation>
    </message>
    <message>
        <source>Đợi lượt quét hiện tại xong rồi thử lại.</source>
        <translation>Đợi lượt quét hiện tại xong rồi thử lại.</translation>
    </message>
    <message>
        <source>Máy quét bị kẹt giấy.</source>
        <translation>Máy quét bị kẹt giấy.</translation>
    </message>
    <message>
        <source>Mở máy, gỡ tờ giấy bị kẹt rồi quét lại trang đó.</source>
        <translation>Mở máy, gỡ tờ giấy bị kẹt rồi quét lại trang đó.</translation>
    </message>
    <message>
        <source>Nắp máy quét đang mở.</source>
        <translation>Nắp máy quét đang mở.</translation>
    </message>
    <message>
        <source>Đóng nắp máy quét rồi quét lại.</source>
        <translation>Đóng nắp máy quét rồi quét lại.</translation>
    </message>
    <message>
        <source>Khay nạp giấy không có tài liệu.</source>
        <translation>Khay nạp giấy không có tài liệu.</translation>
    </message>
    <message>
        <source>Đặt giấy vào khay nạp rồi quét lại.</source>
        <translation>Đặt giấy vào khay nạp rồi quét lại.</translation>
    </message>
    <message>
        <source>Lỗi truyền dữ liệu với máy quét.</source>
        <translation>Lỗi truyền dữ liệu với máy quét.</translation>
    </message>
    <message>
        <source>Kiểm tra cáp, tắt bật máy quét rồi thử lại.</source>
        <translation>Kiểm tra cáp, tắt bật máy quét rồi thử lại.</translation>
    </message>
    <message>
        <source>Máy quét đã bị ngắt kết nối.</source>
        <translation>Máy quét đã bị ngắt kết nối.</translation>
    </message>
    <message>
        <source>Cắm lại máy quét; các trang đã quét vẫn được giữ.</source>
        <translation>Cắm lại máy quét; các trang đã quét vẫn được giữ.</translation>
    </message>
    <message>
        <source>Đã hủy theo yêu cầu.</source>
        <translation>Đã hủy theo yêu cầu.</translation>
    </message>
    <message>
        <source>Không có dữ liệu nào bị mất.</source>
        <translation>Không có dữ liệu nào bị mất.</translation>
    </message>
    <message>
        <source>Ký số thất bại.</source>
        <translation>Ký số thất bại.</translation>
    </message>
    <message>
        <source>Tài liệu chưa bị thay đổi; kiểm tra chứng thư rồi thử lại.</source>
        <translation>Tài liệu chưa bị thay đổi; kiểm tra chứng thư rồi thử lại.</translation>
    </message>
    <message>
        <source>Chứng thư số không dùng để ký được.</source>
        <translation>Chứng thư số không dùng để ký được.</translation>
    </message>
    <message>
        <source>Chọn chứng thư số khác trong Cài đặt &gt; Chữ ký số.</source>
        <translation>Chọn chứng thư số khác trong Cài đặt &gt; Chữ ký số.</translation>
    </message>
    <message>
        <source>Chứng thư số đã hết hạn.</source>
        <translation>Chứng thư số đã hết hạn.</translation>
    </message>
    <message>
        <source>Gia hạn chứng thư số trước khi ký.</source>
        <translation>Gia hạn chứng thư số trước khi ký.</translation>
    </message>
    <message>
        <source>Chứng thư số chưa đến ngày có hiệu lực.</source>
        <translation>Chứng thư số chưa đến ngày có hiệu lực.</translation>
    </message>
    <message>
        <source>Kiểm tra đồng hồ máy tính hoặc dùng chứng thư khác.</source>
        <translation>Kiểm tra đồng hồ máy tính hoặc dùng chứng thư khác.</translation>
    </message>
    <message>
        <source>Chứng thư số đã bị thu hồi.</source>
        <translation>Chứng thư số đã bị thu hồi.</translation>
    </message>
    <message>
        <source>Không ký bằng chứng thư này; liên hệ người quản lý.</source>
        <translation>Không ký bằng chứng thư này; liên hệ người quản lý.</translation>
    </message>
    <message>
        <source>Mật khẩu tệp chứng thư (.p12) không đúng.</source>
        <translation>Mật khẩu tệp chứng thư (.p12) không đúng.</translation>
    </message>
    <message>
        <source>Nhập lại mật khẩu; tài liệu chưa bị thay đổi.</source>
        <translation>Nhập lại mật khẩu; tài liệu chưa bị thay đổi.</translation>
    </message>
    <message>
        <source>Mã PIN không đúng.</source>
        <translation>Mã PIN không đúng.</translation>
    </message>
    <message>
        <source>Nhập lại mã PIN; chú ý số lần thử còn lại của token.</source>
        <translation>Nhập lại mã PIN; chú ý số lần thử còn lại của token.</translation>
    </message>
    <message>
        <source>Token đã bị khóa PIN.</source>
        <translation>Token đã bị khóa PIN.</translation>
    </message>
    <message>
        <source>Liên hệ người quản lý chứng thư số để mở khóa.</source>
        <translation>Liên hệ người quản lý chứng thư số để mở khóa.</translation>
    </message>
    <message>
        <source>Token chỉ còn một lần thử mã PIN: nhập sai lần nữa token sẽ bị khóa.</source>
        <translation>Token chỉ còn một lần thử mã PIN: nhập sai lần nữa token sẽ bị khóa.</translation>
    </message>
    <message>
        <source>Kiểm tra kỹ mã PIN rồi xác nhận để thử; nếu không chắc, liên hệ người quản lý chứng thư số.</source>
        <translation>Kiểm tra kỹ mã PIN rồi xác nhận để thử; nếu không chắc, liên hệ người quản lý chứng thư số.</translation>
    </message>
    <message>
        <source>Token báo đã có lần nhập sai mã PIN; số lần thử còn lại đang giảm.</source>
        <translation>Token báo đã có lần nhập sai mã PIN; số lần thử còn lại đang giảm.</translation>
    </message>
    <message>
        <source>Kiểm tra kỹ mã PIN rồi xác nhận để thử; nhập sai nhiều lần token sẽ bị khóa.</source>
        <translation>Kiểm tra kỹ mã PIN rồi xác nhận để thử; nhập sai nhiều lần token sẽ bị khóa.</translation>
    </message>
    <message>
        <source>Chưa có tên cơ quan sao văn bản để ghi lên chữ ký.</source>
        <translation>Chưa có tên cơ quan sao văn bản để ghi lên chữ ký.</translation>
    </message>
    <message>
        <source>Nhập tên cơ quan thực hiện sao văn bản trong Cài đặt &gt; Chữ ký số.</source>
        <translation>Nhập tên cơ quan thực hiện sao văn bản trong Cài đặt &gt; Chữ ký số.</translation>
    </message>
    <message>
        <source>Không tìm thấy token ký số.</source>
        <translation>Không tìm thấy token ký số.</translation>
    </message>
    <message>
        <source>Cắm token vào máy rồi thử lại.</source>
        <translation>Cắm token vào máy rồi thử lại.</translation>
    </message>
    <message>
        <source>Không tìm thấy khóa ký trong token hoặc tệp.</source>
        <translation>Không tìm thấy khóa ký trong token hoặc tệp.</translation>
    </message>
    <message>
        <source>Chọn đúng chứng thư số trong Cài đặt &gt; Chữ ký số.</source>
        <translation>Chọn đúng chứng thư số trong Cài đặt &gt; Chữ ký số.</translation>
    </message>
    <message>
        <source>Không kết nối được dịch vụ ký số từ xa.</source>
        <translation>Không kết nối được dịch vụ ký số từ xa.</translation>
    </message>
    <message>
        <source>Kiểm tra mạng và địa chỉ dịch vụ trong Cài đặt &gt; Chữ ký số.</source>
        <translation>Kiểm tra mạng và địa chỉ dịch vụ trong Cài đặt &gt; Chữ ký số.</translation>
    </message>
    <message>
        <source>Dịch vụ ký số từ xa đang tạm từ chối vì có quá nhiều yêu cầu.</source>
        <translation>Dịch vụ ký số từ xa đang tạm từ chối vì có quá nhiều yêu cầu.</translation>
    </message>
    <message>
        <source>Chờ vài phút rồi ký tiếp; các tài liệu đã ký vẫn giữ.</source>
        <translation>Chờ vài phút rồi ký tiếp; các tài liệu đã ký vẫn giữ.</translation>
    </message>
    <message>
        <source>Dịch vụ ký số từ xa không có chứng thư số đã chọn.</source>
        <translation>Dịch vụ ký số từ xa không có chứng thư số đã chọn.</translation>
    </message>
    <message>
        <source>Chọn lại chứng thư số từ danh sách của dịch vụ trong Cài đặt.</source>
        <translation>Chọn lại chứng thư số từ danh sách của dịch vụ trong Cài đặt.</translation>
    </message>
    <message>
        <source>Chứng thư số trên dịch vụ ký từ xa đang bị tạm khóa.</source>
        <translation>Chứng thư số trên dịch vụ ký từ xa đang bị tạm khóa.</translation>
    </message>
    <message>
        <source>Liên hệ nhà cung cấp dịch vụ ký số để kích hoạt lại.</source>
        <translation>Liên hệ nhà cung cấp dịch vụ ký số để kích hoạt lại.</translation>
    </message>
    <message>
        <source>Dịch vụ ký số từ xa từ chối truy cập.</source>
        <translation>Dịch vụ ký số từ xa từ chối truy cập.</translation>
    </message>
    <message>
        <source>Đăng nhập lại tài khoản ký số từ xa (mã truy cập đã hết hạn?).</source>
        <translation>Đăng nhập lại tài khoản ký số từ xa (mã truy cập đã hết hạn?).</translation>
    </message>
    <message>
        <source>Yêu cầu ký không được xác nhận.</source>
        <translation>Yêu cầu ký không được xác nhận.</translation>
    </message>
    <message>
        <source>Ký lại và xác nhận yêu cầu ký trên ứng dụng điện thoại.</source>
        <translation>Ký lại và xác nhận yêu cầu ký trên ứng dụng điện thoại.</translation>
    </message>
    <message>
        <source>Mã OTP hoặc mã PIN ký số từ xa không đúng.</source>
        <translation>Mã OTP hoặc mã PIN ký số từ xa không đúng.</translation>
    </message>
    <message>
        <source>Nhập lại mã mới nhất; tài liệu chưa bị thay đổi.</source>
        <translation>Nhập lại mã mới nhất; tài liệu chưa bị thay đổi.</translation>
    </message>
    <message>
        <source>Lượt xác nhận ký đã hết hạn.</source>
        <translation>Lượt xác nhận ký đã hết hạn.</translation>
    </message>
    <message>
        <source>Ký tiếp để xác nhận lại; các tài liệu đã ký vẫn giữ nguyên.</source>
        <translation>Ký tiếp để xác nhận lại; các tài liệu đã ký vẫn giữ nguyên.</translation>
    </message>
    <message>
        <source>Chứng thư số trên dịch vụ ký từ xa đã bị khóa.</source>
        <translation>Chứng thư số trên dịch vụ ký từ xa đã bị khóa.</translation>
    </message>
    <message>
        <source>Liên hệ nhà cung cấp dịch vụ ký số để mở khóa.</source>
        <translation>Liên hệ nhà cung cấp dịch vụ ký số để mở khóa.</translation>
    </message>
    <message>
        <source>Dịch vụ ký số từ xa từ chối yêu cầu ký.</source>
        <translation>Dịch vụ ký số từ xa từ chối yêu cầu ký.</translation>
    </message>
    <message>
        <source>Thử lại; nếu vẫn lỗi, báo bộ phận kỹ thuật.</source>
        <translation>Thử lại; nếu vẫn lỗi, báo bộ phận kỹ thuật.</translation>
    </message>
    <message>
        <source>Dịch vụ ký số từ xa trả lời không hợp lệ.</source>
        <translation>Dịch vụ ký số từ xa trả lời không hợp lệ.</translation>
    </message>
    <message>
        <source>Thử lại sau; nếu vẫn lỗi, báo bộ phận kỹ thuật.</source>
        <translation>Thử lại sau; nếu vẫn lỗi, báo bộ phận kỹ thuật.</translation>
    </message>
    <message>
        <source>Không kết nối được máy chủ dấu thời gian (TSA).</source>
        <translation>Không kết nối được máy chủ dấu thời gian (TSA).</translation>
    </message>
    <message>
        <source>Kiểm tra mạng hoặc địa chỉ TSA trong Cài đặt.</source>
        <translation>Kiểm tra mạng hoặc địa chỉ TSA trong Cài đặt.</translation>
    </message>
    <message>
        <source>Chưa cấu hình máy chủ dấu thời gian (TSA).</source>
        <translation>Chưa cấu hình máy chủ dấu thời gian (TSA).</translation>
    </message>
    <message>
        <source>Nhập địa chỉ TSA trong Cài đặt &gt; Chữ ký số.</source>
        <translation>Nhập địa chỉ TSA trong Cài đặt &gt; Chữ ký số.</translation>
    </message>
    <message>
        <source>Không kiểm tra được tình trạng thu hồi của chứng thư.</source>
        <translation>Không kiểm tra được tình trạng thu hồi của chứng thư.</translation>
    </message>
    <message>
        <source>Kiểm tra kết nối mạng rồi ký lại.</source>
        <translation>Kiểm tra kết nối mạng rồi ký lại.</translation>
    </message>
    <message>
        <source>Bản ký tự kiểm tra không đạt nên đã bị hủy.</source>
        <translation>Bản ký tự kiểm tra không đạt nên đã bị hủy.</translation>
    </message>
    <message>
        <source>Ký lại; nếu vẫn lỗi, báo bộ phận kỹ thuật.</source>
        <translation>Ký lại; nếu vẫn lỗi, báo bộ phận kỹ thuật.</translation>
    </message>
    <message>
        <source>Không chuẩn bị được việc kiểm tra chữ ký.</source>
        <translation>Không chuẩn bị được việc kiểm tra chữ ký.</translation>
    </message>
    <message>
        <source>Kiểm tra danh sách chứng thư gốc tin cậy trong Cài đặt.</source>
        <translation>Kiểm tra danh sách chứng thư gốc tin cậy trong Cài đặt.</translation>
    </message>
    <message>
        <source>Không đọc được kho chứng thư gốc tin cậy.</source>
        <translation>Không đọc được kho chứng thư gốc tin cậy.</translation>
    </message>
    <message>
        <source>Kiểm tra các tệp chứng thư gốc trong Cài đặt.</source>
        <translation>Kiểm tra các tệp chứng thư gốc trong Cài đặt.</translation>
    </message>
    <message>
        <source>Không kiểm tra được chữ ký.</source>
        <translation>Không kiểm tra được chữ ký.</translation>
    </message>
    <message>
        <source>Kiểm tra tệp PDF rồi thử lại.</source>
        <translation>Kiểm tra tệp PDF rồi thử lại.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Số hóa hồ sơ – Quầy một cửa</source>
        <translation>Số hóa hồ sơ – Quầy một cửa</translation>
    </message>
    <message>
        <source>Tài liệu đang mở chưa được ký.</source>
        <translation>Tài liệu đang mở chưa được ký.</translation>
    </message>
    <message>
        <source>Tài liệu đang xử lý</source>
        <translation>Tài liệu đang xử lý</translation>
    </message>
    <message>
        <source>Văn bản OCR</source>
        <translation>Văn bản OCR</translation>
    </message>
    <message>
        <source>Thông tin hồ sơ</source>
        <translation>Thông tin hồ sơ</translation>
    </message>
    <message>
        <source>Ký số</source>
        <translation>Ký số</translation>
    </message>
    <message>
        <source>Chữ ký</source>
        <translation>Chữ ký</translation>
    </message>
    <message>
        <source>Bảng chữ ký</source>
        <translation>Bảng chữ ký</translation>
    </message>
    <message>
        <source>Hàng đợi lưu trữ</source>
        <translation>Hàng đợi lưu trữ</translation>
    </message>
    <message>
        <source>Thu phóng: %1%</source>
        <translation>Thu phóng: %1%</translation>
    </message>
    <message>
        <source>Quét</source>
        <translation>Quét</translation>
    </message>
    <message>
        <source>Quét tài liệu (F2)</source>
        <translation>Quét tài liệu (F2)</translation>
    </message>
    <message>
        <source>Nhập tệp</source>
        <translation>Nhập tệp</translation>
    </message>
    <message>
        <source>Nhập tệp PDF hoặc ảnh (Ctrl+O)</source>
        <translation>Nhập tệp PDF hoặc ảnh (Ctrl+O)</translation>
    </message>
    <message>
        <source>Trang trước</source>
        <translation>Trang trước</translation>
    </message>
    <message>
        <source>Trang sau</source>
        <translation>Trang sau</translation>
    </message>
    <message>
        <source>Xoay trái</source>
        <translation>Xoay trái</translation>
    </message>
    <message>
        <source>Xoay trang sang trái (Ctrl+L)</source>
        <translation>Xoay trang sang trái (Ctrl+L)</translation>
    </message>
    <message>
        <source>Xoay phải</source>
        <translation>Xoay phải</translation>
    </message>
    <message>
        <source>Xoay trang sang phải (Ctrl+R)</source>
        <translation>Xoay trang sang phải (Ctrl+R)</translation>
    </message>
    <message>
        <source>Xóa trang</source>
        <translation>Xóa trang</translation>
    </message>
    <message>
        <source>Xóa trang đang chọn (Delete)</source>
        <translation>Xóa trang đang chọn (Delete)</translation>
    </message>
    <message>
        <source>Chèn trang</source>
        <translation>Chèn trang</translation>
    </message>
    <message>
        <source>Chèn trang từ tệp sau trang đang chọn (Ctrl+I)</source>
        <translation>Chèn trang từ tệp sau trang đang chọn (Ctrl+I)</translation>
    </message>
    <message>
        <source>Thay trang</source>
        <translation>Thay trang</translation>
    </message>
    <message>
        <source>Thay trang đang chọn bằng tệp khác (Ctrl+Shift+I)</source>
        <translation>Thay trang đang chọn bằng tệp khác (Ctrl+Shift+I)</translation>
    </message>
    <message>
        <source>Quét chèn trang</source>
        <translation>Quét chèn trang</translation>
    </message>
    <message>
        <source>Quét thêm trang, chèn sau trang đang chọn (Ctrl+F2)</source>
        <translation>Quét thêm trang, chèn sau trang đang chọn (Ctrl+F2)</translation>
    </message>
    <message>
        <source>Quét thay trang</source>
        <translation>Quét thay trang</translation>
    </message>
    <message>
        <source>Quét lại trang đang chọn để thay thế (Shift+F2)</source>
        <translation>Quét lại trang đang chọn để thay thế (Shift+F2)</translation>
    </message>
    <message>
        <source>Hoàn tác</source>
        <translation>Hoàn tác</translation>
    </message>
    <message>
        <source>Làm lại</source>
        <translation>Làm lại</translation>
    </message>
    <message>
        <source>Phóng to</source>
        <translation>Phóng to</translation>
    </message>
    <message>
        <source>Thu nhỏ</source>
        <translation>Thu nhỏ</translation>
    </message>
    <message>
        <source>Vừa khung</source>
        <translation>Vừa khung</translation>
    </message>
    <message>
        <source>Ký số tài liệu (F9)</source>
        <translation>Ký số tài liệu (F9)</translation>
    </message>
    <message>
        <source>Kiểm tra chữ ký</source>
        <translation>Kiểm tra chữ ký</translation>
    </message>
    <message>
        <source>Mở một tệp PDF và kiểm tra chữ ký số (Ctrl+Shift+V)</source>
        <translation>Mở một tệp PDF và kiểm tra chữ ký số (Ctrl+Shift+V)</translation>
    </message>
    <message>
        <source>Cài đặt</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <source>Chứng thư số…</source>
        <translation>Chứng thư số…</translation>
    </message>
    <message>
        <source>Các chứng thư có thể dùng để ký: người được cấp, hiệu lực, tin cậy</source>
        <translation>Các chứng thư có thể dùng để ký: người được cấp, hiệu lực, tin cậy</translation>
    </message>
    <message>
        <source>Bỏ tài liệu</source>
        <translation>Bỏ tài liệu</translation>
    </message>
    <message>
        <source>Bỏ tài liệu khỏi danh sách (tệp gốc không bị xóa)</source>
        <translation>Bỏ tài liệu khỏi danh sách (tệp gốc không bị xóa)</translation>
    </message>
    <message>
        <source>Nhận dạng lại</source>
        <translation>Nhận dạng lại</translation>
    </message>
    <message>
        <source>Chạy lại nhận dạng chữ cho tài liệu</source>
        <translation>Chạy lại nhận dạng chữ cho tài liệu</translation>
    </message>
    <message>
        <source>Gửi lưu trữ</source>
        <translation>Gửi lưu trữ</translation>
    </message>
    <message>
        <source>Đưa bản đã ký vào hàng đợi lưu trữ</source>
        <translation>Đưa bản đã ký vào hàng đợi lưu trữ</translation>
    </message>
    <message>
        <source>Lưu bản sao…</source>
        <translation>Lưu bản sao…</translation>
    </message>
    <message>
        <source>Lưu một bản sao của tệp đã ký vào thư mục bạn chọn (Ctrl+S)</source>
        <translation>Lưu một bản sao của tệp đã ký vào thư mục bạn chọn (Ctrl+S)</translation>
    </message>
    <message>
        <source>Mở thư mục</source>
        <translation>Mở thư mục</translation>
    </message>
    <message>
        <source>Mở thư mục chứa tệp đã ký</source>
        <translation>Mở thư mục chứa tệp đã ký</translation>
    </message>
    <message>
        <source>Thanh công cụ</source>
        <translation>Thanh công cụ</translation>
    </message>
    <message>
        <source>&amp;Tệp</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <source>Thoát</source>
        <translation>Thoát</translation>
    </message>
    <message>
        <source>T&amp;rang</source>
        <translation>T&amp;rang</translation>
    </message>
    <message>
        <source>&amp;Xem</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <source>&amp;Chữ ký</source>
        <translation>&amp;Chữ ký</translation>
    </message>
    <message>
        <source>&amp;Công cụ</source>
        <translation>&amp;Công cụ</translation>
    </message>
    <message>
        <source>Trợ &amp;giúp</source>
        <translation>Trợ &amp;giúp</translation>
    </message>
    <message>
        <source>Hướng dẫn nhanh</source>
        <translation>Hướng dẫn nhanh</translation>
    </message>
    <message>
        <source>Phím tắt</source>
        <translation>Phím tắt</translation>
    </message>
    <message>
        <source>Đang kiểm tra chữ ký…</source>
        <translation>Đang kiểm tra chữ ký…</translation>
    </message>
    <message>
        <source>Không kiểm tra được chữ ký của tệp này.</source>
        <translation>Không kiểm tra được chữ ký của tệp này.</translation>
    </message>
    <message>
        <source>Đang nhận dạng chữ…</source>
        <translation>Đang nhận dạng chữ…</translation>
    </message>
    <message>
        <source>Tài liệu chỉ còn một trang: dùng Bỏ tài liệu để bỏ cả tài liệu</source>
        <translation>Tài liệu chỉ còn một trang: dùng Bỏ tài liệu để bỏ cả tài liệu</translation>
    </message>
    <message>
        <source>Tài liệu (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)</source>
        <translation>Tài liệu (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)</translation>
    </message>
    <message numerus="yes">
        <source>Đang nhập %n tệp…</source>
        <translation>
            <numerusform>Đang nhập %n tệp…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Đã nhập %n trang.</source>
        <translation>
            <numerusform>Đã nhập %n trang.</numerusform>
        </translation>
    </message>
    <message>
        <source>Đổi thứ tự trang</source>
        <translation>Đổi thứ tự trang</translation>
    </message>
    <message>
        <source>Xoay trang</source>
        <translation>Xoay trang</translation>
    </message>
    <message>
        <source>“%1” đã được ký nhưng chưa được gửi lưu trữ. Đây là bản đã ký duy nhất: bỏ tài liệu sẽ xóa luôn bản này. Lưu một bản sao trước?</source>
        <translation>“%1” đã được ký nhưng chưa được gửi lưu trữ. Đây là bản đã ký duy nhất: bỏ tài liệu sẽ xóa luôn bản này. Lưu một bản sao trước?</translation>
    </message>
    <message>
        <source>Vẫn bỏ</source>
        <translation>Vẫn bỏ</translation>
    </message>
    <message>
        <source>Bỏ “%1” khỏi danh sách? Tệp gốc không bị xóa.</source>
        <translation>Bỏ “%1” khỏi danh sách? Tệp gốc không bị xóa.</translation>
    </message>
    <message>
        <source>Giữ lại</source>
        <translation>Giữ lại</translation>
    </message>
    <message>
        <source>Bắt đầu trong ba bước:
1. Nhập tệp (Ctrl+O), kéo thả tệp PDF/ảnh vào cửa sổ, hoặc Quét (F2).
2. Thông tin hồ sơ: điền phần còn thiếu, kiểm tra gợi ý, bấm Xác nhận.
3. Ký số (F9): tài liệu đã ký được lưu trữ trên máy này và gửi tới các kho đã cấu hình.</source>
        <translation>Bắt đầu trong ba bước:
1. Nhập tệp (Ctrl+O), kéo thả tệp PDF/ảnh vào cửa sổ, hoặc Quét (F2).
2. Thông tin hồ sơ: điền phần còn thiếu, kiểm tra gợi ý, bấm Xác nhận.
3. Ký số (F9): tài liệu đã ký được lưu trữ trên máy này và gửi tới các kho đã cấu hình.</translation>
    </message>
    <message>
        <source>Lưu bản sao tệp đã ký</source>
        <translation>Lưu bản sao tệp đã ký</translation>
    </message>
    <message>
        <source>Tệp PDF (*.pdf)</source>
        <translation>Tệp PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Đã lưu bản sao: %1</source>
        <translation>Đã lưu bản sao: %1</translation>
    </message>
    <message>
        <source>Chưa có mô-đun nhận dạng chữ (OCR) trong bản cài đặt này; tài liệu được giữ ở trạng thái Đã quét.</source>
        <translation>Chưa có mô-đun nhận dạng chữ (OCR) trong bản cài đặt này; tài liệu được giữ ở trạng thái Đã quét.</translation>
    </message>
    <message>
        <source>Ngôn ngữ giao diện</source>
        <translation>Ngôn ngữ giao diện</translation>
    </message>
    <message>
        <source>Đang có việc chạy (nhận dạng, quét hoặc ký). Ngôn ngữ mới sẽ được áp dụng khi mở lại chương trình, hoặc chọn lại sau khi việc chạy xong.</source>
        <translation>Đang có việc chạy (nhận dạng, quét hoặc ký). Ngôn ngữ mới sẽ được áp dụng khi mở lại chương trình, hoặc chọn lại sau khi việc chạy xong.</translation>
    </message>
</context>
<context>
    <name>MetadataForm</name>
    <message>
        <source>Hồ sơ</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <source>Văn bản</source>
        <translation>Văn bản</translation>
    </message>
    <message>
        <source>Người được cấp</source>
        <translation>Người được cấp</translation>
    </message>
    <message>
        <source>Lưu trữ</source>
        <translation>Lưu trữ</translation>
    </message>
    <message>
        <source>Khác</source>
        <translation>Khác</translation>
    </message>
    <message>
        <source>Bắt buộc nhập.</source>
        <translation>Bắt buộc nhập.</translation>
    </message>
    <message>
        <source>Trường không có trong lược đồ.</source>
        <translation>Trường không có trong lược đồ.</translation>
    </message>
    <message>
        <source>Kiểu giá trị không đúng.</source>
        <translation>Kiểu giá trị không đúng.</translation>
    </message>
    <message>
        <source>Quá dài: tối đa %1 ký tự.</source>
        <translation>Quá dài: tối đa %1 ký tự.</translation>
    </message>
    <message>
        <source>Quá nhiều mục: tối đa %1.</source>
        <translation>Quá nhiều mục: tối đa %1.</translation>
    </message>
    <message>
        <source>Sai định dạng.</source>
        <translation>Sai định dạng.</translation>
    </message>
    <message>
        <source>Giá trị không nằm trong danh sách cho phép.</source>
        <translation>Giá trị không nằm trong danh sách cho phép.</translation>
    </message>
    <message>
        <source>Giá trị ngoài khoảng cho phép.</source>
        <translation>Giá trị ngoài khoảng cho phép.</translation>
    </message>
    <message>
        <source>Ngày không hợp lệ; nhập dd/mm/yyyy.</source>
        <translation>Ngày không hợp lệ; nhập dd/mm/yyyy.</translation>
    </message>
    <message>
        <source>Ngày không được ở tương lai.</source>
        <translation>Ngày không được ở tương lai.</translation>
    </message>
    <message>
        <source>Ngày này phải sau ngày bắt đầu.</source>
        <translation>Ngày này phải sau ngày bắt đầu.</translation>
    </message>
    <message>
        <source>Mã hồ sơ phải có dạng {mã cơ quan}-{YYMMDD}-{số thứ tự}.</source>
        <translation>Mã hồ sơ phải có dạng {mã cơ quan}-{YYMMDD}-{số thứ tự}.</translation>
    </message>
    <message>
        <source>Mã thủ tục phải có dạng 1.001193.</source>
        <translation>Mã thủ tục phải có dạng 1.001193.</translation>
    </message>
    <message>
        <source>Mã định danh cơ quan dạng H39.15 hoặc 000.00.00.H41.</source>
        <translation>Mã định danh cơ quan dạng H39.15 hoặc 000.00.00.H41.</translation>
    </message>
    <message>
        <source>Số định danh cá nhân gồm 12 chữ số (hoặc CMND 9 chữ số).</source>
        <translation>Số định danh cá nhân gồm 12 chữ số (hoặc CMND 9 chữ số).</translation>
    </message>
    <message>
        <source>chữ đọc được với độ tin cậy thấp ({conf})</source>
        <translation>chữ đọc được với độ tin cậy thấp ({conf})</translation>
    </message>
    <message>
        <source>phần ký hiệu không có trong danh mục viết tắt: {part}</source>
        <translation>phần ký hiệu không có trong danh mục viết tắt: {part}</translation>
    </message>
    <message>
        <source>số viết tay; số và ký hiệu này có in ở chỗ khác trong văn bản</source>
        <translation>số viết tay; số và ký hiệu này có in ở chỗ khác trong văn bản</translation>
    </message>
    <message>
        <source>số viết tay vào chỗ trống trước dấu “/” (đọc được “{read}”)</source>
        <translation>số viết tay vào chỗ trống trước dấu “/” (đọc được “{read}”)</translation>
    </message>
    <message>
        <source>ngày ở tương lai</source>
        <translation>ngày ở tương lai</translation>
    </message>
    <message>
        <source>ngày, tháng không in rõ (đọc được {read}; viết tay?)</source>
        <translation>ngày, tháng không in rõ (đọc được {read}; viết tay?)</translation>
    </message>
    <message>
        <source>tên cơ quan không bắt đầu bằng một loại cơ quan đã biết</source>
        <translation>tên cơ quan không bắt đầu bằng một loại cơ quan đã biết</translation>
    </message>
    <message>
        <source>khối tên cơ quan dài hơn 3 dòng</source>
        <translation>khối tên cơ quan dài hơn 3 dòng</translation>
    </message>
    <message>
        <source>có chữ mất dấu không có trong từ điển</source>
        <translation>có chữ mất dấu không có trong từ điển</translation>
    </message>
    <message>
        <source>tên loại đọc được là “{read}”, không rõ là loại văn bản nào</source>
        <translation>tên loại đọc được là “{read}”, không rõ là loại văn bản nào</translation>
    </message>
    <message>
        <source>không có dòng tên loại, trích yếu “V/v” dưới số: công văn</source>
        <translation>không có dòng tên loại, trích yếu “V/v” dưới số: công văn</translation>
    </message>
    <message>
        <source>{low} trên {total} chữ đọc với độ tin cậy thấp ({words})</source>
        <translation>{low} trên {total} chữ đọc với độ tin cậy thấp ({words})</translation>
    </message>
    <message>
        <source>dòng thẩm quyền ký đọc không rõ một phần</source>
        <translation>dòng thẩm quyền ký đọc không rõ một phần</translation>
    </message>
    <message>
        <source>dòng trên (“{heading}”) không đọc được KT./TM./TL. (bị dấu che?): có thể là cấp phó ký</source>
        <translation>dòng trên (“{heading}”) không đọc được KT./TM./TL. (bị dấu che?): có thể là cấp phó ký</translation>
    </message>
    <message>
        <source>chức vụ đọc được là “{read}”, nhưng ký thay “KT. {authority}” là cấp phó</source>
        <translation>chức vụ đọc được là “{read}”, nhưng ký thay “KT. {authority}” là cấp phó</translation>
    </message>
    <message>
        <source>dòng chức vụ đọc không rõ một phần (“{read}”)</source>
        <translation>dòng chức vụ đọc không rõ một phần (“{read}”)</translation>
    </message>
    <message>
        <source>không đọc được dòng chức vụ (bị dấu che?); ký thay “KT. {authority}” là cấp phó</source>
        <translation>không đọc được dòng chức vụ (bị dấu che?); ký thay “KT. {authority}” là cấp phó</translation>
    </message>
    <message>
        <source>suy ra từ “TM.” (không đọc được dòng chức vụ)</source>
        <translation>suy ra từ “TM.” (không đọc được dòng chức vụ)</translation>
    </message>
    <message>
        <source>tên bị dấu hoặc chữ ký che một phần: {words}</source>
        <translation>tên bị dấu hoặc chữ ký che một phần: {words}</translation>
    </message>
    <message>
        <source>không có dòng thẩm quyền hay chức vụ phía trên</source>
        <translation>không có dòng thẩm quyền hay chức vụ phía trên</translation>
    </message>
    <message>
        <source>không có nhãn “Mã hồ sơ”</source>
        <translation>không có nhãn “Mã hồ sơ”</translation>
    </message>
    <message>
        <source>mã {format}, trang {page}</source>
        <translation>mã {format}, trang {page}</translation>
    </message>
    <message>
        <source>tên thủ tục lấy từ danh mục thủ tục</source>
        <translation>tên thủ tục lấy từ danh mục thủ tục</translation>
    </message>
    <message>
        <source>đoán từ tên văn bản: {name}</source>
        <translation>đoán từ tên văn bản: {name}</translation>
    </message>
    <message>
        <source>có hiệu lực từ ngày ký</source>
        <translation>có hiệu lực từ ngày ký</translation>
    </message>
    <message>
        <source>trước ngày tiếp nhận hồ sơ ({received})</source>
        <translation>trước ngày tiếp nhận hồ sơ ({received})</translation>
    </message>
    <message>
        <source>lấy từ phần mã cơ quan của mã hồ sơ (cơ quan tiếp nhận)</source>
        <translation>lấy từ phần mã cơ quan của mã hồ sơ (cơ quan tiếp nhận)</translation>
    </message>
    <message>
        <source>dấu mật “{read}”</source>
        <translation>dấu mật “{read}”</translation>
    </message>
    <message>
        <source>Giá trị không hợp lệ.</source>
        <translation>Giá trị không hợp lệ.</translation>
    </message>
    <message>
        <source>Xác nhận gợi ý</source>
        <translation>Xác nhận gợi ý</translation>
    </message>
    <message>
        <source>Xác nhận mọi giá trị được điền sẵn sau khi đã kiểm tra</source>
        <translation>Xác nhận mọi giá trị được điền sẵn sau khi đã kiểm tra</translation>
    </message>
    <message>
        <source>Mô-đun thông tin hồ sơ chưa có trong bản cài đặt này.</source>
        <translation>Mô-đun thông tin hồ sơ chưa có trong bản cài đặt này.</translation>
    </message>
    <message>
        <source>tự điền</source>
        <translation>tự điền</translation>
    </message>
    <message>
        <source>Giá trị được điền tự động; hãy kiểm tra rồi xác nhận</source>
        <translation>Giá trị được điền tự động; hãy kiểm tra rồi xác nhận</translation>
    </message>
    <message>
        <source>Dùng gợi ý</source>
        <translation>Dùng gợi ý</translation>
    </message>
    <message>
        <source>Điền giá trị gợi ý vào trường này; hãy kiểm tra lại</source>
        <translation>Điền giá trị gợi ý vào trường này; hãy kiểm tra lại</translation>
    </message>
    <message>
        <source>dd/mm/yyyy</source>
        <translation>dd/mm/yyyy</translation>
    </message>
    <message>
        <source>cách nhau bằng dấu phẩy</source>
        <translation>cách nhau bằng dấu phẩy</translation>
    </message>
    <message>
        <source>Gợi ý: %1 — Lý do: %2</source>
        <translation>Gợi ý: %1 — Lý do: %2</translation>
    </message>
    <message>
        <source>Chọn một tài liệu để xem thông tin hồ sơ.</source>
        <translation>Chọn một tài liệu để xem thông tin hồ sơ.</translation>
    </message>
    <message numerus="yes">
        <source>Có %n trường chưa hợp lệ.</source>
        <translation>
            <numerusform>Có %n trường chưa hợp lệ.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n giá trị gợi ý chưa được xác nhận.</source>
        <translation>
            <numerusform>%n giá trị gợi ý chưa được xác nhận.</numerusform>
        </translation>
    </message>
    <message>
        <source>Thông tin hồ sơ chưa được xác nhận: kiểm tra rồi bấm Xác nhận.</source>
        <translation>Thông tin hồ sơ chưa được xác nhận: kiểm tra rồi bấm Xác nhận.</translation>
    </message>
    <message>
        <source>Thông tin hồ sơ hợp lệ.</source>
        <translation>Thông tin hồ sơ hợp lệ.</translation>
    </message>
    <message>
        <source>Xác nhận</source>
        <translation>Xác nhận</translation>
    </message>
</context>
<context>
    <name>OcrTextView</name>
    <message>
        <source>Chưa có văn bản nhận dạng cho trang này.</source>
        <translation>Chưa có văn bản nhận dạng cho trang này.</translation>
    </message>
    <message numerus="yes">
        <source>Trang này còn %n vùng có chữ mà máy chưa đọc được (khung màu cam trên ảnh trang). Văn bản dưới đây thiếu phần đó: hãy kiểm tra.</source>
        <translation>
            <numerusform>Trang này còn %n vùng có chữ mà máy chưa đọc được (khung màu cam trên ảnh trang). Văn bản dưới đây thiếu phần đó: hãy kiểm tra.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PageStrip</name>
    <message>
        <source>Trang %1</source>
        <translation>Trang %1</translation>
    </message>
    <message>
        <source>trống</source>
        <translation>trống</translation>
    </message>
</context>
<context>
    <name>PageView</name>
    <message>
        <source>Vùng có chữ mà máy chưa đọc được: hãy kiểm tra văn bản ở đây</source>
        <translation>Vùng có chữ mà máy chưa đọc được: hãy kiểm tra văn bản ở đây</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Nhập mã PIN</source>
        <translation>Nhập mã PIN</translation>
    </message>
    <message>
        <source>Nhập mật khẩu</source>
        <translation>Nhập mật khẩu</translation>
    </message>
    <message>
        <source>Mã PIN không được lưu lại.</source>
        <translation>Mã PIN không được lưu lại.</translation>
    </message>
    <message>
        <source>Mật khẩu không được lưu lại.</source>
        <translation>Mật khẩu không được lưu lại.</translation>
    </message>
    <message>
        <source>Ký</source>
        <translation>Ký</translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation>Hủy</translation>
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
        <translation>Đang chờ</translation>
    </message>
    <message>
        <source>Đang gửi</source>
        <translation>Đang gửi</translation>
    </message>
    <message>
        <source>Đã lưu trữ</source>
        <translation>Đã lưu trữ</translation>
    </message>
    <message>
        <source>Thất bại</source>
        <translation>Thất bại</translation>
    </message>
    <message>
        <source>Trên máy này</source>
        <translation>Trên máy này</translation>
    </message>
    <message>
        <source>Gửi lại mục lỗi</source>
        <translation>Gửi lại mục lỗi</translation>
    </message>
    <message>
        <source>Mở thư mục lưu trữ</source>
        <translation>Mở thư mục lưu trữ</translation>
    </message>
    <message>
        <source>Tài liệu</source>
        <translation>Tài liệu</translation>
    </message>
    <message>
        <source>Kho</source>
        <translation>Kho</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Số lần thử</source>
        <translation>Số lần thử</translation>
    </message>
    <message>
        <source>Ghi chú</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>Đang tải các mô-đun…</source>
        <translation>Đang tải các mô-đun…</translation>
    </message>
    <message>
        <source>Lưu trữ trên máy này: %1</source>
        <translation>Lưu trữ trên máy này: %1</translation>
    </message>
    <message>
        <source>Mô-đun lưu trữ chưa có trong bản cài đặt này; tài liệu đã ký được giữ trên máy.</source>
        <translation>Mô-đun lưu trữ chưa có trong bản cài đặt này; tài liệu đã ký được giữ trên máy.</translation>
    </message>
    <message>
        <source>Mô-đun lưu trữ chưa có trong bản cài đặt này.</source>
        <translation>Mô-đun lưu trữ chưa có trong bản cài đặt này.</translation>
    </message>
    <message>
        <source>Chưa cấu hình kho lưu trữ: mở Cài đặt &gt; Lưu trữ.</source>
        <translation>Chưa cấu hình kho lưu trữ: mở Cài đặt &gt; Lưu trữ.</translation>
    </message>
    <message>
        <source>Bộ gửi lưu trữ đã dừng: %1</source>
        <translation>Bộ gửi lưu trữ đã dừng: %1</translation>
    </message>
    <message>
        <source>Thử lại lúc %1</source>
        <translation>Thử lại lúc %1</translation>
    </message>
    <message>
        <source>đang kiểm tra…</source>
        <translation>đang kiểm tra…</translation>
    </message>
    <message>
        <source>kết nối được</source>
        <translation>kết nối được</translation>
    </message>
    <message>
        <source>KHÔNG kết nối được</source>
        <translation>KHÔNG kết nối được</translation>
    </message>
    <message>
        <source>Kho “%1”: %2</source>
        <translation>Kho “%1”: %2</translation>
    </message>
    <message>
        <source>chờ %1 · lỗi %2 · xong %3</source>
        <translation>chờ %1 · lỗi %2 · xong %3</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Lỗi ngoài dự kiến</source>
        <translation>Lỗi ngoài dự kiến</translation>
    </message>
    <message>
        <source>Chương trình gặp lỗi ngoài dự kiến. Công việc đang làm đã được lưu. Hãy sao chép báo cáo dưới đây và gửi cho bộ phận kỹ thuật.</source>
        <translation>Chương trình gặp lỗi ngoài dự kiến. Công việc đang làm đã được lưu. Hãy sao chép báo cáo dưới đây và gửi cho bộ phận kỹ thuật.</translation>
    </message>
    <message>
        <source>Nhật ký: %1</source>
        <translation>Nhật ký: %1</translation>
    </message>
    <message>
        <source>Sao chép báo cáo</source>
        <translation>Sao chép báo cáo</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>Scanning</name>
    <message>
        <source>Đang tìm máy quét…</source>
        <translation>Đang tìm máy quét…</translation>
    </message>
    <message>
        <source>Bản cài đặt này chưa có mô-đun máy quét; hãy dùng Nhập tệp.</source>
        <translation>Bản cài đặt này chưa có mô-đun máy quét; hãy dùng Nhập tệp.</translation>
    </message>
    <message>
        <source>Không tìm thấy máy quét: hãy cắm và bật máy quét, hoặc dùng Nhập tệp.</source>
        <translation>Không tìm thấy máy quét: hãy cắm và bật máy quét, hoặc dùng Nhập tệp.</translation>
    </message>
    <message>
        <source>Thiếu trình điều khiển máy quét (SANE); báo bộ phận kỹ thuật hoặc dùng Nhập tệp.</source>
        <translation>Thiếu trình điều khiển máy quét (SANE); báo bộ phận kỹ thuật hoặc dùng Nhập tệp.</translation>
    </message>
    <message>
        <source>Không dò được máy quét; kiểm tra kết nối rồi mở lại chương trình.</source>
        <translation>Không dò được máy quét; kiểm tra kết nối rồi mở lại chương trình.</translation>
    </message>
    <message>
        <source>Đang quét…</source>
        <translation>Đang quét…</translation>
    </message>
    <message>
        <source>Bản quét</source>
        <translation>Bản quét</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Cài đặt</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <source>Ngôn ngữ nhận dạng</source>
        <translation>Ngôn ngữ nhận dạng</translation>
    </message>
    <message>
        <source>Tự động</source>
        <translation>Tự động</translation>
    </message>
    <message>
        <source>Số tiến trình song song</source>
        <translation>Số tiến trình song song</translation>
    </message>
    <message>
        <source>Tự động nhận dạng khi có trang mới</source>
        <translation>Tự động nhận dạng khi có trang mới</translation>
    </message>
    <message>
        <source>Nhận dạng chữ</source>
        <translation>Nhận dạng chữ</translation>
    </message>
    <message>
        <source>Máy quét đầu tiên tìm thấy</source>
        <translation>Máy quét đầu tiên tìm thấy</translation>
    </message>
    <message>
        <source>Thiết bị</source>
        <translation>Thiết bị</translation>
    </message>
    <message>
        <source>Độ phân giải</source>
        <translation>Độ phân giải</translation>
    </message>
    <message>
        <source>Màu</source>
        <translation>Màu</translation>
    </message>
    <message>
        <source>Thang xám</source>
        <translation>Thang xám</translation>
    </message>
    <message>
        <source>Đen trắng</source>
        <translation>Đen trắng</translation>
    </message>
    <message>
        <source>Chế độ màu</source>
        <translation>Chế độ màu</translation>
    </message>
    <message>
        <source>Mặt kính</source>
        <translation>Mặt kính</translation>
    </message>
    <message>
        <source>Khay nạp giấy</source>
        <translation>Khay nạp giấy</translation>
    </message>
    <message>
        <source>Khay nạp, hai mặt</source>
        <translation>Khay nạp, hai mặt</translation>
    </message>
    <message>
        <source>Nguồn giấy</source>
        <translation>Nguồn giấy</translation>
    </message>
    <message>
        <source>Máy quét</source>
        <translation>Máy quét</translation>
    </message>
    <message>
        <source>Tệp chứng thư (PKCS#12)</source>
        <translation>Tệp chứng thư (PKCS#12)</translation>
    </message>
    <message>
        <source>Token USB (PKCS#11)</source>
        <translation>Token USB (PKCS#11)</translation>
    </message>
    <message>
        <source>Chứng thư thử nghiệm (không có giá trị pháp lý)</source>
        <translation>Chứng thư thử nghiệm (không có giá trị pháp lý)</translation>
    </message>
    <message>
        <source>Nguồn chứng thư số</source>
        <translation>Nguồn chứng thư số</translation>
    </message>
    <message>
        <source>Tệp .p12/.pfx</source>
        <translation>Tệp .p12/.pfx</translation>
    </message>
    <message>
        <source>thư viện của nhà cung cấp token, ví dụ …/libxyz.so</source>
        <translation>thư viện của nhà cung cấp token, ví dụ …/libxyz.so</translation>
    </message>
    <message>
        <source>Thư viện PKCS#11</source>
        <translation>Thư viện PKCS#11</translation>
    </message>
    <message>
        <source>Token đầu tiên</source>
        <translation>Token đầu tiên</translation>
    </message>
    <message>
        <source>Tên token</source>
        <translation>Tên token</translation>
    </message>
    <message>
        <source>Chứng thư duy nhất trên token</source>
        <translation>Chứng thư duy nhất trên token</translation>
    </message>
    <message>
        <source>Nhãn chứng thư trên token</source>
        <translation>Nhãn chứng thư trên token</translation>
    </message>
    <message>
        <source>Lưu trữ trên máy này (%1)</source>
        <translation>Lưu trữ trên máy này (%1)</translation>
    </message>
    <message>
        <source>Mở thư mục</source>
        <translation>Mở thư mục</translation>
    </message>
    <message>
        <source>nhập một lần rồi bấm “Lưu khóa”</source>
        <translation>nhập một lần rồi bấm “Lưu khóa”</translation>
    </message>
    <message>
        <source>Khóa truy cập S3</source>
        <translation>Khóa truy cập S3</translation>
    </message>
    <message>
        <source>Lưu khóa</source>
        <translation>Lưu khóa</translation>
    </message>
    <message>
        <source>Khóa bí mật S3</source>
        <translation>Khóa bí mật S3</translation>
    </message>
    <message>
        <source>Khóa được lưu trong kho khóa của hệ điều hành, không bao giờ trong tệp cài đặt. Nếu các biến môi trường ở trên được đặt, chúng được dùng trước.</source>
        <translation>Khóa được lưu trong kho khóa của hệ điều hành, không bao giờ trong tệp cài đặt. Nếu các biến môi trường ở trên được đặt, chúng được dùng trước.</translation>
    </message>
    <message>
        <source>Cắm token rồi bấm “Đọc token”</source>
        <translation>Cắm token rồi bấm “Đọc token”</translation>
    </message>
    <message>
        <source>Đọc token</source>
        <translation>Đọc token</translation>
    </message>
    <message>
        <source>Chứng thư trên token</source>
        <translation>Chứng thư trên token</translation>
    </message>
    <message>
        <source>Máy chủ dấu thời gian (TSA)</source>
        <translation>Máy chủ dấu thời gian (TSA)</translation>
    </message>
    <message>
        <source>các tệp .pem/.crt, cách nhau bằng dấu ;</source>
        <translation>các tệp .pem/.crt, cách nhau bằng dấu ;</translation>
    </message>
    <message>
        <source>Chứng thư gốc tin cậy thêm</source>
        <translation>Chứng thư gốc tin cậy thêm</translation>
    </message>
    <message>
        <source>Chữ ký số</source>
        <translation>Chữ ký số</translation>
    </message>
    <message>
        <source>Tài liệu đã ký được gửi tới mọi kho được cấu hình dưới đây.</source>
        <translation>Tài liệu đã ký được gửi tới mọi kho được cấu hình dưới đây.</translation>
    </message>
    <message>
        <source>Để trống nếu không dùng</source>
        <translation>Để trống nếu không dùng</translation>
    </message>
    <message>
        <source>Thư mục lưu trữ</source>
        <translation>Thư mục lưu trữ</translation>
    </message>
    <message>
        <source>Địa chỉ kho S3</source>
        <translation>Địa chỉ kho S3</translation>
    </message>
    <message>
        <source>Bucket S3</source>
        <translation>Bucket S3</translation>
    </message>
    <message>
        <source>Biến môi trường chứa khóa truy cập</source>
        <translation>Biến môi trường chứa khóa truy cập</translation>
    </message>
    <message>
        <source>Biến môi trường chứa khóa bí mật</source>
        <translation>Biến môi trường chứa khóa bí mật</translation>
    </message>
    <message>
        <source>Lưu trữ</source>
        <translation>Lưu trữ</translation>
    </message>
    <message>
        <source>Ngôn ngữ giao diện</source>
        <translation>Ngôn ngữ giao diện</translation>
    </message>
    <message>
        <source>Giao diện</source>
        <translation>Giao diện</translation>
    </message>
    <message>
        <source>Lưu</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Chọn tệp chứng thư</source>
        <translation>Chọn tệp chứng thư</translation>
    </message>
    <message>
        <source>Chứng thư số (*.p12 *.pfx)</source>
        <translation>Chứng thư số (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>Chọn thư viện PKCS#11</source>
        <translation>Chọn thư viện PKCS#11</translation>
    </message>
    <message>
        <source>Thư viện (*.so *.dll *.dylib)</source>
        <translation>Thư viện (*.so *.dll *.dylib)</translation>
    </message>
    <message>
        <source>Chọn thư viện PKCS#11 của token trước</source>
        <translation>Chọn thư viện PKCS#11 của token trước</translation>
    </message>
    <message>
        <source>Đang đọc token…</source>
        <translation>Đang đọc token…</translation>
    </message>
    <message>
        <source>Không đọc được token</source>
        <translation>Không đọc được token</translation>
    </message>
    <message>
        <source>Không có chứng thư ký số trên token</source>
        <translation>Không có chứng thư ký số trên token</translation>
    </message>
    <message>
        <source>%1 — %2 — hiệu lực đến %3 — token “%4”</source>
        <translation>%1 — %2 — hiệu lực đến %3 — token “%4”</translation>
    </message>
    <message>
        <source>[Hết hạn] </source>
        <translation>[Hết hạn] </translation>
    </message>
    <message>
        <source>Cấp bởi: %1</source>
        <translation>Cấp bởi: %1</translation>
    </message>
    <message>
        <source>✔ Kho khóa của máy đã có khóa cho kho S3.</source>
        <translation>✔ Kho khóa của máy đã có khóa cho kho S3.</translation>
    </message>
    <message>
        <source>✘ Chưa lưu được khóa.</source>
        <translation>✘ Chưa lưu được khóa.</translation>
    </message>
    <message>
        <source>Chọn thư mục lưu trữ</source>
        <translation>Chọn thư mục lưu trữ</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Phím tắt</source>
        <translation>Phím tắt</translation>
    </message>
    <message>
        <source>Thao tác</source>
        <translation>Thao tác</translation>
    </message>
    <message>
        <source>Phím</source>
        <translation>Phím</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>SignPanel</name>
    <message>
        <source>B-B (chữ ký cơ bản, không có dấu thời gian)</source>
        <extracomment>the token says one more wrong PIN could lock it (signing.sources.pin_attempt_risk): the clerk confirms before the PIN is tried (issue 17, token safety)</extracomment>
        <translation>B-B (chữ ký cơ bản, không có dấu thời gian)</translation>
    </message>
    <message>
        <source>B-T (có dấu thời gian)</source>
        <translation>B-T (có dấu thời gian)</translation>
    </message>
    <message>
        <source>B-LT (có dấu thời gian và thông tin thu hồi: kiểm tra được lâu dài)</source>
        <translation>B-LT (có dấu thời gian và thông tin thu hồi: kiểm tra được lâu dài)</translation>
    </message>
    <message>
        <source>B-LTA (lưu trữ dài hạn)</source>
        <translation>B-LTA (lưu trữ dài hạn)</translation>
    </message>
    <message>
        <source>Chứng thư số</source>
        <translation>Chứng thư số</translation>
    </message>
    <message>
        <source>Chọn tệp chứng thư…</source>
        <translation>Chọn tệp chứng thư…</translation>
    </message>
    <message>
        <source>Dùng chứng thư thử nghiệm</source>
        <translation>Dùng chứng thư thử nghiệm</translation>
    </message>
    <message>
        <source>Chứng thư tự tạo trên máy này, chỉ để thử: chữ ký không có giá trị pháp lý</source>
        <translation>Chứng thư tự tạo trên máy này, chỉ để thử: chữ ký không có giá trị pháp lý</translation>
    </message>
    <message>
        <source>Danh sách chứng thư…</source>
        <translation>Danh sách chứng thư…</translation>
    </message>
    <message>
        <source>Kiểm tra trước khi ký</source>
        <translation>Kiểm tra trước khi ký</translation>
    </message>
    <message>
        <source>Vị trí khối chữ ký (trang 1)</source>
        <translation>Vị trí khối chữ ký (trang 1)</translation>
    </message>
    <message>
        <source>Ký số (F9)</source>
        <translation>Ký số (F9)</translation>
    </message>
    <message>
        <source>Đã nhận dạng chữ xong cho mọi trang</source>
        <translation>Đã nhận dạng chữ xong cho mọi trang</translation>
    </message>
    <message>
        <source>Thông tin hồ sơ: mô-đun chưa có</source>
        <translation>Thông tin hồ sơ: mô-đun chưa có</translation>
    </message>
    <message>
        <source>Thông tin hồ sơ đầy đủ, hợp lệ và đã xác nhận</source>
        <translation>Thông tin hồ sơ đầy đủ, hợp lệ và đã xác nhận</translation>
    </message>
    <message>
        <source>thiếu: %1</source>
        <translation>thiếu: %1</translation>
    </message>
    <message>
        <source>chưa xác nhận</source>
        <translation>chưa xác nhận</translation>
    </message>
    <message>
        <source>Độ phân giải mọi trang từ 200 dpi</source>
        <translation>Độ phân giải mọi trang từ 200 dpi</translation>
    </message>
    <message>
        <source>trang %1 thấp hơn</source>
        <translation>trang %1 thấp hơn</translation>
    </message>
    <message>
        <source>Các trang đã được dựng thẳng</source>
        <translation>Các trang đã được dựng thẳng</translation>
    </message>
    <message>
        <source>kiểm tra lại trang %1</source>
        <translation>kiểm tra lại trang %1</translation>
    </message>
    <message>
        <source>Trang trống: %1 — vẫn được ký cùng tài liệu; xóa trang nếu không cần</source>
        <translation>Trang trống: %1 — vẫn được ký cùng tài liệu; xóa trang nếu không cần</translation>
    </message>
    <message>
        <source>Trang có màu (con dấu đỏ) giữ nguyên màu: %1</source>
        <translation>Trang có màu (con dấu đỏ) giữ nguyên màu: %1</translation>
    </message>
    <message>
        <source>tự ký, không được tin cậy</source>
        <translation>tự ký, không được tin cậy</translation>
    </message>
    <message>
        <source>Chứng thư đã hết hạn ngày %1: chọn chứng thư khác</source>
        <translation>Chứng thư đã hết hạn ngày %1: chọn chứng thư khác</translation>
    </message>
    <message>
        <source>Chứng thư sắp hết hạn: ngày %1 (còn %2 ngày)</source>
        <translation>Chứng thư sắp hết hạn: ngày %1 (còn %2 ngày)</translation>
    </message>
    <message>
        <source>Chứng thư (%1) không thuộc danh sách tin cậy trên máy này: khi kiểm tra sẽ báo chưa xác định được</source>
        <translation>Chứng thư (%1) không thuộc danh sách tin cậy trên máy này: khi kiểm tra sẽ báo chưa xác định được</translation>
    </message>
    <message>
        <source>Chứng thư tự ký (%1): người kiểm tra sẽ thấy chữ ký chưa được tin cậy</source>
        <translation>Chứng thư tự ký (%1): người kiểm tra sẽ thấy chữ ký chưa được tin cậy</translation>
    </message>
    <message>
        <source>Chứng thư THỬ NGHIỆM: chữ ký không có giá trị pháp lý, khi kiểm tra sẽ báo chưa được tin cậy</source>
        <translation>Chứng thư THỬ NGHIỆM: chữ ký không có giá trị pháp lý, khi kiểm tra sẽ báo chưa được tin cậy</translation>
    </message>
    <message>
        <source>Chưa chọn chứng thư số: khi bấm Ký sẽ được hỏi</source>
        <translation>Chưa chọn chứng thư số: khi bấm Ký sẽ được hỏi</translation>
    </message>
    <message>
        <source>Mức chữ ký: %1</source>
        <translation>Mức chữ ký: %1</translation>
    </message>
    <message>
        <source>Mức chữ ký: %1 — chưa có máy chủ dấu thời gian (Cài đặt &gt; Chữ ký số); có thể nâng mức sau</source>
        <translation>Mức chữ ký: %1 — chưa có máy chủ dấu thời gian (Cài đặt &gt; Chữ ký số); có thể nâng mức sau</translation>
    </message>
    <message>
        <source>Bấm để tới chỗ cần kiểm tra</source>
        <translation>Bấm để tới chỗ cần kiểm tra</translation>
    </message>
    <message>
        <source>Token USB: %1</source>
        <translation>Token USB: %1</translation>
    </message>
    <message>
        <source>token đầu tiên</source>
        <translation>token đầu tiên</translation>
    </message>
    <message>
        <source>Chứng thư THỬ NGHIỆM (không có giá trị pháp lý, không được tin cậy)</source>
        <translation>Chứng thư THỬ NGHIỆM (không có giá trị pháp lý, không được tin cậy)</translation>
    </message>
    <message>
        <source>Token sắp bị khóa</source>
        <translation>Token sắp bị khóa</translation>
    </message>
    <message>
        <source>Vẫn thử mã PIN này</source>
        <translation>Vẫn thử mã PIN này</translation>
    </message>
    <message>
        <source>%1 — %2 — hiệu lực đến %3</source>
        <translation>%1 — %2 — hiệu lực đến %3</translation>
    </message>
    <message>
        <source>Tệp: %1</source>
        <translation>Tệp: %1</translation>
    </message>
    <message>
        <source>Chưa chọn tệp chứng thư.</source>
        <translation>Chưa chọn tệp chứng thư.</translation>
    </message>
    <message>
        <source>Ký số tài liệu (F9)</source>
        <translation>Ký số tài liệu (F9)</translation>
    </message>
    <message>
        <source>Đã ký: %1</source>
        <translation>Đã ký: %1</translation>
    </message>
    <message>
        <source>Sẵn sàng ký.</source>
        <translation>Sẵn sàng ký.</translation>
    </message>
    <message>
        <source>Đang tải các mô-đun…</source>
        <translation>Đang tải các mô-đun…</translation>
    </message>
    <message>
        <source>Mô-đun ký số chưa có trong bản cài đặt này.</source>
        <translation>Mô-đun ký số chưa có trong bản cài đặt này.</translation>
    </message>
    <message>
        <source>Chọn một tài liệu để ký.</source>
        <translation>Chọn một tài liệu để ký.</translation>
    </message>
    <message>
        <source>Tài liệu đã được ký và bị khóa, không sửa được nữa.</source>
        <translation>Tài liệu đã được ký và bị khóa, không sửa được nữa.</translation>
    </message>
    <message>
        <source>Đang ký…</source>
        <translation>Đang ký…</translation>
    </message>
    <message>
        <source>Đợi nhận dạng chữ xong.</source>
        <translation>Đợi nhận dạng chữ xong.</translation>
    </message>
    <message>
        <source>Hoàn tất các mục đánh dấu ✘ ở trên trước khi ký.</source>
        <translation>Hoàn tất các mục đánh dấu ✘ ở trên trước khi ký.</translation>
    </message>
    <message>
        <source>Chọn tệp chứng thư</source>
        <translation>Chọn tệp chứng thư</translation>
    </message>
    <message>
        <source>Chứng thư số (*.p12 *.pfx)</source>
        <translation>Chứng thư số (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>Chọn chứng thư số</source>
        <translation>Chọn chứng thư số</translation>
    </message>
    <message>
        <source>Chưa chọn chứng thư số để ký. Chọn tệp chứng thư (.p12/.pfx) của cơ quan, hoặc dùng chứng thư thử nghiệm để làm thử (chữ ký không có giá trị pháp lý).</source>
        <translation>Chưa chọn chứng thư số để ký. Chọn tệp chứng thư (.p12/.pfx) của cơ quan, hoặc dùng chứng thư thử nghiệm để làm thử (chữ ký không có giá trị pháp lý).</translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Xem trước sau khi nhận dạng xong.</source>
        <translation>Xem trước sau khi nhận dạng xong.</translation>
    </message>
    <message>
        <source>Không xem trước được vị trí chữ ký.</source>
        <translation>Không xem trước được vị trí chữ ký.</translation>
    </message>
    <message>
        <source>⚠ Chứng thư số hết hạn ngày %1 (còn %2 ngày). Liên hệ tổ chức cung cấp dịch vụ chứng thực chữ ký số để gia hạn trước ngày đó.</source>
        <translation>⚠ Chứng thư số hết hạn ngày %1 (còn %2 ngày). Liên hệ tổ chức cung cấp dịch vụ chứng thực chữ ký số để gia hạn trước ngày đó.</translation>
    </message>
    <message>
        <source>⚠ Đã ký bằng chứng thư THỬ NGHIỆM: bản này chỉ để thử, không dùng làm kết quả trả cho công dân.</source>
        <translation>⚠ Đã ký bằng chứng thư THỬ NGHIỆM: bản này chỉ để thử, không dùng làm kết quả trả cho công dân.</translation>
    </message>
    <message>
        <source>⚠ Chứng thư tự ký: người kiểm tra sẽ thấy chữ ký chưa được tin cậy. Dùng chứng thư do tổ chức chứng thực chữ ký số cấp.</source>
        <translation>⚠ Chứng thư tự ký: người kiểm tra sẽ thấy chữ ký chưa được tin cậy. Dùng chứng thư do tổ chức chứng thực chữ ký số cấp.</translation>
    </message>
    <message>
        <source>Nhập mã PIN của token để ký “%1”.</source>
        <translation>Nhập mã PIN của token để ký “%1”.</translation>
    </message>
    <message>
        <source>Nhập mật khẩu tệp chứng thư để ký “%1”.</source>
        <translation>Nhập mật khẩu tệp chứng thư để ký “%1”.</translation>
    </message>
    <message>
        <source>Đã ký ở mức %1.</source>
        <translation>Đã ký ở mức %1.</translation>
    </message>
    <message>
        <source>Lý do: chưa cấu hình máy chủ dấu thời gian (Cài đặt &gt; Chữ ký số); có thể nâng mức sau.</source>
        <translation>Lý do: chưa cấu hình máy chủ dấu thời gian (Cài đặt &gt; Chữ ký số); có thể nâng mức sau.</translation>
    </message>
    <message>
        <source>Cần bổ sung dấu thời gian/thông tin thu hồi sau khi có mạng.</source>
        <translation>Cần bổ sung dấu thời gian/thông tin thu hồi sau khi có mạng.</translation>
    </message>
</context>
<context>
    <name>SignaturePanel</name>
    <message>
        <source>HỢP LỆ</source>
        <translation>HỢP LỆ</translation>
    </message>
    <message>
        <source>CHƯA XÁC ĐỊNH ĐƯỢC</source>
        <translation>CHƯA XÁC ĐỊNH ĐƯỢC</translation>
    </message>
    <message>
        <source>KHÔNG HỢP LỆ</source>
        <translation>KHÔNG HỢP LỆ</translation>
    </message>
    <message>
        <source>chữ ký cơ bản (B-B)</source>
        <translation>chữ ký cơ bản (B-B)</translation>
    </message>
    <message>
        <source>có dấu thời gian (B-T)</source>
        <translation>có dấu thời gian (B-T)</translation>
    </message>
    <message>
        <source>kiểm tra được lâu dài (B-LT)</source>
        <translation>kiểm tra được lâu dài (B-LT)</translation>
    </message>
    <message>
        <source>lưu trữ dài hạn (B-LTA)</source>
        <translation>lưu trữ dài hạn (B-LTA)</translation>
    </message>
    <message>
        <source>Chưa kiểm tra chữ ký.</source>
        <translation>Chưa kiểm tra chữ ký.</translation>
    </message>
    <message>
        <source>Tin cậy chứng thư này…</source>
        <translation>Tin cậy chứng thư này…</translation>
    </message>
    <message>
        <source>Thêm chứng thư của tổ chức cấp cho người ký vào danh sách tin cậy</source>
        <translation>Thêm chứng thư của tổ chức cấp cho người ký vào danh sách tin cậy</translation>
    </message>
    <message>
        <source>Tệp không có chữ ký số</source>
        <translation>Tệp không có chữ ký số</translation>
    </message>
    <message numerus="yes">
        <source>%n chữ ký</source>
        <translation>
            <numerusform>%n chữ ký</numerusform>
        </translation>
    </message>
    <message>
        <source>Đã ký và tất cả chữ ký đều hợp lệ.</source>
        <translation>Đã ký và tất cả chữ ký đều hợp lệ.</translation>
    </message>
    <message>
        <source>Có ít nhất một chữ ký cần được xác thực.</source>
        <translation>Có ít nhất một chữ ký cần được xác thực.</translation>
    </message>
    <message>
        <source>Có ít nhất một chữ ký có vấn đề.</source>
        <translation>Có ít nhất một chữ ký có vấn đề.</translation>
    </message>
    <message>
        <source>Ký bằng chứng thư THỬ NGHIỆM: không có giá trị pháp lý, không được tin cậy.</source>
        <translation>Ký bằng chứng thư THỬ NGHIỆM: không có giá trị pháp lý, không được tin cậy.</translation>
    </message>
    <message>
        <source>Toàn bộ tệp</source>
        <translation>Toàn bộ tệp</translation>
    </message>
    <message>
        <source>THỬ NGHIỆM</source>
        <translation>THỬ NGHIỆM</translation>
    </message>
    <message>
        <source>Dấu thời gian tài liệu</source>
        <translation>Dấu thời gian tài liệu</translation>
    </message>
    <message>
        <source>Chữ ký</source>
        <translation>Chữ ký</translation>
    </message>
    <message>
        <source>Tài liệu đã bị thay đổi sau khi ký.</source>
        <translation>Tài liệu đã bị thay đổi sau khi ký.</translation>
    </message>
    <message>
        <source>Không kiểm tra được nội dung đã ký có bị thay đổi không.</source>
        <translation>Không kiểm tra được nội dung đã ký có bị thay đổi không.</translation>
    </message>
    <message>
        <source>Sau khi ký chỉ có bổ sung được phép (dữ liệu kiểm tra, dấu thời gian hoặc chữ ký khác).</source>
        <translation>Sau khi ký chỉ có bổ sung được phép (dữ liệu kiểm tra, dấu thời gian hoặc chữ ký khác).</translation>
    </message>
    <message>
        <source>Tài liệu không bị thay đổi kể từ khi ký.</source>
        <translation>Tài liệu không bị thay đổi kể từ khi ký.</translation>
    </message>
    <message>
        <source>Chữ ký số không đúng về mặt mật mã.</source>
        <translation>Chữ ký số không đúng về mặt mật mã.</translation>
    </message>
    <message>
        <source>Người ký: %1 — cơ quan: %2</source>
        <translation>Người ký: %1 — cơ quan: %2</translation>
    </message>
    <message>
        <source>Cấp bởi: %1</source>
        <translation>Cấp bởi: %1</translation>
    </message>
    <message>
        <source>Chứng thư THỬ NGHIỆM: không có giá trị pháp lý và không bao giờ được tin cậy.</source>
        <translation>Chứng thư THỬ NGHIỆM: không có giá trị pháp lý và không bao giờ được tin cậy.</translation>
    </message>
    <message>
        <source>Danh tính người ký hợp lệ: chứng thư gốc %1 nằm trong danh sách tin cậy.</source>
        <translation>Danh tính người ký hợp lệ: chứng thư gốc %1 nằm trong danh sách tin cậy.</translation>
    </message>
    <message>
        <source>Chưa xác định được danh tính người ký: chứng thư của người ký và các chứng thư cấp trên không nằm trong danh sách tin cậy của bạn.</source>
        <translation>Chưa xác định được danh tính người ký: chứng thư của người ký và các chứng thư cấp trên không nằm trong danh sách tin cậy của bạn.</translation>
    </message>
    <message>
        <source>Chứng thư chưa bị thu hồi.</source>
        <translation>Chứng thư chưa bị thu hồi.</translation>
    </message>
    <message>
        <source>Chứng thư đã bị thu hồi (%1).</source>
        <translation>Chứng thư đã bị thu hồi (%1).</translation>
    </message>
    <message>
        <source>Chưa kiểm tra được chứng thư có bị thu hồi không (không có dữ liệu OCSP/CRL).</source>
        <translation>Chưa kiểm tra được chứng thư có bị thu hồi không (không có dữ liệu OCSP/CRL).</translation>
    </message>
    <message>
        <source>Chứng thư không có hiệu lực tại thời điểm ký.</source>
        <translation>Chứng thư không có hiệu lực tại thời điểm ký.</translation>
    </message>
    <message>
        <source>Chứng thư có hiệu lực tại thời điểm ký (%1 – %2).</source>
        <translation>Chứng thư có hiệu lực tại thời điểm ký (%1 – %2).</translation>
    </message>
    <message>
        <source>Có dấu thời gian: %1 (đơn vị cấp: %2).</source>
        <translation>Có dấu thời gian: %1 (đơn vị cấp: %2).</translation>
    </message>
    <message>
        <source>Thời gian ký %1 lấy theo đồng hồ máy tính của người ký (không có dấu thời gian).</source>
        <translation>Thời gian ký %1 lấy theo đồng hồ máy tính của người ký (không có dấu thời gian).</translation>
    </message>
    <message>
        <source>Mức chữ ký: %1.</source>
        <translation>Mức chữ ký: %1.</translation>
    </message>
    <message>
        <source>Lý do: %1.</source>
        <translation>Lý do: %1.</translation>
    </message>
    <message>
        <source>Chứng thư thử nghiệm không bao giờ được tin cậy.</source>
        <translation>Chứng thư thử nghiệm không bao giờ được tin cậy.</translation>
    </message>
    <message>
        <source>Chứng thư này đã được tin cậy.</source>
        <translation>Chứng thư này đã được tin cậy.</translation>
    </message>
    <message>
        <source>Tin cậy chứng thư</source>
        <translation>Tin cậy chứng thư</translation>
    </message>
    <message>
        <source>Tin cậy chứng thư “%1”?</source>
        <translation>Tin cậy chứng thư “%1”?</translation>
    </message>
    <message>
        <source>Mọi chữ ký có chuỗi chứng thư tới chứng thư này sẽ được coi là đáng tin cậy. Chỉ đồng ý khi bạn đã đối chiếu dấu vân tay với tổ chức cấp.

Cơ quan: %1
Thời hạn: %2 – %3
Dấu vân tay SHA-256: %4</source>
        <translation>Mọi chữ ký có chuỗi chứng thư tới chứng thư này sẽ được coi là đáng tin cậy. Chỉ đồng ý khi bạn đã đối chiếu dấu vân tay với tổ chức cấp.

Cơ quan: %1
Thời hạn: %2 – %3
Dấu vân tay SHA-256: %4</translation>
    </message>
    <message>
        <source>Tin cậy</source>
        <translation>Tin cậy</translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <source>Kiểm tra chữ ký số</source>
        <translation>Kiểm tra chữ ký số</translation>
    </message>
    <message>
        <source>Chọn một tệp PDF để kiểm tra.</source>
        <translation>Chọn một tệp PDF để kiểm tra.</translation>
    </message>
    <message>
        <source>Mở tệp khác…</source>
        <translation>Mở tệp khác…</translation>
    </message>
    <message>
        <source>Xuất báo cáo…</source>
        <translation>Xuất báo cáo…</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>Mô-đun kiểm tra chữ ký chưa có trong bản cài đặt này.</source>
        <translation>Mô-đun kiểm tra chữ ký chưa có trong bản cài đặt này.</translation>
    </message>
    <message>
        <source>Chọn tệp PDF đã ký</source>
        <translation>Chọn tệp PDF đã ký</translation>
    </message>
    <message>
        <source>Tệp PDF (*.pdf)</source>
        <translation>Tệp PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Tệp: %1</source>
        <translation>Tệp: %1</translation>
    </message>
    <message>
        <source>Đang kiểm tra…</source>
        <translation>Đang kiểm tra…</translation>
    </message>
    <message>
        <source>Không kiểm tra được tệp này.</source>
        <translation>Không kiểm tra được tệp này.</translation>
    </message>
    <message>
        <source>Xuất báo cáo</source>
        <translation>Xuất báo cáo</translation>
    </message>
    <message>
        <source>Báo cáo PDF (*.pdf);;Trang HTML (*.html)</source>
        <translation>Báo cáo PDF (*.pdf);;Trang HTML (*.html)</translation>
    </message>
    <message>
        <source>Đã lưu báo cáo: %1</source>
        <translation>Đã lưu báo cáo: %1</translation>
    </message>
</context>
<context>
    <name>win</name>
    <message>
        <source>Thay trang</source>
        <translation>Thay trang</translation>
    </message>
    <message>
        <source>Chèn trang</source>
        <translation>Chèn trang</translation>
    </message>
</context>
</TS>
