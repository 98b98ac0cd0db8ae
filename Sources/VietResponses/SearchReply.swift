import Foundation
import VietDocuments
import VietSearch

/// The answer to a search, as `vitext search --format json` prints it and `GET /api/search`
/// sends it: one type, so the two cannot drift apart. Members are written in the order
/// declared here; `facets` only when the search counted them (the API always does, the CLI
/// with `--facets N`).
public struct SearchReply: Codable, Sendable {
  /// The query as typed.
  public var query: String
  /// The accented query a query typed without diacritics most likely means, or null.
  public var suggestion: String?
  /// Every matching document, counted exactly.
  public var total: Int
  /// In-process time of the search, snippets and facets, in milliseconds to 3 decimals.
  public var tookMilliseconds: Double
  /// What matching cost, as `QueryBudget` counts it (postings decoded and probed).
  public var postingsVisited: Int
  /// Hits skipped before the first one returned.
  public var offset: Int
  /// Hits asked for.
  public var limit: Int
  /// How hits are ordered: `relevance`, or `date` (newest first, undated last).
  public var sort: String
  /// The returned hits, best first.
  public var hits: [SearchHitReply]
  /// The most frequent cited documents, officials and units among all matches, when counted.
  public var facets: FacetsReply?

  enum CodingKeys: String, CodingKey {
    case query, suggestion, total
    case tookMilliseconds = "took_ms"
    case postingsVisited = "postings_visited"
    case offset, limit, sort, hits, facets
  }

  /// The reply for `response`, a search run with `offset`, `limit` and `sort`; `facets` when
  /// it counted them.
  public init(_ response: SearchResponse, offset: Int, limit: Int, sort: SearchOrder, facets: Bool)
  {
    query = response.query
    suggestion = response.suggestion
    total = response.total
    tookMilliseconds = ResponseNumbers.milliseconds(response.totalNanoseconds)
    postingsVisited = response.postingsVisited
    self.offset = offset
    self.limit = limit
    self.sort = sort.rawValue
    hits = response.hits.map(SearchHitReply.init)
    self.facets = facets ? FacetsReply(response.facets) : nil
  }

  /// Writes `suggestion` as null when there is none (documented so), `facets` only when counted.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(query, forKey: .query)
    try container.encode(suggestion, forKey: .suggestion)
    try container.encode(total, forKey: .total)
    try container.encode(tookMilliseconds, forKey: .tookMilliseconds)
    try container.encode(postingsVisited, forKey: .postingsVisited)
    try container.encode(offset, forKey: .offset)
    try container.encode(limit, forKey: .limit)
    try container.encode(sort, forKey: .sort)
    try container.encode(hits, forKey: .hits)
    try container.encodeIfPresent(facets, forKey: .facets)
  }
}

/// One hit of a search. New members go at the end, so a reader that takes them by position
/// (a table, a CSV export) keeps working.
public struct SearchHitReply: Codable, Sendable {
  /// The document's id.
  public var id: String
  /// What the document is shown as everywhere (text output, page, JSON): its title, else its
  /// text's first line, else its id (`SearchHit.heading`).
  public var title: String
  /// BM25 score to 4 significant digits.
  public var score: Double
  /// The passage around the best matches ("" without snippets).
  public var snippet: String
  /// Highlighted ranges of `snippet` as `[start, end]` code-point offsets (Python `str`
  /// indices).
  public var highlights: [[Int]]
  /// The document's own number, type, issuer, place, issue date, summary and signer (members
  /// unknown left out), as `vitext extract` writes them; null when none is known.
  public var metadata: DocumentMetadata?
  /// True when the document matched only through a typo correction of the query (such hits
  /// come after every document matching as typed).
  public var fuzzy: Bool

  enum CodingKeys: String, CodingKey { case id, title, score, snippet, highlights, metadata, fuzzy }

  /// The reply for one hit of a `SearchResponse`.
  public init(_ hit: SearchHit) {
    id = hit.id
    title = hit.heading
    score = ResponseNumbers.significant(hit.score, digits: 4)
    snippet = hit.snippet?.text ?? ""
    highlights = hit.snippet?.highlights.map { [$0.lowerBound, $0.upperBound] } ?? []
    metadata = hit.metadata
    fuzzy = hit.foundByCorrection
  }

  /// Writes an unknown `metadata` as null, a member every hit has, rather than leaving it out.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(id, forKey: .id)
    try container.encode(title, forKey: .title)
    try container.encode(score, forKey: .score)
    try container.encode(snippet, forKey: .snippet)
    try container.encode(highlights, forKey: .highlights)
    try container.encode(metadata, forKey: .metadata)
    try container.encode(fuzzy, forKey: .fuzzy)
  }
}

/// Facets of a search: for each metadata and entity field, its most frequent values among the
/// matches.
public struct FacetsReply: Codable, Sendable {
  /// Issue years (`issued:`).
  public var years: [FacetReply]
  /// Document types (`type:`).
  public var types: [FacetReply]
  /// Issuing bodies (`issuer:`).
  public var issuers: [FacetReply]
  /// Documents cited (`cites:`).
  public var cites: [FacetReply]
  /// Officials named (`official:`).
  public var officials: [FacetReply]
  /// Units named (`unit:`).
  public var units: [FacetReply]

  /// The reply for a response's facets (a field it did not count has none).
  public init(_ facets: [SearchField: [Facet]]) {
    years = (facets[.issued] ?? []).map(FacetReply.init)
    types = (facets[.type] ?? []).map(FacetReply.init)
    issuers = (facets[.issuer] ?? []).map(FacetReply.init)
    cites = (facets[.cites] ?? []).map(FacetReply.init)
    officials = (facets[.official] ?? []).map(FacetReply.init)
    units = (facets[.unit] ?? []).map(FacetReply.init)
  }
}

/// One facet value.
public struct FacetReply: Codable, Sendable {
  /// The index key (lowercase, canonical tone placement).
  public var key: String
  /// The value in its most frequent written form.
  public var label: String
  /// Matching documents holding it.
  public var documents: Int
  /// The query clause that narrows a search to it, e.g. `cites:"11-đa/tu"`.
  public var filter: String

  /// The reply for one facet.
  public init(_ facet: Facet) {
    key = facet.key
    label = facet.label
    documents = facet.documents
    filter = facet.filter
  }
}

/// The rounding every reply uses, so a figure reads the same wherever it is shown.
public enum ResponseNumbers {
  /// `value` to `digits` significant digits (7.2697434 → 7.27 for 4), as the double nearest
  /// that decimal, which JSON writes back as the decimal.
  public static func significant(_ value: Float, digits: Int) -> Double {
    let number = Double(value)
    guard number.isFinite, number != 0 else { return number.isFinite ? 0 : number }
    // Formatting with %g rounds in decimal, never leaving 7.2700000000000005 behind.
    return Double(String(format: "%.\(digits)g", number)) ?? number
  }

  /// Nanoseconds as milliseconds to 3 decimals (54437123 → 54.437).
  public static func milliseconds(_ nanoseconds: UInt64) -> Double {
    (Double(nanoseconds) / 1_000).rounded() / 1_000
  }
}
