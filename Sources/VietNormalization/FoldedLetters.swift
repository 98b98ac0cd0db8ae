import VietText

/// The letters of a token folded to what identifies a word: each letter's plain code (lowercase,
/// tone mark removed) hashed in order, then the syllable's tone once. "Hoà", "hòa" and "HÒA"
/// therefore share a `key`, which is what the segmenter's lexicon and features and the entity
/// tagger's tables look words up by, so neither case nor tone placement changes an answer.
public struct FoldedLetters: Sendable {
  /// FNV-1a over the plain codes (other code points enter as they are), then the tone.
  public var key: UInt64
  /// Vietnamese (or ASCII) letters in the token; other code points are not counted.
  public var letterCount: Int
  /// Uppercase letters among them: with `letterCount`, tells "UBND" (all capitals) from "Hà".
  public var uppercaseCount: Int
  /// Whether the first letter is uppercase, the mark of a proper name mid-sentence.
  public var startsUppercase: Bool
  /// The first eight plain codes, one a byte, for a check against Vietnamese syllable structure.
  public var firstPlainCodes: UInt64
  /// Every code point is a Vietnamese (or ASCII) letter.
  public var isOnlyLetters: Bool

  /// Folds the letters of `p[range]`.
  ///
  /// - Complexity: O(bytes); no allocation.
  public init(_ p: UnsafePointer<UInt8>, _ range: Range<Int>, alphabet: VietnameseAlphabet) {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    var tone = 0
    var letters = 0
    var uppers = 0
    var firstIsUpper = false
    var plains: UInt64 = 0
    var onlyLetters = true
    var i = range.lowerBound
    while i < range.upperBound {
      let (scalar, length) = p[i] < 0x80 ? (UInt32(p[i]), 1) : UTF8Scanning.decode(p, at: i)
      var unit = scalar
      if let letter = alphabet.letter(scalar) {
        unit = UInt32(letter.plain)
        if letter.tone != 0 { tone = letter.tone }
        if letter.isUppercase {
          uppers += 1
          if letters == 0 { firstIsUpper = true }
        }
        if letters < 8 { plains |= UInt64(letter.plain) << (8 * letters) }
        letters += 1
      } else {
        onlyLetters = false
      }
      hash = (hash ^ UInt64(unit)) &* 0x0000_0100_0000_01B3
      i += length
    }
    key = (hash ^ UInt64(tone) << 59) &* 0x0000_0100_0000_01B3
    letterCount = letters
    uppercaseCount = uppers
    startsUppercase = firstIsUpper
    firstPlainCodes = plains
    isOnlyLetters = onlyLetters
  }
}
