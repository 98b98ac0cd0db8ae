import Foundation
import VietText

/// Groups the syllable tokens of Vietnamese text into words: "sinh hoạt chi bộ" →
/// "sinh_hoạt chi_bộ".
///
///     let text = Array("Ban Thường vụ Thị ủy sơ kết 03 năm".utf8)
///     let result = try Tokenizer().tokenize(text)
///     let words = try WordSegmenter.bundled().words(in: text, tokens: result.tokens, sentences: result.sentences)
///     // Ban Thường_vụ Thị_ủy sơ_kết 03 năm
///
/// Each gap between two tokens is classified on its own by a linear model (an averaged
/// perceptron over hashed features: neighbouring syllables, shapes, lexicon matches; see
/// `BoundaryFeatures`), so the cost is a fixed number of table lookups per syllable. Tokens are
/// never split: numbers, dates, document numbers and abbreviations stay as the tokenizer made
/// them, and punctuation set off by spaces is always a word of its own.
///
/// The answer does not depend on tone placement or case ("hoà bình" and "hòa bình" segment
/// alike): syllables are compared by keys that ignore both.
public struct WordSegmenter: Sendable {
  public let model: SegmenterModel
  public let lexicon: SegmentationLexicon

  public init(model: SegmenterModel, lexicon: SegmentationLexicon) {
    self.model = model
    self.lexicon = lexicon
  }

  /// The shipped model and lexicons, loaded on first use.
  ///
  /// - Throws: `TableFormatError` when a resource is missing or damaged.
  public static func bundled() throws(TableFormatError) -> WordSegmenter {
    try bundledResult.get()
  }

  private static let bundledResult = Result { () throws(TableFormatError) in try loadBundled() }

  /// Reads the shipped model and lexicons from disk (uncached: `bundled()` keeps one copy).
  public static func loadBundled() throws(TableFormatError) -> WordSegmenter {
    let model = try SegmenterModel(bytes: try bundledBytes("segmenter.model"), resource: "segmenter.model")
    return WordSegmenter(model: model, lexicon: try bundledLexicon())
  }

  /// The shipped word lists (RDRsegmenter's VnVocab, Apache-2.0; pyvi's words, MIT).
  public static func bundledLexicon() throws(TableFormatError) -> SegmentationLexicon {
    try SegmentationLexicon(
      wordLists: bundledLexiconNames.map { name throws(TableFormatError) in (name, try bundledBytes(name)) })
  }

  public static let bundledLexiconNames = ["rdrsegmenter_VnVocab.txt", "pyvi_words.txt"]

  /// The shipped word lists' bytes, by name (one word a line, syllables separated by spaces or
  /// `_`): for other uses of the same words, such as the search's guess of which spellings a
  /// query typed without diacritics means.
  public static func bundledWordLists() throws(TableFormatError) -> [(name: String, bytes: [UInt8])] {
    try bundledLexiconNames.map { name throws(TableFormatError) in (name, try bundledBytes(name)) }
  }

  private static func bundledBytes(_ name: String) throws(TableFormatError) -> [UInt8] {
    let path = Bundle.module.path(forResource: name, ofType: nil, inDirectory: "Resources")
    return try TableFile.contents(ofFile: path, resource: name)
  }

  /// The words of every sentence, in order.
  public func words(in text: [UInt8], tokens: [Token], sentences: [Sentence]) -> [Word] {
    var words: [Word] = []
    words.reserveCapacity(tokens.count)
    var features = BoundaryFeatures()
    text.withUnsafeBufferPointer { text in
      for sentence in sentences {
        segment(text, tokens, sentence.tokens, &features, into: &words)
      }
    }
    return words
  }

  /// The words of one run of tokens (a sentence or a line).
  public func words(in text: [UInt8], tokens: [Token], range: Range<Int>) -> [Word] {
    var words: [Word] = []
    var features = BoundaryFeatures()
    text.withUnsafeBufferPointer { segment($0, tokens, range, &features, into: &words) }
    return words
  }

  private func segment(
    _ text: UnsafeBufferPointer<UInt8>, _ tokens: [Token], _ range: Range<Int>, _ features: inout BoundaryFeatures,
    into words: inout [Word]
  ) {
    guard !range.isEmpty else { return }
    features.load(text, tokens[range], lexicon: lexicon)
    let shift = UInt64(64 - model.hashBits)
    var wordStart = range.lowerBound
    model.weights.withUnsafeBufferPointer { weights in
      withUnsafeTemporaryAllocation(of: UInt64.self, capacity: BoundaryFeatures.templateCount) { hashes in
        let hashes = hashes.baseAddress!
        var joins = false
        for gap in 1..<range.count {
          let previousJoins = joins
          joins = false
          if !features.isForcedBoundary(gap) {
            features.features(at: gap, previousJoins: previousJoins, into: hashes)
            var score: Int32 = 0
            for index in 0..<BoundaryFeatures.templateCount {
              score &+= Int32(weights[Int(truncatingIfNeeded: hashes[index] >> shift)])
            }
            joins = score > 0
          }
          if !joins {
            words.append(Word(tokens: wordStart..<range.lowerBound + gap))
            wordStart = range.lowerBound + gap
          }
        }
      }
    }
    words.append(Word(tokens: wordStart..<range.upperBound))
  }
}
