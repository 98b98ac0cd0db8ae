/// Okapi BM25 parameters (Robertson et al.; the values Lucene and tantivy use by default).
public struct BM25: Sendable {
  public var k1: Float = 1.2
  public var b: Float = 0.75
  public init() {}

  @inline(__always)
  func inverseDocumentFrequency(documentFrequency: Int, documentCount: Int) -> Float {
    let df = Float(documentFrequency)
    return logf(1 + (Float(documentCount) - df + 0.5) / (df + 0.5))
  }

  @inline(__always)
  func termWeight(frequency: UInt32, length: UInt32, averageLength: Float) -> Float {
    let tf = Float(frequency)
    return tf * (k1 + 1) / (tf + k1 * (1 - b + b * Float(length) / averageLength))
  }
}

/// What a search returns: the exact number of matching documents and the requested page.
public struct SearchResults: Sendable {
  public struct Hit: Sendable {
    /// Global document number (see `IndexReader.locate`).
    public var document: Int
    public var score: Float
    /// How many query terms the document contains exactly as typed.
    public var typedTerms: Int
  }

  public var total: Int
  public var hits: [Hit]
  /// Every matching document, per segment (sorted local numbers), when asked for: what facet
  /// counts (`termCounts`) read, without running the query a second time.
  public var matches: [[UInt32]]?
}

extension IndexReader {
  /// Runs `query`: every matching document is counted, the best `offset + limit` are ranked
  /// (by typed-form matches, then BM25) and `limit` of them returned after `offset`.
  public func search(
    _ query: CoreQuery, limit: Int, offset: Int = 0, collectingMatches: Bool = false, bm25: BM25 = BM25()
  ) throws(IndexError) -> SearchResults {
    var execution = Execution(reader: self, bm25: bm25)
    try execution.prepare(query)
    var collector = TopCollector(capacity: max(0, offset) + max(0, limit))
    var total = 0
    var matches: [[UInt32]] = []
    for (index, segment) in segments.enumerated() {
      let list = try execution.evaluate(query, segment: index)
      total += list.count
      if collectingMatches { matches.append(list.documents) }
      for position in 0..<list.count {
        collector.offer(.init(tier: list.tiers[position], score: list.scores[position], document: segment.base + Int(list.documents[position])))
      }
    }
    let ranked = collector.sorted().dropFirst(max(0, offset))
    return SearchResults(
      total: total,
      hits: ranked.map { .init(document: $0.document, score: $0.score, typedTerms: Int($0.tier)) },
      matches: collectingMatches ? matches : nil)
  }
}

/// The state of one search: every distinct term's postings per segment, read once, and the
/// statistics BM25 needs across all segments.
struct Execution {
  let reader: IndexReader
  let bm25: BM25
  private var postings: [TermMatcher: [TermPostings]] = [:]
  private var weights: [TermMatcher: Float] = [:]
  private var positions: [UInt32] = []

  init(reader: IndexReader, bm25: BM25) {
    self.reader = reader
    self.bm25 = bm25
  }

  /// Reads the postings of every term in the query and computes each term's IDF from its
  /// document frequency over all segments (the union over spellings, not their sum).
  mutating func prepare(_ query: CoreQuery) throws(IndexError) {
    switch query {
    case .term(let matcher): try load(matcher)
    case .phrase(let matchers): for matcher in matchers { try load(matcher) }
    case .all(let children), .any(let children): for child in children { try prepare(child) }
    case .not(let child), .filter(let child): try prepare(child)
    }
  }

  private mutating func load(_ matcher: TermMatcher) throws(IndexError) {
    if postings[matcher] != nil { return }
    var perSegment: [TermPostings] = []
    var documentFrequency = 0
    for segment in reader.segments {
      let loaded = try TermPostings(matcher: matcher, segment: segment)
      documentFrequency += loaded.documents.count
      perSegment.append(loaded)
    }
    postings[matcher] = perSegment
    weights[matcher] = bm25.inverseDocumentFrequency(documentFrequency: documentFrequency, documentCount: max(1, reader.documentCount))
  }

