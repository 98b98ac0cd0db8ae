/// Okapi BM25 parameters (Robertson et al.; the values Lucene and tantivy use by default).
public struct BM25: Sendable {
  /// Term-frequency saturation.
  public var k1: Float = 1.2
  /// Length normalization of the body (0: none, 1: full).
  public var b: Float = 0.75
  /// Coordination: an `.any` query's score is multiplied by (m / n)^coordination for a document
  /// matching m of its n clauses (Lucene's classic coord at 1; 0 turns it off), so a document
  /// holding every word of an OR query ranks above one that repeats a few of them. 2 was chosen
  /// on the known-item dev sets (body set, MRR@10: 0 → 0.48, 1 → 0.71, 2 → 0.74, 3 → 0.75).
  public var coordination: Float = 2
  /// The same for the terms of a `.bonus` (the share of the query's words in the title).
  public var bonusCoordination: Float = 1
  /// BM25's b for a `.bonus` term, normalized by the title's length (`SegmentReader.titleLength`).
  public var bonusB: Float = 0.75
  /// The parameters above, as chosen on the known-item dev sets (Benchmarks/README.md).
  public init() {}

  /// The coordination factor for `matched` of `clauses`.
  @inline(__always)
  func coordinationFactor(matched: Int, of clauses: Int, exponent: Float) -> Float {
    exponent == 0 || matched >= clauses ? 1 : powf(Float(matched) / Float(clauses), exponent)
  }

  @inline(__always)
  func inverseDocumentFrequency(documentFrequency df: Float, documentCount: Int) -> Float {
    // A weighted document frequency may be fractional: below one document it counts as one.
    let df = max(df, 1)
    return logf(1 + (Float(documentCount) - df + 0.5) / (df + 0.5))
  }

  @inline(__always)
  func termWeight(frequency: UInt32, length: UInt32, averageLength: Float) -> Float {
    termWeight(frequency: Float(frequency), length: length, averageLength: averageLength)
  }

  /// BM25's term-frequency part for a weighted frequency (spellings counted by their weights).
  @inline(__always)
  func termWeight(frequency tf: Float, length: UInt32, averageLength: Float) -> Float {
    saturated(tf, length: Float(length), averageLength: averageLength, b: b)
  }

  /// The term-frequency part of a title match, normalized by `bonusB`.
  @inline(__always)
  func titleTermWeight(frequency tf: Float, length: UInt16, averageLength: Float) -> Float {
    saturated(tf, length: Float(max(length, 1)), averageLength: averageLength, b: bonusB)
  }

  /// tf · (k1 + 1) / (tf + k1 · (1 − b + b · length / averageLength)).
  @inline(__always)
  private func saturated(_ tf: Float, length: Float, averageLength: Float, b: Float) -> Float {
    tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / averageLength))
  }
}

/// What a search returns: the exact number of matching documents and the requested page.
public struct SearchResults: Sendable {
  /// One ranked document.
  public struct Hit: Sendable {
    /// Global document number (see `IndexReader.locate`).
    public var document: Int
    /// Its score: hits are ordered by it alone (ties by document order).
    public var score: Float
  }

  /// Every matching document, counted exactly.
  public var total: Int
  /// The requested page of hits, best first.
  public var hits: [Hit]
  /// Every matching document, per segment (sorted local numbers), when asked for: what facet
  /// counts (`termCounts`) read, without running the query a second time.
  public var matches: [[UInt32]]?
  /// What the query cost, as `QueryBudget` counts it: postings decoded plus spellings probed
  /// per candidate document. Deterministic for an index and a query, unlike its time.
  public var postingsVisited: Int = 0
}

