import VietText

/// The weights of the word segmenter: one 16-bit weight per slot of a hashed feature table.
///
/// A gap joins two tokens into one word when the sum of its features' weights is positive.
/// Feature hashing keeps the model a flat array (no feature strings to store or look up) at the
/// price of rare collisions, which training absorbs.
///
/// File format (little-endian): the 8 bytes `VTSEGMDL`, then `UInt32` format version (1), hash
/// bits, template count, the length of a UTF-8 description and the description, then
/// `1 << hashBits` `Int16` weights.
public struct SegmenterModel: Sendable {
  /// log2 of the number of weights.
  public let hashBits: Int
  /// What the model was trained on and how, as `vitext segmenter train` wrote it into the
  /// file (convention, epochs, weights, data files).
  public let description: String
  let weights: [Int16]

  static let magic = Array("VTSEGMDL".utf8)
  static let formatVersion: UInt32 = 1

  init(hashBits: Int, weights: [Int16], description: String) {
    precondition(weights.count == 1 << hashBits, "a model has one weight per hash slot")
    self.hashBits = hashBits
    self.weights = weights
    self.description = description
  }

  /// Reads a model file's bytes.
  ///
  /// - Throws: `TableFormatError` when the bytes are not a model of this version.
  public init(bytes: [UInt8], resource: String) throws(TableFormatError) {
    var reader = ByteReader(bytes: bytes)
    func fail(_ reason: String) -> TableFormatError {
      TableFormatError(resource: resource, line: 0, reason: reason)
    }
    guard reader.read(count: 8) == Self.magic else { throw fail("not a vitext segmenter model") }
    guard let version = reader.readUInt32(), version == Self.formatVersion else {
      throw fail("model format version is not \(Self.formatVersion)")
    }
    guard let bits = reader.readUInt32(), (8...26).contains(bits) else {
      throw fail("bad hash size")
    }
    guard let templates = reader.readUInt32(), templates == BoundaryFeatures.templateCount else {
      throw fail("model was trained with other feature templates; retrain it")
    }
    guard let length = reader.readUInt32(), let text = reader.read(count: Int(length)),
      let description = String(validating: text, as: UTF8.self)
    else { throw fail("truncated description") }
    let count = 1 << Int(bits)
    guard let raw = reader.read(count: count * 2), reader.isAtEnd else {
      throw fail("expected \(count) weights and nothing after them")
    }
    var weights = [Int16](repeating: 0, count: count)
    raw.withUnsafeBufferPointer { raw in
      for index in 0..<count {
        weights[index] = Int16(bitPattern: UInt16(raw[2 * index]) | UInt16(raw[2 * index + 1]) << 8)
      }
    }
    self.init(hashBits: Int(bits), weights: weights, description: description)
  }

  /// The model file's bytes.
  public func serialized() -> [UInt8] {
    var bytes = Self.magic
    func append(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
    append(Self.formatVersion)
    append(UInt32(hashBits))
    append(UInt32(BoundaryFeatures.templateCount))
    let text = Array(description.utf8)
    append(UInt32(text.count))
    bytes += text
    bytes.reserveCapacity(bytes.count + weights.count * 2)
    for weight in weights {
      let bits = UInt16(bitPattern: weight)
      bytes.append(UInt8(truncatingIfNeeded: bits))
      bytes.append(UInt8(truncatingIfNeeded: bits >> 8))
    }
    return bytes
  }

  /// The number of weights that are not zero.
  public var nonZeroWeights: Int { weights.reduce(0) { $0 + ($1 != 0 ? 1 : 0) } }
}

/// Reads little-endian values from a byte array.
struct ByteReader {
  let bytes: [UInt8]
  var offset = 0

  var isAtEnd: Bool { offset == bytes.count }

  mutating func read(count: Int) -> [UInt8]? {
    guard count >= 0, bytes.count - offset >= count else { return nil }
    defer { offset += count }
    return Array(bytes[offset..<offset + count])
  }

  mutating func readUInt32() -> UInt32? {
    guard let raw = read(count: 4) else { return nil }
    return UInt32(raw[0]) | UInt32(raw[1]) << 8 | UInt32(raw[2]) << 16 | UInt32(raw[3]) << 24
  }
}
