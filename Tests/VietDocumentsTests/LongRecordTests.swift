import Foundation
import Testing
import VietTestSupport
import VietText

@testable import VietDocuments

/// A record of `LineReader.longLineBytes` or more is decoded where it lies (issue 21: the line
/// and its text side by side cost twice a 100 MB document). It must read exactly as a short
/// record reads.
@Suite struct LongRecordTests {
  /// Strings with every kind of escape a JSON writer emits, as written and as meant.
  static let escapes: [(written: String, meant: String)] = [
    (#"Đảng bộ\nhuyện"#, "Đảng bộ\nhuyện"),
    (#"\"Nghị quyết\" \\ 15\/2020"#, "\"Nghị quyết\" \\ 15/2020"),
    (#"\t\r\b\f"#, "\t\r\u{8}\u{C}"), (#"\u0110\u1ea3ng \u1EE7y"#, "Đảng ủy"),
    (#"\ud83d\ude00 vui"#, "😀 vui"),
    (#"l\ud83dx"#, "l\u{FFFD}x"), (#"\udc00"#, "\u{FFFD}"), ("", ""), (#"\n"#, "\n"),
  ]

  @Test(arguments: escapes.indices)
  func decodingInPlaceMatchesTheDecodedString(_ index: Int) throws {
    let (written, meant) = Self.escapes[index]
    let line = Array(#"{"id": "x", "text": "\#(written)", "title": "t"}"#.utf8)
    let record = try JSONRecord(line[...], keys: ["id", "title", "text"], locating: ["text"])
    let contents = try #require(record.locatedStrings["text"])
    #expect(record.members["text"] == nil)
    #expect(record["title"] == Array("t".utf8))
    let decoded = try JSONRecord(line[...], keys: ["text"]).string("text")
    var inPlace = line
    #expect(JSONRecord.decodeString(inPlace: &inPlace, contents: contents))
    #expect(inPlace == decoded)
    #expect(inPlace == Array(meant.utf8))
  }

  @Test func aMalformedEscapeInALocatedStringIsASyntaxError() {
    for bad in [#"{"text": "a\x"}"#, #"{"text": "a\u12"}"#, #"{"text": "a\"#] {
      #expect(throws: JSONRecord.SyntaxError.self) {
        try JSONRecord(Array(bad.utf8)[...], keys: ["text"], locating: ["text"])
      }
    }
  }

  /// One record of about 5 MB between two short ones, plain and gzip: the long one comes out
  /// as the text written, the short ones as usual, in order.
  @Test func aLongRecordReadsAsAShortOneDoes() throws {
    let seeds = try TestData.seeds().map { String(decoding: $0.bytes, as: UTF8.self) }
    var text = ""
    while text.utf8.count <= LineReader.longLineBytes {
      text += seeds.joined(separator: "\n\"trích\"\t\\ 😀\n")
    }
    let long = String(
      decoding: try JSONSerialization.data(withJSONObject: [
        "id": "long", "title": "Dài", "text": text,
      ]), as: UTF8.self)
    let lines = [
      #"{"id": "a", "text": "Quận ủy Tây Hồ"}"#, long, #"{"text": "Sơn Tây", "id": "b"}"#,
    ]
    let bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
    for (suffix, input) in [(".jsonl", bytes), (".jsonl.gz", try gzipped(bytes))] {
      let read = try readAll(input, suffix: suffix, policy: .init(maxDocumentBytes: 64 << 20))
      #expect(read.error == nil, "\(suffix): \(String(describing: read.error))")
      #expect(read.documents.map(\.id) == ["a", "long", "b"], "\(suffix)")
      #expect(read.documents.map(\.line) == [1, 2, 3], "\(suffix)")
      #expect(read.documents.count == 3 && read.documents[1].text == Array(text.utf8), "\(suffix)")
      #expect(read.documents.count == 3 && read.documents[1].title == "Dài")
    }
    // Without a newline after it, the long record is the input's last line and reads the same.
    let last = try readAll(
      Array(long.utf8), suffix: ".jsonl", policy: .init(maxDocumentBytes: 64 << 20))
    #expect(last.documents.count == 1 && last.documents.first?.text == Array(text.utf8))
  }

  @Test func aLongRecordWithoutTextOrWithBadUTF8IsABadRecord() throws {
    let filler = String(repeating: "Đảng bộ huyện Sóc Sơn. ", count: LineReader.longLineBytes / 20)
    let noText = #"{"id": "x", "body": "\#(filler)"}"#
    let read = try readAll(
      Array((noText + "\n").utf8), suffix: ".jsonl", policy: .init(maxDocumentBytes: 64 << 20))
    #expect((read.error as? DocumentReadError)?.code == .missingField)
    var bad = Array(#"{"id": "y", "text": "\#(filler)"#.utf8)
    bad += [0xFF]
    bad += Array("\"}\n".utf8)
    let invalid = try readAll(bad, suffix: ".jsonl", policy: .init(maxDocumentBytes: 64 << 20))
    #expect(invalid.error is InvalidUTF8Error)
  }

  /// A text over 4 MiB has its header read from its first and last MiB: a plan with 5 MB of
  /// body between its header and its signature reads as the plan alone does.
  @Test func theHeaderOfALongTextIsReadFromItsEnds() throws {
    let head = """
      UỶ BAN NHÂN DÂN
      THÀNH PHỐ HÀ NỘI
      Số: 130/KH-UBND
      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
      Độc lập - Tự do - Hạnh phúc
      Hà Nội, ngày 06 tháng 12 năm 2021

      KẾ HOẠCH
      Nâng cao chất lượng sinh hoạt chi bộ năm 2022

      Thực hiện Chỉ thị số 10-CT/TW của Ban Bí thư…
      """
    let tail = "\nĐiều 5. Hiệu lực thi hành\n…\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Thị Bích Ngọc"
    let body = String(
      repeating: "\nChi bộ họp thường kỳ, đánh giá tình hình thực hiện nhiệm vụ.", count: 80_000)
    let short = try #require(CorpusReader.headerMetadata(Array((head + tail).utf8)))
    #expect(short.number == "130/KH-UBND" && short.signer == "Nguyễn Thị Bích Ngọc")
    let long = Array((head + body + tail).utf8)
    #expect(long.count > CorpusReader.wholeHeaderBytes)
    #expect(CorpusReader.headerMetadata(long) == short)
    #expect(CorpusReader.headerExcerpt(long).utf8.count <= 2 * CorpusReader.headerExcerptBytes + 1)
  }
}
