import FoundationEssentials

/// The list of live segments: the one file whose atomic replacement commits a change.
///
/// It is JSON (a person can read it when something is wrong) followed by a line with the
/// CRC-32 of the JSON, so a damaged manifest is refused rather than half-read.
public struct Manifest: Codable, Equatable, Sendable {
  /// The manifest's file name in the index folder.
  public static let fileName = "manifest.json"
  /// The format this version writes and the only one it reads; an index of another format must be
  /// rebuilt.
  public static let currentFormat = 1

  /// The format the manifest was written in (`currentFormat` for every manifest this version
  /// writes).
  public var format: Int = Manifest.currentFormat
  /// Grows by one at every commit; names deletion files so none is ever rewritten in place.
  public var generation: Int = 0
  /// Names the analysis chain: an index built by another chain cannot be searched correctly.
  public var analyzer: String
  /// The number the next new segment's file name is made from: numbers are never reused, so a
  /// segment file is never overwritten.
  public var nextSegmentNumber: Int = 1
  /// The live segments, in document order.
  public var segments: [Segment] = []

  /// One live segment and how many of its documents are deleted.
  public struct Segment: Codable, Equatable, Sendable {
    /// The segment's file name in the index folder.
    public var file: String
    /// Documents written in the segment, deleted ones included.
    public var documents: Int
    /// The segment file's size in bytes.
    public var bytes: Int
    /// The deletion file, when any document of the segment was removed or replaced.
    public var deletions: String?
    /// How many of the segment's documents are deleted (the bits set in its deletion file).
    public var deleted: Int = 0
  }

  /// An empty index's manifest, for the analysis chain named `analyzer`.
  public init(analyzer: String) { self.analyzer = analyzer }

  /// Live documents over all segments: written minus deleted.
  public var documentCount: Int { segments.reduce(0) { $0 + $1.documents - $1.deleted } }

  func encoded() throws(IndexError) -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    let json: Data
    do { json = try encoder.encode(self) } catch {
      throw IndexError(.io, path: Manifest.fileName, "cannot encode manifest: \(error)")
    }
    var bytes = [UInt8](json)
    bytes.append(0x0A)
    bytes.append(contentsOf: Array("crc32 \(Self.hex(CRC32.checksum(bytes)))\n".utf8))
    return bytes
  }

  static func decode(_ bytes: [UInt8], path: String) throws(IndexError) -> Manifest {
    guard let marker = bytes.lastIndex(of: 0x0A, before: bytes.count - 1),
      let tail = String(validating: bytes[(marker + 1)...], as: UTF8.self),
      tail.hasPrefix("crc32 ")
    else {
      throw IndexError(
        .corrupt, path: path, "manifest has no checksum line (damaged or not a vitext index)")
    }
    let json = Array(bytes[...marker])
    guard tail.dropFirst(6).filter({ !$0.isWhitespace }) == hex(CRC32.checksum(json)) else {
      throw IndexError(.corrupt, path: path, "manifest checksum mismatch")
    }
    let manifest: Manifest
    do { manifest = try JSONDecoder().decode(Manifest.self, from: Data(json)) } catch {
      throw IndexError(.corrupt, path: path, "manifest is not valid: \(error)")
    }
    guard manifest.format == currentFormat else {
      throw IndexError(
        .version, path: path,
        "index format \(manifest.format); this vitext reads format \(currentFormat): rebuild the index"
      )
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
  /// The bits, 64 documents a word (document `d` is bit `d % 64` of word `d / 64`).
  public private(set) var words: [UInt64]
  /// The number of deleted documents.
  public private(set) var count = 0
  /// The number of documents in the segment, deleted or not.
  public let documents: Int

  /// An empty set (nothing deleted) for a segment of `documents` documents.
  public init(documents: Int) {
    self.documents = documents
    words = Array(repeating: 0, count: (documents + 63) / 64)
  }

  /// Whether `document` (its number in the segment) is deleted.
  @inline(__always)
  public func contains(_ document: Int) -> Bool {
    words[document >> 6] & (1 << UInt64(document & 63)) != 0
  }

  /// Marks `document` deleted; marking it twice counts it once.
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
    try self.init(
      decoding: try directory.read(name), documents: entry.documents, path: directory.filePath(name)
    )
  }

  init(decoding bytes: [UInt8], documents: Int, path: String) throws(IndexError) {
    let wordCount = (documents + 63) / 64
    guard bytes.count == 8 + 8 + wordCount * 8 + 4, Array(bytes[0..<8]) == Self.magic else {
      throw IndexError(.corrupt, path: path, "deletion file has the wrong size or header")
    }
    let stored = bytes.withUnsafeBytes {
      $0.loadUnaligned(fromByteOffset: bytes.count - 4, as: UInt32.self)
    }
    guard CRC32.checksum(Array(bytes[0..<(bytes.count - 4)])) == stored else {
      throw IndexError(.corrupt, path: path, "deletion file checksum mismatch")
    }
    self.documents = documents
    words = bytes.withUnsafeBytes { raw in
      (0..<wordCount).map { raw.loadUnaligned(fromByteOffset: 16 + $0 * 8, as: UInt64.self) }
    }
    count = words.reduce(0) { $0 + $1.nonzeroBitCount }
  }
}