extension IndexReader {
  /// Runs `query`: every matching document is counted, the best `offset + limit` are ranked
  /// by score (BM25; ties by document order) and `limit` of them returned after `offset`.
  ///
  /// With `sortKeys` (per segment, one value per document, as `documentValues` makes them),
  /// hits are ranked by that value first, highest first, and by score among equal values.
  ///
  /// - Throws: `IndexError` with code `.overBudget`, `.timedOut` or `.cancelled` when the query
  ///   outgrows `budget` (no partial answer is returned), `.corrupt` for damaged postings.
  public func search(
    _ query: CoreQuery, limit: Int, offset: Int = 0, collectingMatches: Bool = false,
    bm25: BM25 = BM25(),
    budget: QueryBudget = .default, sortKeys: [[UInt32]]? = nil
  ) throws(IndexError) -> SearchResults {
    var execution = Execution(reader: self, bm25: bm25, budget: budget)
    try execution.prepare(query)
    var collector = TopCollector(capacity: max(0, offset) + max(0, limit))
    var total = 0
    var matches: [[UInt32]] = []
    for (index, segment) in segments.enumerated() {
      let list = try execution.evaluate(query, segment: index)
      try execution.spend(list.count)
      total += list.count
      if collectingMatches { matches.append(list.documents) }
      if let keys = sortKeys?[index] {
        for position in 0..<list.count {
          let local = Int(list.documents[position])
          collector.offer(
            .init(
              score: list.scores[position], document: segment.base + local,
              sortKey: local < keys.count ? keys[local] : 0))
        }
      } else {
        for position in 0..<list.count {
          collector.offer(
            .init(
              score: list.scores[position], document: segment.base + Int(list.documents[position])))
        }
      }
    }
    let ranked = collector.sorted().dropFirst(max(0, offset))
    return SearchResults(
      total: total,
      hits: ranked.map { .init(document: $0.document, score: $0.score) },
      matches: collectingMatches ? matches : nil,
      postingsVisited: execution.visited)
  }
}

/// The state of one search: each distinct term's spellings per segment (found in the
/// dictionary), postings decoded only where a whole list is needed, and each term's IDF.
struct Execution {
  let reader: IndexReader
  let bm25: BM25
  let budget: QueryBudget
  /// Postings visited so far (see `QueryBudget`).
  private(set) var visited = 0
  /// Per term, per segment: the dictionary terms it stands for.
  var spellings: [TermMatcher: [[TermPostings.Spelling]]] = [:]
  private var postings: [TermMatcher: [Int: TermPostings]] = [:]
  var weights: [TermMatcher: Float] = [:]

  /// How many of a segment's best matches a `.boosted` query's phrases are checked in.
  static let boostWindow = 100

  /// How many candidate documents a probing loop checks between two looks at the budget: few
  /// enough that a deadline or a cancellation is seen within milliseconds, many enough that
  /// looking costs nothing measurable.
  static let budgetStep = 4_096

  init(reader: IndexReader, bm25: BM25, budget: QueryBudget = .default) {
    self.reader = reader
    self.bm25 = bm25
    self.budget = budget
  }

  /// Counts `postings` against the budget before (or while) they are visited, and looks at
  /// the deadline and the caller: every loop of the query passes here at least every
  /// `budgetStep` documents.
  mutating func spend(_ postings: Int) throws(IndexError) {
    visited = visited &+ postings
    if visited > budget.maximumPostings || visited < 0 {
      throw IndexError(
        .overBudget, path: "",
        "the query would visit more than \(budget.maximumPostings) postings; make it narrower (fewer prefixes, more letters before *)"
      )
    }
    try budget.checkTimeAndCancellation()
  }

  /// Finds every query term's spellings and weighs the term by IDF. The document frequency of a
  /// term with several spellings is the sum of theirs, each times its weight (capped at the
  /// document count): it comes from the dictionary, so weighing a term never decodes its
  /// postings. With every weight 1 this is the folded key's own statistics.
  mutating func prepare(_ query: CoreQuery) throws(IndexError) {
    switch query {
    case .term(let matcher): try load(matcher)
    case .phrase(let matchers): for matcher in matchers { try load(matcher) }
    case .all(let children), .any(let children): for child in children { try prepare(child) }
    case .not(let child), .filter(let child): try prepare(child)
    case .bonus(let child, let terms, _):
      try prepare(child)
      for matcher in terms { try load(matcher) }
    case .boosted(let child, let boosts, _):
      try prepare(child)
      for boost in boosts { try prepare(boost) }
    case .equivalent(let children, _): for child in children { try prepare(child) }
    }
  }

  private mutating func load(_ matcher: TermMatcher) throws(IndexError) {
    if spellings[matcher] != nil { return }
    var perSegment: [[TermPostings.Spelling]] = []
    var documentFrequency: Float = 0
    for segment in reader.segments {
      let found = try TermPostings.spellings(of: matcher, in: segment.reader)
      // A prefix's dictionary entries are visited once however often the query repeats it.
      try spend(found.count)
      documentFrequency += found.reduce(0) { $0 + $1.weight * Float($1.documentFrequency) }
      perSegment.append(found)
    }
    spellings[matcher] = perSegment
    let documentCount = max(1, reader.documentCount)
    weights[matcher] = bm25.inverseDocumentFrequency(
      documentFrequency: min(documentFrequency, Float(documentCount)), documentCount: documentCount)
  }

