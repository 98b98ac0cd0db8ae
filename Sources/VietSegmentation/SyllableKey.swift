import VietNormalization
import VietText

/// What the segmenter knows of one token: a 64-bit key for its letters and a coarse shape.
///
/// The key ignores case and where the tone mark sits: it hashes each letter's plain code (the
/// letter without tone mark: "ò" → "o", "Ư" → "ư") and then the syllable's tone once. "Hoà",
/// "hòa" and "HÒA" therefore share a key, so the model and the lexicon (which is written in the
/// new tone style) agree whatever tone style the text was normalized to.
struct SyllableKey: Hashable, Sendable {
  var value: UInt64
  var shape: Shape

  /// The sentinel around the edges of a sentence.
  static let edge = SyllableKey(value: 0x5EED_ED6E_5EED_ED6E, shape: .edge)

  /// Coarse token classes: capitalisation marks names, kinds mark what never joins.
  enum Shape: UInt8, Sendable {
    case lower, title, upper
    case foreignLower, foreignTitle, foreignUpper
    case abbreviation, numeric, punctuation, other, edge
  }

  /// The key of a token's bytes.
  ///
  /// - Complexity: O(bytes); no allocation.
  @inline(__always)
  static func make(
    _ p: UnsafePointer<UInt8>, _ range: Range<Int>, kind: TokenKind, alphabet: VietnameseAlphabet,
    orthography: Orthography
  ) -> SyllableKey {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    var tone = 0
    var letters = 0
    var uppers = 0
    var firstIsUpper = false
    var plains: UInt64 = 0  // the first 8 plain codes, for the orthography check
    var onlyAlphabet = true
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
        onlyAlphabet = false
      }
      hash = (hash ^ UInt64(unit)) &* 0x0000_0100_0000_01B3
      i += length
    }
    hash = (hash ^ UInt64(tone) << 59) &* 0x0000_0100_0000_01B3
    let vietnamese = onlyAlphabet && letters <= 8 && isSyllable(plains, letters, orthography)
    return SyllableKey(value: hash, shape: shape(kind, letters, uppers, firstIsUpper, vietnamese))
  }

  @inline(__always)
  private static func isSyllable(_ plains: UInt64, _ count: Int, _ orthography: Orthography) -> Bool {
    withUnsafeBytes(of: plains.littleEndian) { raw in
      orthography.isSyllable(UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[..<count]))
    }
  }

  private static func shape(
    _ kind: TokenKind, _ letters: Int, _ uppers: Int, _ firstIsUpper: Bool, _ isVietnamese: Bool
  ) -> Shape {
    switch kind {
    case .syllable:
      let caseShape: Shape = uppers == 0 ? .lower : (uppers == letters && letters > 1 ? .upper : (firstIsUpper ? .title : .lower))
      guard !isVietnamese else { return caseShape }
      switch caseShape {
      case .upper: return .foreignUpper
      case .title: return .foreignTitle
      default: return .foreignLower
      }
    case .abbreviation: return .abbreviation
    case .number, .percent, .date, .time, .documentNumber: return .numeric
    case .punctuation: return .punctuation
    case .symbol, .url, .email: return .other
    }
  }
}

/// Mixing for feature hashes (the SplitMix64 finalizer): every input bit reaches every output bit,
/// so taking the top bits of a mixed value indexes the weight table evenly.
@inline(__always)
func mix(_ x: UInt64) -> UInt64 {
  var z = x &+ 0x9E37_79B9_7F4A_7C15
  z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
  z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
  return z ^ (z >> 31)
}

/// Combines a running hash with one more value, order-sensitively.
@inline(__always)
func combine(_ hash: UInt64, _ value: UInt64) -> UInt64 {
  mix(hash ^ value) &+ value
}
