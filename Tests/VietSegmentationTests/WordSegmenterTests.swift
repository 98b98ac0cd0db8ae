import Foundation
import Testing
import VietNormalization
import VietSegmentation
import VietTestSupport
import VietText
import VietTokenization

/// Normalizes, tokenizes and segments one line; returns the words as `_`-joined strings.
func segmented(_ text: String, toneStyle: ToneStyle = .old) throws -> [String] {
  let normalized = try Normalizer(options: NormalizationOptions(toneStyle: toneStyle)).normalize(
    text.bytes
  ).bytes
  let tokens = normalized.withUnsafeBufferPointer { Tokenizer().tokens(in: $0) }
  let words = try WordSegmenter.bundled().words(
    in: normalized, tokens: tokens, range: 0..<tokens.count)
  return words.map { word in
    word.tokens.map { tokens[$0].string(in: normalized) }.joined(separator: "_")
  }
}

@Suite struct WordSegmenterTests {
  @Test func seedSentenceGroupsWordsAndKeepsTheDocumentNumberWhole() throws {
    let words = try segmented("Ban Thường vụ Thị ủy sơ kết 03 năm thực hiện Đề án số 11-ĐA/TU")
    #expect(words.contains("sơ_kết"))
    #expect(words.contains("thực_hiện"))
    #expect(words.contains("Đề_án"))
    #expect(words.contains("Thị_ủy"))
    #expect(words.suffix(2) == ["số", "11-ĐA/TU"])
    #expect(words.contains("03") && words.contains("năm"))
  }

  @Test func everyTokenBelongsToExactlyOneWordInOrder() throws {
    for seed in try TestData.seeds() {
      let text = try Normalizer().normalize(seed.bytes).bytes
      let result = try Tokenizer().tokenize(text)
      let words = try WordSegmenter.bundled().words(
        in: text, tokens: result.tokens, sentences: result.sentences)
      var next = 0
      for word in words {
        #expect(word.tokens.lowerBound == next && !word.tokens.isEmpty, "\(seed.name)")
        next = word.tokens.upperBound
      }
      #expect(next == result.tokens.count)
      // Real text has multi-syllable words; a segmenter that never joins would pass the above.
      #expect(words.filter { $0.tokens.count > 1 }.count * 5 > words.count, "\(seed.name)")
    }
  }

  @Test func tonePlacementDoesNotChangeTheWords() throws {
    let pairs = [
      (
        "Hòa bình và khỏe mạnh là mong muốn của Quận ủy",
        "Hoà bình và khoẻ mạnh là mong muốn của Quận uỷ"
      ),
      ("Thủy lợi và thủy sản của tỉnh Thanh Hóa", "Thuỷ lợi và thuỷ sản của tỉnh Thanh Hoá"),
    ]
    for (old, new) in pairs {
      // `.keep` leaves each spelling as typed, so the segmenter itself must see them as one.
      let oldWords = try segmented(old, toneStyle: .keep)
      let newWords = try segmented(new, toneStyle: .keep)
      #expect(
        oldWords.map { $0.filter { $0 == "_" }.count }
          == newWords.map { $0.filter { $0 == "_" }.count })
      #expect(oldWords.first?.contains("_") == true)
      #expect(oldWords.joined().bytes != newWords.joined().bytes)
    }
  }

  /// Place names join whether or not they are capitalized: the word lists hold Vietnam's
  /// administrative units, so a lower-case text (a search box, a transcript) is not left to the
  /// capitals the model otherwise relies on for names.
  @Test func placeNamesJoinInLowerCaseToo() throws {
    let capitalized = try segmented(
      "Ông ấy từng sống ở Biên Hòa rồi chuyển lên Đà Lạt, sau đó về Quảng Ngãi làm việc.")
    let lowered = try segmented(
      "ông ấy từng sống ở biên hòa rồi chuyển lên đà lạt, sau đó về quảng ngãi làm việc.")
    for name in ["Biên_Hòa", "Đà_Lạt", "Quảng_Ngãi"] {
      #expect(capitalized.contains(name))
      #expect(lowered.contains(name.lowercased()), "\(lowered)")
    }
    #expect(lowered.count == capitalized.count)
  }

  /// Names and proper nouns join in a text written without capitals: the models were also
  /// trained on every 4th sentence in lower case, so the syllables carry "trung quốc" or "trần thị
  /// mai" without the capitals (the models trained without the copies split all three here).
  @Test(arguments: SegmentationConvention.allCases)
  func namesJoinInLowerCaseToo(_ convention: SegmentationConvention) throws {
    let sentence = "Đoàn đại biểu Trung Quốc do bà Trần Thị Mai dẫn đầu sang thăm Việt Nam."
    func words(_ text: String) throws -> [String] {
      let tokens = text.bytes.withUnsafeBufferPointer { Tokenizer().tokens(in: $0) }
      let words = try WordSegmenter.bundled(convention).words(
        in: text.bytes, tokens: tokens, range: 0..<tokens.count)
      return words.map { word in
        word.tokens.map { tokens[$0].string(in: text.bytes) }.joined(separator: "_")
      }
    }
    let capitalized = try words(sentence)
    let lowered = try words(sentence.lowercased())
    for name in ["Trung_Quốc", "Trần_Thị_Mai", "Việt_Nam"] {
      #expect(capitalized.contains(name), "\(capitalized)")
      #expect(lowered.contains(name.lowercased()), "\(convention): \(lowered)")
    }
    #expect(lowered.count == capitalized.count)
  }

  @Test func decomposedInputGivesTheSameWords() throws {
    for seed in try TestData.seeds() {
      let text = String(decoding: seed.bytes, as: UTF8.self)
      let nfd = text.decomposedStringWithCanonicalMapping
      #expect(nfd.bytes != text.bytes)
      #expect(try segmented(nfd).map(\.bytes) == segmented(text).map(\.bytes), "\(seed.name)")
    }
  }

  @Test func punctuationIsNeverPartOfAWord() throws {
    let words = try segmented("Quyền, nghĩa vụ; trách nhiệm (cơ quan) của công dân.")
    #expect(
      words == [
        "Quyền", ",", "nghĩa_vụ", ";", "trách_nhiệm", "(", "cơ_quan", ")", "của", "công_dân", ".",
      ])
  }

  @Test func emptyAndPunctuationOnlyInputs() throws {
    #expect(try segmented("").isEmpty)
    #expect(try segmented("…!?") == ["…", "!", "?"])
  }
}

