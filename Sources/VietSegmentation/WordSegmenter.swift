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
  /// The weights that decide each gap.
  public let model: SegmenterModel
  /// The word lists the model's lexicon features look words up in.
  public let lexicon: SegmentationLexicon

  /// A segmenter from a model and the lexicon it was trained with.
  public init(model: SegmenterModel, lexicon: SegmentationLexicon) {
    self.model = model
    self.lexicon = lexicon
  }

  /// The shipped model of a convention and the shipped lexicons, loaded on first use.
  ///
  /// - Parameter convention: whose word boundaries to follow (default `.ud`).
  /// - Throws: `TableFormatError` when a resource is missing or damaged.
  public static func bundled(_ convention: SegmentationConvention = .ud) throws(TableFormatError)
    -> WordSegmenter
  {
    switch convention {
    case .ud: try bundledUniversal.get()
    case .vlsp: try bundledVLSP.get()
    }
  }

  private static let bundledUniversal = Result { () throws(TableFormatError) in try loadBundled(.ud)
  }
  private static let bundledVLSP = Result { () throws(TableFormatError) in try loadBundled(.vlsp) }

  /// Reads the shipped model of a convention and the lexicons from disk (uncached: `bundled(_:)`
  /// keeps one copy of each).
  ///
  /// - Parameter convention: whose word boundaries to follow (default `.ud`).
  /// - Throws: `TableFormatError` when a resource is missing or damaged.
  public static func loadBundled(_ convention: SegmentationConvention = .ud)
    throws(TableFormatError) -> WordSegmenter
  {
    let name = convention.modelResourceName
    let model = try SegmenterModel(bytes: try bundledBytes(name), resource: name)
    return WordSegmenter(model: model, lexicon: try bundledLexicon())
  }

  /// The shipped word lists the segmenter looks words up in: the common words (RDRsegmenter's
  /// VnVocab, Apache-2.0; pyvi's words, MIT) and Vietnam's place names (MIT), which let a name
  /// written in lower case be joined.
  public static func bundledLexicon() throws(TableFormatError) -> SegmentationLexicon {
    try SegmentationLexicon(
      wordLists: (bundledLexiconNames + [bundledPlaceNamesName]).map {
        name throws(TableFormatError) in
        (name, try bundledBytes(name))
      })
  }

  /// The file names of the shipped lists of common words, in load order.
  public static let bundledLexiconNames = ["rdrsegmenter_VnVocab.txt", "pyvi_words.txt"]

  /// The file name of the shipped list of province, district and commune names.
  public static let bundledPlaceNamesName = "place-names.txt"

  /// The shipped lists of common words' bytes, by name (one word a line, syllables separated by
  /// spaces or `_`): for other uses of the same words, such as the search's guess of which
  /// spellings a query typed without diacritics means. The place names are left out: the
  /// search's choices were measured without them.
  public static func bundledWordLists() throws(TableFormatError) -> [(name: String, bytes: [UInt8])]
  {
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
    _ text: UnsafeBufferPointer<UInt8>, _ tokens: [Token], _ range: Range<Int>,
    _ features: inout BoundaryFeatures,
    into words: inout [Word]
  ) {
    guard !range.isEmpty else { return }
    features.load(text, tokens[range], lexicon: lexicon)
    let shift = UInt64(64 - model.hashBits)
    var wordStart = range.lowerBound
    model.weights.withUnsafeBufferPointer { weights in
      withUnsafeTemporaryAllocation(of: UInt64.self, capacity: BoundaryFeatures.templateCount) {
        hashes in
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
