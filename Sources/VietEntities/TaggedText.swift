import VietNormalization
import VietText
import VietTokenization

/// A normalized text with its tokens and, for each token, what the recognizers ask of it:
/// a 64-bit key and its capitalisation.
///
/// Keys ignore case and where the tone mark sits ("Thị uỷ", "thị ủy" and "THỊ ỦY" share keys), so
/// the tables can be written once in any style and text in any style matches them. Computing them
/// once per document keeps every recognizer to integer comparisons and hash lookups.
struct TaggedText {
  let bytes: [UInt8]
  let tokens: [Token]
  /// `keys[i]` is the key of `tokens[i]`.
  let keys: [UInt64]
  let shapes: [Shape]

  /// Capitalisation of a token, which tells names from common words.
  enum Shape: UInt8 {
    /// All letters lowercase: "huyện".
    case lower
    /// First letter uppercase, not all: "Huyện", "VĨnh" (typos keep the first letter's case).
    case title
    /// More than one letter, all uppercase: "HUYỆN", "HĐND".
    case upper
    /// Not a letter token.
    case other
  }

  init(bytes: [UInt8], tokens: [Token]) {
    self.bytes = bytes
    self.tokens = tokens
    var keys = [UInt64](repeating: 0, count: tokens.count)
    var shapes = [Shape](repeating: .other, count: tokens.count)
    let alphabet = VietnameseAlphabet.shared
    bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      for (index, token) in tokens.enumerated() {
        let (key, shape) = TokenKey.make(base, token.byteStart..<token.byteEnd, alphabet: alphabet)
        keys[index] = key
        shapes[index] = token.kind == .syllable || token.kind == .abbreviation ? shape : .other
      }
    }
    self.keys = keys
    self.shapes = shapes
  }

  var count: Int { tokens.count }

  /// The text from the start of token `range.lowerBound` to the end of token `range.upperBound - 1`.
  func string(_ range: Range<Int>) -> String {
    guard !range.isEmpty else { return "" }
    return String(
      decoding: bytes[tokens[range.lowerBound].byteStart..<tokens[range.upperBound - 1].byteEnd],
      as: UTF8.self)
  }

  /// Whether the token's last byte is a full stop ("TT&TT." at the end of a sentence, "TS.").
  func endsWithFullStop(_ index: Int) -> Bool {
    guard index >= 0, index < tokens.count else { return false }
    let token = tokens[index]
    return token.byteEnd > token.byteStart && bytes[token.byteEnd - 1] == UInt8(ascii: ".")
  }

  /// Whether the token is a single byte of ASCII punctuation `character`.
  @inline(__always)
  func isPunctuation(_ index: Int, _ character: UInt8) -> Bool {
    guard index >= 0, index < tokens.count else { return false }
    let token = tokens[index]
    return token.byteEnd - token.byteStart == 1 && bytes[token.byteStart] == character
  }

  /// Whether the token is a hyphen or a dash ("-", "–", "—"), which join title chains and ranges.
  func isDash(_ index: Int) -> Bool {
    guard index >= 0, index < tokens.count, tokens[index].kind == .punctuation else { return false }
    let bytes = self.bytes[tokens[index].byteStart..<tokens[index].byteEnd]
    return bytes.elementsEqual([0x2D]) || bytes.elementsEqual([0xE2, 0x80, 0x93])
      || bytes.elementsEqual([0xE2, 0x80, 0x94])
  }

  /// Whether tokens `index - 1` and `index` touch (no space between them).
  func isGlued(_ index: Int) -> Bool {
    index > 0 && index < tokens.count && tokens[index - 1].byteEnd == tokens[index].byteStart
  }

  /// Whether a line break lies between tokens `index - 1` and `index`.
  func hasLineBreak(before index: Int) -> Bool {
    guard index > 0, index < tokens.count else { return false }
    return bytes[tokens[index - 1].byteEnd..<tokens[index].byteStart].contains(0x0A)
  }

  /// Whether a blank line (paragraph break) lies between tokens `index - 1` and `index`.
  func hasParagraphBreak(before index: Int) -> Bool {
    guard index > 0, index < tokens.count else { return false }
    var newlines = 0
    for byte in bytes[tokens[index - 1].byteEnd..<tokens[index].byteStart] where byte == 0x0A {
      newlines += 1
    }
    return newlines >= 2
  }

  /// A letter token that starts with a capital.
  func isCapitalized(_ index: Int) -> Bool {
    index >= 0 && index < tokens.count && (shapes[index] == .title || shapes[index] == .upper)
  }

  func kind(_ index: Int) -> TokenKind? {
    index >= 0 && index < tokens.count ? tokens[index].kind : nil
  }

  /// The token's bytes, when it is a number of ASCII digits only ("11", "05"; not "10.630").
  func digits(_ index: Int) -> ArraySlice<UInt8>? {
    guard index >= 0, index < tokens.count, tokens[index].kind == .number else { return nil }
    let digits = bytes[tokens[index].byteStart..<tokens[index].byteEnd]
    return digits.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } ? digits : nil
  }

  /// A plenum, term or congress designation as written: digits ("4") or a Roman numeral ("XII").
  func designation(_ index: Int) -> String? {
    guard index >= 0, index < tokens.count else { return nil }
    if let digits = digits(index) { return String(decoding: digits, as: UTF8.self) }
    let letters = bytes[tokens[index].byteStart..<tokens[index].byteEnd]
    return RomanNumeral.value(letters) != nil ? String(decoding: letters, as: UTF8.self) : nil
  }
}

/// The key of a token (`FoldedLetters.key`, shared with the segmenter) and its capitalisation.
enum TokenKey {
  static func make(
    _ p: UnsafePointer<UInt8>, _ range: Range<Int>, alphabet: VietnameseAlphabet
  ) -> (UInt64, TaggedText.Shape) {
    let folded = FoldedLetters(p, range, alphabet: alphabet)
    let letters = folded.letterCount
    let uppers = folded.uppercaseCount
    let shape: TaggedText.Shape =
      letters == 0
      ? .other
      : uppers == 0
        ? .lower
        : (uppers == letters && letters > 1)
          ? .upper
          : folded.startsUppercase ? .title : .lower
    return (folded.key, shape)
  }

  /// Keys of a phrase's tokens, as the tokenizer splits it.
  static func keys(of phrase: String, tokenizer: Tokenizer) -> [UInt64] {
    let bytes = Array(phrase.utf8)
    let tokens = bytes.withUnsafeBufferPointer { tokenizer.tokens(in: $0) }
    return bytes.withUnsafeBufferPointer { buffer in
      tokens.map { make(buffer.baseAddress!, $0.byteStart..<$0.byteEnd, alphabet: .shared).0 }
    }
  }
}
