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

  /// Calls `body` with the exact key and position of every indexed token; returns the number
  /// of positions used (the field's length for BM25).
  ///
  /// Tokens longer than the index's key limit keep their position but are not indexed.
  @discardableResult
  public func forEachTerm(
    in analysis: Analysis, field: SearchField, _ body: (UnsafeRawBufferPointer, UInt32) -> Void
  ) -> UInt32 {
    var position: UInt32 = 0
    var key: [UInt8] = []
    key.reserveCapacity(64)
    analysis.bytes.withUnsafeBufferPointer { text in
      guard let base = text.baseAddress else { return }
      for token in analysis.tokens where Self.isIndexed(token.kind) {
        key.removeAll(keepingCapacity: true)
        keys.appendExact(base, token.byteStart..<token.byteEnd, field: field, to: &key)
        if key.count <= IndexLimits.maximumKeyLength {
          key.withUnsafeBytes { body($0, position) }
        }
        position += 1
      }
    }
    return position
  }
}
