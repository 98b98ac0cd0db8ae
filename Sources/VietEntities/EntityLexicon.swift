import Foundation
import VietText
import VietTokenization

/// The tables the recognizers read: document types, issuer codes, unit and title words, place
/// names and family names, each compiled into a `PhraseTable` keyed by token keys.
///
/// Every table is a resource file with its source and licence (see Resources/README.md); nothing
/// here is a list of particular documents or people.
public struct EntityLexicon: Sendable {
  struct DocumentType: Sendable {
    var name: String
    var kind: Kind
    enum Kind: String, Sendable { case numbered, named, unique }
  }

  enum UnitRole: Sendable, Equatable {
    case committee, organisation, council, national, central, named
    case organ(standsAlone: Bool)
  }

  /// A unit word and how it may be written.
  struct UnitWord: Sendable {
    var role: UnitRole
    /// Counts only capitalised (one-syllable words and named agencies always).
    var cased: Bool
    /// The name runs on through a subject introduced by "về".
    var takesSubject: Bool
    /// An organisation that stands alone when capitalised.
    var standsBare: Bool
    /// A named head whose name may be a number ("Trung đoàn 855", "Quân khu 4"): military
    /// formations are numbered, not named.
    var takesNumber: Bool = false
  }

  enum TitleRole: Sendable, Equatable {
    case head, complete, prefix, suffix, rank
    case member(committee: String)
  }

  enum Tier: UInt8, Sendable {
    case province = 1
    case district = 2
    case commune = 4
  }

  let documentTypes: PhraseTable<DocumentType>
  /// Type codes (as written in symbols, case-sensitive) → canonical type.
  let typeForCode: [String: String]
  /// Issuer codes → (body, is a Party code).
  let issuers: [String: (name: String, isParty: Bool)]
  let units: PhraseTable<UnitWord>
  let titles: PhraseTable<TitleRole>
  let levels: PhraseTable<Tier>
  let domains: PhraseTable<Bool>
  /// Place names → the tiers they name (bit set of `Tier`).
  let places: PhraseTable<UInt8>
  /// Names of laws, codes and ordinances (the words after "Luật", "Bộ luật", "Pháp lệnh").
  let lawNames: PhraseTable<Bool>
  /// Words before a citation that say what the text does with it ("Căn cứ", "thay thế") → the
  /// relation, one of `DecreeCitation.relations`.
  let relations: PhraseTable<String>
  /// The last token of every phrase in `relations`, to look for a cue only where one can end.
  let relationEnds: KeySet
  let surnames: KeySet
  /// Per token key, which of `documentTypes`, `titles` and `units` have a phrase starting with it
  /// and whether it is in `surnames` (`KeyFlags`).
  let starts: KeyFlags
  let words: EntityWords

  /// The bundled tables, loaded once.
  public static func bundled() throws(TableFormatError) -> EntityLexicon {
    switch cachedBundled {
    case .success(let lexicon): return lexicon
    case .failure(let error): throw error
    }
  }

  private static let cachedBundled: Result<EntityLexicon, TableFormatError> = {
    do throws(TableFormatError) { return .success(try load()) } catch { return .failure(error) }
  }()

  /// Reads and compiles the bundled tables anew (`bundled()` does it once and keeps them).
  public static func load() throws(TableFormatError) -> EntityLexicon {
    try EntityLexicon(resources: { (name) throws(TableFormatError) in
      try BundledResource.bytes(name)
    })
  }

