import VietNormalization
import VietText

/// The features of the gaps between the tokens of one sentence, for training and for segmenting
/// alike: the two must never differ, so both go through this type.
///
/// The segmenter decides, for each gap between two tokens, whether the second token continues the
/// word of the first. A gap's features are hashed into indices of the weight table: the keys of the
/// two syllables on each side (one, two and three at a time), their shapes, whether lexicon words
/// cover, end or start at the gap, and where forward and backward longest matching put a boundary.
struct BoundaryFeatures {
  /// Feature templates per gap; every gap has exactly this many features.
  static let templateCount = 24

  private(set) var keys: [UInt64] = []
  private(set) var shapes: [SyllableKey.Shape] = []
  /// Whether white space separates a token from the one before it.
  private(set) var spaced: [Bool] = []
  /// Whether a token is a full stop glued to what may be an abbreviation ("tp.", "H."): a single
  /// letter or letters that are not a Vietnamese syllable. The model tells these from the end of
  /// a sentence; after a Vietnamese syllable ("họp.") the full stop always stands alone.
  private var abbreviatingPeriod: [Bool] = []
  /// Bit L of `starts[j]`: a lexicon word of L tokens starts at token j; of `ends[j]`: one ends there.
  private var starts: [UInt16] = []
  private var ends: [UInt16] = []
  /// Boundaries (before token j) chosen by forward and by backward longest matching.
  private var forwardBoundary: [Bool] = []
  private var backwardBoundary: [Bool] = []

  let alphabet = VietnameseAlphabet.shared
  let orthography = Orthography.bundled

  /// Reads one sentence's tokens; the gaps are then 1..<count.
  mutating func load(
    _ text: UnsafeBufferPointer<UInt8>, _ tokens: ArraySlice<Token>, lexicon: SegmentationLexicon
  ) {
    let n = tokens.count
    keys.removeAll(keepingCapacity: true)
    shapes.removeAll(keepingCapacity: true)
    spaced.removeAll(keepingCapacity: true)
    abbreviatingPeriod.removeAll(keepingCapacity: true)
    guard let p = text.baseAddress, n > 0 else { return }
    var previous: (token: Token, shape: SyllableKey.Shape)?
    for token in tokens {
      let key = SyllableKey.make(
        p, token.byteStart..<token.byteEnd, kind: token.kind, alphabet: alphabet,
        orthography: orthography)
      let glued = previous.map { $0.token.byteEnd == token.byteStart } ?? false
      keys.append(key.value)
      shapes.append(key.shape)
      spaced.append(!glued)
      abbreviatingPeriod.append(
        glued && token.byteEnd - token.byteStart == 1 && p[token.byteStart] == UInt8(ascii: ".")
          && previous.map { Self.mayBeAbbreviated($0.token, $0.shape) } ?? false)
      previous = (token, key.shape)
    }
    Self.reset(&starts, to: 0, count: n)
    Self.reset(&ends, to: 0, count: n)
    keys.withUnsafeBufferPointer { keys in
      starts.withUnsafeMutableBufferPointer { lexicon.matches(keys, into: $0) }
    }
    for start in 0..<n where starts[start] != 0 {
      var bits = starts[start]
      while bits != 0 {
        let length = bits.trailingZeroBitCount
        ends[start + length - 1] |= 1 << length
        bits &= bits - 1
      }
    }
    Self.reset(&forwardBoundary, to: false, count: n + 1)
    var position = 0
    while position < n {
      forwardBoundary[position] = true
      position += max(1, Self.longest(starts[position]))
    }
    Self.reset(&backwardBoundary, to: false, count: n + 1)
    position = n
    while position > 0 {
      backwardBoundary[position] = true
      position -= max(1, Self.longest(ends[position - 1]))
    }
  }

  var count: Int { keys.count }

  /// Refills a scratch array in place: `load` runs once per sentence, and a fresh array each
  /// time would be four allocations per sentence on the segmenter's hot path.
  private static func reset<T>(_ array: inout [T], to value: T, count: Int) {
    array.removeAll(keepingCapacity: true)
    array.append(contentsOf: repeatElement(value, count: count))
  }

  /// Whether the gap before token `i` is a word boundary whatever the model says: punctuation
  /// never joins a word, unless it is glued between two non-punctuation tokens ("Covid-19",
  /// "H'Mông"), where the model decides.
  /// A full stop glued to a word is the model's to decide ("tp." or "quốc gia.").
  @inline(__always)
  func isForcedBoundary(_ i: Int) -> Bool {
    if shapes[i] == .punctuation && !isGlued(i) && !(abbreviatingPeriod[i] && !spaced[i]) {
      return true
    }
    return shapes[i - 1] == .punctuation && !isGlued(i - 1)
  }

  private static func mayBeAbbreviated(_ token: Token, _ shape: SyllableKey.Shape) -> Bool {
    switch shape {
    case .foreignLower, .foreignTitle, .foreignUpper, .abbreviation: return true
    case .lower, .title, .upper: return token.end - token.start == 1
    default: return false
    }
  }