@Suite struct SegmentationLexiconTests {
  @Test func lookupsIgnoreToneStyleAndCase() throws {
    let lexicon = try WordSegmenter.bundledLexicon()
    // 34,203 VnVocab words; pyvi's list adds a few hundred.
    #expect(lexicon.count > 34_203)
    for spelling in ["hòa bình", "hoà bình", "HÒA BÌNH", "Thủy sản", "thuỷ sản"] {
      #expect(lexicon.contains(spelling), "\(spelling)")
    }
    #expect(!lexicon.contains("bình hòa hợp"))
    #expect(!lexicon.contains("hòa"))
  }
}

@Suite struct SegmenterModelTests {
  @Test func bundledModelSurvivesASerializationRoundTrip() throws {
    let model = try WordSegmenter.bundled().model
    let bytes = model.serialized()
    let again = try SegmenterModel(bytes: bytes, resource: "copy")
    #expect(again.serialized() == bytes)
    #expect(model.nonZeroWeights > 10_000)
  }

  @Test func damagedModelsAreRejectedWithAReason() throws {
    let bytes = try WordSegmenter.bundled().model.serialized()
    #expect(throws: TableFormatError.self) {
      try SegmenterModel(bytes: Array(bytes.dropLast(7)), resource: "cut")
    }
    #expect(throws: TableFormatError.self) {
      try SegmenterModel(bytes: Array("not a model".utf8), resource: "text")
    }
    #expect(throws: TableFormatError.self) { try SegmenterModel(bytes: [], resource: "empty") }
    var otherVersion = bytes
    otherVersion[8] = 9
    #expect(throws: TableFormatError.self) {
      try SegmenterModel(bytes: otherVersion, resource: "v9")
    }
  }
}

@Suite struct GoldSentenceTests {
  @Test func readsEveryFormatIncludingCRLF() throws {
    let conllu = "# text = x\n1\tsinh hoạt\t_\n2\tchi bộ\t_\n3-4\tx\t_\n\n1\tcó\t_\n"
    #expect(
      try GoldSentence.read(conllu.bytes, name: "a.conllu").map(\.words) == [
        [["sinh", "hoạt"], ["chi", "bộ"]], [["có"]],
      ])
    let bio = "sinh\tB_W\r\nhoạt\tI_W\r\n,\tO\r\n\r\nchi\tB_W\r\n"
    #expect(
      try GoldSentence.read(bio.bytes, name: "b.txt").map(\.words) == [
        [["sinh", "hoạt"], [","]], [["chi"]],
      ])
    let tagged = "Hải_tặc/N eo_biển/N (/( kỳ/N\r\nĐó/P là/V\r\n"
    #expect(
      try GoldSentence.read(tagged.bytes, name: "c.txt").map(\.words) == [
        [["Hải", "tặc"], ["eo", "biển"], ["("], ["kỳ"]], [["Đó"], ["là"]],
      ])
    let joined = "sinh_hoạt chi_bộ .\n"
    #expect(
      try GoldSentence.read(joined.bytes, name: "d.txt").map(\.words) == [
        [["sinh", "hoạt"], ["chi", "bộ"], ["."]]
      ])
  }

  @Test func malformedGoldLinesAreErrorsWithLineNumbers() throws {
    #expect(
      throws: TableFormatError(
        resource: "bad.conllu", line: 2, reason: "a CoNLL-U line needs ID and FORM")
    ) {
      try GoldSentence.read("1\tmột\n2\n".bytes, name: "bad.conllu")
    }
    #expect(throws: TableFormatError.self) {
      try GoldSentence.read([0xFF, 0x0A], name: "x.conllu")
    }
  }
}
