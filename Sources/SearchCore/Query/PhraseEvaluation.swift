extension Execution {
  /// Documents holding the terms at consecutive positions; BM25 with the phrase's frequency
  /// and the sum of its terms' IDFs (Lucene's phrase weight).
  ///
  /// Only the rarest term's postings are decoded: its documents are the candidates. Every other
  /// term is probed per candidate through its skip entries, rarest first, and a candidate is
  /// dropped at the first term it lacks or whose positions do not line up. Common syllables
  /// ("và", "nhân", "dân") are so read only in the blocks that hold candidates, and their
  /// positions only for documents still in the running.
  mutating func evaluatePhrase(_ matchers: [TermMatcher], segment: Int, averageLength: Float) throws(IndexError) -> DocumentList {
    let reader = self.reader.segments[segment].reader
    let spellingsOfTerms = matchers.map { spellings[$0]![segment] }
    let frequencies = spellingsOfTerms.map { $0.reduce(0) { $0 + $1.documentFrequency } }
    guard let driver = frequencies.indices.min(by: { frequencies[$0] < frequencies[$1] }), frequencies[driver] > 0 else {
      return DocumentList()
    }
    let candidates = try decodedPostings(matchers[driver], segment: segment)
    let order = frequencies.indices.sorted { frequencies[$0] < frequencies[$1] }.filter { $0 != driver }
    // Candidates (indices into the driver's list) narrowed at the document level first by the
    // terms whose lists are short beside them: decoding and merging such a list costs less than
    // probing it once per candidate.
    var survivors = [Int32](0..<Int32(candidates.documents.count))
    for index in order where frequencies[index] <= Self.mergeRatio * survivors.count {
      let term = try decodedPostings(matchers[index], segment: segment)
      survivors = Self.keep(survivors, of: candidates.documents, in: term.documents)
      if survivors.isEmpty { return DocumentList() }
    }
    var driverProbe = try TermProbe(spellings: spellingsOfTerms[driver], offset: driver, reader: reader)
    var probes: [TermProbe] = []
    for index in order {
      probes.append(try TermProbe(spellings: spellingsOfTerms[index], offset: index, reader: reader))
    }
    let weight = matchers.reduce(Float(0)) { $0 + weights[$1]! }
    let driverOffset = UInt32(driver)
    var list = DocumentList()
    var starts: [UInt32] = []
    var positions: [UInt32] = []
    for survivor in survivors {
      let index = Int(survivor)
      let document = candidates.documents[index]
      positions.removeAll(keepingCapacity: true)
      driverProbe.read(document, holders: candidates.masks[index], into: &positions)
      // A phrase starts `driverOffset` before each occurrence of the driver.
      starts.removeAll(keepingCapacity: true)
      for position in positions where position >= driverOffset { starts.append(position - driverOffset) }
      var allTyped = candidates.typed[index]
      for probe in probes.indices {
        positions.removeAll(keepingCapacity: true)
        let found = probes[probe].read(document, holders: ~0, into: &positions)
        if !found.held { starts.removeAll(keepingCapacity: true); break }
        allTyped = allTyped && found.typed
        Self.keepStarts(&starts, followedAt: probes[probe].offset, by: positions)
        if starts.isEmpty { break }
      }
      guard !starts.isEmpty else { continue }
      let score = weight * bm25.termWeight(frequency: UInt32(starts.count), length: reader.documentLength(Int(document)), averageLength: averageLength)
      list.append(document, score, allTyped ? 1 : 0)
    }
    if driverProbe.isDamaged || probes.contains(where: \.isDamaged) {
      throw IndexError(.corrupt, path: reader.name, "positions of a term are damaged; run `vitext index check`")
    }
    return list
  }

  /// How much longer than the candidate list a term's list may be and still be merged with it
  /// rather than probed per candidate (measured on the gov corpus: 8 to 32 perform alike).
  static var mergeRatio: Int { 16 }

  /// The survivors whose document is also in `documents` (both in document order).
  private static func keep(_ survivors: [Int32], of candidates: [UInt32], in documents: [UInt32]) -> [Int32] {
    var kept: [Int32] = []
    kept.reserveCapacity(survivors.count)
    var next = 0
    for survivor in survivors {
      let document = candidates[Int(survivor)]
      while next < documents.count && documents[next] < document { next += 1 }
      if next == documents.count { break }
      if documents[next] == document { kept.append(survivor) }
    }
    return kept
  }

  /// Keeps the phrase starts `s` for which `s + offset` is among `positions` (both sorted).
  @inline(__always)
  private static func keepStarts(_ starts: inout [UInt32], followedAt offset: UInt32, by positions: [UInt32]) {
    let kept = starts.withUnsafeMutableBufferPointer { starts in
      positions.withUnsafeBufferPointer { positions in
        var kept = 0
        var next = 0
        for start in starts {
          let wanted = start &+ offset
          while next < positions.count && positions[next] < wanted { next += 1 }
          if next < positions.count && positions[next] == wanted {
            // Written at or before where it was read, so the pass reuses the buffer.
            starts[kept] = start
            kept += 1
          }
        }
        return kept
      }
    }
    starts.removeLast(starts.count - kept)
  }
}

/// One phrase term while candidates are checked: a position seeker per spelling, so a candidate
/// costs a probe into each spelling's postings, never a walk over them.
struct TermProbe {
  /// The term's place in the phrase.
  let offset: UInt32
  private var seekers: [PositionSeeker]
  private let typed: [Bool]

  init(spellings: [TermPostings.Spelling], offset: Int, reader: SegmentReader) throws(IndexError) {
    self.offset = UInt32(offset)
    seekers = []
    for spelling in spellings {
      guard let seeker = PositionSeeker(reader: reader, term: spelling.term) else {
        throw IndexError(.corrupt, path: reader.name, "a term's offsets are damaged; run `vitext index check`")
      }
      seekers.append(seeker)
    }
    typed = spellings.map(\.isTyped)
  }

  var isDamaged: Bool { seekers.contains(where: \.isDamaged) }

  /// Appends, sorted, the positions in `document` of the spellings `holders` allows (bit v for
  /// spelling v, bit 63 for every spelling from the 63rd on; all bits set when unknown).
  /// Returns whether any spelling holds the document and whether a typed one does.
  @inline(__always)
  mutating func read(_ document: UInt32, holders: UInt64, into positions: inout [UInt32]) -> (held: Bool, typed: Bool) {
    var holding = 0
    var typedHeld = false
    if seekers.count == 1 {
      if seekers[0].positions(of: document, into: &positions) { return (true, typed[0]) }
      return (false, false)
    }
    for spelling in seekers.indices where holders & TermPostings.bit(spelling) != 0 {
      if seekers[spelling].positions(of: document, into: &positions) {
        holding += 1
        typedHeld = typedHeld || typed[spelling]
      }
    }
    if holding > 1 { positions.sort() }
    return (holding > 0, typedHeld)
  }
}
