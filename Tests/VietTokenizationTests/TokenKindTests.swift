import Foundation
import Testing
import VietNormalization
import VietTestSupport
import VietText

@testable import VietTokenization

/// Tokenizes normalized text and returns (text, kind) pairs.
func tokenPairs(_ text: String) throws -> [(String, TokenKind)] {
  let bytes = Normalizer().normalize(text).bytes
  return try Tokenizer().tokenize(bytes).tokens.map { ($0.string(in: bytes), $0.kind) }
}

func kind(of surface: String, in text: String) throws -> TokenKind? {
  try tokenPairs(text).first { $0.0.bytes == surface.bytes }?.1
}

@Suite struct TokenKindTests {
  /// (sentence from the seeds or the shared gold documents, token, kind)
  static let seedTokens: [(String, String, TokenKind)] = [
    (
      "Thực hiện Đề án số 11-ĐA/TU, ngày 06/12/2021 của Ban Thường vụ Thành ủy", "11-ĐA/TU",
      .documentNumber
    ),
    (
      "Thực hiện Đề án số 11-ĐA/TU, ngày 06/12/2021 của Ban Thường vụ Thành ủy", "06/12/2021", .date
    ),
    ("Số đảng viên của toàn Đảng bộ thị xã là 10.630 đảng viên.", "10.630", .number),
    (
      "Tỷ lệ chi bộ đạt hoàn thành xuất sắc nhiệm vụ hàng năm đều tăng, năm 2021 đạt 15,56%, năm 2022 đạt 16%",
      "15,56%", .percent
    ),
    (
      "Tỷ lệ chi bộ đạt hoàn thành xuất sắc nhiệm vụ hàng năm đều tăng, năm 2021 đạt 15,56%, năm 2022 đạt 16%",
      "16%", .percent
    ),
    ("Phó Bí thư Thường trực Thị ủy – Chủ tịch HĐND thị xã tới dự.", "HĐND", .abbreviation),
    ("Sáng 11/6, Ban Thường vụ (BTV) Thị ủy sơ kết 03 năm", "BTV", .abbreviation),
    ("Sáng 11/6, Ban Thường vụ (BTV) Thị ủy sơ kết 03 năm", "11/6", .date),
    ("Sáng 11/6, Ban Thường vụ (BTV) Thị ủy sơ kết 03 năm", "03", .number),
    ("Ngày đăng 11/06/2024 | 08:39  | View count: 66", "08:39", .time),
    ("Thứ ba, 4/6/2024 | 4:46:16 Sáng", "4:46:16", .time),
    (
      "thực hiện nghiêm túc Quy định số 31-QĐi/TU, ngày 14/12/2018 của Ban Thường vụ", "31-QĐi/TU",
      .documentNumber
    ),
    (
      "Ngày 13-6, Huyện ủy Sóc Sơn sơ kết 3 năm thực hiện Đề án số 11-ĐA/TU ngày 6-12-2021", "13-6",
      .date
    ),
    (
      "Ngày 13-6, Huyện ủy Sóc Sơn sơ kết 3 năm thực hiện Đề án số 11-ĐA/TU ngày 6-12-2021",
      "6-12-2021", .date
    ),
    ("Chi bộ Ninh Tĩnh, phường Lê Lợi sinh hoạt chuyên đề tháng 6/2024", "6/2024", .date),
    ("Đảng bộ huyện Sóc Sơn hiện có có 87 tổ chức cơ sở Đảng, 15.420 đảng viên", "15.420", .number),
    (
      "Căn cứ Nghị định số 42/2022/NĐ-CP, ngày 24/6/2022 của Chính phủ", "42/2022/NĐ-CP",
      .documentNumber
    ),
    ("theo Nghị định 30/2020/NĐ-CP về công tác văn thư", "30/2020/NĐ-CP", .documentNumber),
    ("Luật Sở hữu trí tuệ số 07/2022/QH15 năm 2022", "07/2022/QH15", .documentNumber),
    ("Hướng dẫn số 05-HD-TU và Hướng dẫn 09-HD/BTCTW", "05-HD-TU", .documentNumber),
    ("Hướng dẫn số 05-HD-TU và Hướng dẫn 09-HD/BTCTW", "09-HD/BTCTW", .documentNumber),
    ("Quyết định 923/QĐ-TTg của Thủ tướng", "923/QĐ-TTg", .documentNumber),
    ("phát triển KT-XH của địa phương", "KT-XH", .abbreviation),
    ("TP. Hồ Chí Minh", "TP.", .abbreviation),
    ("ThS. Nguyễn Văn A", "ThS.", .abbreviation),
    (
      "Xem tại https://hanoi.gov.vn/tin-tuc/son-tay.html.",
      "https://hanoi.gov.vn/tin-tuc/son-tay.html", .url
    ),
    ("Liên hệ vanphong@hanoi.gov.vn.", "vanphong@hanoi.gov.vn", .email),
    ("lúc 8h30 sáng nay", "8h30", .time),
    ("chi phí 1.234.567,89 đồng", "1.234.567,89", .number),
    ("Đảng - đoàn thể", "-", .punctuation),
    ("giá 100$ hay 5 + 3", "$", .symbol),
  ]

