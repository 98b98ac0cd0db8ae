import Foundation
import Testing
import VietICU
import VietNormalization
import VietTestSupport
import VietText

@Suite struct CleanupTests {
  static let cases: [(String, String)] = [
    ("Thị\u{00A0}ủy", "Thị ủy"),  // NBSP
    ("Thị\u{202F}ủy\u{3000}Hà", "Thị ủy Hà"),  // narrow NBSP, ideographic space
    ("Đả\u{200B}ng", "Đảng"),  // zero-width space inside a word
    ("\u{FEFF}Sáng 11/6", "Sáng 11/6"),  // BOM
    ("sinh\u{00AD}hoạt", "sinhhoạt"),  // soft hyphen
    ("chi bộ\r\nĐảng bộ\r", "chi bộ\nĐảng bộ\n"),  // CRLF and a lone CR
    ("a\u{0007}b\u{0085}c\td", "a b c\td"),  // C0 and C1 controls separate words, tab stays
    ("Đảng\u{0000}bộ\u{007F}huyện", "Đảng bộ huyện"),  // NUL and DEL do not glue words together
    ("Chúc mừng 👨\u{200D}👩\u{200D}👧 gia đình", "Chúc mừng 👨\u{200D}👩\u{200D}👧 gia đình"),  // emoji ZWJ sequence
    ("cờ 🏳\u{FE0F}\u{200D}🌈 đẹp", "cờ 🏳\u{FE0F}\u{200D}🌈 đẹp"),  // with a variation selector
    ("\u{200D}\u{2060}", ""),  // nothing visible at all
    ("Ðảng ðoàn viên", "Đảng đoàn viên"),  // Icelandic eth written for đ
    ("Guðmundsson và Sigurðardóttir", "Guðmundsson và Sigurðardóttir"),  // a real eth stays
    ("dòng một\u{2028}dòng hai", "dòng một\ndòng hai"),
  ]

  @Test(arguments: cases)
  func cleansUp(_ c: (String, String)) {
    #expect(Normalizer().normalize(c.0).bytes == c.1.bytes)
  }

  @Test func emptyAndWhitespaceOnlyInputsAreFine() throws {
    #expect(try Normalizer().normalize([UInt8]()).bytes == [])
    #expect(Normalizer().normalize(" \n\t").bytes == " \n\t".bytes)
  }

  @Test func invalidUTF8IsAnErrorWithItsOffset() {
    #expect(throws: InvalidUTF8Error(source: "<input>", byteOffset: 7)) {
      try Normalizer().normalize(Array("Đảng".utf8) + [0xFF, 0x41])
    }
    // A sequence cut short: the first two bytes of "ả".
    #expect(throws: InvalidUTF8Error(source: "<input>", byteOffset: 2)) {
      try Normalizer().normalize(Array("Đảng".utf8.prefix(4)))
    }
    // An overlong encoding of "/" and a lone surrogate are not UTF-8 either.
    #expect(throws: InvalidUTF8Error.self) { try Normalizer().normalize([0xC0, 0xAF]) }
    #expect(throws: InvalidUTF8Error.self) { try Normalizer().normalize([0xED, 0xA0, 0x80]) }
  }

  @Test func offsetMapPointsBackIntoTheInput() throws {
    // "Đả​ng ​ủy": removing the two zero-width spaces shifts everything after them.
    let output = try Normalizer().normalize(Array("Đả\u{200B}ng \u{200B}ủy".utf8))
    #expect(output.bytes == "Đảng ủy".bytes)
    // "ủy" starts at code point 5 of the output and 7 of the input.
    #expect(output.offsets.originalStart(5) == 7)
    #expect(output.offsets.originalEnd(7) == 9)
    // "Đảng" spans 0..<4 in the output and 0..<5 in the input (the ZWSP was inside it).
    #expect(output.offsets.originalStart(0) == 0)
    #expect(output.offsets.originalEnd(4) == 5)
  }
}

@Suite struct FoldingTests {
  @Test func foldAllWithLowercaseGivesPlainASCII() {
    #expect(
      Normalizer(options: .init(fold: .all, lowercase: true)).normalize("Hoà BÌNH, đường").bytes
        == "hoa binh, duong".bytes)
  }

  @Test func foldTonesKeepsVowelQualityAndDStroke() {
    #expect(
      Normalizer(options: .init(fold: .tones)).normalize("Nguyễn Quang Hán – Phó Bí thư").bytes
        == "Nguyên Quang Han – Pho Bi thư".bytes)
  }

  @Test func foldsOtherLatinLettersThroughICU() {
    #expect(Normalizer(options: .init(fold: .all)).normalize("Ñandú Çà").bytes == "Nandu Ca".bytes)
  }

  @Test func foundationsDiacriticFoldingLeavesDStroke() {
    // The reason vitext folds by itself: Foundation's diacritic-insensitive folding treats đ as a
    // letter of its own, so "Đảng" and "Dang" never meet in a Foundation-folded index.
    let foundation = "Đảng đường".folding(
      options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
    #expect(foundation.bytes == "đang đuong".bytes)
    #expect(Normalizer(options: .searchFolded).normalize("Đảng đường").bytes == "dang duong".bytes)
  }

  @Test func lowercaseMatchesICUsVietnameseLowercasing() throws {
    for seed in try TestData.seeds() {
      let ours = try Normalizer(options: .init(toneStyle: .keep, lowercase: true)).normalize(
        seed.bytes
      ).bytes
      let icu = try ICU.lowercase(
        Normalizer(options: .init(toneStyle: .keep)).normalize(seed.bytes).bytes)
      #expect(ours == icu, "\(seed.name)")
    }
  }

  @Test func outputFormNFDDecomposesAndNFCRecomposes() throws {
    let nfd = Normalizer(options: .init(form: .nfd)).normalize("Quận ủy")
    #expect(nfd.bytes == "Quận ủy".decomposedStringWithCanonicalMapping.bytes)
    #expect(Normalizer().normalize(nfd).bytes == "Quận ủy".bytes)
  }
}

