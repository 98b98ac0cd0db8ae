import VietNormalization
let d = LegacyDecoder.bundled
for s in ["B¶o Th¾ng", "Mêng Kh¬ng", "B¸t X¸t", "Xin chaøo caùc baïn", "Quận ủy Tây Hồ"] {
  let det = d.detect(Array(s.utf8))
  print(s, det, String(decoding: d.decode(Array(s.utf8), from: det), as: UTF8.self))
}
let raw = d.encode(Array("Ban Thường vụ Thị ủy sơ kết 03 năm thực hiện Đề án".utf8), to: .vni)!
print(d.detect(raw), String(decoding: d.decode(raw, from: d.detect(raw)), as: UTF8.self))
let raw2 = d.encode(Array("ban thường vụ thị ủy sơ kết 03 năm thực hiện đề án".utf8), to: .tcvn3)!
print(d.detect(raw2), String(decoding: d.decode(raw2, from: d.detect(raw2)), as: UTF8.self))
