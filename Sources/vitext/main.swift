import VietNormalization
import VietTokenization
let t = Tokenizer()
let s = "Sáng 11/6, Ban Thường vụ (BTV) Thị ủy sơ kết 03 năm thực hiện Đề án số 11-ĐA/TU, ngày 06/12/2021 của Ban Thường vụ Thành ủy. Số đảng viên là 10.630 đảng viên, đạt 15,56%. TP. Hồ Chí Minh và ThS. Nguyễn V. An dự. Nghị định 30/2020/NĐ-CP, 05-HD-TU, KT-XH, HĐND, 31-QĐi/TU lúc 08:39 hay 8h30. Xem https://vd.vn/a?b=1. Gửi a.b@gov.vn! Hết 2021-2025 và 1/3 số người, 3km. Ngày 13-6 và “Sinh hoạt.” Tiếp tục…\nDòng hai"
let r = try t.tokenize(Array(s.utf8))
let bytes = Array(s.utf8)
for sen in r.sentences { print(r.tokens[sen.tokens].map { "\($0.string(in: bytes))/\($0.kind.rawValue)" }.joined(separator: " ")) }
