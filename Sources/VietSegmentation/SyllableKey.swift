import VietNormalization
import VietText

/// What the segmenter knows of one token: a 64-bit key for its letters and a coarse shape.
///
/// The key is `FoldedLetters.key`: it ignores case and where the tone mark sits, so "Hoà", "hòa"
/// and "HÒA" share a key and the model and the lexicon (which is written in the new tone style)
/// agree whatever tone style the text was normalized to.
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
    let folded = FoldedLetters(p, range, alphabet: alphabet)
    let letters = folded.letterCount
    let vietnamese =
      folded.isOnlyLetters && letters <= 8
      && isSyllable(folded.firstPlainCodes, letters, orthography)
    return SyllableKey(
      value: folded.key,
      shape: shape(kind, letters, folded.uppercaseCount, folded.startsUppercase, vietnamese))
  }

  @inline(__always)
  private static func isSyllable(_ plains: UInt64, _ count: Int, _ orthography: Orthography) -> Bool
  {
    withUnsafeBytes(of: plains.littleEndian) { raw in
      orthography.isSyllable(
        UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[..<count]))
    }
  }

  private static func shape(
    _ kind: TokenKind, _ letters: Int, _ uppers: Int, _ firstIsUpper: Bool, _ isVietnamese: Bool
  ) -> Shape {
    switch kind {
    case .syllable:
      let caseShape: Shape =
        uppers == 0
        ? .lower : (uppers == letters && letters > 1 ? .upper : (firstIsUpper ? .title : .lower))
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