  @inline(__always)
  private func isGlued(_ i: Int) -> Bool {
    i > 0 && i + 1 < keys.count && !spaced[i] && !spaced[i + 1] && shapes[i - 1] != .punctuation
      && shapes[i + 1] != .punctuation
  }

  /// Writes the feature hashes of the gap before token `i` (1 ≤ i < count) into `out`, which has
  /// room for `templateCount` values. `previousJoins` is the decision made for the gap before
  /// (segmenting runs left to right): a word of two syllables rarely takes a third.
  @inline(__always)
  func features(at i: Int, previousJoins: Bool, into out: UnsafeMutablePointer<UInt64>) {
    let n = keys.count
    let b = keys[i - 1]
    let c = keys[i]
    let a = i >= 2 ? keys[i - 2] : SyllableKey.edge.value
    let d = i + 1 < n ? keys[i + 1] : SyllableKey.edge.value
    let e = i + 2 < n ? keys[i + 2] : SyllableKey.edge.value
    let z = i >= 3 ? keys[i - 3] : SyllableKey.edge.value
    let shapeA = i >= 2 ? shapes[i - 2] : .edge
    let shapeB = shapes[i - 1]
    let shapeC = shapes[i]
    let shapeD = i + 1 < n ? shapes[i + 1] : .edge

    let startsB = starts[i - 1]
    let startsA: UInt16 = i >= 2 ? starts[i - 2] : 0
    let bc = startsB & 0b100 != 0
    var lexiconBits: UInt64 = 0
    if bc { lexiconBits |= 1 }
    if startsA & 0b1000 != 0 { lexiconBits |= 2 }  // a b c
    if startsB & 0b1000 != 0 { lexiconBits |= 4 }  // b c d
    if startsA & 0b100 != 0 { lexiconBits |= 8 }  // a b
    if starts[i] & 0b100 != 0 { lexiconBits |= 16 }  // c d
    if startsA & 0b1_0000 != 0 { lexiconBits |= 32 }  // a b c d

    // The longest lexicon word spanning the gap.
    var span = 0
    var start = max(0, i - SegmentationLexicon.maximumLength)
    while start < i {
      let reach = starts[start] >> UInt16(i + 1 - start)  // lengths that cover token i
      if reach != 0 { span = max(span, Self.longest(reach) + i + 1 - start) }
      start += 1
    }
    let endLength = Self.longest(ends[i - 1])
    let startLength = Self.longest(starts[i])

    let shapeBits =
      UInt64(shapeA.rawValue) | UInt64(shapeB.rawValue) << 8 | UInt64(shapeC.rawValue) << 16
      | UInt64(shapeD.rawValue) << 24 | (spaced[i] ? 1 << 32 : 0)
    let matching = (forwardBoundary[i] ? 1 : 0) | (backwardBoundary[i] ? 2 : 0) | (bc ? 4 : 0)

    out[0] = Self.template(0, 0)
    out[1] = Self.template(1, b)
    out[2] = Self.template(2, c)
    out[3] = Self.template(3, a)
    out[4] = Self.template(4, d)
    out[5] = Self.template(5, combine(a, b))
    out[6] = Self.template(6, combine(b, c))
    out[7] = Self.template(7, combine(c, d))
    out[8] = Self.template(8, combine(combine(a, b), c))
    out[9] = Self.template(9, combine(combine(b, c), d))
    out[10] = Self.template(10, shapeBits)
    out[11] = Self.template(11, lexiconBits)
    out[12] = Self.template(12, UInt64(span) | UInt64(endLength) << 8 | UInt64(startLength) << 16)
    out[13] = Self.template(13, UInt64(matching))
    out[14] = Self.template(
      14, UInt64(bc ? 1 : 0) | UInt64(shapeB.rawValue) << 8 | UInt64(shapeC.rawValue) << 16)
    out[15] = Self.template(15, combine(b, UInt64(shapeC.rawValue)))
    out[16] = Self.template(16, combine(c, UInt64(shapeB.rawValue)))
    out[17] = Self.template(17, combine(a, c))
    out[18] = Self.template(18, combine(b, d))
    out[19] = Self.template(19, UInt64(matching) | lexiconBits << 8 | UInt64(span) << 16)
    out[20] = Self.template(20, combine(combine(c, d), e))
    out[21] = Self.template(21, combine(combine(z, a), b))
    let previous: UInt64 = previousJoins ? 1 : 0
    out[22] = Self.template(
      22,
      previous | UInt64(matching) << 1 | UInt64(span) << 8 | UInt64(shapeB.rawValue) << 16 | UInt64(
        shapeC.rawValue) << 24)
    out[23] = Self.template(23, combine(combine(b, c), previous))
  }

  @inline(__always)
  private static func template(_ id: UInt64, _ value: UInt64) -> UInt64 {
    mix(value ^ (id &* 0xA24B_AED4_963E_E407))
  }

  /// The highest length bit set in a mask (0 when none).
  @inline(__always)
  static func longest(_ bits: UInt16) -> Int {
    bits == 0 ? 0 : 15 - bits.leadingZeroBitCount
  }
}