  @Test(arguments: seedTokens)
  func keepsSpecialTokensWholeWithTheRightKind(_ c: (String, String, TokenKind)) throws {
    #expect(try kind(of: c.1, in: c.0) == c.2)
  }

  @Test func headlineCapitalsAreSyllablesNotAbbreviations() throws {
    let pairs = try tokenPairs("ĐẢNG BỘ THỊ XÃ SƠN TÂY NÂNG CAO CHẤT LƯỢNG")
    #expect(pairs.allSatisfy { $0.1 == .syllable })
  }

  /// A date-shaped number with a group too long for an Int trapped in the date check (found by
  /// FuzzQueryParser; a document holding one stopped `index build`).
  @Test func overlongDateShapedNumbersAreNumbersNotATrap() throws {
    let cases = [
      ("Ngày 99999999999999999999/12/2021 họp", "99999999999999999999"),
      ("Số 123456789012345678901234-6 và", "123456789012345678901234"),
      ("và 1/99999999999999999999999 người", "1/99999999999999999999999"),  // a fraction
    ]
    for (text, long) in cases {
      let pairs = try tokenPairs(text)
      // The long run of digits is a number (or fraction) of its own, never part of a date.
      #expect(pairs.contains { $0.0 == long && $0.1 == .number }, "\(pairs)")
      #expect(!pairs.contains { $0.1 == .date && $0.0.contains(long) }, "\(pairs)")
    }
  }

  @Test func rangesAndFractionsAreNotDates() throws {
    #expect(try tokenPairs("giai đoạn 2021-2025").map(\.0).suffix(3) == ["2021", "-", "2025"])
    #expect(try kind(of: "1/3", in: "khoảng 1/3 số đảng viên") == .number)
    #expect(try kind(of: "2", in: "từ 2-3 người") == .number)
    #expect(try kind(of: "12/6", in: "ngày 11/6 và 12/6") == .date)
  }

  @Test func numbersWithUnitsSplit() throws {
    #expect(try tokenPairs("dài 3km").map(\.0) == ["dài", "3", "km"])
  }

  /// Found in a Công báo text: a mathematical bold digit once made the scanner emit empty
  /// tokens forever.
  @Test func digitsOutsideASCIIAreNumbersAndTheScannerMovesOn() throws {
    #expect(
      try tokenPairs("Điều 𝟏 và ١٢ khoản").map(\.0) == ["Điều", "𝟏", "và", "١", "٢", "khoản"])
  }
}

@Suite struct TokenStreamInvariantTests {
  @Test func tokensCoverEveryNonSpaceCharacterOfTheSeedsInOrder() throws {
    for seed in try TestData.seeds() {
      let text = try Normalizer().normalize(seed.bytes).bytes
      let result = try Tokenizer().tokenize(text)
      #expect(!result.tokens.isEmpty)
      var previousEnd = 0
      var previousCodePoint = 0
      let string = String(decoding: text, as: UTF8.self)
      let scalars = Array(string.unicodeScalars)
      for token in result.tokens {
        #expect(
          token.byteStart >= previousEnd && token.byteEnd > token.byteStart
            && token.byteEnd <= text.count)
        // The gap before each token is whitespace only.
        let gap = String(decoding: text[previousEnd..<token.byteStart], as: UTF8.self)
        let gapIsSpace = gap.allSatisfy { $0.isWhitespace }
        #expect(gapIsSpace, "\(seed.name): gap \(gap.debugDescription)")
        // Code-point offsets index the same characters as the byte offsets.
        #expect(token.start >= previousCodePoint)
        var sliced = ""
        sliced.unicodeScalars.append(contentsOf: scalars[token.start..<token.end])
        #expect(sliced.bytes == Array(text[token.byteStart..<token.byteEnd]))
        previousEnd = token.byteEnd
        previousCodePoint = token.end
      }
      let tail = String(decoding: text[previousEnd...], as: UTF8.self)
      let tailIsSpace = tail.allSatisfy { $0.isWhitespace }
      #expect(tailIsSpace)
    }
  }

  @Test func sentencesPartitionTheTokens() throws {
    for seed in try TestData.seeds() {
      let text = try Normalizer().normalize(seed.bytes).bytes
      let result = try Tokenizer().tokenize(text)
      var next = 0
      for sentence in result.sentences {
        #expect(sentence.tokens.lowerBound == next && !sentence.tokens.isEmpty)
        next = sentence.tokens.upperBound
      }
      #expect(next == result.tokens.count)
    }
  }

  @Test func tonePlacementAndNFDDoNotChangeTheTokens() throws {
    for seed in try TestData.seeds() {
      let original = String(decoding: seed.bytes, as: UTF8.self)
      let variants = [
        original,
        original.replacingOccurrences(of: "ủy", with: "uỷ").replacingOccurrences(
          of: "òa", with: "oà"),
        original.decomposedStringWithCanonicalMapping,
      ]
      let outputs = try variants.map { variant -> [String] in
        let text = Normalizer().normalize(variant).bytes
        return try Tokenizer().tokenize(text).tokens.map { $0.string(in: text) }
      }
      #expect(outputs[0].map(\.bytes) == outputs[1].map(\.bytes))
      #expect(outputs[0].map(\.bytes) == outputs[2].map(\.bytes))
    }
  }

  @Test func oddInputDoesNotCrash() throws {
    let inputs: [[UInt8]] = [
      [], Array("   \n\n".utf8), [0xFF, 0xFE, 0x41], Array("\u{301}\u{301}a".utf8),
      Array("...!!!???".utf8),
      Array(repeating: UInt8(ascii: "1"), count: 10_000), Array("1.".utf8), Array("11-".utf8),
      Array("http://".utf8),
      Array("a@b".utf8), Array("\u{1F600}👍🏽 emoji".utf8),
    ]
    for input in inputs {
      let result = try Tokenizer().tokenize(input)
      #expect(result.tokens.allSatisfy { $0.byteEnd <= input.count })
    }
  }
}

