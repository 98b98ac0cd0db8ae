import VietICU
import VietText

/// What the rewriting pass does with each BMP code point, decided once from ICU's properties.
///
/// Both tables live for the life of the process and are read through raw pointers in the
/// normalizer's inner loop.
struct CharacterClasses: @unchecked Sendable {
  /// One class per BMP code point.
  let classes: UnsafePointer<CharacterClass>
  /// Whether a run of the code point is already NFC (ICU quick check Yes, combining class 0).
  let nfcSafe: UnsafePointer<UInt8>
  /// `CanonicalStatus` bits per BMP code point, for the check that text needs no rewriting.
  let canonicalStatus: UnsafePointer<UInt8>
  /// `canonicalStatus` of the byte after a code point, read as its neighbour: the status of an
  /// ASCII byte, and `CanonicalStatus.lookedAtNext` for any byte of a longer code point, so the
  /// neighbour costs one load and no branch.
  let nextByteStatus: UnsafePointer<UInt8>

  static let shared: CharacterClasses = {
    do { return try CharacterClasses() } catch {
      fatalError("vitext: ICU character data is unavailable: \(error)")
    }
  }()

  private init() throws(ICUError) {
    let flags = try ICU.nfcSafeBMPFlags()
    let safe = UnsafeMutablePointer<UInt8>.allocate(capacity: 0x10000)
    safe.initialize(from: flags, count: 0x10000)
    nfcSafe = UnsafePointer(safe)
    let alphabet = VietnameseAlphabet.shared
    let classes = UnsafeMutablePointer<CharacterClass>.allocate(capacity: 0x10000)
    classes.initialize(repeating: .other, count: 0x10000)
    for scalar in UInt32(0x80)..<0x10000 where !(0xD800...0xDFFF).contains(scalar) {
      classes[Int(scalar)] = Self.classify(scalar, alphabet: alphabet)
    }
    self.classes = UnsafePointer(classes)
    let status = UnsafeMutablePointer<UInt8>.allocate(capacity: 0x10000)
    for scalar in 0..<0x10000 {
      let letter = alphabet.letter(UInt32(scalar))
      var bits: UInt8 = 0
      if let letter { bits |= CanonicalStatus.letter | CanonicalStatus.shape(of: letter) }
      if scalar < 0x80 {
        let printable = (scalar >= 0x20 && scalar != 0x7F) || scalar == 0x0A || scalar == 0x09
        if !printable { bits |= CanonicalStatus.changes }
      } else {
        if safe[scalar] == 0 { bits |= CanonicalStatus.changes }
        switch classes[scalar] {
        case .otherLetter: bits |= CanonicalStatus.otherLetter
        case .vietnameseLetter, .other: break
        case .space, .lineBreak, .remove, .eth: bits |= CanonicalStatus.changes
        }
      }
      status[scalar] = bits
    }
    canonicalStatus = UnsafePointer(status)
    let next = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
    next.initialize(repeating: CanonicalStatus.lookedAtNext, count: 256)
    next.update(from: status, count: 0x80)
    nextByteStatus = UnsafePointer(next)
  }

  private static func classify(_ scalar: UInt32, alphabet: VietnameseAlphabet) -> CharacterClass {
    switch scalar {
    case 0x80...0x9F:
      // C1 controls: like C0 controls they stand where a separator was.
      return .space
    case 0xAD, 0x180E, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0xFEFF:
      // C1 controls, soft hyphen, zero-width characters, direction marks, BOM: invisible.
      return .remove
    case 0x2028, 0x2029: return .lineBreak
    case 0xD0, 0xF0: return .eth
    default: break
    }
    if alphabet.letter(scalar) != nil { return .vietnameseLetter }
    let category = ICU.category(scalar)
    if category == .spaceSeparator { return .space }
    if category.isLetter || category.isMark || ICU.isAlphabetic(scalar) { return .otherLetter }
    return .other
  }

  /// The class of a non-ASCII scalar.
  @inline(__always)
  func of(_ scalar: UInt32) -> CharacterClass {
    if scalar < 0x10000 { return classes[Int(scalar)] }
    return ICU.isAlphabetic(scalar) || ICU.category(scalar).isMark ? .otherLetter : .other
  }
}

/// What the rewriting pass does with a code point.
enum CharacterClass: UInt8, Sendable {
  /// Kept as it is; not part of a word.
  case other
  /// A letter in the Vietnamese alphabet table: folded and lowercased from the table.
  case vietnameseLetter
  /// Any other letter or combining mark: part of a word; folded and lowercased through ICU.
  case otherLetter
  /// A space separator (NBSP, thin space …): becomes U+0020.
  case space
  /// U+2028/U+2029: becomes a newline.
  case lineBreak
  /// Invisible and control characters: removed.
  case remove
  /// Ð/ð, the Icelandic look-alikes of Đ/đ: become Đ/đ at the start of a Vietnamese word.
  case eth
}
