/// CRC-32 (IEEE 802.3, the polynomial of zip and PNG), so `index check` results can be confirmed
/// with any standard tool (`crc32` from libarchive-zip-perl, Python's `zlib.crc32`).
///
/// Slicing-by-8: eight 256-entry tables let the loop consume a 64-bit word per step, about six
/// times the byte-at-a-time rate; checking a whole index is then bounded by reading it.
public struct CRC32: Sendable {
  /// The checksum of the bytes passed to `update(_:)` so far (0 before the first call).
  public private(set) var value: UInt32 = 0

  /// Starts a checksum of no bytes.
  public init() {}

  private static let tables: [[UInt32]] = {
    var tables = [[UInt32]](repeating: [UInt32](repeating: 0, count: 256), count: 8)
    for byte in 0..<256 {
      var crc = UInt32(byte)
      for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
      tables[0][byte] = crc
    }
    for byte in 0..<256 {
      for slice in 1..<8 {
        let previous = tables[slice - 1][byte]
        tables[slice][byte] = (previous >> 8) ^ tables[0][Int(previous & 0xFF)]
      }
    }
    return tables
  }()

  /// The checksum of `bytes` in one call.
  public static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
    var crc = CRC32()
    crc.update(bytes)
    return crc.value
  }

  /// The checksum of `bytes` in one call.
  public static func checksum(_ bytes: [UInt8]) -> UInt32 {
    bytes.withUnsafeBytes { checksum($0) }
  }

  /// Adds `bytes` to the checksum: `update(a); update(b)` gives the checksum of `a + b`, so a file
  /// can be checked as it is written, a buffer at a time.
  public mutating func update(_ bytes: UnsafeRawBufferPointer) {
    var crc = ~value
    Self.tables.withUnsafeBufferPointer { tables in
      let t0 = tables[0]
      let t1 = tables[1]
      let t2 = tables[2]
      let t3 = tables[3]
      let t4 = tables[4]
      let t5 = tables[5]
      let t6 = tables[6]
      let t7 = tables[7]
      var index = 0
      let count = bytes.count
      while count - index >= 8 {
        let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
        let low = UInt32(truncatingIfNeeded: word) ^ crc
        let high = UInt32(truncatingIfNeeded: word >> 32)
        crc =
          t7[Int(low & 0xFF)] ^ t6[Int((low >> 8) & 0xFF)] ^ t5[Int((low >> 16) & 0xFF)]
          ^ t4[Int(low >> 24)] ^ t3[Int(high & 0xFF)] ^ t2[Int((high >> 8) & 0xFF)]
          ^ t1[Int((high >> 16) & 0xFF)] ^ t0[Int(high >> 24)]
        index += 8
      }
      while index < count {
        crc = (crc >> 8) ^ t0[Int((crc ^ UInt32(bytes[index])) & 0xFF)]
        index += 1
      }
    }
    value = ~crc
  }
}
