import VietText

/// Reads the members of one flat JSON object (a JSON Lines record) straight from its bytes.
/// Corpora of JSON Lines run to gigabytes; a general JSON parser building `[String: Any]` for
/// every line would cost more than indexing the text.
///
/// Nested arrays and objects are skipped whole; anything that is not a JSON object is refused
/// with the offset where reading stopped.
public struct JSONRecord: Sendable {
  /// A member's value, as far as a record reader cares.
  public enum Value: Hashable, Sendable {
    /// A string, escapes decoded (the bytes are not checked to be UTF-8).
    case string([UInt8])
    /// A number, `true` or `false`, as written.
    case literal([UInt8])
    /// `null`: the member says it has no value.
    case null
    /// An array, or an object not asked for (skipped, not kept).
    case nested
    /// An object asked for, as its bytes from `{` to `}` (read it with another `JSONRecord`).
    case object([UInt8])
  }

  /// A line that is not one JSON object.
  public struct SyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Where reading stopped, in bytes from the start of the line.
    public var byteOffset: Int
    /// What a user reads: where on the line the syntax went wrong.
    public var description: String {
      "not a JSON object: syntax error at byte \(byteOffset) of the line"
    }
  }

  /// The wanted members that are present, by key.
  public private(set) var members: [String: Value] = [:]
  /// Per member asked for with `locating` whose value is a string: where its contents (between
  /// the quotes, escapes as written and checked) lie in the line, as indices of the slice read.
  /// Such members are not decoded into `members`.
  public private(set) var locatedStrings: [String: Range<Int>] = [:]

  /// A string or literal member's bytes (numbers as written); nil when absent, `null`, or nested.
  public subscript(key: String) -> [UInt8]? {
    switch members[key] {
    case .string(let bytes), .literal(let bytes): bytes
    default: nil
    }
  }

  /// A string member's bytes; nil when absent, `null` or not a string.
  public func string(_ key: String) -> [UInt8]? {
    if case .string(let bytes) = members[key] { bytes } else { nil }
  }

  /// Reads the members named in `wanted` from `line`.
  ///
  /// - Throws: `SyntaxError` when `line` is not exactly one JSON object.
  ///
  /// - Parameter locating: keys whose string values are only located (`locatedStrings`), so a
  ///   long one can be decoded where it lies (`decodeString(inPlace:contents:)`), not copied.
  public init(_ line: ArraySlice<UInt8>, keys wanted: Set<String>, locating: Set<String> = [])
    throws(SyntaxError)
  {
    var reader = Reader(bytes: line)
    func fail() -> SyntaxError { SyntaxError(byteOffset: reader.index - line.startIndex) }
    reader.skipSpace()
    guard reader.take(0x7B) else { throw fail() }  // {
    reader.skipSpace()
    if reader.take(0x7D) {
      guard reader.atEndAfterSpace() else { throw fail() }
      return
    }
    while true {
      reader.skipSpace()
      guard let keyBytes = reader.string() else { throw fail() }
      reader.skipSpace()
      guard reader.take(0x3A) else { throw fail() }  // :
      reader.skipSpace()
      let key = String(decoding: keyBytes, as: UTF8.self)
      if locating.contains(key), reader.index < line.endIndex, line[reader.index] == 0x22 {
        guard let contents = reader.skipString() else { throw fail() }
        locatedStrings[key] = contents
        members[key] = nil
      } else {
        guard let value = reader.value(keep: wanted.contains(key)) else { throw fail() }
        if wanted.contains(key) {
          members[key] = value
          locatedStrings[key] = nil
        }
      }
      reader.skipSpace()
      if reader.take(0x2C) { continue }
      guard reader.take(0x7D), reader.atEndAfterSpace() else { throw fail() }
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

    /// A value (strings decoded and, when `keep`, copied; numbers as written); nil when
    /// malformed. A literal must be a number, `true`, `false` or `null`.
    mutating func value(keep: Bool) -> Value? {
      guard index < bytes.endIndex else { return nil }
      switch bytes[index] {
      case 0x22:
        guard let string = string() else { return nil }
        return .string(keep ? string : [])
      case 0x7B, 0x5B:
        let start = index
        guard skipNested() else { return nil }
        return keep && bytes[start] == 0x7B ? .object(Array(bytes[start..<index])) : .nested
      default:
        let start = index
        while index < bytes.endIndex,
          !([0x2C, 0x7D, 0x5D, 0x20, 0x09, 0x0A, 0x0D] as [UInt8]).contains(bytes[index])
        { index += 1 }
        let literal = bytes[start..<index]
        if literal.elementsEqual("null".utf8) { return .null }
        if literal.elementsEqual("true".utf8) || literal.elementsEqual("false".utf8) {
          return .literal(Array(literal))
        }
        guard let first = literal.first, first == 0x2D || (0x30...0x39).contains(first),
          literal.allSatisfy({
            (0x30...0x39).contains($0) || [0x2D, 0x2B, 0x2E, 0x65, 0x45].contains($0)
          })
        else {
          index = start
          return nil
        }
        return .literal(keep ? Array(literal) : [])
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
        guard let base = buffer.baseAddress.map(UnsafeRawPointer.init) else {
          return bytes.endIndex
        }
        while offset + 8 <= count {
          let word = base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
          let quote = word ^ 0x2222_2222_2222_2222
          let slash = word ^ 0x5C5C_5C5C_5C5C_5C5C
          let found =
            ((quote &- 0x0101_0101_0101_0101) & ~quote | (slash &- 0x0101_0101_0101_0101) & ~slash)
            & 0x8080_8080_8080_8080
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
          if out.isEmpty {
            out = Array(bytes[start..<index])
          } else {
            out.append(contentsOf: bytes[start..<index])
          }
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
              scalar =
                (0xDC00..<0xE000).contains(low)
                ? 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00) : 0xFFFD
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

    /// Moves past a string at `index` (on its opening quote) whose escapes are well formed;
    /// returns the range of its contents, nil when malformed.
    mutating func skipString() -> Range<Int>? {
      guard take(0x22) else { return nil }
      let start = index
      while true {
        index = nextSpecial(from: index)
        guard index < bytes.endIndex else { return nil }
        if bytes[index] == 0x22 {
          index += 1
          return start..<(index - 1)
        }
        index += 1  // the backslash
        guard index < bytes.endIndex else { return nil }
        let escape = bytes[index]
        index += 1
        switch escape {
        case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74: break
        case 0x75: guard hex4() != nil else { return nil }
        default: return nil
        }
      }
    }

    mutating func hex4() -> UInt32? {
      guard bytes.endIndex - index >= 4,
        let value = JSONRecord.hexValue(
          bytes[index], bytes[index + 1], bytes[index + 2], bytes[index + 3])
      else { return nil }
      // Past the digits only when they are digits: a syntax error's offset stays at the escape.
      index += 4
      return value
    }
  }
}

extension JSONRecord {
  /// The value of a `\uXXXX` escape's four hexadecimal digits (either case), nil when one is
  /// not a digit. Shared by the string decoder and the in-place decoder of long records.
  @inline(__always)
  static func hexValue(_ first: UInt8, _ second: UInt8, _ third: UInt8, _ fourth: UInt8) -> UInt32?
  {
    @inline(__always) func digit(_ byte: UInt8) -> UInt32? {
      switch byte {
      case 0x30...0x39: UInt32(byte &- 0x30)
      case 0x41...0x46: UInt32(byte &- 0x37)
      case 0x61...0x66: UInt32(byte &- 0x57)
      default: nil
      }
    }
    guard let a = digit(first), let b = digit(second), let c = digit(third), let d = digit(fourth)
    else { return nil }
    return a << 12 | b << 8 | c << 4 | d
  }
}

extension JSONRecord {
  /// Makes `line` the decoded value of the string whose contents are `contents` of it (as
  /// `locatedStrings` gives them), in the same memory: a decoded string is never longer than
  /// its escaped form, so it is written over the line from its start. Decodes as `string` does
  /// (a lone surrogate becomes U+FFFD). Returns false, leaving `line` unspecified, when an
  /// escape is malformed.
  public static func decodeString(inPlace line: inout [UInt8], contents: Range<Int>) -> Bool {
    line.removeSubrange(contents.upperBound...)
    let decodedCount = line.withUnsafeMutableBufferPointer { buffer -> Int? in
      guard let base = buffer.baseAddress else { return 0 }
      let end = buffer.count
      var read = contents.lowerBound
      var write = 0
      func hex4() -> UInt32? {
        guard end - read >= 4 else { return nil }
        defer { read += 4 }
        return JSONRecord.hexValue(base[read], base[read + 1], base[read + 2], base[read + 3])
      }
      while read < end {
        let byte = base[read]
        guard byte == 0x5C else {
          base[write] = byte
          write += 1
          read += 1
          continue
        }
        guard read + 1 < end else { return nil }
        let escape = base[read + 1]
        read += 2
        var decoded: UInt8
        switch escape {
        case 0x22, 0x5C, 0x2F: decoded = escape
        case 0x62: decoded = 0x08
        case 0x66: decoded = 0x0C
        case 0x6E: decoded = 0x0A
        case 0x72: decoded = 0x0D
        case 0x74: decoded = 0x09
        case 0x75:
          guard var scalar = hex4() else { return nil }
          if (0xD800..<0xDC00).contains(scalar) {
            if read + 1 < end, base[read] == 0x5C, base[read + 1] == 0x75 {
              read += 2
              guard let low = hex4() else { return nil }
              scalar =
                (0xDC00..<0xE000).contains(low)
                ? 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00) : 0xFFFD
            } else {
              scalar = 0xFFFD
            }
          } else if (0xDC00..<0xE000).contains(scalar) {
            scalar = 0xFFFD
          }
          // At most 4 bytes from at least 6 read: the write stays behind the read.
          write += UTF8Scanning.write(scalar, to: base + write)
          continue
        default: return nil
        }
        base[write] = decoded
        write += 1
      }
      return write
    }
    guard let decodedCount else { return false }
    line.removeLast(line.count - decodedCount)
    return true
  }
}
