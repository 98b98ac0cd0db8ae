import Foundation
import Testing
import VietTestSupport
import VietText

@testable import VietNormalization

/// The quick "already canonical?" check must never say yes where the full pass would change a
/// byte: a false yes would silently skip normalization.
@Suite struct CanonicalCheckTests {
  /// One defect of each kind the rewriting pass repairs, planted in otherwise clean text.
  static let defects = [
    "Quận uỷ", "hoà", "khoẻ", "Thuỷ", "a\u{00A0}b", "a\u{200B}b", "\u{FEFF}a", "a\r\nb",
    "a\u{0007}b",
    "Ðảng", "u\u{0309}y", "a\u{2028}b", "cuả", "qúy", "a\u{007F}b", "a\u{001F}b",
  ]

  @Test func saysNoWhereverTheFullPassChangesSomething() throws {
    let normalizer = Normalizer()
    let clean = try normalizer.normalize(try TestData.seeds()[0].bytes).bytes
    for defect in Self.defects {
      var text = clean
      text.insert(contentsOf: " \(defect) ".utf8, at: clean.count / 2)
      let fast = text.withUnsafeBufferPointer(normalizer.isAlreadyCanonical)
      #expect(!fast, "\(defect.unicodeScalars.map { String($0.value, radix: 16) })")
      #expect(try normalizer.normalize(text).bytes != text)
    }
  }

  /// The check reads sixty-four bytes at a time after the first code point and one at a time at
  /// the end: a defect is caught wherever it sits relative to those seams.
  @Test func saysNoWhereverTheDefectSits() throws {
    let normalizer = Normalizer()
    let clean = try normalizer.normalize(try TestData.seeds()[0].bytes).bytes
    let boundaries = clean.indices.filter { clean[$0] & 0xC0 != 0x80 }
    let positions = boundaries.prefix(150) + boundaries.suffix(80) + [clean.count]
    for defect in Self.defects {
      for position in positions {
        var text = clean
        // A word of its own (glued to a neighbour it would be another word), at the very start
        // and end too.
        let planted =
          position == 0 ? "\(defect) " : position == clean.count ? " \(defect)" : " \(defect) "
        text.insert(contentsOf: planted.utf8, at: position)
        let fast = text.withUnsafeBufferPointer(normalizer.isAlreadyCanonical)
        #expect(
          !fast, "\(defect.unicodeScalars.map { String($0.value, radix: 16) }) at byte \(position)")
      }
    }
  }

  /// On every slice of clean text (starting and ending anywhere, so words are cut, and some
  /// slices start with a code point above ASCII) the check answers as the full pass does.
  @Test func agreesWithTheFullPassOnSlices() throws {
    var yes = 0
    var no = 0
    for style in [ToneStyle.old, .new] {
      let normalizer = Normalizer(options: NormalizationOptions(toneStyle: style))
      let clean = try normalizer.normalize(try TestData.seeds()[1].bytes).bytes
      let boundaries = clean.indices.filter { clean[$0] & 0xC0 != 0x80 }
      for (index, start) in boundaries.prefix(120).enumerated() {
        for end in boundaries[(index + 1)...].prefix(300) where end % 5 == 0 || end - start < 12 {
          let slice = Array(clean[start..<end])
          let fast = slice.withUnsafeBufferPointer(normalizer.isAlreadyCanonical)
          var offsets = OffsetMap()
          let full = try slice.withUnsafeBufferPointer {
            try normalizer.rewrite($0, composed: false, offsets: &offsets)
          }
          let unchanged = if case .unchanged = full { true } else { false }
          #expect(
            fast == unchanged,
            "\(style) slice \(start)..<\(end): \(String(decoding: slice, as: UTF8.self))")
          if fast { yes += 1 } else { no += 1 }
        }
      }
    }
    // Words cut so that the old style moves their tone ("hoạ" of "hoạt") must show up, or the
    // test proves little.
    #expect(yes > 1000 && no > 10, "\(yes) yes, \(no) no")
  }

  @Test func saysYesOnNormalizedText() throws {
    for style in [ToneStyle.old, .new, .keep] {
      let normalizer = Normalizer(options: NormalizationOptions(toneStyle: style))
      for seed in try TestData.seeds() {
        let clean = try normalizer.normalize(seed.bytes).bytes
        #expect(
          clean.withUnsafeBufferPointer(normalizer.isAlreadyCanonical), "\(seed.name) \(style)")
        // Tabs and newlines are the two controls kept.
        let tabbed = clean.map { $0 == 0x20 ? 0x09 : $0 }
        #expect(
          tabbed.withUnsafeBufferPointer(normalizer.isAlreadyCanonical),
          "\(seed.name) \(style) with tabs")
      }
    }
  }

  /// Real lines that arrived decomposed, and their NFC forms: the check agrees with the full pass
  /// on every one.
  @Test func agreesWithTheFullPassOnRealLines() throws {
    guard let url = try TestData.shared("data/normalization-samples/non-nfc-lines.jsonl") else {
      return
    }
    let normalizer = Normalizer()
    for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
      for key in ["raw", "nfc"] {
        let text = Array((object[key] as! String).utf8)
        let fast = text.withUnsafeBufferPointer(normalizer.isAlreadyCanonical)
        var offsets = OffsetMap()
        let full = try text.withUnsafeBufferPointer {
          try normalizer.rewrite($0, composed: false, offsets: &offsets)
        }
        if fast, case .unchanged = full {
        } else if fast {
          Issue.record("check says canonical: \(object[key]!)")
        }
      }
    }
  }
}

