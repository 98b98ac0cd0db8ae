/// Small UTF-8 helpers shared by every stage. They work on raw buffers so the hot loops that use
/// them never build `String`s or walk `String.Index`.
public enum UTF8Scanning {
  /// The byte offset of the first byte that does not start a well-formed UTF-8 sequence, or nil
  /// when all of `bytes` is valid UTF-8 (overlongs, surrogates and values past U+10FFFF are
  /// invalid, as in the Unicode standard's Table 3-7).
  public static func firstInvalidOffset(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    let count = bytes.count
    guard let base = bytes.baseAddress else { return nil }
    var i = 0
    while i < count {
      // Skip ASCII eight bytes at a time: most Vietnamese text is 70–80 % ASCII.
      while i + 8 <= count {
        let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
        if word & 0x8080_8080_8080_8080 != 0 { break }
        i += 8
      }
      if i >= count { break }
      let b0 = base[i]
      if b0 < 0x80 {
        i += 1
        continue
      }
      let length = sequenceLength(b0, next: i + 1 < count ? base[i + 1] : 0)
      if length == 0 || i + length > count { return i }
      for k in 1..<length where base[i + k] & 0xC0 != 0x80 { return i }
      i += length
    }
    return nil
  }

  /// How `bytes` reads as UTF-8: its well-formed multi-byte sequences, its ill-formed ones
  /// (each maximal ill-formed subpart counted once, as a decoder replacing them with U+FFFD
  /// would), and the offset of the first ill-formed one. A sequence cut off by the end of
  /// `bytes` counts as ill-formed.
  public static func sequenceCounts(
    _ bytes: UnsafeBufferPointer<UInt8>
  ) -> (multiByte: Int, invalid: Int, firstInvalid: Int?) {
    var multiByte = 0
    var invalid = 0
    var firstInvalid: Int?
    var i = 0
    let count = bytes.count
    while i < count {
      let b0 = bytes[i]
      if b0 < 0x80 {
        i += 1
        continue
      }
      let length = sequenceLength(b0, next: i + 1 < count ? bytes[i + 1] : 0)
      var good = length > 0 && i + length <= count
      if good { for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { good = false } }
      if good {
        multiByte += 1
        i += length
      } else {
        invalid += 1
        if firstInvalid == nil { firstInvalid = i }
        // Skip the continuation bytes of this subpart, so one broken sequence counts once.
        i += 1
        while i < count, bytes[i] & 0xC0 == 0x80, length > 0 { i += 1 }
      }
    }
    return (multiByte, invalid, firstInvalid)
  }

  /// The length of the sequence that starts with `b0` whose second byte is `b1`, or 0 when no
  /// valid sequence starts so (this is where overlong and surrogate forms are refused).
  @inline(__always)
  static func sequenceLength(_ b0: UInt8, next b1: UInt8) -> Int {
    switch b0 {
    case 0xC2...0xDF: return 2
    case 0xE0: return (0xA0...0xBF).contains(b1) ? 3 : 0
    case 0xED: return (0x80...0x9F).contains(b1) ? 3 : 0
    case 0xE1...0xEF: return 3
    case 0xF0: return (0x90...0xBF).contains(b1) ? 4 : 0
    case 0xF1...0xF3: return 4
    case 0xF4: return (0x80...0x8F).contains(b1) ? 4 : 0
    default: return 0
    }
  }

