import VietICU
import VietText

/// What a BMP code point becomes under one fold level and case choice, decided once.
///
/// Folding rewrites nearly every word, so the lazy copy of the general pass would flush a few
/// bytes at a time; this pass writes every byte straight into a buffer of the input's size and
/// looks each code point up in a table built for the options.
struct FoldingTable: @unchecked Sendable {
  /// The replacement scalar, or one of the markers below. Immutable; never freed.
  let map: UnsafePointer<UInt32>

  /// The code point needs the general pass (Ð/ð, a letter ICU must fold).
  static let general: UInt32 = 0xFFFF_FFFF
  /// The code point is removed (controls, zero-width characters, soft hyphen, BOM).
  static let removed: UInt32 = 0xFFFF_FFFE
  /// A carriage return: removed before a line feed, a line feed otherwise.
  static let carriageReturn: UInt32 = 0xFFFF_FFFD

  private static let tables: [FoldingTable] = [FoldLevel.tones, .all].flatMap { fold in
    [false, true].map { FoldingTable(map: build(fold: fold, lower: $0)) }
  }

  private init(map: UnsafePointer<UInt32>) { self.map = map }

  /// The table for a fold level (not `.none`) and case choice, built on first use.
  static func forOptions(fold: FoldLevel, lower: Bool) -> FoldingTable {
    precondition(fold != .none, "a folding table folds")
    return tables[(fold == .all ? 2 : 0) + (lower ? 1 : 0)]
  }

  private static func build(fold: FoldLevel, lower: Bool) -> UnsafePointer<UInt32> {
    let alphabet = VietnameseAlphabet.shared
    let classes = CharacterClasses.shared
    let map = UnsafeMutablePointer<UInt32>.allocate(capacity: 0x10000)
    for scalar in UInt32(0)..<0x10000 {
      if scalar < 0x80 {
        let isUpper = scalar >= 0x41 && scalar <= 0x5A
        switch scalar {
        case 0x0D: map[Int(scalar)] = carriageReturn
        case 0x09, 0x0A: map[Int(scalar)] = scalar
        case 0..<0x20, 0x7F: map[Int(scalar)] = 0x20  // a control separates words (see rewrite)
        default: map[Int(scalar)] = lower && isUpper ? scalar | 0x20 : scalar
        }
        continue
      }
      switch classes.classes[Int(scalar)] {
      case .vietnameseLetter:
        let letter = alphabet.letter(scalar)!
        let upper = letter.isUppercase && !lower
        if fold == .all {
          let base = VietnameseAlphabet.asciiBase(letter.plain)
          map[Int(scalar)] = UInt32(upper ? base - 32 : base)
        } else {
          map[Int(scalar)] = alphabet.scalar(plain: letter.plain, tone: 0, upper: upper)
        }
      case .other:
        map[Int(scalar)] = (0xD800...0xDFFF).contains(scalar) ? general : scalar
      case .space:
        map[Int(scalar)] = 0x20
      case .lineBreak:
        map[Int(scalar)] = 0x0A
      case .remove:
        // The joiner depends on its neighbours (emoji sequences): the general pass decides.
        map[Int(scalar)] = scalar == 0x200D ? general : removed
      case .eth, .otherLetter:
        map[Int(scalar)] = general
      }
    }
    return UnsafePointer(map)
  }
}

extension Normalizer {
  /// The pass for `fold` ≠ `.none`: clean-up, folding and lowercasing written straight to the
  /// output. Returns nil when a code point needs the general pass (the caller then runs it),
  /// and `.needsComposition` as `rewrite` does.
  func foldingRewrite(_ input: UnsafeBufferPointer<UInt8>, composed: Bool, offsets: inout OffsetMap)
    -> RewriteResult?
  {
    guard let p = input.baseAddress else { return .unchanged }
    let n = input.count
    let table = FoldingTable.forOptions(fold: options.fold, lower: options.lowercase).map
    let nfcSafe = classes.nfcSafe
    var needsComposition = false
    var needsGeneralPass = false
    var shifts: [(Int, Int)] = []
    // Folding only shrinks or keeps each code point's UTF-8, so the input's size is enough.
    let out = [UInt8](unsafeUninitializedCapacity: n) { buffer, count in
      let o = buffer.baseAddress!
      var i = 0
      var j = 0
      while i < n {
        let b = p[i]
        if b < 0x80 {
          let mapped = table[Int(b)]
          if mapped < 0x80 {
            o[j] = UInt8(truncatingIfNeeded: mapped)
            j += 1
          } else if mapped == FoldingTable.carriageReturn && !(i + 1 < n && p[i + 1] == 0x0A) {
            o[j] = 0x0A
            j += 1
          } else {
            shifts.append((j, 1))
          }
          i += 1
          continue
        }
        let (scalar, length) = UTF8Scanning.decode(p, at: i)
        if !composed && (scalar >= 0x10000 || nfcSafe[Int(scalar)] == 0) {
          needsComposition = true
          break
        }
        let mapped = scalar < 0x10000 ? table[Int(scalar)] : FoldingTable.general
        if mapped < 0x10000 {
          j += UTF8Scanning.write(mapped, to: o + j)
        } else if mapped == FoldingTable.removed {
          shifts.append((j, 1))
          // A removed character before a combining mark would leave the mark loose.
          if i + length < n, p[i + length] >= 0x80,
            ICU.combiningClass(UTF8Scanning.decode(p, at: i + length).scalar) != 0
          {
            needsGeneralPass = true
            break
          }
        } else {
          needsGeneralPass = true
          break
        }
        i += length
      }
      count = j
    }
    if needsComposition { return .needsComposition }
    if needsGeneralPass { return nil }
    if shifts.isEmpty && out.elementsEqual(UnsafeBufferPointer(start: p, count: n)) {
      return .unchanged
    }
    PendingWriter.record(shifts, in: out, into: &offsets)
    return .rewritten(out, mayNeedRecomposition: false)
  }
}