/// The check's table of contexts where a tone may sit misplaced is derived from the orthography;
/// these tests hold it to the rewriting pass on every syllable the orthography allows.
@Suite struct MisplacedToneContextTests {
  /// Every onset + nucleus + final, with a tone mark on each of its vowels in turn, alone and
  /// between clean text, followed by ASCII and by a code point above ASCII: the check says yes
  /// exactly when the full pass changes nothing.
  @Test func agreesWithTheFullPassOnEverySyllable() throws {
    let alphabet = VietnameseAlphabet.shared
    let orthography = Orthography.bundled
    let padding = Array("Trong những năm qua, công tác xây dựng Đảng được chú trọng; ".utf8)
    var checked = 0
    var doubted = 0
    for style in [ToneStyle.old, .new] {
      let normalizer = Normalizer(options: NormalizationOptions(toneStyle: style))
      for onset in [[]] + orthography.onsets.spellings {
        for nucleus in orthography.nuclei.spellings {
          for final in [[]] + orthography.finals.spellings {
            let plains = onset + nucleus + final
            for toned in plains.indices where VietnameseAlphabet.isVowel(plains[toned]) {
              var word: [UInt8] = []
              for (k, plain) in plains.enumerated() {
                UTF8Scanning.append(
                  alphabet.scalar(plain: plain, tone: k == toned ? 4 : 0, upper: k == 0), to: &word)
              }
              for text in [
                word, word + Array("…".utf8), padding + word + Array(" ".utf8) + padding,
              ] {
                let fast = text.withUnsafeBufferPointer(normalizer.isAlreadyCanonical)
                var offsets = OffsetMap()
                let full = try text.withUnsafeBufferPointer {
                  try normalizer.rewrite($0, composed: false, offsets: &offsets)
                }
                let unchanged = if case .unchanged = full { true } else { false }
                #expect(fast == unchanged, "\(style): \(String(decoding: text, as: UTF8.self))")
                checked += 1
                if !unchanged { doubted += 1 }
              }
            }
          }
        }
      }
    }
    // The misplaced ones ("Hoã" in the old style, "Hõa" in the new, "Qũy" in both) are many.
    #expect(checked > 50_000 && doubted > 1_000, "\(checked) checked, \(doubted) changed")
  }

