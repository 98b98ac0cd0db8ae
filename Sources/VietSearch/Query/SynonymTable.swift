import Foundation
import SearchCore
import VietText

/// Groups of forms that mean the same in Party and state documents: an abbreviation and its
/// expansion ("UBND" and "Ủy ban nhân dân", "TP.HCM" and "Thành phố Hồ Chí Minh"). A query
/// that writes one form also finds documents that write another (`QueryCompiler`).
///
///     let table = try SynonymTable.bundled().adding(SynonymTable(file: "my-synonyms.tsv"))
///     index.synonyms = table
///
/// Forms are keyed as the index keys text (`SearchAnalyzer`): case, tone placement and the
/// punctuation inside a form do not matter, and a form is found in a query by its folded keys,
/// so "ubnd thanh pho" and "uy ban nhan dan" are recognised as well as the accented forms.
public struct SynonymTable: Sendable {
  /// One way of writing a group's meaning: its syllables' keys, without the field byte.
  struct Form: Hashable, Sendable {
    var exact: [[UInt8]]
    var folded: [[UInt8]]
  }

  /// Each group's forms, in the order first read.
  private(set) var groups: [[Form]] = []
  /// Per folded key of a form's first syllable, the (group, form) pairs starting with it.
  private var starts: [[UInt8]: [(group: Int, form: Int)]] = [:]
  /// Per form, its group: a row sharing a form with an earlier one joins that group.
  private var groupOfForm: [Form: Int] = [:]

  /// The longest form read, in syllables: a bound on matching work per query syllable.
  private(set) var longestForm = 0

  /// An empty table: queries match only what they write.
  public init() {}

  /// Reads a table: `#` comment lines and rows of two or more tab-separated forms that mean
  /// the same (the format of the bundled `abbreviations.tsv`).
  ///
  /// - Throws: `TableFormatError` naming the line of a row with fewer than two forms, a form
  ///   that holds no word, or bytes that are not UTF-8.
  public init(tsv bytes: [UInt8], resource: String) throws(TableFormatError) {
    try add(tsv: bytes, resource: resource)
  }

  /// Reads a user's table from `path` (the bundled table's format).
  ///
  /// - Throws: `TableFormatError` (line 0: the file cannot be read).
  public init(file path: String) throws(TableFormatError) {
    guard FileManager.default.isReadableFile(atPath: path) else {
      throw TableFormatError(resource: path, line: 0, reason: "no such readable file")
    }
    try add(tsv: try TableFile.contents(ofFile: path, resource: path), resource: path)
  }

  /// The table shipped with vitext (`Resources/abbreviations.tsv`).
  ///
  /// - Throws: `TableFormatError` when the resource is missing or malformed.
  public static func bundled() throws(TableFormatError) -> SynonymTable {
    try loadedBundled.get()
  }

  private static let loadedBundled: Result<SynonymTable, TableFormatError> = Result {
    () throws(TableFormatError) in
    let name = "abbreviations.tsv"
    let path = Bundle.module.path(forResource: name, ofType: nil, inDirectory: "Resources")
    return try SynonymTable(
      tsv: try TableFile.contents(ofFile: path, resource: name), resource: name)
  }

  /// This table with the groups of `other` added (rows sharing a form merge into one group).
  public func adding(_ other: SynonymTable) -> SynonymTable {
    var merged = self
    for group in other.groups where !group.isEmpty { merged.add(group) }
    merged.reindex()
    return merged
  }

  /// Whether the table has no group.
  public var isEmpty: Bool { groups.isEmpty }

