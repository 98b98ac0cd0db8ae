/// What a token is. The raw values are the names used in JSON output.
public enum TokenKind: String, Sendable, CaseIterable, Codable {
  /// A run of letters: a Vietnamese syllable ("hoạt") or a foreign word ("Facebook").
  case syllable
  /// Letters that cannot be a Vietnamese syllable, mostly capitals: HĐND, UBND, KT-XH, TP., ThS.
  case abbreviation
  /// A number in Vietnamese notation: "10.630" (ten thousand six hundred thirty), "15,56".
  case number
  /// A number with a percent sign: "92%", "15,56%".
  case percent
  /// A calendar date: "06/12/2021", "6-12-2021", "11/6", "6/2024".
  case date
  /// A clock time: "08:39", "8h30".
  case time
  /// Số hiệu văn bản, a document number: "11-ĐA/TU", "30/2020/NĐ-CP", "80/2015/QH13".
  case documentNumber = "document_number"
  case url
  case email
  case punctuation
  case symbol
}

/// One token: a kind and where it is, both as UTF-8 byte offsets and as code-point offsets into
/// the normalized text (half-open ranges).
public struct Token: Hashable, Sendable {
  public var kind: TokenKind
  public var byteStart: Int
  public var byteEnd: Int
  public var start: Int
  public var end: Int

  @inlinable
  public init(kind: TokenKind, byteStart: Int, byteEnd: Int, start: Int, end: Int) {
    self.kind = kind
    self.byteStart = byteStart
    self.byteEnd = byteEnd
    self.start = start
    self.end = end
  }

  /// The token's bytes within `text`.
  @inlinable
  public func bytes(in text: [UInt8]) -> ArraySlice<UInt8> { text[byteStart..<byteEnd] }

  /// The token's text within `text`.
  public func string(in text: [UInt8]) -> String { String(decoding: bytes(in: text), as: UTF8.self) }
}

/// A sentence: a range of tokens and its extent in the text.
public struct Sentence: Hashable, Sendable {
  /// Indices into the token array.
  public var tokens: Range<Int>
  public var byteStart: Int
  public var byteEnd: Int
  public var start: Int
  public var end: Int

  public init(tokens: Range<Int>, byteStart: Int, byteEnd: Int, start: Int, end: Int) {
    self.tokens = tokens
    self.byteStart = byteStart
    self.byteEnd = byteEnd
    self.start = start
    self.end = end
  }
}
