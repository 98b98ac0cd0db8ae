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
  public let keys = TermKeys()

  public init() {}

  /// Normalized text and its tokens.
  public struct Analysis: Sendable {
    public var bytes: [UInt8]
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

  /// Calls `body` with the exact key, position and code-point range of every term.
  ///
  /// A term is a run of letters and digits: a token that joins several ("11-ĐA/TU",
  /// "30/2020/NĐ-CP", "COVID-19", "10.630", "HĐND-UBND") gives one term per run at consecutive
  /// positions, so a query finds it whether the tokenizer kept it whole (capitals, digits) or
  /// not ("Covid-19"), and "NĐ-CP" finds every decree number that ends so. A run longer than
  /// the index's key limit keeps its position but is not indexed. Returns the number of
  /// positions used (the field's length for BM25).
  @discardableResult
  public func forEachTerm(
    in analysis: Analysis, field: SearchField, _ body: (UnsafeRawBufferPointer, UInt32, Range<Int>) -> Void
  ) -> UInt32 {
    var position: UInt32 = 0
    var key: [UInt8] = []
    key.reserveCapacity(64)
    analysis.bytes.withUnsafeBufferPointer { text in
      guard let base = text.baseAddress else { return }
      for token in analysis.tokens where Self.isIndexed(token.kind) {
        var runStart = -1
        var runStartScalar = 0
        var scalarIndex = token.start
        var i = token.byteStart
        while i <= token.byteEnd {
          var isWordCharacter = false
          var length = 1
          if i < token.byteEnd {
            let byte = base[i]
            if byte < 0x80 {
              isWordCharacter = (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
            } else {
              let decoded = UTF8Scanning.decode(base, at: i)
              length = decoded.length
              isWordCharacter = keys.alphabet.letter(decoded.scalar) != nil || Self.isOtherWordCharacter(decoded.scalar)
            }
          }
          if isWordCharacter {
            if runStart < 0 {
              runStart = i
              runStartScalar = scalarIndex
            }
          } else if runStart >= 0 {
            key.removeAll(keepingCapacity: true)
            keys.appendExact(base, runStart..<i, field: field, to: &key)
            if key.count <= IndexLimits.maximumKeyLength {
              key.withUnsafeBytes { body($0, position, runStartScalar..<scalarIndex) }
            }
            position += 1
            runStart = -1
          }
          i += length
          scalarIndex += 1
        }
      }
    }
    return position
  }

  /// Letters and digits of other scripts, and combining marks (NFC leaves a few).
  static func isOtherWordCharacter(_ scalar: UInt32) -> Bool {
    guard let value = Unicode.Scalar(scalar) else { return false }
    let properties = value.properties
    return properties.isAlphabetic || properties.numericType != nil || properties.generalCategory == .nonspacingMark
  }
}
