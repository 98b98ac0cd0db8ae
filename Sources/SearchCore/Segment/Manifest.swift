import FoundationEssentials

/// The list of live segments: the one file whose atomic replacement commits a change.
///
/// It is JSON (a person can read it when something is wrong) followed by a line with the
/// CRC-32 of the JSON, so a damaged manifest is refused rather than half-read.
public struct Manifest: Codable, Equatable, Sendable {
  public static let fileName = "manifest.json"
  public static let currentFormat = 1

  public var format: Int = Manifest.currentFormat
  /// Grows by one at every commit; names deletion files so none is ever rewritten in place.
  public var generation: Int = 0
  /// Names the analysis chain: an index built by another chain cannot be searched correctly.
  public var analyzer: String
  public var nextSegmentNumber: Int = 1
  public var segments: [Segment] = []

  public struct Segment: Codable, Equatable, Sendable {
    public var file: String
    public var documents: Int
    public var bytes: Int
    /// The deletion file, when any document of the segment was removed or replaced.
    public var deletions: String?
    public var deleted: Int = 0
  }

  public init(analyzer: String) { self.analyzer = analyzer }

  public var documentCount: Int { segments.reduce(0) { $0 + $1.documents - $1.deleted } }

  func encoded() throws(IndexError) -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    let json: Data
    do { json = try encoder.encode(self) } catch { throw IndexError(.io, path: Manifest.fileName, "cannot encode manifest: \(error)") }
    var bytes = [UInt8](json)
    bytes.append(0x0A)
    bytes.append(contentsOf: Array("crc32 \(Self.hex(CRC32.checksum(bytes)))\n".utf8))
    return bytes
  }

  static func decode(_ bytes: [UInt8], path: String) throws(IndexError) -> Manifest {
    guard let marker = bytes.lastIndex(of: 0x0A, before: bytes.count - 1),
      let tail = String(validating: bytes[(marker + 1)...], as: UTF8.self),
      tail.hasPrefix("crc32 ")
    else { throw IndexError(.corrupt, path: path, "manifest has no checksum line (damaged or not a vitext index)") }
    let json = Array(bytes[...marker])
    guard tail.dropFirst(6).filter({ !$0.isWhitespace }) == hex(CRC32.checksum(json)) else {
      throw IndexError(.corrupt, path: path, "manifest checksum mismatch")
    }
    let manifest: Manifest
    do { manifest = try JSONDecoder().decode(Manifest.self, from: Data(json)) } catch {
      throw IndexError(.corrupt, path: path, "manifest is not valid: \(error)")
    }
    guard manifest.format == currentFormat else {
      throw IndexError(.version, path: path, "index format \(manifest.format); this vitext reads format \(currentFormat): rebuild the index")
    }
    return manifest
  }

  static func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 8 - digits.count) + digits
  }
}

extension Array where Element == UInt8 {
  fileprivate func lastIndex(of byte: UInt8, before end: Int) -> Int? {
    var index = end - 1
    while index >= 0 {
      if self[index] == byte { return index }
      index -= 1
    }
    return nil
  }
}

/// Which documents of a segment are deleted: a bit each, in a file of its own so the segment
/// stays immutable (Lucene's live-docs file).
public struct DeletionSet: Sendable, Equatable {
  static let magic: [UInt8] = Array("VTXDEL01".utf8)
  public private(set) var words: [UInt64]
  public private(set) var count = 0
  public let documents: Int

  public init(documents: Int) {
    self.documents = documents
    words = Array(repeating: 0, count: (documents + 63) / 64)
  }

  @inline(__always)
  public func contains(_ document: Int) -> Bool { words[document >> 6] & (1 << UInt64(document & 63)) != 0 }

  public mutating func insert(_ document: Int) {
    guard !contains(document) else { return }
    words[document >> 6] |= 1 << UInt64(document & 63)
    count += 1
  }

  func encoded() -> [UInt8] {
    var bytes = Self.magic
    withUnsafeBytes(of: UInt64(documents).littleEndian) { bytes.append(contentsOf: $0) }
    words.withUnsafeBytes { bytes.append(contentsOf: $0) }
    withUnsafeBytes(of: CRC32.checksum(bytes).littleEndian) { bytes.append(contentsOf: $0) }
    return bytes
  }

  /// The deletions a manifest entry names (none when it names no file).
  init(of entry: Manifest.Segment, in directory: IndexDirectory) throws(IndexError) {
    guard let name = entry.deletions else {
      self.init(documents: entry.documents)
      return
    }
    try self.init(decoding: try directory.read(name), documents: entry.documents, path: directory.filePath(name))
  }

  init(decoding bytes: [UInt8], documents: Int, path: String) throws(IndexError) {
    let wordCount = (documents + 63) / 64
    guard bytes.count == 8 + 8 + wordCount * 8 + 4, Array(bytes[0..<8]) == Self.magic else {
      throw IndexError(.corrupt, path: path, "deletion file has the wrong size or header")
    }
    let stored = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: bytes.count - 4, as: UInt32.self) }
    guard CRC32.checksum(Array(bytes[0..<(bytes.count - 4)])) == stored else {
      throw IndexError(.corrupt, path: path, "deletion file checksum mismatch")
    }
    self.documents = documents
    words = bytes.withUnsafeBytes { raw in (0..<wordCount).map { raw.loadUnaligned(fromByteOffset: 16 + $0 * 8, as: UInt64.self) } }
    count = words.reduce(0) { $0 + $1.nonzeroBitCount }
  }
}
