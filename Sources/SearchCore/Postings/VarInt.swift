/// LEB128 variable-length integers: seven bits a byte, high bit set on every byte but the last.
/// Gaps between sorted document numbers are small, so most postings take a byte or two.
@usableFromInline
enum VarInt {
  @inlinable @inline(__always)
  static func append(_ value: UInt32, to bytes: inout [UInt8]) {
    append64(UInt64(value), to: &bytes)
  }

  /// Appends a value of up to 64 bits (a posting head: a 32-bit gap and three more bits).
  @inlinable @inline(__always)
  static func append64(_ value: UInt64, to bytes: inout [UInt8]) {
    var value = value
    while value >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
      value >>= 7
    }
    bytes.append(UInt8(value))
  }

  /// Reads a value of up to 35 bits (a posting head); nil when the bytes end inside it or it is
  /// longer.
  @inlinable @inline(__always)
  static func read35(_ bytes: UnsafeRawBufferPointer, _ offset: inout Int) -> UInt64? {
    var result: UInt64 = 0
    var shift: UInt64 = 0
    while offset < bytes.count {
      let byte = bytes[offset]
      offset += 1
      // The fifth byte carries the last seven bits and must end the value.
      if shift == 28 && byte >= 0x80 { return nil }
      result |= UInt64(byte & 0x7F) << shift
      if byte < 0x80 { return result }
      shift += 7
    }
    return nil
  }

  /// Reads one value at `offset` and moves past it; nil when the bytes end inside a value or the
  /// value does not fit 32 bits (a damaged segment, never a crash).
  @inlinable @inline(__always)
  static func read(_ bytes: UnsafeRawBufferPointer, _ offset: inout Int) -> UInt32? {
    guard let value = read35(bytes, &offset), value <= UInt64(UInt32.max) else { return nil }
    return UInt32(value)
  }
}
