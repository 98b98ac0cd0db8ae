import SearchCore
import VietICU
import VietNormalization
import VietText
import VietTokenization

/// The one analysis chain of documents and queries: normalize (NFC, canonical tone placement,
/// clean-up), tokenize, and key every token that is not punctuation or a symbol.
///
/// Document numbers ("11-ĐA/TU"), dates and numbers stay single tokens, as the tokenizer keeps
/// them, so they are found as typed. A token's position counts indexed tokens only, so a phrase
/// matches across punctuation ("tự diễn biến, tự chuyển hóa").
public struct SearchAnalyzer: Sendable {
  /// Stored in the manifest: an index built by another chain must be rebuilt.
  public static let name = "vitext-vi-1"

  let normalizer = Normalizer()
  let tokenizer = Tokenizer()
  /// Makes the exact and folded keys of the tokens, after their field byte.
  public let keys = TermKeys()

  /// The analysis chain; it holds only immutable tables, so one can be shared across threads.
  public init() {}

  /// Normalized text and its tokens.
  public struct Analysis: Sendable {
    /// The normalized text, UTF-8: what token offsets point into.
    public var bytes: [UInt8]
    /// The tokens of `bytes` as the tokenizer found them, punctuation and symbols included;
    /// `forEachTerm` keys the others and numbers positions over those alone.
    public var tokens: [Token]
  }

  /// Analyzes valid UTF-8 text.
  public func analyze(_ utf8: [UInt8]) throws(ICUError) -> Analysis {
    let normalized = try normalizer.normalize(validUTF8: utf8).bytes
    let tokens = normalized.withUnsafeBufferPointer { tokenizer.tokens(in: $0) }
    return Analysis(bytes: normalized, tokens: tokens)
  }

  @inline(__always)
  static func isIndexed(_ kind: TokenKind) -> Bool { kind != .punctuation && kind != .symbol }

  /// Calls `body` with the exact key, position and code-point range of every term, numbering
  /// positions from `firstPosition`.
  ///
  /// A term is a run of letters and digits: a token that joins several ("11-ĐA/TU",
  /// "30/2020/NĐ-CP", "COVID-19", "10.630", "HĐND-UBND") gives one term per run at consecutive
  /// positions, so a query finds it whether the tokenizer kept it whole (capitals, digits) or
  /// not ("Covid-19"), and "NĐ-CP" finds every decree number that ends so. A run longer than
  /// the index's key limit keeps its position but is not indexed. Returns the number of
  /// positions used (the field's length for BM25).
  ///
  /// One pass over the bytes: a scalar is decoded and looked up once, both to decide that it
  /// belongs to a term and to lowercase it, and the key is built in scratch memory (`key` is
  /// valid only during the call). A build spends a fifth of its time here.
  @discardableResult @inline(__always)
  public func forEachTerm(
    in analysis: Analysis, field: SearchField, firstPosition: UInt32 = 0,
    _ body: (_ key: UnsafeRawBufferPointer, _ position: UInt32, _ scalars: Range<Int>) -> Void
  ) -> UInt32 {
    let alphabet = keys.alphabet
    let limit = IndexLimits.maximumKeyLength
    var position = firstPosition
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: limit + 8) { scratch in
      let key = scratch.baseAddress!
      analysis.bytes.withUnsafeBufferPointer { text in
        guard let base = text.baseAddress else { return }
        for token in analysis.tokens where Self.isIndexed(token.kind) {
          key[0] = field.rawValue
          var length = 1
          var runStartScalar = -1
          var scalarIndex = token.start
          var i = token.byteStart
          while i <= token.byteEnd {
            var isWordCharacter = false
            var step = 1
            if i < token.byteEnd {
              let byte = base[i]
              if byte < 0x80 {
                if (byte >= 0x30 && byte <= 0x39)
                  || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
                {
                  isWordCharacter = true
                  if length < limit + 4 {
                    key[length] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                    length += 1
                  }
                }
              } else {
                let decoded = UTF8Scanning.decode(base, at: i)
                step = decoded.length
                let letter = alphabet.letter(decoded.scalar)
                if letter != nil || Self.isOtherWordCharacter(decoded.scalar) {
                  isWordCharacter = true
                  if length < limit + 4 {
                    if let letter, letter.isUppercase {
                      length += UTF8Scanning.write(
                        alphabet.scalar(plain: letter.plain, tone: letter.tone, upper: false),
                        to: key + length)
                    } else {
                      for offset in 0..<step { key[length + offset] = base[i + offset] }
                      length += step
                    }
                  }
                }
              }
            }
            if isWordCharacter {
              if runStartScalar < 0 { runStartScalar = scalarIndex }
            } else if runStartScalar >= 0 {
              if length <= limit {
                body(
                  UnsafeRawBufferPointer(start: key, count: length), position,
                  runStartScalar..<scalarIndex)
              }
              position += 1
              length = 1
              runStartScalar = -1
            }
            i += step
            scalarIndex += 1
          }
        }
      }
    }
    return position - firstPosition
  }

  /// Letters and digits of other scripts, and combining marks (NFC leaves a few).
  static func isOtherWordCharacter(_ scalar: UInt32) -> Bool {
    guard let value = Unicode.Scalar(scalar) else { return false }
    let properties = value.properties
    return properties.isAlphabetic || properties.numericType != nil
      || properties.generalCategory == .nonspacingMark
  }
}
