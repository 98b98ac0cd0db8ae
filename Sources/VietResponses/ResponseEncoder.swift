/// Encodes `Encodable` values as compact JSON, each object's members in the order the value
/// encodes them (a synthesized conformance's declaration order), non-ASCII text as UTF-8 and
/// slashes unescaped: the bytes `vitext search --format json` prints and `vitext-serve` sends.
///
/// Foundation's `JSONEncoder` on Linux orders an object's members by hash, so the same answer
/// came out in another order in each process, and it writes `/` as `\/` unless told not to;
/// `.sortedKeys` would be stable but puts `facets` before `query`. This encoder builds the
/// value as a small tree (the order kept) and writes it in one pass.
public struct ResponseEncoder: Sendable {
  /// An encoder with the one output style vitext uses.
  public init() {}

  /// The JSON text of `value`, without a trailing newline.
  ///
  /// - Throws: `EncodingError.invalidValue` for a non-finite number (JSON has none).
  public func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
    let root = JSONNode()
    try JSONNode.store(value, in: root, codingPath: [])
    var bytes: [UInt8] = []
    bytes.reserveCapacity(1024)
    root.write(to: &bytes)
    return bytes
  }

  /// The JSON text of `value` as a string.
  ///
  /// - Throws: `EncodingError.invalidValue` for a non-finite number.
  public func encodeToString<T: Encodable>(_ value: T) throws -> String {
    String(decoding: try encode(value), as: UTF8.self)
  }

  /// Appends `text` as a JSON string literal (quotes included): `"`, `\` and control
  /// characters escaped as JSON requires, everything else as it is.
  public static func appendString<S: StringProtocol>(_ text: S, to bytes: inout [UInt8]) {
    bytes.append(0x22)
    for byte in text.utf8 {
      switch byte {
      case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
      case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
      case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
      case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
      case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
      case 0..<0x20:
        let hex = Array("0123456789abcdef".utf8)
        bytes.append(contentsOf: [
          0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)],
        ])
      default: bytes.append(byte)
      }
    }
    bytes.append(0x22)
  }
}

/// One JSON value under construction. A class, so that a container handed out for a nested
/// value can fill it in after its parent has been filed.
final class JSONNode {
  enum Kind { case empty, null, literal, string, array, object }
  var kind = Kind.empty
  /// A literal's JSON text (number, `true`, `false`) or a string's content.
  var text = ""
  /// An array's elements, or an object's member values.
  var items: [JSONNode] = []
  /// An object's member names, in order, parallel to `items`.
  var keys: [String] = []

  func becomeObject() {
    if kind != .object { (kind, items, keys) = (.object, [], []) }
  }

  func becomeArray() {
    if kind != .array { (kind, items) = (.array, []) }
  }

  /// The value of member `key`, replaced when the key was encoded before (as Foundation does).
  func member(_ key: String) -> JSONNode {
    becomeObject()
    let node = JSONNode()
    if let existing = keys.firstIndex(of: key) {
      items[existing] = node
    } else {
      keys.append(key)
      items.append(node)
    }
    return node
  }

  func appendElement() -> JSONNode {
    becomeArray()
    let node = JSONNode()
    items.append(node)
    return node
  }

  /// Files `value` in `node`: scalars directly, anything else through its own `encode(to:)`.
  static func store<T: Encodable>(_ value: T, in node: JSONNode, codingPath: [any CodingKey]) throws
  {
    switch value {
    case let string as String: (node.kind, node.text) = (.string, string)
    case let flag as Bool: (node.kind, node.text) = (.literal, flag ? "true" : "false")
    case let number as Double:
      (node.kind, node.text) = (.literal, try format(number, codingPath: codingPath))
    case let number as Float:
      guard number.isFinite else { throw nonFinite(Double(number), codingPath: codingPath) }
      (node.kind, node.text) = (
        .literal,
        number == number.rounded() && abs(number) < 1e7 ? String(Int(number)) : "\(number)"
      )
    case let number as any BinaryInteger: (node.kind, node.text) = (.literal, "\(number)")
    default: try value.encode(to: TreeEncoder(node: node, codingPath: codingPath))
    }
  }

