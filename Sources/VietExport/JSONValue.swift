/// A JSON value whose objects keep their members in the order they were written, so what vitext
/// prints for other engines (index templates, query DSL) reads the same on every run and can be
/// compared byte for byte in tests.
public indirect enum JSONValue: Sendable, Equatable {
  /// A string, written with only quotes, backslashes and control characters escaped.
  case string(String)
  /// A number, written without a fraction when it is whole.
  case number(Double)
  /// `true` or `false`.
  case bool(Bool)
  /// `null`.
  case null
  /// An array, in order.
  case array([JSONValue])
  /// An object whose members are written in the order given.
  case object([(String, JSONValue)])

  /// Values are equal when their members are, in the same order.
  public static func == (a: JSONValue, b: JSONValue) -> Bool {
    switch (a, b) {
    case (.string(let x), .string(let y)): x == y
    case (.number(let x), .number(let y)): x == y
    case (.bool(let x), .bool(let y)): x == y
    case (.null, .null): true
    case (.array(let x), .array(let y)): x == y
    case (.object(let x), .object(let y)):
      x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    default: false
    }
  }

  /// Compact JSON (no spaces), or indented by two spaces a level when `pretty`.
  public func serialized(pretty: Bool = false) -> String {
    var out: [UInt8] = []
    write(to: &out, pretty: pretty, depth: 0)
    return String(decoding: out, as: UTF8.self)
  }

  /// Appends the compact JSON of the value to `out` (the exporter's hot path: bytes, no
  /// intermediate strings).
  public func write(to out: inout [UInt8]) { write(to: &out, pretty: false, depth: 0) }

  private func write(to out: inout [UInt8], pretty: Bool, depth: Int) {
    func newline(_ depth: Int) {
      guard pretty else { return }
      out.append(0x0A)
      out.append(contentsOf: repeatElement(0x20, count: 2 * depth))
    }
    switch self {
    case .string(let value): Self.writeString(value, to: &out)
    case .number(let value):
      out.append(
        contentsOf: (value == value.rounded() && abs(value) < 1e15
          ? String(Int64(value)) : String(value)).utf8)
    case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
    case .null: out.append(contentsOf: "null".utf8)
    case .array(let items):
      guard !items.isEmpty else { return out.append(contentsOf: "[]".utf8) }
      out.append(UInt8(ascii: "["))
      for (index, item) in items.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        newline(depth + 1)
        item.write(to: &out, pretty: pretty, depth: depth + 1)
      }
      newline(depth)
      out.append(UInt8(ascii: "]"))
    case .object(let members):
      guard !members.isEmpty else { return out.append(contentsOf: "{}".utf8) }
      out.append(UInt8(ascii: "{"))
      for (index, (key, value)) in members.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        newline(depth + 1)
        Self.writeString(key, to: &out)
        out.append(UInt8(ascii: ":"))
        if pretty { out.append(0x20) }
        value.write(to: &out, pretty: pretty, depth: depth + 1)
      }
      newline(depth)
      out.append(UInt8(ascii: "}"))
    }
  }

  /// A JSON string literal: quotes, backslashes and control characters escaped, everything else
  /// (slashes, Vietnamese letters) as it is. Runs without such bytes are copied whole.
  static func writeString(_ value: String, to out: inout [UInt8]) {
    out.append(0x22)
    var value = value
    value.withUTF8 { bytes in
      var runStart = 0
      for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
        switch byte {
        case 0x22: out.append(contentsOf: [0x5C, 0x22])
        case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
        case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
        case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
        case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
        default:
          let hex = Array("0123456789abcdef".utf8)
          out.append(contentsOf: [
            0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)],
          ])
        }
        runStart = index + 1
      }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
    }
    out.append(0x22)
  }
}