  private mutating func add(tsv bytes: [UInt8], resource: String) throws(TableFormatError) {
    let analyzer = SearchAnalyzer()
    for (line, fields) in try TableFile.rows(bytes, resource: resource, columns: 1...64) {
      let written = fields.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
      guard written.count >= 2 else {
        throw TableFormatError(
          resource: resource, line: line, reason: "a row needs two or more forms separated by tabs")
      }
      var forms: [Form] = []
      for text in written {
        guard let form = Self.form(text, analyzer: analyzer) else {
          throw TableFormatError(
            resource: resource, line: line, reason: "'\(text)' holds no word to search for")
        }
        guard form.exact.count <= Self.maximumFormLength else {
          throw TableFormatError(
            resource: resource, line: line,
            reason: "'\(text)' is longer than \(Self.maximumFormLength) syllables")
        }
        if !forms.contains(form) { forms.append(form) }
      }
      add(forms)
    }
    reindex()
  }

  /// Most syllables in one form: a bound on the work of finding forms in a query.
  static let maximumFormLength = 16

  private mutating func add(_ forms: [Form]) {
    let joined = Set(forms.compactMap { groupOfForm[$0] }).sorted()
    let group: Int
    if let first = joined.first {
      group = first
      // Rows that share forms with several groups merge them all into the first.
      for other in joined.dropFirst() {
        for form in groups[other] where !groups[group].contains(form) { groups[group].append(form) }
        groups[other] = []
      }
    } else {
      group = groups.count
      groups.append([])
    }
    for form in forms where !groups[group].contains(form) { groups[group].append(form) }
    for form in groups[group] { groupOfForm[form] = group }
  }

  /// Rebuilds the lookup of forms by first syllable after rows were added (once per table
  /// read, not per row: a user's table may be long).
  private mutating func reindex() {
    groupOfForm = [:]
    starts = [:]
    longestForm = 0
    for (number, members) in groups.enumerated() {
      for (index, form) in members.enumerated() {
        groupOfForm[form] = number
        starts[form.folded[0], default: []].append((number, index))
        longestForm = max(longestForm, form.exact.count)
      }
    }
  }

  static func form(_ text: String, analyzer: SearchAnalyzer) -> Form? {
    guard let analysis = try? analyzer.analyze(Array(text.utf8)) else { return nil }
    var form = Form(exact: [], folded: [])
    analyzer.forEachTerm(in: analysis, field: .body) { key, _, _ in
      let exact = Array(key.dropFirst())
      form.exact.append(exact)
      form.folded.append(analyzer.keys.folded(exact))
    }
    return form.exact.isEmpty ? nil : form
  }

  /// A form found in a query: which syllables it covers and the other forms of its group.
  struct Match {
    var syllables: Range<Int>
    var others: [Form]
  }

  /// The forms written in `syllables` (a query's syllables: exact key when typed with
  /// diacritics, folded otherwise, field byte first), longest first at each place and not
  /// overlapping. A syllable typed with diacritics must match the form's spelling; one typed
  /// without matches by its folded key.
  func matches(in syllables: [(exact: [UInt8]?, folded: [UInt8])]) -> [Match] {
    guard !groups.isEmpty else { return [] }
    var found: [Match] = []
    var start = 0
    while start < syllables.count {
      var best: (length: Int, group: Int, form: Int)?
      for candidate in starts[Array(syllables[start].folded.dropFirst())] ?? [] {
        let form = groups[candidate.group][candidate.form]
        let length = form.exact.count
        guard start + length <= syllables.count, length > (best?.length ?? 0) else { continue }
        let fits = (0..<length).allSatisfy { offset in
          let syllable = syllables[start + offset]
          guard syllable.folded.dropFirst().elementsEqual(form.folded[offset]) else { return false }
          return syllable.exact.map { $0.dropFirst().elementsEqual(form.exact[offset]) } ?? true
        }
        if fits { best = (length, candidate.group, candidate.form) }
      }
      if let best {
        let others = groups[best.group].enumerated().filter { $0.offset != best.form }.map(
          \.element)
        found.append(Match(syllables: start..<(start + best.length), others: others))
        start += best.length
      } else {
        start += 1
      }
    }
    return found
  }
}
