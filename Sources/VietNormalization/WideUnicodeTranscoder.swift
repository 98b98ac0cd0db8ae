import VietText

/// Converts UTF-16 or UTF-32 (either byte order) to UTF-8 a block at a time, so a large file is
/// never held whole: a code unit or surrogate pair cut by the end of a block waits for the next.
///
/// Ill-formed input (a lone surrogate, a UTF-32 value past U+10FFFF, an odd trailing byte)
/// becomes U+FFFD and is counted in `replacements`, as the Unicode standard's conversion
/// practice says; nothing is dropped silently.
public struct WideUnicodeTranscoder: Sendable {
  /// The input encoding: one of the `isWideUnicode` cases.
  public let encoding: SourceEncoding
  /// Ill-formed code units replaced with U+FFFD so far.
  public private(set) var replacements = 0
  private var carry: [UInt8] = []
  private var pendingHighSurrogate: UInt32?

  /// A transcoder for `encoding` (`precondition`: a UTF-16 or UTF-32 encoding).
  public init(encoding: SourceEncoding) {
    precondition(encoding.isWideUnicode, "not a UTF-16 or UTF-32 encoding")
    self.encoding = encoding
  }

  /// The UTF-8 of `block`, after what earlier blocks left unfinished; `final` says no more
  /// input follows (an unfinished unit is then replaced).
  public mutating func transcode(_ block: ArraySlice<UInt8>, final: Bool) -> [UInt8] {
    var bytes = carry
    bytes.append(contentsOf: block)
    carry.removeAll()
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    let size = encoding.unitSize
    var i = 0
    while i + size <= bytes.count {
      let unit = Self.unit(bytes, at: i, encoding: encoding)
      i += size
      if size == 4 {
        append(unit, to: &out)
        continue
      }
      if let high = pendingHighSurrogate {
        pendingHighSurrogate = nil
        if (0xDC00..<0xE000).contains(unit) {
          UTF8Scanning.append(0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00), to: &out)
          continue
        }
        replace(into: &out)
      }
      if (0xD800..<0xDC00).contains(unit) {
        pendingHighSurrogate = unit
      } else {
        append(unit, to: &out)
      }
    }
    carry = Array(bytes[i...])
    if final {
      if pendingHighSurrogate != nil { replace(into: &out) }
      if !carry.isEmpty { replace(into: &out) }
      pendingHighSurrogate = nil
      carry.removeAll()
    }
    return out
  }

  private mutating func append(_ scalar: UInt32, to out: inout [UInt8]) {
    if scalar > 0x10FFFF || (0xD800..<0xE000).contains(scalar) {
      replace(into: &out)
    } else {
      UTF8Scanning.append(scalar, to: &out)
    }
  }

  private mutating func replace(into out: inout [UInt8]) {
    replacements += 1
    UTF8Scanning.append(0xFFFD, to: &out)
  }

  private static func unit(_ bytes: [UInt8], at i: Int, encoding: SourceEncoding) -> UInt32 {
    switch encoding {
    case .utf16LittleEndian: UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8
    case .utf16BigEndian: UInt32(bytes[i]) << 8 | UInt32(bytes[i + 1])
    case .utf32LittleEndian:
      UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(
        bytes[i + 3]) << 24
    default:
      UInt32(bytes[i]) << 24 | UInt32(bytes[i + 1]) << 16 | UInt32(bytes[i + 2]) << 8
        | UInt32(bytes[i + 3])
    }
  }
}
