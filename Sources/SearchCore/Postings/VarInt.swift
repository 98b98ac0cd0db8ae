/// LEB128 variable-length integers: seven bits a byte, high bit set on every byte but the last.
/// Gaps between sorted document numbers and positions are small, so most take one byte.
@usableFromInline
enum VarInt {
  @inlinable @inline(__always)
  static func append(_ value: UInt32, to bytes: inout [UInt8]) { append64(UInt64(value), to: &bytes) }

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

  /// Writes `value` at `target` (room for five bytes needed); returns the bytes written.
  @inlinable @inline(__always)
  static func write(_ value: UInt32, to target: UnsafeMutablePointer<UInt8>) -> Int {
    var value = value
    var written = 0
    while value >= 0x80 {
      target[written] = UInt8(truncatingIfNeeded: value) | 0x80
      value >>= 7
      written += 1
    }
    target[written] = UInt8(value)
    return written + 1
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

  /// `read`, with one- and two-byte values (nearly all position gaps) taken without its loop:
  /// the innermost step of phrase queries.
  @inlinable @inline(__always)
  static func readSmall(_ bytes: UnsafeRawBufferPointer, _ offset: inout Int) -> UInt32? {
    let end = bytes.count
    if offset < end {
      let first = bytes[offset]
      if first < 0x80 {
        offset += 1
        return UInt32(first)
      }
      if offset + 1 < end && bytes[offset + 1] < 0x80 {
        let value = UInt32(first & 0x7F) | UInt32(bytes[offset + 1]) << 7
        offset += 2
        return value
      }
    }
    return read(bytes, &offset)
  }

  /// Moves past `count` values without decoding them, eight bytes at a time: a value ends at
  /// each byte whose high bit is clear, so a word's count of ends is a popcount. Phrase queries
  /// pass over the positions of every posting they do not need this way.
  @inlinable
  static func skip(_ count: Int, in bytes: UnsafeRawBufferPointer, _ offset: inout Int) -> Bool {
    var remaining = count
    var index = offset
    let end = bytes.count
    while remaining >= 8 && end - index >= 8 {
      let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
      remaining -= (~word & 0x8080_8080_8080_8080).nonzeroBitCount
      index += 8
      if remaining < 0 {
        // Overshot: step back to just after the value that brought `remaining` to zero.
        index -= 8
        remaining += (~word & 0x8080_8080_8080_8080).nonzeroBitCount
        break
      }
    }
    while remaining > 0 {
      guard index < end else {
        offset = index
        return false
      }
      if bytes[index] < 0x80 { remaining -= 1 }
      index += 1
    }
    offset = index
    return true
  }
}