  /// The decoded postings of `matcher` in `segment`, decoded on first use.
  mutating func decodedPostings(_ matcher: TermMatcher, segment: Int) throws(IndexError)
    -> TermPostings
  {
    if let decoded = postings[matcher]?[segment] { return decoded }
    // Charged before decoding: what a prefix would cost is known from the dictionary, so an
    // expansion too large for the budget is refused without being read.
    try spend(spellings[matcher]![segment].reduce(0) { $0 + $1.documentFrequency })
    let decoded = try TermPostings(
      spellings: spellings[matcher]![segment], segment: reader.segments[segment])
    postings[matcher, default: [:]][segment] = decoded
    return decoded
  }

  mutating func evaluate(_ query: CoreQuery, segment: Int) throws(IndexError) -> DocumentList {
    let averageLength = Float(self.reader.averageLength)
    switch query {
    case .term(let matcher):
      return try evaluateTerm(matcher, segment: segment, averageLength: averageLength)
    case .phrase(let matchers):
      return try evaluatePhrase(matchers, segment: segment, averageLength: averageLength)
    case .all(let children):
      return try evaluateAll(children, segment: segment, averageLength: averageLength)
    case .any(let children):
      return try evaluateAny(children, segment: segment)
    case .filter(let child):
      var list = try evaluate(child, segment: segment)
      list.scores = Array(repeating: 0, count: list.count)
      return list
    case .boosted(let child, let boosts, let weight):
      return try evaluateBoosted(
        child, boosts: boosts, weight: weight, segment: segment, averageLength: averageLength)
    case .bonus(let child, let terms, let weight):
      return try evaluateBonus(child, terms: terms, weight: weight, segment: segment)
    case .equivalent(let children, let preference):
      return try evaluateEquivalent(children, preference: preference, segment: segment)
    case .not:
      throw IndexError(.invalidRequest, path: "", "a query cannot consist only of an exclusion")
    }
  }

  /// A term's documents scored by BM25, the score taken `times` times (a term the query
  /// repeats counts as often as it is written, but is read once).
  mutating func evaluateTerm(
    _ matcher: TermMatcher, segment: Int, averageLength: Float, times: Int = 1
  ) throws(IndexError) -> DocumentList {
    let reader = self.reader.segments[segment].reader
    let term = try decodedPostings(matcher, segment: segment)
    let weight = weights[matcher]! * Float(times)
    return DocumentList.build(capacity: term.documents.count) { output in
      for index in term.documents.indices {
        let document = term.documents[index]
        let length = reader.documentLength(Int(document))
        let score =
          weight
          * bm25.termWeight(
            frequency: term.weightedFrequencies[index], length: length, averageLength: averageLength
          )
        output.append(document, score)
      }
    }
  }

  /// Each distinct query in `queries` with how often it occurs, in order of first occurrence:
  /// a query that repeats a clause (`c* c* c*` …) is evaluated once per distinct clause.
  static func counted<Element: Equatable>(_ queries: [Element]) -> [(Element, Int)] {
    var distinct: [(Element, Int)] = []
    for query in queries {
      if let index = distinct.firstIndex(where: { $0.0 == query }) {
        distinct[index].1 += 1
      } else {
        distinct.append((query, 1))
      }
    }
    return distinct
  }

