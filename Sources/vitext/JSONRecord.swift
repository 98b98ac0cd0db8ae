import VietText

/// Reads the string and number members of one flat JSON object (a JSON Lines record) straight
/// from its bytes. Corpora of JSON Lines run to gigabytes; a general JSON parser building
/// `[String: Any]` for every line would cost more than indexing the text.
///
/// Nested arrays and objects are skipped whole; anything that is not a JSON object is refused.
struct JSONRecord {
  /// Decoded string members by key (numbers as their literal text).
  private(set) var members: [String: [UInt8]] = [:]

  subscript(key: String) -> [UInt8]? { members[key] }

  init?(_ line: ArraySlice<UInt8>, keys wanted: Set<String>) {
    var reader = Reader(bytes: line)
    reader.skipSpace()
    guard reader.take(0x7B) else { return nil }  // {
    reader.skipSpace()
    if reader.take(0x7D) {
      guard reader.atEndAfterSpace() else { return nil }
      return
    }
    while true {
      reader.skipSpace()
      guard let keyBytes = reader.string() else { return nil }
      reader.skipSpace()
      guard reader.take(0x3A) else { return nil }  // :
      reader.skipSpace()
      let key = String(decoding: keyBytes, as: UTF8.self)
      guard let value = reader.value(keep: wanted.contains(key)) else { return nil }
      if let value, wanted.contains(key) { members[key] = value }
      reader.skipSpace()
      if reader.take(0x2C) { continue }
      guard reader.take(0x7D), reader.atEndAfterSpace() else { return nil }
      return
    }
  }

  private struct Reader {
    let bytes: ArraySlice<UInt8>
    var index: Int

    init(bytes: ArraySlice<UInt8>) {
      self.bytes = bytes
      index = bytes.startIndex
    }

    mutating func skipSpace() {
      while index < bytes.endIndex, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    mutating func atEndAfterSpace() -> Bool {
      skipSpace()
      return index == bytes.endIndex
    }

    mutating func take(_ byte: UInt8) -> Bool {
      guard index < bytes.endIndex, bytes[index] == byte else { return false }
      index += 1
      return true
    }

    /// A value: its bytes when `keep` (strings decoded, numbers as written), `.some(nil)`
    /// when skipped, nil when malformed.
    mutating func value(keep: Bool) -> [UInt8]?? {
      guard index < bytes.endIndex else { return nil }
      switch bytes[index] {
      case 0x22:
        guard let string = string() else { return nil }
        return .some(keep ? string : nil)
      case 0x7B, 0x5B:
        return skipNested() ? .some(nil) : nil
      default:
        let start = index
        while index < bytes.endIndex, !([0x2C, 0x7D, 0x5D, 0x20, 0x09, 0x0A, 0x0D] as [UInt8]).contains(bytes[index]) { index += 1 }
        guard index > start else { return nil }
        return .some(keep ? Array(bytes[start..<index]) : nil)
      }
    }

    /// Skips an array or object, minding strings (brackets inside them do not count).
    mutating func skipNested() -> Bool {
      var depth = 0
      while index < bytes.endIndex {
        switch bytes[index] {
        case 0x22:
          guard string() != nil else { return false }
          continue
        case 0x7B, 0x5B: depth += 1
        case 0x7D, 0x5D:
          depth -= 1
          if depth == 0 {
            index += 1
            return true
          }
        default: break
        }
        index += 1
      }
      return false
    }

    /// A string at `index` (on its opening quote), escapes decoded; nil when malformed.
    /// The offset of the next '"' or '\\' at or after `from`, eight bytes at a time: such a
    /// byte turns a lane of the XORed word to zero, which the classic has-zero-byte test finds.
    func nextSpecial(from: Int) -> Int {
      bytes.withUnsafeBufferPointer { buffer -> Int in
        var offset = from - bytes.startIndex
        let count = buffer.count
        guard let base = buffer.baseAddress.map(UnsafeRawPointer.init) else { return bytes.endIndex }
        while offset + 8 <= count {
          let word = base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
          let quote = word ^ 0x2222_2222_2222_2222
          let slash = word ^ 0x5C5C_5C5C_5C5C_5C5C
          let found = ((quote &- 0x0101_0101_0101_0101) & ~quote | (slash &- 0x0101_0101_0101_0101) & ~slash) & 0x8080_8080_8080_8080
          if found != 0 { break }
          offset += 8
        }
        while offset < count, buffer[offset] != 0x22, buffer[offset] != 0x5C { offset += 1 }
        return bytes.startIndex + offset
      }
    }

    /// A string at `index` (on its opening quote), escapes decoded; nil when malformed. Runs
    /// between escapes are copied whole (texts carry a "\\n" every line).
    mutating func string() -> [UInt8]? {
      guard take(0x22) else { return nil }
      var out: [UInt8] = []
      while true {
        let start = index
        index = nextSpecial(from: index)
        guard index < bytes.endIndex else { return nil }
        if bytes[index] == 0x22 {
          if out.isEmpty { out = Array(bytes[start..<index]) } else { out.append(contentsOf: bytes[start..<index]) }
          index += 1
          return out
        }
        out.append(contentsOf: bytes[start..<index])
        index += 1  // the backslash
        guard index < bytes.endIndex else { return nil }
        let escape = bytes[index]
        index += 1
        switch escape {
        case 0x22, 0x5C, 0x2F: out.append(escape)
        case 0x62: out.append(0x08)
        case 0x66: out.append(0x0C)
        case 0x6E: out.append(0x0A)
        case 0x72: out.append(0x0D)
        case 0x74: out.append(0x09)
        case 0x75:
          guard var scalar = hex4() else { return nil }
          if (0xD800..<0xDC00).contains(scalar) {
            // A surrogate pair; a lone half becomes U+FFFD rather than invalid UTF-8.
            if index + 1 < bytes.endIndex, bytes[index] == 0x5C, bytes[index + 1] == 0x75 {
              index += 2
              guard let low = hex4() else { return nil }
              scalar = (0xDC00..<0xE000).contains(low) ? 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00) : 0xFFFD
            } else {
              scalar = 0xFFFD
            }
          } else if (0xDC00..<0xE000).contains(scalar) {
            scalar = 0xFFFD
          }
          UTF8Scanning.append(scalar, to: &out)
        default: return nil
        }
      }
    }

    mutating func hex4() -> UInt32? {
      guard bytes.endIndex - index >= 4 else { return nil }
      var value: UInt32 = 0
      for _ in 0..<4 {
        let byte = bytes[index]
        index += 1
        switch byte {
        case 0x30...0x39: value = value << 4 | UInt32(byte - 0x30)
        case 0x41...0x46: value = value << 4 | UInt32(byte - 0x37)
        case 0x61...0x66: value = value << 4 | UInt32(byte - 0x57)
        default: return nil
        }
      }
      return value
    }
  }
}