  /// Integral values without a fraction (`3`, as JSONEncoder writes them), others in Swift's
  /// shortest form that reads back to the same double (`7.27`, `1e-05`).
  static func format(_ number: Double, codingPath: [any CodingKey]) throws -> String {
    guard number.isFinite else { throw nonFinite(number, codingPath: codingPath) }
    if number == number.rounded() && abs(number) < 1e15 { return String(Int64(number)) }
    return "\(number)"
  }

  static func nonFinite(_ number: Double, codingPath: [any CodingKey]) -> EncodingError {
    EncodingError.invalidValue(
      number, .init(codingPath: codingPath, debugDescription: "JSON has no \(number)"))
  }

  func write(to bytes: inout [UInt8]) {
    switch kind {
    case .empty: bytes.append(contentsOf: [0x7B, 0x7D])  // a value that encoded nothing: {}
    case .null: bytes.append(contentsOf: Array("null".utf8))
    case .literal: bytes.append(contentsOf: text.utf8)
    case .string: ResponseEncoder.appendString(text, to: &bytes)
    case .array:
      bytes.append(0x5B)
      for (position, item) in items.enumerated() {
        if position > 0 { bytes.append(0x2C) }
        item.write(to: &bytes)
      }
      bytes.append(0x5D)
    case .object:
      bytes.append(0x7B)
      for (position, item) in items.enumerated() {
        if position > 0 { bytes.append(0x2C) }
        ResponseEncoder.appendString(keys[position], to: &bytes)
        bytes.append(0x3A)
        item.write(to: &bytes)
      }
      bytes.append(0x7D)
    }
  }
}

/// The `Encoder` handed to a value's `encode(to:)`: its containers write into one node.
struct TreeEncoder: Encoder {
  let node: JSONNode
  let codingPath: [any CodingKey]
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    node.becomeObject()
    return KeyedEncodingContainer(KeyedContainer<Key>(node: node, codingPath: codingPath))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    node.becomeArray()
    return UnkeyedContainer(node: node, codingPath: codingPath)
  }

  func singleValueContainer() -> any SingleValueEncodingContainer {
    SingleValueContainer(node: node, codingPath: codingPath)
  }
}

/// The name `super` takes in an object, as Foundation's encoder names it.
struct SuperKey: CodingKey {
  var stringValue: String
  var intValue: Int? { nil }
  init(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { nil }
}

/// An array element's place, for coding paths in errors.
struct IndexKey: CodingKey {
  var intValue: Int?
  var stringValue: String { "Index \(intValue ?? 0)" }
  init(intValue: Int) { self.intValue = intValue }
  init?(stringValue: String) { nil }
}

struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
  let node: JSONNode
  let codingPath: [any CodingKey]

  mutating func encodeNil(forKey key: Key) throws { node.member(key.stringValue).kind = .null }
  mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try put(value, key) }
  private func put<T: Encodable>(_ value: T, _ key: Key) throws {
    try JSONNode.store(value, in: node.member(key.stringValue), codingPath: codingPath + [key])
  }
  mutating func encode(_ value: Bool, forKey key: Key) throws { try put(value, key) }
  mutating func encode(_ value: String, forKey key: Key) throws { try put(value, key) }
  mutating func encode(_ value: Double, forKey key: Key) throws { try put(value, key) }
  mutating func encode(_ value: Float, forKey key: Key) throws { try put(value, key) }
  mutating func encode(_ value: Int, forKey key: Key) throws { try put(value, key) }
  mutating func encode(_ value: Int8, forKey key: Key) throws { try put(value, key) }
  mutating func encode(_ value: Int16, forKey key: Key) throws { try put(value, key) }
  mutating func encode(_ value: Int32, forKey key: Key) throws { try put(value, key) }
  mutating func encode(_ value: Int64, forKey key: Key) throws { try put(value, key) }
  mutating func encode(_ value: UInt, forKey key: Key) throws { try put(value, key) }
  mutating func encode(_ value: UInt8, forKey key: Key) throws { try put(value, key) }
  mutating func encode(_ value: UInt16, forKey key: Key) throws { try put(value, key) }
  mutating func encode(_ value: UInt32, forKey key: Key) throws { try put(value, key) }
  mutating func encode(_ value: UInt64, forKey key: Key) throws { try put(value, key) }

  mutating func nestedContainer<NestedKey: CodingKey>(
    keyedBy keyType: NestedKey.Type, forKey key: Key
  ) -> KeyedEncodingContainer<
    NestedKey
  > {
    let child = node.member(key.stringValue)
    child.becomeObject()
    return KeyedEncodingContainer(
      KeyedContainer<NestedKey>(node: child, codingPath: codingPath + [key]))
  }

  mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    let child = node.member(key.stringValue)
    child.becomeArray()
    return UnkeyedContainer(node: child, codingPath: codingPath + [key])
  }

  mutating func superEncoder() -> any Encoder {
    TreeEncoder(
      node: node.member("super"), codingPath: codingPath + [SuperKey(stringValue: "super")])
  }

  mutating func superEncoder(forKey key: Key) -> any Encoder {
    TreeEncoder(node: node.member(key.stringValue), codingPath: codingPath + [key])
  }
}