  /// Decodes the scalar at `i` of valid UTF-8; returns it with its byte length.
  @inlinable @inline(__always)
  public static func decode(_ p: UnsafePointer<UInt8>, at i: Int) -> (scalar: UInt32, length: Int) {
    let b0 = UInt32(p[i])
    if b0 < 0x80 { return (b0, 1) }
    if b0 < 0xE0 { return ((b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F), 2) }
    if b0 < 0xF0 {
      return ((b0 & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F), 3)
    }
    return (
      (b0 & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6
        | UInt32(p[i + 3] & 0x3F), 4
    )
  }

  /// Decodes the scalar that ends just before byte offset `i` (> 0) of valid UTF-8; returns it
  /// with the offset where it starts.
  @inlinable @inline(__always)
  public static func decode(_ p: UnsafePointer<UInt8>, before i: Int) -> (
    scalar: UInt32, start: Int
  ) {
    var k = i - 1
    while k > 0, p[k] & 0xC0 == 0x80 { k -= 1 }
    return (decode(p, at: k).scalar, k)
  }

  /// Appends the UTF-8 encoding of `scalar`.
  @inline(__always)
  public static func append(_ scalar: UInt32, to out: inout [UInt8]) {
    switch scalar {
    case 0..<0x80:
      out.append(UInt8(scalar))
    case 0x80..<0x800:
      out.append(UInt8(0xC0 | scalar >> 6))
      out.append(UInt8(0x80 | scalar & 0x3F))
    case 0x800..<0x10000:
      out.append(UInt8(0xE0 | scalar >> 12))
      out.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
      out.append(UInt8(0x80 | scalar & 0x3F))
    default:
      out.append(UInt8(0xF0 | scalar >> 18))
      out.append(UInt8(0x80 | (scalar >> 12) & 0x3F))
      out.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
      out.append(UInt8(0x80 | scalar & 0x3F))
    }
  }

  /// Writes the UTF-8 encoding of `scalar` at `target` (room for four bytes needed); returns
  /// the bytes written. For writers that fill a buffer through a pointer.
  @inlinable @inline(__always)
  public static func write(_ scalar: UInt32, to target: UnsafeMutablePointer<UInt8>) -> Int {
    switch scalar {
    case 0..<0x80:
      target[0] = UInt8(scalar)
      return 1
    case 0x80..<0x800:
      target[0] = UInt8(0xC0 | scalar >> 6)
      target[1] = UInt8(0x80 | scalar & 0x3F)
      return 2
    case 0x800..<0x10000:
      target[0] = UInt8(0xE0 | scalar >> 12)
      target[1] = UInt8(0x80 | (scalar >> 6) & 0x3F)
      target[2] = UInt8(0x80 | scalar & 0x3F)
      return 3
    default:
      target[0] = UInt8(0xF0 | scalar >> 18)
      target[1] = UInt8(0x80 | (scalar >> 12) & 0x3F)
      target[2] = UInt8(0x80 | (scalar >> 6) & 0x3F)
      target[3] = UInt8(0x80 | scalar & 0x3F)
      return 4
    }
  }

  /// The number of code points in valid UTF-8 (bytes that are not continuation bytes).
  public static func codePointCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    var n = 0
    for b in bytes where b & 0xC0 != 0x80 { n += 1 }
    return n
  }

  /// Replaces every ill-formed sequence with U+FFFD (the standard's "maximal subpart" practice,
  /// which is what the standard library's decoder does).
  public static func repairing(_ bytes: [UInt8]) -> [UInt8] {
    Array(String(decoding: bytes, as: UTF8.self).utf8)
  }
}

/// Input that is not well-formed UTF-8.
public struct InvalidUTF8Error: Error, Hashable, Sendable, CustomStringConvertible {
  /// The file (or "<stdin>") the bytes came from.
  public var source: String
  /// The offset of the first offending byte from the start of the input.
  public var byteOffset: Int
  /// What the reader can do about it, in the caller's terms (a command-line tool names its
  /// flags here); nil says nothing more.
  public var hint: String?

  /// Invalid UTF-8 in `source` at `byteOffset`, with an optional `hint` for the reader.
  public init(source: String, byteOffset: Int, hint: String? = nil) {
    self.source = source
    self.byteOffset = byteOffset
    self.hint = hint
  }

  /// `source: invalid UTF-8 at byte offset N`, then the hint in parentheses.
  public var description: String {
    "\(source): invalid UTF-8 at byte offset \(byteOffset)" + (hint.map { " (\($0))" } ?? "")
  }
}