@Suite struct SentenceSplittingTests {
  func sentences(_ text: String) throws -> [String] {
    let bytes = Normalizer().normalize(text).bytes
    let result = try Tokenizer().tokenize(bytes)
    return result.sentences.map {
      String(decoding: bytes[$0.byteStart..<$0.byteEnd], as: UTF8.self)
    }
  }

  @Test func splitsAfterTerminators() throws {
    #expect(
      try sentences("Hội nghị đã kết thúc. Đồng chí Bí thư phát biểu! Có ý kiến gì không? Không.")
        == ["Hội nghị đã kết thúc.", "Đồng chí Bí thư phát biểu!", "Có ý kiến gì không?", "Không."])
  }

  @Test func doesNotSplitAfterAbbreviationsOrInitials() throws {
    #expect(
      try sentences(
        "Đoàn công tác TP. Hồ Chí Minh do PGS. TS. Nguyễn V. An dẫn đầu. Hội nghị bắt đầu.")
        == ["Đoàn công tác TP. Hồ Chí Minh do PGS. TS. Nguyễn V. An dẫn đầu.", "Hội nghị bắt đầu."])
  }

  @Test func doesNotSplitInsideNumbersDatesOrDocumentNumbers() throws {
    #expect(
      try sentences("Ngày 06.12.2021 có 10.630 đảng viên theo Đề án 11-ĐA/TU. Tiếp theo.")
        == ["Ngày 06.12.2021 có 10.630 đảng viên theo Đề án 11-ĐA/TU.", "Tiếp theo."])
  }

  @Test func keepsClosingQuotesWithTheirSentence() throws {
    #expect(
      try sentences("Ông nói: “Phải sinh hoạt đều.” Mọi người đồng ý.")
        == ["Ông nói: “Phải sinh hoạt đều.”", "Mọi người đồng ý."])
  }

  @Test func lineBreaksEndSentences() throws {
    #expect(
      try sentences(
        "Sơn Tây nâng cao chất lượng sinh hoạt chi bộ\nNgày đăng 11/06/2024\n\nSáng 11/6, hội nghị."
      )
        == [
          "Sơn Tây nâng cao chất lượng sinh hoạt chi bộ", "Ngày đăng 11/06/2024",
          "Sáng 11/6, hội nghị.",
        ])
  }
}

@Suite struct SentenceFastPathTests {
  /// The splitter decides plain ". Capital" / ". small" / "! any" contexts itself instead of
  /// asking ICU; on real text it must give exactly the boundaries ICU gives.
  func assertSameBoundariesAsICU(_ bytes: [UInt8], _ label: String) throws {
    let text = try Normalizer().normalize(bytes).bytes
    var viaICU = Tokenizer()
    viaICU.consultICUForEveryLine = true
    let fast = try Tokenizer().tokenize(text).sentences
    let slow = try viaICU.tokenize(text).sentences
    #expect(fast == slow, "\(label): \(fast.count) vs \(slow.count) sentences")
  }

  @Test func seedsSplitAsICUSplitsThem() throws {
    for seed in try TestData.seeds() { try assertSameBoundariesAsICU(seed.bytes, seed.name) }
  }

  @Test func awkwardContextsSplitAsICUSplitsThem() throws {
    let text =
      "Xong. tiếp tục. Hỏi? đáp! Vâng. “Trích.” Sau đó (ghi chú). 3. Ba người... Rồi… Hết.A.B. Cuối."
    try assertSameBoundariesAsICU(Array(text.utf8), "awkward")
  }

  @Test func legalTextSplitsAsICUSplitsIt() throws {
    guard let url = try TestData.shared("data/normalization-samples/non-nfc-lines.jsonl") else {
      return
    }
    let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
    var all = ""
    for line in lines {
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
      all += (object["nfc"] as! String) + "\n"
    }
    try assertSameBoundariesAsICU(Array(all.utf8), "non-nfc-lines")
  }
}