  /// Builds the lexicon from table files, read through `load(name)`.
  init(resources load: (String) throws(TableFormatError) -> [UInt8]) throws(TableFormatError) {
    let tokenizer = Tokenizer()
    func keys(_ phrase: String) -> [UInt64] { TokenKey.keys(of: phrase, tokenizer: tokenizer) }

    var documentTypes = PhraseTable<DocumentType>()
    var typeForCode: [String: String] = [:]
    for (line, fields) in try TableFile.rows(
      try load("document-types.tsv"), resource: "document-types.tsv", columns: 4...4)
    {
      guard let kind = DocumentType.Kind(rawValue: fields[3]) else {
        throw TableFormatError(
          resource: "document-types.tsv", line: line, reason: "unknown kind \(fields[3])")
      }
      documentTypes.insert(keys(fields[0]), DocumentType(name: fields[1], kind: kind))
      for code in fields[2].split(separator: ",") where typeForCode[String(code)] == nil {
        typeForCode[String(code)] = fields[1]
      }
    }

    var issuers: [String: (String, Bool)] = [:]
    for (line, fields) in try TableFile.rows(
      try load("issuer-codes.tsv"), resource: "issuer-codes.tsv", columns: 3...3)
    {
      guard fields[2] == "party" || fields[2] == "state" else {
        throw TableFormatError(
          resource: "issuer-codes.tsv", line: line, reason: "system must be party or state")
      }
      issuers[fields[0]] = (fields[1], fields[2] == "party")
    }

    var units = PhraseTable<UnitWord>()
    for (line, fields) in try TableFile.rows(
      try load("units.tsv"), resource: "units.tsv", columns: 2...3)
    {
      let role: UnitRole
      switch fields[1] {
      case "committee": role = .committee
      case "organisation": role = .organisation
      case "council": role = .council
      case "national": role = .national
      case "central": role = .central
      case "named": role = .named
      case "organ": role = .organ(standsAlone: false)
      case "organ+alone": role = .organ(standsAlone: true)
      default:
        throw TableFormatError(
          resource: "units.tsv", line: line, reason: "unknown role \(fields[1])")
      }
      let flags = fields.count == 3 ? fields[2].split(separator: ",").map(String.init) : []
      if let unknown = flags.first(where: {
        !["cased", "subject", "bare", "numbered"].contains($0)
      }) {
        throw TableFormatError(resource: "units.tsv", line: line, reason: "unknown flag \(unknown)")
      }
      let phraseKeys = keys(fields[0])
      let cased = flags.contains("cased") || role == .named || phraseKeys.count == 1
      units.insert(
        phraseKeys,
        UnitWord(
          role: role, cased: cased, takesSubject: flags.contains("subject"),
          standsBare: flags.contains("bare"),
          takesNumber: flags.contains("numbered")))
    }

    var titles = PhraseTable<TitleRole>()
    for (line, fields) in try TableFile.rows(
      try load("titles.tsv"), resource: "titles.tsv", columns: 2...3)
    {
      let role: TitleRole
      switch fields[1] {
      case "head": role = .head
      case "complete": role = .complete
      case "prefix": role = .prefix
      case "suffix": role = .suffix
      case "rank": role = .rank
      case "member" where fields.count == 3: role = .member(committee: fields[2])
      default:
        throw TableFormatError(
          resource: "titles.tsv", line: line, reason: "unknown role \(fields[1])")
      }
      titles.insert(keys(fields[0]), role)
    }

    var levels = PhraseTable<Tier>()
    for (line, fields) in try TableFile.rows(
      try load("admin-levels.tsv"), resource: "admin-levels.tsv", columns: 2...2)
    {
      guard let tier = Self.tier(fields[1]) else {
        throw TableFormatError(
          resource: "admin-levels.tsv", line: line, reason: "unknown tier \(fields[1])")
      }
      levels.insert(keys(fields[0]), tier)
    }

    var domains = PhraseTable<Bool>()
    for (_, fields) in try TableFile.rows(
      try load("domains.tsv"), resource: "domains.tsv", columns: 1...1)
    {
      domains.insert(keys(fields[0]), true)
    }

    var places = PhraseTable<UInt8>()
    for (line, fields) in try TableFile.rows(
      try load("admin-units.tsv"), resource: "admin-units.tsv", columns: 2...2)
    {
      var mask: UInt8 = 0
      for name in fields[1].split(separator: ",") {
        guard let tier = Self.tier(String(name)) else {
          throw TableFormatError(
            resource: "admin-units.tsv", line: line, reason: "unknown tier \(name)")
        }
        mask |= tier.rawValue
      }
      places.insert(keys(fields[0]), mask, merge: { $0 | $1 })
    }

    var lawNames = PhraseTable<Bool>()
    // Names are cited with the bodies in them abbreviated too ("Luật Bầu cử đại biểu Quốc hội và
    // đại biểu HĐND"): each name is also entered with the abbreviations of conventions.md §7.
    let abbreviations = [
      (keys("Hội đồng nhân dân"), keys("HĐND")), (keys("Ủy ban nhân dân"), keys("UBND")),
    ]
    for (_, fields) in try TableFile.rows(
      try load("law-names.tsv"), resource: "law-names.tsv", columns: 2...2)
    {
      let name = keys(fields[1])
      lawNames.insert(name, true)
      var abbreviated = name
      for (long, short) in abbreviations {
        var index = 0
        while index + long.count <= abbreviated.count {
          if Array(abbreviated[index..<(index + long.count)]) == long {
            abbreviated.replaceSubrange(index..<(index + long.count), with: short)
            index += short.count
          } else {
            index += 1
          }
        }
      }
      if abbreviated != name { lawNames.insert(abbreviated, true) }
    }
    self.lawNames = lawNames

    var relations = PhraseTable<String>()
    var relationEnds = Set<UInt64>()
    for (line, fields) in try TableFile.rows(
      try load("citation-relations.tsv"), resource: "citation-relations.tsv", columns: 2...2)
    {
      guard DecreeCitation.relations.contains(fields[1]) else {
        throw TableFormatError(
          resource: "citation-relations.tsv", line: line, reason: "unknown relation \(fields[1])")
      }
      let phrase = keys(fields[0])
      relations.insert(phrase, fields[1])
      if let last = phrase.last { relationEnds.insert(last) }
    }
    self.relations = relations
    self.relationEnds = KeySet(relationEnds)

    var surnames = Set<UInt64>()
    for (_, fields) in try TableFile.rows(
      try load("surnames.txt"), resource: "surnames.txt", columns: 1...1)
    {
      if let key = keys(fields[0]).first { surnames.insert(key) }
    }

    self.words = EntityWords(keys: keys)

    self.documentTypes = documentTypes
    self.typeForCode = typeForCode
    self.issuers = issuers.mapValues { (name: $0.0, isParty: $0.1) }
    self.units = units
    self.titles = titles
    self.levels = levels
    self.domains = domains
    self.places = places
    self.surnames = KeySet(surnames)
    starts = KeyFlags(
      documentTypes.firstKeys.map { ($0, KeyFlags.documentType) }
        + titles.firstKeys.map { ($0, KeyFlags.title) }
        + units.firstKeys.map { ($0, KeyFlags.unit) } + surnames.map { ($0, KeyFlags.surname) })
  }

  private static func tier(_ name: String) -> Tier? {
    switch name {
    case "province": .province
    case "district": .district
    case "commune": .commune
    default: nil
    }
  }
}

/// Loads files from this module's resource bundle.
enum BundledResource {
  static func bytes(_ name: String) throws(TableFormatError) -> [UInt8] {
    let path = Bundle.module.path(forResource: name, ofType: nil, inDirectory: "Resources")
    return try TableFile.contents(ofFile: path, resource: name)
  }
}