struct UnkeyedContainer: UnkeyedEncodingContainer {
  let node: JSONNode
  let codingPath: [any CodingKey]
  var count: Int { node.items.count }

  private var nextPath: [any CodingKey] { codingPath + [IndexKey(intValue: count)] }

  mutating func encodeNil() throws { node.appendElement().kind = .null }
  mutating func encode<T: Encodable>(_ value: T) throws { try put(value) }
  private func put<T: Encodable>(_ value: T) throws {
    let path = nextPath
    try JSONNode.store(value, in: node.appendElement(), codingPath: path)
  }
  mutating func encode(_ value: Bool) throws { try put(value) }
  mutating func encode(_ value: String) throws { try put(value) }
  mutating func encode(_ value: Double) throws { try put(value) }
  mutating func encode(_ value: Float) throws { try put(value) }
  mutating func encode(_ value: Int) throws { try put(value) }
  mutating func encode(_ value: Int8) throws { try put(value) }
  mutating func encode(_ value: Int16) throws { try put(value) }
  mutating func encode(_ value: Int32) throws { try put(value) }
  mutating func encode(_ value: Int64) throws { try put(value) }
  mutating func encode(_ value: UInt) throws { try put(value) }
  mutating func encode(_ value: UInt8) throws { try put(value) }
  mutating func encode(_ value: UInt16) throws { try put(value) }
  mutating func encode(_ value: UInt32) throws { try put(value) }
  mutating func encode(_ value: UInt64) throws { try put(value) }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
    -> KeyedEncodingContainer<NestedKey>
  {
    let path = nextPath
    let child = node.appendElement()
    child.becomeObject()
    return KeyedEncodingContainer(KeyedContainer<NestedKey>(node: child, codingPath: path))
  }

  mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    let path = nextPath
    let child = node.appendElement()
    child.becomeArray()
    return UnkeyedContainer(node: child, codingPath: path)
  }

  mutating func superEncoder() -> any Encoder {
    let path = nextPath
    return TreeEncoder(node: node.appendElement(), codingPath: path)
  }
}

struct SingleValueContainer: SingleValueEncodingContainer {
  let node: JSONNode
  let codingPath: [any CodingKey]

  mutating func encodeNil() throws { node.kind = .null }
  mutating func encode<T: Encodable>(_ value: T) throws { try put(value) }
  private func put<T: Encodable>(_ value: T) throws {
    try JSONNode.store(value, in: node, codingPath: codingPath)
  }
  mutating func encode(_ value: Bool) throws { try put(value) }
  mutating func encode(_ value: String) throws { try put(value) }
  mutating func encode(_ value: Double) throws { try put(value) }
  mutating func encode(_ value: Float) throws { try put(value) }
  mutating func encode(_ value: Int) throws { try put(value) }
  mutating func encode(_ value: Int8) throws { try put(value) }
  mutating func encode(_ value: Int16) throws { try put(value) }
  mutating func encode(_ value: Int32) throws { try put(value) }
  mutating func encode(_ value: Int64) throws { try put(value) }
  mutating func encode(_ value: UInt) throws { try put(value) }
  mutating func encode(_ value: UInt8) throws { try put(value) }
  mutating func encode(_ value: UInt16) throws { try put(value) }
  mutating func encode(_ value: UInt32) throws { try put(value) }
  mutating func encode(_ value: UInt64) throws { try put(value) }
}
