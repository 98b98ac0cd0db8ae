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
  /// A web address: "https://chinhphu.vn/", "www.hanoi.gov.vn".
  case url
  /// An e-mail address.
  case email
  /// A punctuation mark: ".", ",", "(", "–".
  case punctuation
  /// Any other symbol: "%", "§", "+".
  case symbol
}

/// One token: a kind and where it is, both as UTF-8 byte offsets and as code-point offsets into
/// the normalized text (half-open ranges).
///
/// Offsets are stored as `UInt32` (20 bytes a token instead of 40): a tokenizer writes one token
/// for every five bytes of text, so the token array's size is what memory bandwidth pays for.
/// Texts are tokenized in chunks far below 4 GiB.
public struct Token: Hashable, Sendable {
  /// What the token is: a syllable, a number, punctuation, a symbol.
  public var kind: TokenKind
  @usableFromInline var storedByteStart: UInt32
  @usableFromInline var storedByteEnd: UInt32
  @usableFromInline var storedStart: UInt32
  @usableFromInline var storedEnd: UInt32

  /// A token of `kind` over bytes `byteStart..<byteEnd` and code points `start..<end` of the
  /// normalized text.
  @inlinable
  public init(kind: TokenKind, byteStart: Int, byteEnd: Int, start: Int, end: Int) {
    self.kind = kind
    self.storedByteStart = UInt32(truncatingIfNeeded: byteStart)
    self.storedByteEnd = UInt32(truncatingIfNeeded: byteEnd)
    self.storedStart = UInt32(truncatingIfNeeded: start)
    self.storedEnd = UInt32(truncatingIfNeeded: end)
  }

  /// UTF-8 offset of the first byte.
  @inlinable public var byteStart: Int { Int(storedByteStart) }
  /// UTF-8 offset just past the last byte.
  @inlinable public var byteEnd: Int { Int(storedByteEnd) }
  /// Code-point offset of the first character.
  @inlinable public var start: Int { Int(storedStart) }
  /// Code-point offset just past the last character.
  @inlinable public var end: Int { Int(storedEnd) }

  /// The token's bytes within `text`.
  @inlinable
  public func bytes(in text: [UInt8]) -> ArraySlice<UInt8> { text[byteStart..<byteEnd] }

  /// The token's text within `text`.
  public func string(in text: [UInt8]) -> String {
    String(decoding: bytes(in: text), as: UTF8.self)
  }
}

/// A sentence: a range of tokens and its extent in the text.
public struct Sentence: Hashable, Sendable {
  /// Indices into the token array.
  public var tokens: Range<Int>
  /// UTF-8 offset of the sentence's first byte.
  public var byteStart: Int
  /// UTF-8 offset just past its last byte.
  public var byteEnd: Int
  /// Code-point offset of its first character.
  public var start: Int
  /// Code-point offset just past its last character.
  public var end: Int

  /// A sentence of `tokens`, with its extent in bytes and in code points.
  public init(tokens: Range<Int>, byteStart: Int, byteEnd: Int, start: Int, end: Int) {
    self.tokens = tokens
    self.byteStart = byteStart
    self.byteEnd = byteEnd
    self.start = start
    self.end = end
  }
}

/// A word: one token or several ("sinh hoạt", "Nguyễn Quang Hán") that the segmenter grouped.
public struct Word: Hashable, Sendable {
  /// Indices into the token array.
  public var tokens: Range<Int>

  /// A word of the tokens at `tokens` in the token array.
  public init(tokens: Range<Int>) { self.tokens = tokens }
}
