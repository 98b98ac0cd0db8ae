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
  /// The document's own issue date, `YYYY-MM-DD` (or `YYYY-MM`, `YYYY` when only those are
  /// known), from its header or its record (`issued:2024`, `issued:2024-03..2025-06`).
  case issued = 6
  /// The document's own type in words, "nghị định" (`type:"Nghị định"`).
  case type = 7
  /// The body that issued the document, "bộ tài chính" (`issuer:"Bộ Tài chính"`).
  case issuer = 8

  /// The query prefix naming the field, e.g. `cites` in `cites:11-ĐA/TU`.
  public var queryName: String {
    switch self {
    case .body: "body"
    case .title: "title"
    case .cites: "cites"
    case .official: "official"
    case .unit: "unit"
    case .issued: "issued"
    case .type: "type"
    case .issuer: "issuer"
    }
  }

  /// The fields a query may name before a colon, in the order error messages list them.
  public static let queryFields: [SearchField] = [
    .title, .cites, .official, .unit, .issued, .type, .issuer,
  ]

  /// Entity fields hold whole names, matched by containment, not syllables.
  var holdsNames: Bool { self == .official || self == .unit || self == .type || self == .issuer }
}
