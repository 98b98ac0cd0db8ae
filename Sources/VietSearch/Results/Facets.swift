import SearchCore
import VietEntities

/// One value of a field among a result list: a decree cited, an official or a unit named, a
/// year of issue, a document type or an issuer, with the number of matching documents that
/// hold it.
public struct Facet: Sendable, Hashable {
  /// The field the value belongs to (`.cites`, `.official`, `.unit`, `.issued`, `.type` or
  /// `.issuer`).
  public var field: SearchField
  /// The index key (lowercase, canonical tone placement).
  public var key: String
  /// The key written for people: symbols in capitals, names with capitals where they belong.
  public var label: String
  /// Matching documents that hold the value.
  public var documents: Int
  /// The query clause that restricts a search to it, e.g. `cites:"11-đa/tu"`.
  public var filter: String { "\(field.queryName):\"\(key)\"" }

  init(field: SearchField, exactKey: [UInt8], documents: Int, display: String? = nil) {
    self.field = field
    key = String(decoding: exactKey.dropFirst(), as: UTF8.self)
    label = display ?? Facet.label(key, field: field)
    self.documents = documents
  }

  /// Keys are lowercase; the label restores the usual capitals: a document symbol is written
  /// in capitals ("11-ĐA/TU"), a person's name has every syllable capitalised, a unit its first.
  /// For indexes built before display names were stored.
  static func label(_ key: String, field: SearchField) -> String {
    switch field {
    case .cites:
      // Codes are capitals except the i of QĐi (Quy định of the Party).
      return key.uppercased().replacingOccurrences(of: "QĐI", with: "QĐi")
    case .official:
      return key.split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(
        separator: " ")
    default:
      return key.prefix(1).uppercased() + key.dropFirst()
    }
  }
}

extension SearchIndex {
  /// The most frequent cited decrees, officials, units, document types and issuers among
  /// `matches` (per segment), and their years of issue.
  func facets(of matches: [[UInt32]], limit: Int) throws(IndexError) -> [SearchField: [Facet]] {
    var facets: [SearchField: [Facet]] = [:]
    // Years: each document has one date, so the documents of a year are the sum over its days.
    var years: [String: Int] = [:]
    for term in reader.termCounts(
      field: SearchField.issued.rawValue, within: matches, limit: Int.max)
    where term.exact.count >= 5 {
      years[String(decoding: term.exact[1..<5], as: UTF8.self), default: 0] += term.documents
    }
    facets[.issued] = years.sorted { ($0.value, $0.key) > ($1.value, $1.key) }.prefix(limit).map {
      year, documents in
      Facet(
        field: .issued, exactKey: [SearchField.issued.rawValue] + Array(year.utf8),
        documents: documents, display: year)
    }
    for field in [SearchField.cites, .official, .unit, .type, .issuer] {
      facets[field] = try reader.termCounts(field: field.rawValue, within: matches, limit: limit)
        .map { (term) throws(IndexError) in
          Facet(
            field: field, exactKey: term.exact, documents: term.documents,
            display: try displayName(of: term.exact))
        }
    }
    return facets
  }

  /// The most frequent written form of an entity key across the corpus, nil when the index
  /// holds none (built before display names were stored).
  func displayName(of exactKey: [UInt8]) throws(IndexError) -> String? {
    let prefix = DisplayNames.key(exact: exactKey, written: [])
    var forms: [String: (documents: Int, mentions: Int)] = [:]
    for term in try reader.termTotals(foldedPrefix: analyzer.keys.folded(prefix))
    where term.exact.starts(with: prefix) {
      forms[String(decoding: term.exact.dropFirst(prefix.count), as: UTF8.self)] = (
        term.documents, term.mentions
      )
    }
    return EntityName.mostFrequent(forms)
  }

  /// Every document the corpus cites, with the number of citing documents and mentions (short
  /// re-mentions counted toward the document they resolve to), most cited first.
  ///
  /// - Throws: `IndexError` (`.corrupt`) when the postings read fail their checks.
  public func citationTotals() throws(IndexError) -> [(facet: Facet, mentions: Int)] {
    // Every written form of every cited key, read at once: [display byte, cites byte, key…, 0, form…].
    var forms: [[UInt8]: [String: (documents: Int, mentions: Int)]] = [:]
    for term in try reader.termTotals(foldedPrefix: [
      DisplayNames.fieldByte, SearchField.cites.rawValue,
    ]) {
      guard let separator = term.exact.firstIndex(of: 0) else { continue }
      let form = String(decoding: term.exact[(separator + 1)...], as: UTF8.self)
      forms[Array(term.exact[1..<separator]), default: [:]][form] = (term.documents, term.mentions)
    }
    return try reader.termTotals(foldedPrefix: [SearchField.cites.rawValue])
      .map { term in
        let display = forms[term.exact].flatMap { EntityName.mostFrequent($0) }
        return (
          Facet(field: .cites, exactKey: term.exact, documents: term.documents, display: display),
          term.mentions
        )
      }
      .sorted {
        ($0.facet.documents, $0.mentions, $1.facet.key) > (
          $1.facet.documents, $1.mentions, $0.facet.key
        )
      }
  }
}

/// Display names in the index: for every entity key, a term holding the name as written,
/// `[fieldByte, key (field byte first), 0, written form]`. Its postings count the documents and
/// mentions of that form, so the most frequent form is read off the term dictionary. The field
/// byte is no query field, so no query ever matches these terms.
enum DisplayNames {
  static let fieldByte: UInt8 = 0x10

  static func key(exact: [UInt8], written: [UInt8]) -> [UInt8] {
    [fieldByte] + exact + [0] + written
  }
}
