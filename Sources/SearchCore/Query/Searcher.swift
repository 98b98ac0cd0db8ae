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

/// The state of one search: each distinct term's spellings per segment (found in the
/// dictionary), postings decoded only where a whole list is needed, and each term's IDF.
struct Execution {
  let reader: IndexReader
  let bm25: BM25
  /// Per term, per segment: the dictionary terms it stands for.
  var spellings: [TermMatcher: [[TermPostings.Spelling]]] = [:]
  private var postings: [TermMatcher: [Int: TermPostings]] = [:]
  var weights: [TermMatcher: Float] = [:]

  init(reader: IndexReader, bm25: BM25) {
    self.reader = reader
    self.bm25 = bm25
  }

  /// Finds every query term's spellings and weighs the term by IDF. The document frequency of a
  /// term with several spellings is the sum of theirs (capped at the document count): it comes
  /// from the dictionary, so weighing a term never decodes its postings.
  mutating func prepare(_ query: CoreQuery) throws(IndexError) {
    switch query {
    case .term(let matcher): try load(matcher)
    case .phrase(let matchers): for matcher in matchers { try load(matcher) }
    case .all(let children), .any(let children): for child in children { try prepare(child) }
    case .not(let child), .filter(let child): try prepare(child)
    }
  }

  private mutating func load(_ matcher: TermMatcher) throws(IndexError) {
    if spellings[matcher] != nil { return }
    var perSegment: [[TermPostings.Spelling]] = []
    var documentFrequency = 0
    for segment in reader.segments {
      let found = try TermPostings.spellings(of: matcher, in: segment.reader)
      documentFrequency += found.reduce(0) { $0 + $1.documentFrequency }
      perSegment.append(found)
    }
    spellings[matcher] = perSegment
    let documentCount = max(1, reader.documentCount)
    weights[matcher] = bm25.inverseDocumentFrequency(documentFrequency: min(documentFrequency, documentCount), documentCount: documentCount)
  }

  /// The decoded postings of `matcher` in `segment`, decoded on first use.
  mutating func decodedPostings(_ matcher: TermMatcher, segment: Int) throws(IndexError) -> TermPostings {
    if let decoded = postings[matcher]?[segment] { return decoded }
    let decoded = try TermPostings(spellings: spellings[matcher]![segment], segment: reader.segments[segment])
    postings[matcher, default: [:]][segment] = decoded
    return decoded
  }

  mutating func evaluate(_ query: CoreQuery, segment: Int) throws(IndexError) -> DocumentList {
    let reader = self.reader.segments[segment].reader
    let averageLength = Float(self.reader.averageLength)
    switch query {
    case .term(let matcher):
      let term = try decodedPostings(matcher, segment: segment)
      let weight = weights[matcher]!
      return DocumentList.build(capacity: term.documents.count) { output in
        for index in term.documents.indices {
          let document = term.documents[index]
          let length = reader.documentLength(Int(document))
          let score = weight * bm25.termWeight(frequency: term.frequencies[index], length: length, averageLength: averageLength)
          output.append(document, score, term.typed[index] ? 1 : 0)
        }
      }
    case .phrase(let matchers):
      return try evaluatePhrase(matchers, segment: segment, averageLength: averageLength)
    case .all(let children):
      var result: DocumentList?
      var exclusions: [CoreQuery] = []
      var filters: [CoreQuery] = []
      // Plain terms are matched together, probing the longer lists from the shortest's
      // documents; phrases and groups are evaluated on their own and intersected.
      let terms = children.compactMap { child -> TermMatcher? in if case .term(let matcher) = child { matcher } else { nil } }
      if terms.count > 1 {
        result = try evaluateConjunction(terms, segment: segment, averageLength: averageLength)
        if result?.count == 0 { return DocumentList() }
      }
      for child in children {
        switch child {
        case .not: exclusions.append(child)
        case .filter: filters.append(child)
        case .term where terms.count > 1: continue
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
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