@Suite struct RealTextTests {
  @Test func normalizingTwiceChangesNothing() throws {
    for options in [
      NormalizationOptions.standard, .init(toneStyle: .new), .init(fold: .tones), .searchFolded,
      .init(form: .nfd, toneStyle: .new, lowercase: true),
    ] {
      let normalizer = Normalizer(options: options)
      for seed in try TestData.seeds() {
        let once = try normalizer.normalize(seed.bytes).bytes
        #expect(try normalizer.normalize(once).bytes == once, "\(seed.name) \(options)")
      }
    }
  }

  @Test func seedsChangeOnlyWhereTheyHaveNBSPOrNewStyleTones() throws {
    // The seeds are NFC but carry NBSPs and mix "ủy" with "uỷ". With tone placement kept, the
    // only change is NBSP → space; with the old style, every "uỷ" becomes "ủy" and nothing else
    // changes length.
    for seed in try TestData.seeds() {
      let withSpaces = String(decoding: seed.bytes, as: UTF8.self).replacingOccurrences(
        of: "\u{A0}", with: " ")
      #expect(
        try Normalizer(options: .init(toneStyle: .keep)).normalize(seed.bytes).bytes
          == withSpaces.bytes)
      let old = String(decoding: try Normalizer().normalize(seed.bytes).bytes, as: UTF8.self)
      #expect(old.components(separatedBy: "uỷ").count == 1, "\(seed.name)")
      #expect(
        old.components(separatedBy: "ủy").count - 1
          == withSpaces.components(separatedBy: "ủy").count
          + withSpaces.components(separatedBy: "uỷ").count - 2)
      #expect(old.unicodeScalars.count == withSpaces.unicodeScalars.count)
    }
  }

  @Test func decomposedLinesFromRealSourcesBecomeTheirNFC() throws {
    guard let url = try TestData.shared("data/normalization-samples/non-nfc-lines.jsonl") else {
      return
    }
    let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
    #expect(lines.count > 1000)
    let normalizer = Normalizer(options: .init(toneStyle: .keep))
    var mismatches = 0
    for line in lines {
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
      let raw = (object["raw"] as! String).bytes
      let nfc = object["nfc"] as! String
      #expect(raw != nfc.bytes)
      // Besides composing, the clean-up turns NBSP into a space and the look-alike Ð into Đ
      // (all Ð in these lines stand for Đ: "Ðiều 107", "Ðoàn thanh niên").
      let expected = nfc.replacingOccurrences(of: "\u{A0}", with: " ").replacingOccurrences(
        of: "Ð", with: "Đ")
      if try normalizer.normalize(raw).bytes != expected.bytes { mismatches += 1 }
    }
    #expect(mismatches == 0)
  }
}

@Suite struct FoldingPassTests {
  /// The folding pass writes its own output; Foundation's diacritic folding (plus đ → d, which
  /// Foundation leaves) is an independent oracle for it on real text, messed up the usual ways.
  @Test func foldingAgreesWithFoundationOnMessySeeds() throws {
    for seed in try TestData.seeds() {
      let clean = String(decoding: seed.bytes, as: UTF8.self)
      let messy = clean.replacingOccurrences(of: "Đảng", with: "Ðảng\u{200B}")
        .replacingOccurrences(of: "\n", with: "\r\n").replacingOccurrences(of: "ủy", with: "uỷ")
      for input in [clean, messy, messy.decomposedStringWithCanonicalMapping] {
        let ours = try Normalizer(options: .searchFolded).normalize(Array(input.utf8)).bytes
        let cleaned = Normalizer(options: .init(toneStyle: .keep)).normalize(input)
        let oracle = cleaned.folding(
          options: [.diacriticInsensitive, .caseInsensitive], locale: nil
        )
        .replacingOccurrences(of: "đ", with: "d")
        #expect(ours == oracle.bytes, "\(seed.name)")
      }
    }
  }

  @Test func foldingKeepsOffsetsIntoTheInput() throws {
    let output = try Normalizer(options: .searchFolded).normalize(
      Array("Đả\u{200B}ng \u{00A0}Ủy\r\nban".utf8))
    #expect(output.bytes == "dang  uy\nban".bytes)
    #expect(output.offsets.originalStart(5) == 6)  // "uy" starts after the removed ZWSP
    #expect(output.offsets.originalStart(9) == 11)  // "ban" after the removed CR
  }
}
