import VietICU
import VietNormalization
import VietText

/// Splits normalized Vietnamese text into sentences and tokens.
///
/// Tokens are syllables, abbreviations, numbers in Vietnamese notation, percentages, dates,
/// times, document numbers, URLs, e-mail addresses, punctuation and symbols; each carries UTF-8
/// byte offsets and code-point offsets into the text it was given.
///
///     let tokenizer = Tokenizer()
///     let text = Array("Thực hiện Đề án số 11-ĐA/TU, ngày 06/12/2021.".utf8)
///     let result = try tokenizer.tokenize(text)
///     result.tokens.map { "\($0.kind)" }
///     // syllable syllable syllable syllable syllable documentNumber punctuation syllable date punctuation
///
/// The scanner reads UTF-8 bytes once; a table built from ICU's character properties classifies
/// each code point. Document numbers and dates are found before any word breaking, since ICU's
/// word breaker splits "NĐ-CP". Sentences come from ICU's sentence breaker, run only on lines
/// that hold a sentence terminator before their end, with Vietnamese rules on top: no break after
/// abbreviations such as "TP." or "ThS.", nor after an initial ("Nguyễn V. A").
///
/// Give it text from `Normalizer` (NFC, canonical tone marks): "Quận uỷ" and "Quận ủy" are then
/// the same bytes, and offsets are code points of that NFC text.
public struct Tokenizer: Sendable {
  let classes: ScalarClasses
  let orthography: Orthography
  let abbreviations: AbbreviationTable
  /// Send every line with a terminator to ICU, skipping the fast path (for tests).
  var consultICUForEveryLine = false

  /// A tokenizer over `orthography` (what a syllable is) and `abbreviations` (where a full stop
  /// does not end a sentence).
  public init(orthography: Orthography = .bundled, abbreviations: AbbreviationTable = .bundled) {
    self.classes = .shared
    self.orthography = orthography
    self.abbreviations = abbreviations
  }

  /// Tokens and sentences of a text.
  public struct Result: Sendable {
    /// Every token, in text order.
    public var tokens: [Token]
    /// The sentences, each a range of `tokens`.
    public var sentences: [Sentence]
  }

  /// Tokenizes and splits into sentences.
  ///
  /// - Parameter text: NFC UTF-8 bytes (invalid UTF-8 is read as U+FFFD, one per byte).
  /// - Throws: `ICUError` if ICU's sentence breaker cannot be opened.
  public func tokenize(_ text: [UInt8]) throws(ICUError) -> Result {
    try text.withUnsafeBufferPointer { (buffer) throws(ICUError) -> Result in
      let tokens = self.tokens(in: buffer)
      let sentences = try SentenceSplitter(
        abbreviations: abbreviations, consultICUForEveryLine: consultICUForEveryLine
      )
      .sentences(in: buffer, tokens: tokens)
      return Result(tokens: tokens, sentences: sentences)
    }
  }

  /// The sentences of a text already tokenized by `tokens(in:)`, so a caller that has the
  /// tokens does not scan the text twice.
  ///
  /// - Throws: `ICUError` if ICU's sentence breaker cannot be opened.
  public func sentences(in text: [UInt8], tokens: [Token]) throws(ICUError) -> [Sentence] {
    try text.withUnsafeBufferPointer { (buffer) throws(ICUError) -> [Sentence] in
      try SentenceSplitter(
        abbreviations: abbreviations, consultICUForEveryLine: consultICUForEveryLine
      )
      .sentences(in: buffer, tokens: tokens)
    }
  }

  /// The tokens of a text, without sentence splitting.
  public func tokens(in text: UnsafeBufferPointer<UInt8>) -> [Token] {
    var scanner = TokenScanner(text: text, tokenizer: self)
    scanner.run()
    return scanner.tokens
  }
}