  mutating func evaluateAll(_ children: [CoreQuery], segment: Int, averageLength: Float)
    throws(IndexError) -> DocumentList
  {
    var result: DocumentList?
    var exclusions: [CoreQuery] = []
    var filters: [CoreQuery] = []
    // Plain terms are matched together, probing the longer lists from the shortest's
    // documents; phrases and groups are evaluated on their own and intersected. A clause
    // written twice is read once and scored twice.
    let terms = Self.counted(
      children.compactMap { child -> TermMatcher? in
        if case .term(let matcher) = child { matcher } else { nil }
      })
    if terms.count > 1 {
      result = try evaluateConjunction(
        terms.map { $0.0 }, times: terms.map { $0.1 }, segment: segment,
        averageLength: averageLength)
      if result?.count == 0 { return DocumentList() }
    } else if let only = terms.first, only.1 > 1 {
      result = try evaluateTerm(
        only.0, segment: segment, averageLength: averageLength, times: only.1)
      if result?.count == 0 { return DocumentList() }
    }
    let readTerms = terms.count > 1 || terms.first.map { $0.1 > 1 } == true
    for (child, times) in Self.counted(children) {
      switch child {
      case .not: exclusions.append(child)
      case .filter: filters.append(child)
      case .term where readTerms: continue
      default:
        var list = try evaluate(child, segment: segment)
        if times > 1 { list.scale(by: Float(times)) }
        result = result.map { $0.intersection(list) } ?? list
      }
      if result?.count == 0 { return DocumentList() }
    }
    for filter in filters {
      let list = try evaluate(filter, segment: segment)
      result = result.map { $0.intersection(list, scoring: false) } ?? list
    }
    guard var kept = result else {
      throw IndexError(
        .invalidRequest, path: "",
        "a query needs at least one term that documents must contain, not only exclusions")
    }
    for exclusion in exclusions {
      guard case .not(let excluded) = exclusion else { continue }
      kept = kept.subtracting(try evaluate(excluded, segment: segment))
    }
    return kept
  }

  mutating func evaluateAny(_ children: [CoreQuery], segment: Int) throws(IndexError)
    -> DocumentList
  {
    let reader = self.reader.segments[segment].reader
    let distinct = Self.counted(children)
    if children.count < 2 || bm25.coordination == 0 {
      var result = DocumentList()
      for (child, times) in distinct {
        var list = try evaluate(child, segment: segment)
        if times > 1 { list.scale(by: Float(times)) }
        result = result.union(list)
      }
      return result
    }
    // Scores and matched clauses gathered per document of the segment, then scaled by the
    // coordination factor: one pass over each child's list and one over the segment. A
    // clause written twice is read once and counts twice.
    var scores = [Float](repeating: 0, count: reader.documentCount)
    var matched = [UInt32](repeating: 0, count: reader.documentCount)
    var total = 0
    for (child, times) in distinct {
      let list = try evaluate(child, segment: segment)
      total += list.count
      for index in list.documents.indices {
        let document = Int(list.documents[index])
        scores[document] += list.scores[index] * Float(times)
        matched[document] += UInt32(times)
      }
    }
    return DocumentList.build(capacity: min(total, reader.documentCount)) { output in
      for document in matched.indices where matched[document] > 0 {
        let factor = bm25.coordinationFactor(
          matched: Int(matched[document]), of: children.count, exponent: bm25.coordination)
        output.append(UInt32(document), scores[document] * factor)
      }
    }
  }

  /// The IDF weight `query` scores with: a term's IDF, the sum of a phrase's or a group's.
  func inverseDocumentFrequencyWeight(_ query: CoreQuery) -> Float {
    switch query {
    case .term(let matcher): weights[matcher] ?? 0
    case .phrase(let matchers): matchers.reduce(0) { $0 + (weights[$1] ?? 0) }
    case .all(let children), .any(let children):
      children.reduce(0) { $0 + inverseDocumentFrequencyWeight($1) }
    case .bonus(let child, _, _), .boosted(let child, _, _): inverseDocumentFrequencyWeight(child)
    case .equivalent(let children, _): children.first.map(inverseDocumentFrequencyWeight) ?? 0
    case .not, .filter: 0
    }
  }

  mutating func evaluateEquivalent(_ children: [CoreQuery], preference: Float, segment: Int)
    throws(IndexError) -> DocumentList
  {
    guard let typed = children.first else { return DocumentList() }
    let reader = self.reader.segments[segment].reader
    let typedWeight = inverseDocumentFrequencyWeight(typed)
    // Per document of the segment, its best rescaled score (-1: not matched): one pass over
    // each child's list and one over the segment, as `.any` gathers its clauses.
    var best = [Float](repeating: -1, count: reader.documentCount)
    var total = 0
    for (index, child) in children.enumerated() {
      let list = try evaluate(child, segment: segment)
      total += list.count
      let weight = inverseDocumentFrequencyWeight(child)
      let factor =
        (index == 0 ? 1 : preference) * (weight > 0 && typedWeight > 0 ? typedWeight / weight : 1)
      for position in list.documents.indices {
        let document = Int(list.documents[position])
        best[document] = max(best[document], list.scores[position] * factor)
      }
    }
    return DocumentList.build(capacity: min(total, reader.documentCount)) { output in
      for document in best.indices where best[document] >= 0 {
        output.append(UInt32(document), best[document])
      }
    }
  }

