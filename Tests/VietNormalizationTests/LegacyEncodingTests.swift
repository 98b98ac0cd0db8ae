import Foundation
import Testing
import VietNormalization
import VietTestSupport

@Suite struct LegacyEncodingTests {
  let decoder = LegacyDecoder.bundled

  /// Real sentences from the seed articles.
  static let sentences = [
    "Sáng 11/6, Ban Thường vụ (BTV) Thị ủy sơ kết 03 năm thực hiện Đề án số 11-ĐA/TU, ngày 06/12/2021.",
    // TCVN3 and VNI have no en dash, so the seed's "–" is written "-" here.
    "Đồng chí Nguyễn Quang Hán - Phó Bí thư Thường trực Thị ủy - Chủ tịch HĐND thị xã tới dự.",
    "Đảng bộ huyện Đà Bắc: Sinh hoạt chi bộ đi vào thực chất",
    "Bí thư Quận ủy Tây Hồ Lê Thị Thu Hằng trao khen thưởng cho các tập thể có thành tích xuất sắc.",
    "ĐẢNG BỘ THỊ XÃ SƠN TÂY HIỆN CÓ 66 TỔ CHỨC CƠ SỞ ĐẢNG; ỦY BAN KIỂM TRA, ƯU TIÊN, ỨNG PHÓ.",
  ]

  @Test func decodesPublishedTCVN3Examples() {
    // Mojibake as it circulates on the web: TCVN3 bytes shown as Windows-1252 ("¶" = ả …).
    #expect(decoder.decode("B¶o Th¾ng".bytes, from: .tcvn3Windows1252) == "Bảo Thắng".bytes)
    #expect(decoder.decode("B¸t X¸t".bytes, from: .tcvn3Windows1252) == "Bát Xát".bytes)
    // "Mường Khương": ư is 0xAD, the soft hyphen of Windows-1252.
    #expect(
      decoder.decode("M\u{AD}êng Kh\u{AD}¬ng".bytes, from: .tcvn3Windows1252)
        == "Mường Khương".bytes)
  }

  @Test func decodesPublishedVNIExample() {
    #expect(
      decoder.decode("Xin chaøo caùc baïn".bytes, from: .vniWindows1252) == "Xin chào các bạn".bytes
    )
  }

  @Test func decodesBytesThatIconvEncoded() throws {
    // Produced by glibc: iconv -f UTF-8 -t TCVN5712-1 (an encoder independent of ours).
    let url = TestData.packageRoot.appendingPathComponent(
      "Tests/VietNormalizationTests/Fixtures/son-tay.tcvn3.txt")
    let raw = [UInt8](try Data(contentsOf: url))
    let expected =
      "Ban Thường vụ Thị ủy sơ kết 03 năm thực hiện Đề án số 11-ĐA/TU, ngày 06/12/2021 của Ban Thường vụ Thành ủy về nâng cao chất lượng sinh hoạt chi bộ.\nSố đảng viên của toàn Đảng bộ thị xã là 10.630 đảng viên.\n"
    #expect(decoder.detect(raw) == .tcvn3)
    let decoded = try Normalizer().normalize(decoder.decode(raw, from: .tcvn3)).bytes
    #expect(decoded == expected.bytes)
  }

  @Test(arguments: sentences)
  func roundTripsThroughTCVN3AndVNI(_ sentence: String) throws {
    for encoding in [SourceEncoding.tcvn3, .vni] {
      let raw = try #require(decoder.encode(sentence.bytes, to: encoding))
      #expect(raw != sentence.bytes)
      #expect(decoder.detect(raw) == encoding)
      #expect(decoder.decode(raw, from: encoding) == sentence.bytes)
      // The same bytes read as Windows-1252 and saved as UTF-8.
      var mojibakeText = ""
      mojibakeText.unicodeScalars.append(contentsOf: raw.map { decoderWindows1252($0) })
      let mojibake = mojibakeText.bytes
      let mojibakeEncoding: SourceEncoding =
        encoding == .tcvn3 ? .tcvn3Windows1252 : .vniWindows1252
      #expect(decoder.detect(mojibake) == mojibakeEncoding)
      #expect(decoder.decode(mojibake, from: mojibakeEncoding) == sentence.bytes)
    }
  }

  @Test(
    arguments: sentences + [
      "Đồng chí Nguyễn Quang Hán – Phó Bí thư Thường trực Thị ủy – Chủ tịch HĐND thị xã."
    ])
  func unicodeTextIsDetectedAsUnicode(_ sentence: String) {
    #expect(decoder.detect(sentence.bytes) == .unicode)
  }

  @Test func plainASCIIIsUnicode() {
    #expect(decoder.detect("Ban Thuong vu Thi uy 2024".bytes) == .unicode)
  }

  /// Windows-1252 as Python's cp1252 codec reads it (the five undefined bytes map to themselves).
  private func decoderWindows1252(_ byte: UInt8) -> Unicode.Scalar {
    let high: [UInt32] = [
      0x20AC, 0x81, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021, 0x2C6, 0x2030, 0x160,
      0x2039, 0x152, 0x8D, 0x17D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x2DC, 0x2122, 0x161, 0x203A, 0x153, 0x9D, 0x17E, 0x178,
    ]
    if (0x80...0x9F).contains(byte) { return Unicode.Scalar(high[Int(byte) - 0x80])! }
    return Unicode.Scalar(byte)
  }
}
