import Foundation
import Testing
import VietTestSupport

@testable import VietDocuments

@Suite struct MetadataReaderTests {
  let reader = MetadataReader.shared

  @Test func readsAPlanHeader() {
    let text = """
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
    let metadata = reader.read(text)
    #expect(metadata.number == "130/KH-UBND")
    #expect(metadata.documentType == "Kế hoạch")
    #expect(metadata.issuer == "Uỷ ban nhân dân thành phố Hà Nội")
    #expect(metadata.place == "Hà Nội")
    #expect(metadata.issueDate == IssueDate(year: 2021, month: 12, day: 6))
    #expect(metadata.summary == "Nâng cao chất lượng sinh hoạt chi bộ năm 2022")
  }

  @Test func readsTheGazettesBarSeparatedHeader() {
    // Corpus/gov's Công báo texts join a header row's cells with " | ".
    let text = """
      VĂN PHÒNG QUỐC HỘI  | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc
      Số: 125/VBHN-VPQH | Hà Nội, ngày 27 tháng 8 năm 2025

      BỘ LUẬT
      """
    let repaired = TextRepair().repair(page: text, isFirstPage: true)
    let metadata = reader.read(repaired)
    #expect(metadata.number == "125/VBHN-VPQH")
    #expect(metadata.issuer == "Văn phòng Quốc hội")
    #expect(metadata.issueDate?.description == "2025-08-27")
    #expect(metadata.documentType == "Bộ luật")
  }

  @Test(
    arguments: [
      ("Số: 49/2026/NĐ-CP", "49/2026/NĐ-CP"),
      ("Số:   15/2026/NQ-CP", "15/2026/NQ-CP"),
      ("Số: 199 /2026/NĐ-CP", "199/2026/NĐ-CP"),
      ("Số 11-ĐA/TU", "11-ĐA/TU"),
      ("Số lượng 25 người", nil),
    ] as [(String, String?)])
  func readsNumberLines(_ line: String, _ expected: String?) {
    #expect(MetadataReader.number(in: line) == expected)
  }

  @Test func namesTheTypeFromTheCodeWhenNoTypeLine() {
    let metadata = reader.read(
      "BỘ TÀI CHÍNH\nSố: 14/2026/TT-BTC\nHà Nội, ngày 02 tháng 3 năm 2026\n")
    #expect(metadata.documentType == "Thông tư")
    let letter = reader.read(
      "ỦY BAN NHÂN DÂN\nHUYỆN ĐÀ BẮC\nSố: 512/UBND-VP\nV/v triển khai sinh hoạt chi bộ\n")
    #expect(letter.documentType == "Công văn")
    #expect(letter.summary == "triển khai sinh hoạt chi bộ")
  }

  @Test func readsAConsolidatedTextFromItsCertificationBlock() {
    // A văn bản hợp nhất prints its own number, issuer and date at its end, not in its header.
    let text = """
      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
      Độc lập - Tự do - Hạnh phúc
      LUẬT
      THUẾ THU NHẬP DOANH NGHIỆP
      Luật Thuế thu nhập doanh nghiệp số 67/2025/QH15 ngày 14 tháng 6 năm 2025 của Quốc hội…
      Điều 1. Phạm vi điều chỉnh
      …
      VĂN PHÒNG QUỐC HỘI
      Số: 113/VBHN-VPQH

      XÁC THỰC VĂN BẢN HỢP NHẤT
      Hà Nội, ngày 20 tháng 5 năm 2026
      CHỦ NHIỆM

      Lê Quang Mạnh
      """
    // The block stands after the body, far below the header.
    let body = String(
      repeating: "Điều này quy định thuế suất đối với thu nhập của doanh nghiệp.\n", count: 50)
    let metadata = reader.read(
      text.replacingOccurrences(of: "…\nVĂN PHÒNG", with: body + "VĂN PHÒNG"))
    #expect(metadata.number == "113/VBHN-VPQH")
    #expect(metadata.issuer == "Văn phòng Quốc hội")
    #expect(metadata.issueDate?.description == "2026-05-20")
    #expect(metadata.documentType == "Luật")
    #expect(metadata.signer == "Lê Quang Mạnh")
  }

  @Test func findsTheSignerUnderTheTitles() {
    let text = "Điều 5. Hiệu lực thi hành\n…\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n\nNguyễn Thị Bích Ngọc"
    #expect(reader.read(text).signer == "Nguyễn Thị Bích Ngọc")
  }

  @Test func encodesTheDateAsISO() throws {
    let metadata = DocumentMetadata(
      number: "130/KH-UBND", issueDate: IssueDate(year: 2021, month: 12, day: 6))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let json = String(decoding: try encoder.encode(metadata), as: UTF8.self)
    #expect(json == #"{"issued":"2021-12-06","number":"130/KH-UBND"}"#)
    #expect(try JSONDecoder().decode(DocumentMetadata.self, from: Data(json.utf8)) == metadata)
  }

  // The byte-level shortcuts of the reader (it reads every exported document's header) must
  // answer as the Foundation and Unicode calls they skip.

  @Test func splitsLinesAsSplittingOnTheNewlineCharacter() {
    for text in ["a\nb", "Số: 1\r\nHà Nội\n\nx\n", "\n", "", "Ủy\u{0301}\nban\r\n\r\n"] {
      let expected = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      #expect(MetadataReader.rawLines(text).map(String.init) == expected)
    }
  }

  @Test func trimsAsFoundationDoes() {
    for line in ["  Bộ Tài chính ", "Bộ Tài chính", "\u{00A0}Điều 1.\t", "_*ỦY BAN*_", "", " "] {
      #expect(
        MetadataReader.trimming(line, .whitespaces) == line.trimmingCharacters(in: .whitespaces))
      #expect(
        MetadataReader.trimming(line, MetadataReader.issuerPadding)
          == line.trimmingCharacters(in: CharacterSet(charactersIn: " _*")))
    }
  }

  @Test func findsTheMottoInEveryForm() {
    let motto = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    for line in [
      motto, motto.decomposedStringWithCanonicalMapping, "Cộng hòa xã hội chủ nghĩa Việt Nam",
      "Độc lập - Tự do - Hạnh phúc",
      "VĂN PHÒNG QUỐC HỘI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc",
      "ĐẢNG CỘNG SẢN VIỆT NAM",
    ] {
      #expect(MetadataReader.isMotto(line), "\(line)")
    }
    for line in [
      "Hội đồng nhân dân tỉnh", "Xã hội hóa công tác",
      "Điều 1. Phạm vi điều chỉnh của Luật Hạnh phúc gia đình và xã hội học",
    ] {
      #expect(!MetadataReader.isMotto(line), "\(line)")
    }
  }

  @Test func tellsCapitalsInEveryForm() {
    #expect(MetadataReader.isCapitals("BỘ TÀI CHÍNH"))
    #expect(MetadataReader.isCapitals("BỘ TÀI CHÍNH".decomposedStringWithCanonicalMapping))
    #expect(!MetadataReader.isCapitals("Bộ Tài chính"))
    #expect(!MetadataReader.isCapitals("BỘ TÀI CHÍNH, ả".decomposedStringWithCanonicalMapping))
  }
}

/// `HeaderLineBytes`' byte tests against the Unicode rules they stand in for, on every line of
/// real gov text (`Corpus/gov/gov-sample.jsonl.gz`: Công báo headers and Bộ Pháp điển articles)
/// as it is (NFC), decomposed (NFD), upper-cased, and with CRLF line ends (a CRLF text is one
/// line to the reader, as to `split(separator: "\n")`).
@Suite struct HeaderLineBytesTests {
  /// Lines of the gov sample: every Công báo text's first and last 60, every 8th article whole.
  static let govLines: [String] = {
    var lines: [String] = []
    var count = 0
    let reader = CorpusReader(
      paths: [TestData.corpus.appendingPathComponent("gov/gov-sample.jsonl.gz").path],
      policy: JSONLinesDocuments.Policy(),
      readsHeaders: false)
    try? reader.forEach { document, _ in
      count += 1
      let text = String(decoding: document.text, as: UTF8.self)
      let all = MetadataReader.rawLines(text).map(String.init)
      if document.id.hasPrefix("congbao") {
        lines += all.prefix(60) + all.suffix(60)
        // The whole text with CRLF line ends: one line, CR LF pairs inside.
        lines.append(String(text.prefix(3000)).replacingOccurrences(of: "\n", with: "\r\n"))
      } else if count % 8 == 0 {
        lines += all
      }
    }
    return lines
  }()

  /// Header, date, number, motto and signature lines in the forms producers write them.
  static let handWritten = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Cộng hoà xã hội chủ nghĩa Việt Nam",
    "Độc lập - Tự do - Hạnh phúc", "Độc lập – Tự do – Hạnh phúc", "ĐỘC LẬP - TỰ DO - HẠNH PHÚC",
    "ĐẢNG CỘNG SẢN VIỆT NAM",
    "Đảng Cộng sản Việt Nam", "---------------", "“Hạnh phúc” của người dân", "Số: 49/2026/NĐ-CP",
    "SỐ: 49/2026/NĐ-CP",
    "Luật số: 69/2020/QH14", "Bộ luật số: 45/2019/QH14", "Số và ký hiệu: 12/KH-UBND",
    "Số lượng: 25 người",
    "Hà Nội, ngày 31 tháng 01 năm 2026", "HÀ NỘI, NGÀY 31 THÁNG 01 NĂM 2026", "Đồng Xoài,",
    "ngày 14 tháng 5 năm 2008",
    "TM. ỦY BAN NHÂN DÂN", "KT. BỘ TRƯỞNG", "Nguyễn Văn An", "NGUYỄN THỊ BÍCH NGỌC", "Nơi nhận:",
    "\u{00A0}Điều 1.\t",
    "Straße số: 1/2", "ŉg h ſố: 1/2", "İstanbul, ngày 1 tháng 2 năm 2020", "Số\u{0341}: 1/2",
    "Ngày 1\r\n tháng 2 năm 2020",
  ]

  /// Every line in every form the reader may meet.
  static let cases: [String] = {
    let base = handWritten + govLines
    return base + base.map(\.decomposedStringWithCanonicalMapping) + base.map { $0.uppercased() }
      + base.map { $0.uppercased().decomposedStringWithCanonicalMapping }
  }()

  @Test func readsLinesOfRealText() {
    #expect(Self.govLines.count > 1000, "the gov sample gave \(Self.govLines.count) lines")
  }

  @Test func upperCasesEachScalarOfItsAlphabetAsTheStandardLibrary() {
    var checked = 0
    for value in UInt32(0x80)...0x2FFF {
      guard let scalar = Unicode.Scalar(value), HeaderLineBytes.upperScalar(value) != nil else {
        continue
      }
      let line = "a\(Character(scalar))b"
      #expect(
        HeaderLineBytes.uppercasedBytes(line) == Array(line.uppercased().utf8),
        "U+\(String(value, radix: 16))")
      checked += 1
    }
    #expect(checked > 300)
    #expect(HeaderLineBytes.uppercasedBytes("Straße") == nil)
    #expect(HeaderLineBytes.uppercasedBytes("Ủy\u{0301}") == nil)
  }

  @Test func upperCasesLinesAsTheStandardLibrary() {
    var fast = 0
    for line in Self.cases {
      guard let bytes = HeaderLineBytes.uppercasedBytes(line) else { continue }
      #expect(bytes == Array(line.uppercased().utf8), "\(line)")
      fast += 1
    }
    // Real text is NFC: most of its lines take the byte path.
    #expect(fast * 3 > Self.cases.count)
  }

  @Test func findsTheMottoAsTheUnicodeRule() {
    var mottos = 0
    for line in Self.cases {
      let expected = MetadataReader.isMottoByUnicode(line)
      #expect(MetadataReader.isMotto(line) == expected, "\(line)")
      if expected { mottos += 1 }
    }
    #expect(mottos > 20)
  }

  @Test func findsEveryLineHoldingTheDateWords() {
    var holding = 0
    for line in Self.cases {
      let lower = line.lowercased()
      guard lower.range(of: "ngày") != nil, lower.contains("tháng"), lower.contains("năm") else {
        continue
      }
      #expect(HeaderLineBytes.mayHoldDateWords(line), "\(line)")
      holding += 1
    }
    #expect(holding > 50)
    #expect(
      !HeaderLineBytes.mayHoldDateWords(
        "(Điều 2 Luật số 32/2004/QH11, có hiệu lực thi hành kể từ ngày 01/07/2005)"))
    #expect(
      HeaderLineBytes.mayHoldDateWords(
        "Hà Nội, ngày 31 tháng 01 năm 2026".decomposedStringWithCanonicalMapping.uppercased()))
  }

  @Test func findsEveryMottoLineOnItsBytes() {
    for line in Self.cases where MetadataReader.isMottoByUnicode(line) {
      #expect(HeaderLineBytes.mayBeMotto(line), "\(line)")
    }
    #expect(!HeaderLineBytes.mayBeMotto("Bảo hiểm xã hội tự nguyện"))
  }

  @Test func findsEveryNumberLine() {
    var numberLines = 0
    for line in Self.cases {
      let lower = line.lowercased()
      guard lower.hasPrefix("số") || lower.range(of: " số:") != nil else { continue }
      #expect(HeaderLineBytes.mayBeNumberLine(line), "\(line)")
      numberLines += 1
    }
    #expect(numberLines > 50)
    #expect(!HeaderLineBytes.mayBeNumberLine("Sau khi: các bên"))
    #expect(
      !HeaderLineBytes.mayBeNumberLine("Trong Luật này, các từ ngữ dưới đây được hiểu như sau:"))
  }

  @Test func passesOverProseBeforeTheIssuerAsTheFullRulesDo() {
    // `issuer` skips a line with a small ASCII letter that cannot start a heading: trimmed of
    // its padding it must then be no line of capitals and start with none of v, V, x, X.
    var skipped = 0
    for line in Self.cases {
      let text = MetadataReader.trimming(line, MetadataReader.issuerPadding)
      let startsHeading =
        text.unicodeScalars.first.map { "vVxX".unicodeScalars.contains($0) } ?? false
      #expect(MetadataReader.mayStartHeading(line) == startsHeading, "\(line)")
      if MetadataReader.hasLowercaseASCIILetter(line) && !startsHeading {
        #expect(
          !MetadataReader.isCapitals(text) && MetadataReader.shared.documentType(text) == nil,
          "\(line)")
        skipped += 1
      }
    }
    #expect(skipped > 1000)
  }

  @Test func findsThePassingPhraseBytes() {
    for line in Self.cases + [
      "qua ng", "qua n", "Luật này được Quốc hội thông qua ngày 26 tháng 11 năm 2014.", "qqua ngày",
    ] {
      let bytes = Array(line.utf8)
      let needle = Array("qua ng".utf8)
      let expected =
        bytes.count >= needle.count
        && (0...(bytes.count - needle.count)).contains {
          bytes[$0..<$0 + needle.count].elementsEqual(needle)
        }
      #expect(MetadataReader.containsPassingPhrase(line) == expected, "\(line)")
      // What it stands in for: Foundation finds the phrase only where the bytes are.
      if line.range(of: "thông qua ngày") != nil { #expect(expected, "\(line)") }
    }
  }

  @Test func countsCharactersAsTheStandardLibrary() {
    var decided = 0
    for line in Self.cases {
      for limit in [40, 80] {
        guard let more = HeaderLineBytes.hasMoreCharacters(line, than: limit) else { continue }
        #expect(more == (line.count > limit), "\(limit): \(line)")
        decided += 1
      }
    }
    #expect(decided > Self.cases.count)
  }
}
