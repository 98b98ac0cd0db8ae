/// A committed index opened for searching: the manifest's segments, mapped, with their deletions.
///
/// A reader sees one commit for its whole life. Writers never change a file a manifest names,
/// so a reader never waits for a writer; if a commit removes a segment between reading the
/// manifest and mapping the segment, opening starts again from the newer manifest.
public final class IndexReader: @unchecked Sendable {
  /// The folder the index was opened from.
  public let directory: IndexDirectory
  /// The manifest of the commit this reader sees, for its whole life.
  public let manifest: Manifest
  /// The committed segments, in document order, each with its deletions.
  public let segments: [LiveSegment]
  /// Live documents (deleted ones excluded).
  public let documentCount: Int
  /// Mean body length in tokens, for BM25.
  public let averageLength: Double
  /// Mean title length in tokens (of documents with a title), for the title part of a score.
  public let averageTitleLength: Double

  /// One segment of the commit, with the documents removed from it since it was written.
  public struct LiveSegment: Sendable {
    /// The segment's file, mapped.
    public let reader: SegmentReader
    /// Which of the segment's documents are deleted: searches skip them.
    public let deletions: DeletionSet
    /// Global number of the segment's first document.
    public let base: Int
  }

  /// Opens the index committed in `directory`.
  ///
  /// - Throws: `.missing` without a manifest, `.corrupt` for damaged files, `.version` for an
  ///   index written by another analyzer or format.
  public init(directory: IndexDirectory, analyzer: String) throws(IndexError) {
    self.directory = directory
    var attempt = 0
    while true {
      attempt += 1
      guard directory.exists(Manifest.fileName) else {
        throw IndexError(.missing, path: directory.path, "no index here (no \(Manifest.fileName))")
      }
      let manifest = try Manifest.decode(
        try directory.read(Manifest.fileName), path: directory.filePath(Manifest.fileName))
      guard manifest.analyzer == analyzer else {
        throw IndexError(
          .version, path: directory.path,
          "index was built with analyzer \(manifest.analyzer), this vitext uses \(analyzer): rebuild it"
        )
      }
      do throws(IndexError) {
        var segments: [LiveSegment] = []
        var base = 0
        var tokens: UInt64 = 0
        var titleWords = 0
        var titled = 0
        for entry in manifest.segments {
          let reader = try SegmentReader(directory: directory, name: entry.file)
          guard reader.documentCount == entry.documents else {
            throw IndexError(
              .corrupt, path: directory.filePath(entry.file),
              "segment holds \(reader.documentCount) documents, the manifest says \(entry.documents)"
            )
          }
          for document in 0..<reader.documentCount {
            guard let length = reader.titleLength(document), length > 0 else { continue }
            titleWords += Int(length)
            titled += 1
          }
          segments.append(
            LiveSegment(
              reader: reader, deletions: try DeletionSet(of: entry, in: directory), base: base))
          base += reader.documentCount
          tokens += reader.bodyTokens
        }
        self.manifest = manifest
        self.segments = segments
        documentCount = manifest.documentCount
        averageLength = base == 0 ? 1 : max(1, Double(tokens) / Double(base))
        averageTitleLength = titled == 0 ? 1 : max(1, Double(titleWords) / Double(titled))
        return
      } catch  where error.code == .io && attempt < 5 {
        continue  // a concurrent commit removed a segment: read the newer manifest
      }
    }
  }

  /// Checks every file against its checksums; returns the damage found (empty when sound).
  public func verify() -> [IndexError] {
    var damage: [IndexError] = []
    for segment in segments {
      do { try segment.reader.verify() } catch { damage.append(error) }
    }
    return damage
  }

  /// Where global document `number` lives.
  public func locate(_ number: Int) -> (segment: LiveSegment, document: Int)? {
    guard let index = segments.lastIndex(where: { $0.base <= number }) else { return nil }
    let document = number - segments[index].base
    return document < segments[index].reader.documentCount ? (segments[index], document) : nil
  }

  /// Finds a live document by id (a linear scan: for serving single documents, not for loops).
  ///
  /// - Throws: `.corrupt` when a stored entry read on the way is damaged.
  public func document(id: [UInt8]) throws(IndexError) -> Int? {
    for segment in segments {
      for document in 0..<segment.reader.documentCount where !segment.deletions.contains(document) {
        if try segment.reader.documentID(document).elementsEqual(id) {
          return segment.base + document
        }
      }
    }
    return nil
  }

  /// The spellings (exact keys) of a folded key with their document frequencies summed across
  /// segments (deleted documents still counted, as BM25's statistics count them), most
  /// frequent first.
  public func spellings(folded: [UInt8]) -> [(exact: [UInt8], documentFrequency: Int)] {
    var frequencies: [[UInt8]: Int] = [:]
    for segment in segments {
      let range = folded.withUnsafeBytes { segment.reader.terms(folded: $0) }
      for term in range {
        frequencies[Array(segment.reader.keys(term).exact), default: 0] += segment.reader
          .documentFrequency(term)
      }
    }
    return frequencies.map { ($0.key, $0.value) }.sorted {
      $0.documentFrequency != $1.documentFrequency
        ? $0.documentFrequency > $1.documentFrequency : $0.exact.lexicographicallyPrecedes($1.exact)
    }
  }

  /// Distinct exact keys whose folded key starts with `prefix`, across segments (for entity
  /// filters, which match by containment inside a small field).
  public func keys(foldedPrefix prefix: [UInt8]) -> [(folded: [UInt8], exact: [UInt8])] {
    var seen: Set<[UInt8]> = []
    var keys: [(folded: [UInt8], exact: [UInt8])] = []
    for segment in segments {
      let range = prefix.withUnsafeBytes { segment.reader.terms(folded: $0, prefix: true) }
      for term in range {
        let pair = segment.reader.keys(term)
        let exact = Array(pair.exact)
        if seen.insert(exact).inserted { keys.append((Array(pair.folded), exact)) }
      }
    }
    return keys
  }
}
