import Foundation
import SearchCore
@_spi(Benchmarks) import VietSearch

/// Fuzz target for the index segment reader: the input is a list of edits to a real
/// segment (the seed articles, indexed once per process), which is then opened and searched,
/// its hits' documents read, facets and term totals counted and its checksums verified. Any outcome but a
/// trap is fine: an answer, or an `IndexError`.
///
/// Input: one flags byte, then 5-byte edits (u32 little-endian offset, taken modulo the file's
/// size, and a byte XORed there). Flag bit 0: recompute every checksum after the edits, so the
/// edited structure itself is read (offsets, lengths, varints, Rice codes) rather than refused
/// at the first checksum; bit 1: cut the file at the last edit's offset.
public func fuzzSegmentReader(_ input: UnsafeBufferPointer<UInt8>) {
  let input = input
  guard let flags = input.first else { return }
  var bytes = SeedSegment.shared.bytes
  var lastOffset = bytes.count
  var index = 1
  while index + 5 <= input.count {
    let raw = input[index..<(index + 4)].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    lastOffset = Int(raw) % bytes.count
    bytes[lastOffset] ^= input[index + 4]
    index += 5
  }
  if flags & 2 != 0 { bytes.removeLast(bytes.count - lastOffset) }
  if flags & 1 != 0 { SegmentChecksums.recompute(&bytes) }
  let segment = SeedSegment.shared
  guard FileManager.default.createFile(atPath: segment.segmentPath, contents: Data(bytes)) else {
    fatalError("cannot write \(segment.segmentPath)")
  }
  // The reader under test, without SearchIndex's per-open work (word lists, analysis): the
  // queries were compiled once against the intact index.
  do {
    let reader = try IndexReader(
      directory: IndexDirectory(path: segment.path), analyzer: SearchAnalyzer.name)
    for query in segment.queries {
      guard let results = try? reader.search(query, limit: 5, collectingMatches: true) else {
        continue
      }
      for hit in results.hits {
        guard let (live, document) = reader.locate(hit.document) else { continue }
        _ = try? live.reader.documentText(document)
        _ = try? live.reader.documentTitle(document)
      }
      if let matches = results.matches {
        _ = reader.termCounts(field: 1, within: matches, limit: 4)
      }
    }
    _ = try? reader.document(id: Array(segment.firstID.utf8))
    _ = try? reader.termTotals(foldedPrefix: [1, 0x63])
    _ = reader.keys(foldedPrefix: [1, 0x64])
    _ = reader.verify()
  } catch {}
}

/// The seed articles indexed once, in a scratch folder that the fuzzer overwrites the segment of.
struct SeedSegment {
  static let shared = SeedSegment()
  /// Where the index is built, one folder per process; memory-backed when there is /dev/shm,
  /// since the fuzzer writes the segment on every run.
  static let scratchPath =
    (FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm/" : NSTemporaryDirectory())
    + "vitext-fuzz-segment-\(getpid())"
  let path: String
  let segmentPath: String
  let bytes: [UInt8]
  let firstID: String
  /// Term, phrase, OR, negated and prefix queries, compiled against the intact index.
  let queries: [CoreQuery]

  init() {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let seeds = root.appendingPathComponent("Corpus/seeds")
    path = Self.scratchPath
    do {
      let writer = try SearchIndexWriter(path: path, create: true, tagger: nil)
      let names = try FileManager.default.contentsOfDirectory(atPath: seeds.path).filter {
        $0.hasSuffix(".txt")
      }.sorted()
      precondition(!names.isEmpty, "no seed articles in \(seeds.path)")
      for name in names {
        try writer.add(
          id: name, title: String(name.prefix(3)),
          text: [UInt8](try Data(contentsOf: seeds.appendingPathComponent(name))))
      }
      try writer.commit()
      let reader = try IndexReader(
        directory: IndexDirectory(path: path), analyzer: SearchAnalyzer.name)
      segmentPath = path + "/" + reader.manifest.segments[0].file
      firstID = names[0]
      let search = try SearchIndex(path: path, tagger: nil)
      queries = try [
        "\"sinh hoạt chi bộ\"", "sinh hoat chi bo", "đảng viên OR chi ủy -huyện", "nghị*",
        "\"ban thường vụ\" đảng",
      ].map {
        try search.coreQuery($0)
      }
      bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: segmentPath)))
    } catch {
      fatalError("cannot build the seed index in \(path): \(error)")
    }
  }
}

/// Rewrites a segment's checksums (FORMAT.md) to match its bytes: the block checksums, each
/// section's CRC-32 and the footer's. Leaves a footer that does not parse alone.
enum SegmentChecksums {
  static func recompute(_ bytes: inout [UInt8]) {
    func u32(_ at: Int) -> UInt32 {
      bytes[at..<(at + 4)].reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }
    func u64(_ at: Int) -> UInt64 {
      bytes[at..<(at + 8)].reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }
    func put(_ value: UInt32, at: Int) {
      for shift in 0..<4 { bytes[at + shift] = UInt8(truncatingIfNeeded: value >> (8 * shift)) }
    }
    func crc(_ range: Range<Int>) -> UInt32 { bytes[range].withUnsafeBytes { CRC32.checksum($0) } }
    guard bytes.count >= 32 else { return }
    let count = Int(u32(bytes.count - 16))
    guard count <= 64, bytes.count - 16 - count * 24 >= 16 else { return }
    let table = bytes.count - 16 - count * 24
    var sections: [(kind: UInt32, entry: Int, range: Range<Int>)] = []
    for index in 0..<count {
      let entry = table + index * 24
      let offset = u64(entry + 8)
      let length = u64(entry + 16)
      guard offset <= UInt64(table), length <= UInt64(table) - offset else { return }
      sections.append((u32(entry), entry, Int(offset)..<Int(offset + length)))
    }
    // Block checksums first: they are bytes of their own section.
    if let blocks = sections.first(where: { $0.kind == 13 })?.range, blocks.count >= 8 {
      let blockSize = Int(u32(blocks.lowerBound))
      let listed = Int(u32(blocks.lowerBound + 4))
      if blockSize.nonzeroBitCount == 1, blockSize >= 512, listed <= 16,
        8 + listed * 4 <= blocks.count
      {
        var at = blocks.lowerBound + 8 + listed * 4
        for index in 0..<listed {
          guard
            let covered = sections.first(where: {
              $0.kind == u32(blocks.lowerBound + 8 + index * 4)
            })?.range
          else { break }
          var start = covered.lowerBound
          while start < covered.upperBound, at + 4 <= blocks.upperBound {
            let end = min(start + blockSize, covered.upperBound)
            put(crc(start..<end), at: at)
            at += 4
            start = end
          }
        }
      }
    }
    for section in sections { put(crc(section.range), at: section.entry + 4) }
    put(crc(table..<(bytes.count - 12)), at: bytes.count - 12)
  }
}