  mutating func evaluate(_ query: CoreQuery, segment: Int) throws(IndexError) -> DocumentList {
    let reader = self.reader.segments[segment].reader
    let averageLength = Float(self.reader.averageLength)
    switch query {
    case .term(let matcher):
      let term = postings[matcher]![segment]
      let weight = weights[matcher]!
      var list = DocumentList()
      list.documents = term.documents
      list.scores = (0..<term.documents.count).map { index in
        weight * bm25.termWeight(frequency: term.frequencies[index], length: reader.documentLength(Int(term.documents[index])), averageLength: averageLength)
      }
      list.tiers = term.typed.map { $0 ? 1 : 0 }
      return list
    case .phrase(let matchers):
      return try evaluatePhrase(matchers, segment: segment, averageLength: averageLength)
    case .all(let children):
      var result: DocumentList?
      var exclusions: [CoreQuery] = []
      var filters: [CoreQuery] = []
      for child in children {
        switch child {
        case .not: exclusions.append(child)
        case .filter: filters.append(child)
        default:
          let list = try evaluate(child, segment: segment)
          result = result.map { $0.intersection(list) } ?? list
        }
        if result?.count == 0 { return DocumentList() }
      }
      for filter in filters {
        let list = try evaluate(filter, segment: segment)
        result = result.map { $0.intersection(list, scoring: false) } ?? list
      }
      guard var kept = result else {
        throw IndexError(.invalidRequest, path: "", "a query needs at least one term that documents must contain, not only exclusions")
      }
      for exclusion in exclusions {
        guard case .not(let excluded) = exclusion else { continue }
        kept = kept.subtracting(try evaluate(excluded, segment: segment))
      }
      return kept
    case .any(let children):
      var result = DocumentList()
      for child in children { result = result.union(try evaluate(child, segment: segment)) }
      return result
    case .filter(let child):
      var list = try evaluate(child, segment: segment)
      list.scores = Array(repeating: 0, count: list.count)
      list.tiers = Array(repeating: 0, count: list.count)
      return list
    case .not:
      throw IndexError(.invalidRequest, path: "", "a query cannot consist only of an exclusion")
    }
  }

