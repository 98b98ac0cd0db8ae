import VietICU
import VietNormalization

/// The tokenizer's view of a code point, decided once per BMP code point from ICU's properties.
enum ScalarClass: UInt8, Sendable {
  case other
  case space
  case newline
  case letter
  case digit
  case punctuation
  case symbol
}

/// One class per BMP code point, read through a raw pointer by the scanner's inner loop (the
/// table is built once, for the life of the process, and never changes).
struct ScalarClasses: @unchecked Sendable {
  let classes: UnsafePointer<ScalarClass>

  static let shared = ScalarClasses()

  private init() {
    let classes = UnsafeMutablePointer<ScalarClass>.allocate(capacity: 0x10000)
    for scalar in UInt32(0)..<0x10000 {
      classes[Int(scalar)] = (0xD800...0xDFFF).contains(scalar) ? .other : Self.classify(scalar)
    }
    self.classes = UnsafePointer(classes)
  }

  static func classify(_ scalar: UInt32) -> ScalarClass {
    switch scalar {
    case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: return .newline
    case 0x09, 0x20: return .space
    case 0x30...0x39: return .digit
    default: break
    }
    if scalar < 0x80 {
      if (0x41...0x5A).contains(scalar) || (0x61...0x7A).contains(scalar) { return .letter }
      if scalar < 0x20 || scalar == 0x7F { return .space }
      // ASCII symbols by Unicode's categories: $ + < = > ^ ` | ~ are symbols, the rest punctuation.
    }
    let category = ICU.category(scalar)
    if category == .spaceSeparator || category == .control || category == .format { return .space }
    if category.isLetter || category.isMark || ICU.isAlphabetic(scalar) { return .letter }
    if category == .decimalDigit { return .digit }
    if category.isPunctuation { return .punctuation }
    if category.isSymbol { return .symbol }
    return .other
  }

  @inline(__always)
  func of(_ scalar: UInt32) -> ScalarClass {
    if scalar < 0x10000 { return classes[Int(scalar)] }
    return Self.classify(scalar)
  }
}
