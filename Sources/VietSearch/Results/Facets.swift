import SearchCore

/// One value of an entity field among a result list: a decree cited, an official or a unit
/// named, with the number of matching documents that hold it.
public struct Facet: Sendable, Hashable {
  public var field: SearchField
  /// The index key (lowercase, canonical tone placement).
  public var key: String
  /// The key written for people: symbols in capitals, names with capitals where they belong.
  public var label: String
  public var documents: Int
  /// The query clause that restricts a search to it, e.g. `cites:"11-đa/tu"`.
  public var filter: String { "\(field.queryName):\"\(key)\"" }

  init(field: SearchField, exactKey: [UInt8], documents: Int) {
    self.field = field
    key = String(decoding: exactKey.dropFirst(), as: UTF8.self)
    label = Facet.label(key, field: field)
    self.documents = documents
  }

  /// Keys are lowercase; the label restores the usual capitals: a document symbol is written
  /// in capitals ("11-ĐA/TU"), a person's name has every syllable capitalised, a unit its first.
  static func label(_ key: String, field: SearchField) -> String {
    switch field {
    case .cites:
      // Codes are capitals except the i of QĐi (Quy định of the Party).
      return key.uppercased().replacingOccurrences(of: "QĐI", with: "QĐi")
    case .official:
      return key.split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    default:
      return key.prefix(1).uppercased() + key.dropFirst()
    }
  }
}

extension SearchIndex {
  /// The most frequent cited decrees, officials and units among `matches` (per segment).
  func facets(of matches: [[UInt32]], limit: Int) -> [SearchField: [Facet]] {
    var facets: [SearchField: [Facet]] = [:]
    for field in [SearchField.cites, .official, .unit] {
      facets[field] = reader.termCounts(field: field.rawValue, within: matches, limit: limit).map {
        Facet(field: field, exactKey: $0.exact, documents: $0.documents)
      }
    }
    return facets
  }

  /// Every document the corpus cites, with the number of citing documents and mentions (short
  /// re-mentions counted toward the document they resolve to), most cited first.
  public func citationTotals() -> [(facet: Facet, mentions: Int)] {
    reader.termTotals(foldedPrefix: [SearchField.cites.rawValue])
      .map { (Facet(field: .cites, exactKey: $0.exact, documents: $0.documents), $0.mentions) }
      .sorted { ($0.facet.documents, $0.mentions, $1.facet.key) > ($1.facet.documents, $1.mentions, $0.facet.key) }
  }
}