  /// Documents holding the terms at consecutive positions; BM25 with the phrase's frequency
  /// and the sum of its terms' IDFs (Lucene's phrase weight).
  private mutating func evaluatePhrase(_ matchers: [TermMatcher], segment: Int, averageLength: Float) throws(IndexError) -> DocumentList {
    let reader = self.reader.segments[segment].reader
    let terms = matchers.map { postings[$0]![segment] }
    guard var candidates = terms.first?.documents else { return DocumentList() }
    for term in terms.dropFirst() {
      candidates = Self.intersect(candidates, term.documents)
      if candidates.isEmpty { return DocumentList() }
    }
    let weight = matchers.reduce(Float(0)) { $0 + weights[$1]! }
    // One slot per spelling of each term; each walks its document list and reads positions
    // only for the candidates it holds.
    var slots: [PhraseSlot] = []
    var slotRanges: [Range<Int>] = []
    for term in terms {
      let first = slots.count
      for variant in term.variants {
        guard let seeker = PositionSeeker(reader: reader, term: variant.term) else {
          throw IndexError(.corrupt, path: reader.name, "a term's offsets are damaged; run `vitext index check`")
        }
        slots.append(PhraseSlot(documents: variant.documents, alwaysHolds: term.variants.count == 1, seeker: seeker))
      }
      slotRanges.append(first..<slots.count)
    }
    enum Typedness { case all, none, mixed }
    let typedness: [Typedness] = terms.map { term in
      term.variants.allSatisfy(\.isTyped) ? .all : term.variants.contains(where: \.isTyped) ? .mixed : .none
    }
    var typedWalk = [Int](repeating: 0, count: terms.count)
    var termWalk = [Int](repeating: 0, count: terms.count)
    var list = DocumentList()
    var occurrences: [UInt32] = []
    var next: [UInt32] = []
    for document in candidates {
      for offset in 0..<terms.count {
        if offset > 0 && occurrences.isEmpty { break }
        positions.removeAll(keepingCapacity: true)
        var contributing = 0
        let range = slotRanges[offset]
        if range.count == 1 {
          if slots[range.lowerBound].read(document, into: &positions) { contributing = 1 }
        } else {
          // The candidate's entry in the term's union says which spellings hold it.
          let union = terms[offset].documents
          while termWalk[offset] < union.count && union[termWalk[offset]] < document { termWalk[offset] += 1 }
          let mask = termWalk[offset] < union.count ? terms[offset].masks[termWalk[offset]] : 0
          var bits = mask & ~(1 << 63)
          while bits != 0 {
            let variant = bits.trailingZeroBitCount
            bits &= bits - 1
            if slots[range.lowerBound + variant].readHeld(document, into: &positions) { contributing += 1 }
          }
          if mask & (1 << 63) != 0 {
            for slot in (range.lowerBound + 63)..<range.upperBound where slots[slot].read(document, into: &positions) { contributing += 1 }
          }
        }
        if contributing > 1 { positions.sort() }
        if offset == 0 {
          swap(&occurrences, &positions)
          continue
        }
        next.removeAll(keepingCapacity: true)
        var j = 0
        for start in occurrences {
          let wanted = start &+ UInt32(offset)
          while j < positions.count && positions[j] < wanted { j += 1 }
          if j < positions.count && positions[j] == wanted { next.append(start) }
        }
        swap(&occurrences, &next)
      }
      guard !occurrences.isEmpty else { continue }
      // Whether every term occurs here as typed; decided without a lookup when a term's
      // spellings are all typed (an exact term) or none is.
      var allTyped = true
      for index in terms.indices where allTyped {
        switch typedness[index] {
        case .all: continue
        case .none: allTyped = false
        case .mixed:
          let documents = terms[index].documents
          while typedWalk[index] < documents.count && documents[typedWalk[index]] < document { typedWalk[index] += 1 }
          allTyped = typedWalk[index] < documents.count && terms[index].typed[typedWalk[index]]
        }
      }
      let score = weight * bm25.termWeight(frequency: UInt32(occurrences.count), length: reader.documentLength(Int(document)), averageLength: averageLength)
      list.append(document, score, allTyped ? 1 : 0)
    }
    if slots.contains(where: \.seeker.isDamaged) {
      throw IndexError(.corrupt, path: reader.name, "positions of a term are damaged; run `vitext index check`")
    }
    return list
  }

  private static func intersect(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
    var result: [UInt32] = []
    var i = 0
    var j = 0
    while i < a.count && j < b.count {
      if a[i] < b[j] { i += 1 } else if b[j] < a[i] { j += 1 } else { result.append(a[i]); i += 1; j += 1 }
    }
    return result
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One spelling of one phrase term while a phrase is checked.
struct PhraseSlot {
  let documents: [UInt32]
  /// The term has this one spelling, so every candidate holds it: no walk needed.
  let alwaysHolds: Bool
  var walked = 0
  var seeker: PositionSeeker

  init(documents: [UInt32], alwaysHolds: Bool, seeker: PositionSeeker) {
    self.documents = documents
    self.alwaysHolds = alwaysHolds
    self.seeker = seeker
  }

  /// Appends this spelling's positions in `document`, if it occurs there.
  @inline(__always)
  mutating func read(_ document: UInt32, into output: inout [UInt32]) -> Bool {
    if !alwaysHolds {
      while walked < documents.count && documents[walked] < document { walked += 1 }
      guard walked < documents.count && documents[walked] == document else { return false }
    }
    return seeker.positions(of: document, into: &output)
  }

  /// As `read`, for a document the union's mask says this spelling holds.
  @inline(__always)
  mutating func readHeld(_ document: UInt32, into output: inout [UInt32]) -> Bool {
    seeker.positions(of: document, into: &output)
  }
}