  mutating func evaluateBoosted(
    _ child: CoreQuery, boosts: [CoreQuery], weight: Float, segment: Int, averageLength: Float
  ) throws(IndexError) -> DocumentList {
    var list = try evaluate(child, segment: segment)
    // A phrase is checked only in the child's best matches (a rescoring window, as search
    // engines rescore their top hits): checking it in every match cost AND queries of common
    // words up to ten times their own time.
    var window = list.documents
    if list.count > Self.boostWindow {
      let threshold = list.scores.sorted(by: >)[Self.boostWindow - 1]
      window = list.documents.indices.filter { list.scores[$0] >= threshold }.map {
        list.documents[$0]
      }
    }
    for boost in boosts where list.count > 0 {
      let boosting =
        if case .phrase(let matchers) = boost {
          try evaluatePhrase(
            matchers, segment: segment, averageLength: averageLength, window: window)
        } else {
          try evaluate(boost, segment: segment)
        }
      var next = 0
      for index in list.documents.indices {
        let document = list.documents[index]
        while next < boosting.count && boosting.documents[next] < document { next += 1 }
        if next < boosting.count && boosting.documents[next] == document {
          list.scores[index] += weight * boosting.scores[next]
        }
      }
    }
    return list
  }

  mutating func evaluateBonus(_ child: CoreQuery, terms: [TermMatcher], weight: Float, segment: Int)
    throws(IndexError) -> DocumentList
  {
    let reader = self.reader.segments[segment].reader
    var list = try evaluate(child, segment: segment)
    if list.count == 0 || terms.isEmpty { return list }
    // Per matching document: the bonus terms' summed score and how many it holds, each term's
    // postings walked beside the list (titles are short, so their postings are too).
    var bonus = [Float](repeating: 0, count: list.count)
    var held = [UInt16](repeating: 0, count: list.count)
    let averageTitleLength = Float(self.reader.averageTitleLength)
    // A segment written before titles' lengths were kept scores every title as of mean length.
    func titleLength(_ document: UInt32) -> UInt16 {
      reader.titleLength(Int(document)) ?? UInt16(averageTitleLength.rounded())
    }
    for matcher in terms {
      let idf = weights[matcher]!
      let spellingsHere = spellings[matcher]![segment]
      let titleFrequency = spellingsHere.reduce(0) { $0 + $1.documentFrequency }
      if titleFrequency == 0 { continue }
      if list.count * spellingsHere.count * 4 < titleFrequency {
        // Few matches beside the title postings: each match is probed through the skip
        // entries instead of every spelling's postings being decoded.
        try spend(list.count * spellingsHere.count)
        var probed = try SpellingSeekers(
          terms: [0], of: [spellingsHere], reader: reader, readsPositions: false)
        let spellingWeights = probed.weights
        probed.seekers.withUnsafeMutableBufferPointer { seekers in
          for index in list.documents.indices {
            let document = list.documents[index]
            var frequency: Float = 0
            var holds = false
            for spelling in seekers.indices where seekers[spelling].advance(to: document) {
              frequency += spellingWeights[spelling] * Float(seekers[spelling].frequency)
              holds = true
            }
            guard holds else { continue }
            bonus[index] +=
              idf
              * bm25.titleTermWeight(
                frequency: frequency, length: titleLength(document),
                averageLength: averageTitleLength)
            held[index] += 1
          }
        }
        if probed.isDamaged {
          throw IndexError(.corrupt, path: reader.name, "postings of a term are damaged")
        }
        continue
      }
      let term = try decodedPostings(matcher, segment: segment)
      var index = 0
      for posting in term.documents.indices {
        let document = term.documents[posting]
        while index < list.count && list.documents[index] < document { index += 1 }
        if index == list.count { break }
        guard list.documents[index] == document else { continue }
        bonus[index] +=
          idf
          * bm25.titleTermWeight(
            frequency: term.weightedFrequencies[posting], length: titleLength(document),
            averageLength: averageTitleLength)
        held[index] += 1
      }
    }
    for index in list.documents.indices where held[index] > 0 {
      let coordination = bm25.coordinationFactor(
        matched: Int(held[index]), of: terms.count, exponent: bm25.bonusCoordination)
      list.scores[index] += weight * coordination * bonus[index]
    }
    return list
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