  /// Real words whose tone no spelling rule moves are not doubted, so clean text is not read
  /// twice for them; "hoà", "qúy" and "cuả" are.
  @Test func doubtsOnlyWhereAToneCanMove() throws {
    let normalizer = Normalizer()
    let contexts = normalizer.toneContexts.table(for: .old)
    let status = CharacterClasses.shared.canonicalStatus
    /// Whether any code point above ASCII of the word, alone, is in a doubted context.
    func doubted(_ word: String) -> Bool {
      let scalars = word.unicodeScalars.map(\.value)
      func shape(_ k: Int) -> UInt8 { status[Int(scalars[k])] }
      return scalars.indices.contains { k in
        guard scalars[k] >= 0x80 else { return false }
        let before = k > 0 ? shape(k - 1) : 0
        let after =
          k + 1 == scalars.count
          ? 0 : scalars[k + 1] < 0x80 ? shape(k + 1) : CanonicalStatus.lookedAtNext
        return contexts[CanonicalStatus.doubtIndex(before, shape(k), after)] != 0
      }
    }
    for word in ["hoạt", "của", "ngày", "toàn", "giải", "đạo", "tại", "người", "Đảng", "quân"] {
      #expect(!doubted(word), "\(word)")
    }
    for word in ["hoà", "qúy", "cuả", "gìa", "thuỷ"] {
      #expect(doubted(word), "\(word)")
    }
  }
}

/// Random text from the characters the check treats differently: it must agree with the full
/// pass on every one (a fixed seed, so a failure is reproducible).
@Suite struct CanonicalCheckRandomTextTests {
  /// Clean pieces: letters, toned and untoned vowels in every context, other scripts.
  static let clean: [String] = [
    "a", "o", "u", "i", "y", "e", "q", "g", "n", "h", "t", "c", "Q", "G", "A", "O", "U", " ", " ",
    " ", ",", ".",
    "à", "á", "ả", "ạ", "ò", "ó", "ỏ", "ọ", "ù", "ú", "ủ", "ụ", "ì", "í", "ỳ", "ý", "ỷ", "è", "é",
    "ẻ",
    "ă", "â", "ê", "ô", "ơ", "ư", "ằ", "ấ", "ề", "ổ", "ờ", "ừ", "ứ", "đ", "Đ", "Ủ", "Ò", "Ý",
    "\t", "\n", "😀", "中", "ж", "ß", "hòa", "của", "thủy", "quý", "ngày", "hoạt", "toàn", "người",
  ]
  /// Pieces the full pass changes (in some styles or contexts).
  static let changing: [String] = [
    "\u{0300}", "\u{0301}", "\u{0309}", "\u{0323}", "\u{0302}", "\u{00A0}", "\u{200B}", "\u{00D0}",
    "\u{00F0}",
    "\r", "\u{7F}", "hoà", "thuỷ", "qúy", "cuả",
  ]

  @Test func agreesWithTheFullPassOnRandomText() throws {
    var random = LinearCongruential(seed: 2026_11_22)
    var disagreements: [String] = []
    var saidYes = 0
    for style in [ToneStyle.old, .new, .keep] {
      let normalizer = Normalizer(options: NormalizationOptions(toneStyle: style))
      for _ in 0..<3_000 {
        var text = ""
        for _ in 0..<(random.next(below: 150) + 1) {
          // Mostly clean, so that many texts are clean and the yes answers are tested too.
          let pieces = random.next(below: 60) == 0 ? Self.changing : Self.clean
          text += pieces[random.next(below: pieces.count)]
        }
        let bytes = Array(text.utf8)
        let fast = bytes.withUnsafeBufferPointer(normalizer.isAlreadyCanonical)
        guard fast else { continue }
        saidYes += 1
        var offsets = OffsetMap()
        let full = try bytes.withUnsafeBufferPointer {
          try normalizer.rewrite($0, composed: false, offsets: &offsets)
        }
        if case .unchanged = full {
        } else {
          disagreements.append("\(style): \(text.debugDescription)")
        }
      }
    }
    #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    #expect(saidYes > 1_000, "only \(saidYes) texts were found clean: the test checks too little")
  }
}

/// A fixed-seed generator (Knuth's MMIX constants), so random tests repeat exactly.
struct LinearCongruential {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next(below bound: Int) -> Int {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Int((state >> 33) % UInt64(bound))
  }
}
