/// The fields of a search index. Every term key starts with its field's byte, so one sorted
/// dictionary holds them all and a field is a contiguous run of it.
public enum SearchField: UInt8, Sendable, CaseIterable {
  /// The title and text, as syllables (what a query searches by default).
  case body = 1
  /// The title alone (`title:`).
  case title = 2
  /// Documents cited, by the key `vitext citations` uses: canonical symbol or name (`cites:`).
  case cites = 3
  /// Officials' names (`official:`).
  case official = 4
  /// Units named (`unit:`).
  case unit = 5

  /// The query prefix naming the field, e.g. `cites` in `cites:11-ĐA/TU`.
  public var queryName: String {
    switch self {
    case .body: "body"
    case .title: "title"
    case .cites: "cites"
    case .official: "official"
    case .unit: "unit"
    }
  }

  /// Entity fields hold whole names, matched by containment, not syllables.
  var holdsNames: Bool { self == .official || self == .unit }
}
