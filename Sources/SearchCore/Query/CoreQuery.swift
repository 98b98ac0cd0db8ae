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
}

/// Which dictionary terms one query term stands for.
///
/// Keys start with the field byte. The dictionary is sorted by folded key, so a matcher always
/// starts from its folded key's run of terms and, when `exact` is set, keeps the one spelling.
public struct TermMatcher: Sendable, Hashable {
  public var folded: [UInt8]
  /// Match only this exact key; nil matches every spelling with the folded key.
  public var exact: [UInt8]?
  /// Match every term whose key starts with the key instead of equalling it.
  public var isPrefix: Bool
  /// The spelling the user typed: documents containing it rank above those that match only
  /// through folding ("dang" typed, "dang" found, before "đảng" found).
  public var typed: [UInt8]?

  public init(folded: [UInt8], exact: [UInt8]? = nil, isPrefix: Bool = false, typed: [UInt8]? = nil) {
    self.folded = folded
    self.exact = exact
    self.isPrefix = isPrefix
    self.typed = typed
  }
}
