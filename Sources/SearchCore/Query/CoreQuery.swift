/// A query as the core executes it: already analyzed into term keys, no syntax left.
public indirect enum CoreQuery: Sendable, Equatable {
  /// Documents containing the term (scored by BM25).
  case term(TermMatcher)
  /// Documents where the terms occur at consecutive positions.
  case phrase([TermMatcher])
  /// Documents matching every positive child and no `.not` child.
  case all([CoreQuery])
  /// Documents matching any child; scores add up.
  case any([CoreQuery])
  /// Excludes what the child matches (only as a child of `.all`).
  case not(CoreQuery)
  /// Restricts to what the child matches without adding to the score (entity filters).
  case filter(CoreQuery)
  /// Documents matching the child, each gaining `weight` times the score of every `bonus` term
  /// it holds, without the bonus terms being required: what makes a query's words count more in
  /// a document's title (`bonus`: the same words keyed in the title field) than in its body.
  /// A bonus term scores like a BM25 term normalized by the title's length (`BM25.bonusB`), and
  /// the sum is scaled by the share of `terms` the document holds (`BM25.bonusCoordination`).
  case bonus(CoreQuery, terms: [TermMatcher], weight: Float)
  /// Documents matching the child, each gaining `weight` times the score of every `by` query it
  /// also matches; `by` adds no document. What lets the words of a query that stand together
  /// as a word ("chế độ", "thai sản") count more where the document has them together. A `by`
  /// phrase is checked only in the child's 100 best matches of each segment (a rescoring window).
  case boosted(CoreQuery, by: [CoreQuery], weight: Float)
  /// Documents matching any child, the children being one text written several ways (an
  /// abbreviation and its expansion: "UBND" and "Ủy ban nhân dân"), the first as the user
  /// typed it. A document scores as its best child, each child's score rescaled to the first
  /// child's IDF weight (so a four-word expansion does not outweigh a one-word abbreviation
  /// by its word count) and the other children's taken times `preference` (below 1: documents
  /// in the typed form rank a little higher). Children are terms, phrases or `.all` of terms.
  case equivalent([CoreQuery], preference: Float)
}

/// Which dictionary terms one query term stands for.
///
/// Keys start with the field byte. The dictionary is sorted by folded key, so a matcher always
/// starts from its folded key's run of terms and, when `exact` is set, keeps the one spelling.
public struct TermMatcher: Sendable, Hashable {
  /// The folded key (field byte first): the run of dictionary terms the matcher reads.
  public var folded: [UInt8]
  /// Match only this exact key; nil matches every spelling with the folded key.
  public var exact: [UInt8]?
  /// Match every term whose key starts with the key instead of equalling it.
  public var isPrefix: Bool
  /// How much each spelling counts when the matcher stands for several (a syllable typed
  /// without diacritics): a spelling listed here scores its term frequency times its weight,
  /// any other spelling times `otherSpellingsWeight`. Matching never depends on weights, only
  /// ranking: the caller says which spellings the query most likely means ("chuyen doi" is far
  /// more often "chuyển đổi" than "chuyến đội").
  public var spellingWeights: [SpellingWeight]
  /// The weight of a spelling not in `spellingWeights` (1: every spelling counts fully).
  public var otherSpellingsWeight: Float

  /// A matcher of the spellings of `folded`, or of `exact` alone, weighted as given.
  public init(
    folded: [UInt8], exact: [UInt8]? = nil, isPrefix: Bool = false,
    spellingWeights: [SpellingWeight] = [],
    otherSpellingsWeight: Float = 1
  ) {
    self.folded = folded
    self.exact = exact
    self.isPrefix = isPrefix
    self.spellingWeights = spellingWeights
    self.otherSpellingsWeight = otherSpellingsWeight
  }

  /// The weight of the dictionary term whose exact key is `exact`.
  func weight(ofSpelling exact: UnsafeRawBufferPointer) -> Float {
    for entry in spellingWeights
    where entry.exact.withUnsafeBytes({ SegmentBuffer.compare(exact, $0) == 0 }) {
      return entry.weight
    }
    return otherSpellingsWeight
  }

  /// The same words in another field (the key's first byte), for scoring a query's terms
  /// against a document's title as well as its body.
  public func inField(_ field: UInt8) -> TermMatcher {
    var copy = self
    if !copy.folded.isEmpty { copy.folded[0] = field }
    if copy.exact?.isEmpty == false { copy.exact![0] = field }
    copy.spellingWeights = spellingWeights.map { entry in
      var entry = entry
      if !entry.exact.isEmpty { entry.exact[0] = field }
      return entry
    }
    return copy
  }
}

/// One spelling's weight in a `TermMatcher`.
public struct SpellingWeight: Sendable, Hashable {
  /// The spelling's exact key (field byte first).
  public var exact: [UInt8]
  /// Its share of the score, from 0 to 1.
  public var weight: Float

  /// The weight of the spelling whose exact key is `exact`.
  public init(exact: [UInt8], weight: Float) {
    self.exact = exact
    self.weight = weight
  }
}
