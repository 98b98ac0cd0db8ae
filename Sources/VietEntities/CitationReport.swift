/// The documents a corpus cites: one row per distinct cited document, with how many documents
/// cite it and how often. Short re-mentions ("Đề án 11") count toward the document they resolve
/// to; those that resolve to nothing in their document are counted apart (`unresolvedMentions`),
/// since "Đề án 11" means different documents in different provinces.
public struct CitationReport: Sendable {
  /// One cited document.
  public struct Row: Sendable, Hashable {
    /// The canonical symbol ("11-ĐA/TU"), or for citations without one the type and designation
    /// ("Nghị quyết Trung ương 4 khóa XII", "Luật Đất đai"), in its most frequent written form
    /// (`EntityName`): "Bộ luật Lao động" and "BỘ LUẬT LAO ĐỘNG" are one row.
    public var key: String
    /// The canonical document type ("Đề án", "Luật") of the first mention that gives one; nil when
    /// none does.
    public var type: String?
    /// The issuer as the citing texts name it most often, else what the issuer code stands for.
    public var issuer: String?
    /// The issue date the citing texts give most often.
    public var issuedDate: String?
    /// Ids of the citing documents, in the order they were added.
    public var citingDocuments: [String]
    /// Mentions of the document over all citing documents, short re-mentions that resolve to it
    /// included.
    public var mentions: Int
  }

  /// Rows by the identity of their key (`EntityName.identity`), as the search index keys them.
  private var rows: [String: Row] = [:]
  /// For each row, its written forms with (documents, mentions).
  private var forms: [String: [String: (documents: Int, mentions: Int)]] = [:]
  private var issuerVotes: [String: [String: Int]] = [:]
  private var dateVotes: [String: [String: Int]] = [:]
  private let issuerForCode: [String: String]
  /// Short re-mentions that resolve to no citation in their document, so count toward no row.
  public private(set) var unresolvedMentions = 0
  /// The number of documents added.
  public private(set) var documents = 0

  /// An empty report; `lexicon` says what issuer codes stand for ("TU" → "Tỉnh ủy / Thành
  /// ủy"), the issuer shown when no citing text names one.
  public init(lexicon: EntityLexicon) {
    issuerForCode = lexicon.issuers.mapValues(\.name)
  }

  /// One mention of a cited document, as the report counts it: what a distributed job (Spark's
  /// map side) emits per mention, and what `add` folds into rows.
  public struct Mention: Sendable, Hashable {
    /// The row it counts toward (`EntityName.identity` of `form`).
    public var identity: String
    /// The key as written here (`EntityName.display`).
    public var form: String
    /// The cited document's canonical type; a short mention takes it from the citation it
    /// resolves to.
    public var type: String?
    /// The issuer this mention names, if it names one.
    public var issuer: String?
    /// What the cited document's issuer code stands for, used when no mention names an issuer.
    public var issuerFromCode: String?
    /// The issue date this mention gives, as ISO 8601 with unknown parts as X (`CalendarDate`).
    public var issuedDate: String?
  }

  /// The mentions of one document's entities, in text order; nil entries are short mentions
  /// left unresolved.
  public func mentions(in entities: [Entity]) -> [Mention?] {
    let citations = entities.compactMap(\.decree)
    return citations.map { citation in
      let source = citation.resolvesTo.map { citations[$0] } ?? citation
      guard let written = Self.key(of: source) else { return nil }
      let form = EntityName.display(written)
      return Mention(
        identity: EntityName.identity(form), form: form, type: source.type,
        issuer: citation.issuerName.map(EntityName.display),
        issuerFromCode: source.issuerCode.flatMap { issuerForCode[$0] },
        issuedDate: citation.issuedDate?.description)
    }
  }

  /// Adds one document's entities.
  public mutating func add(documentID: String, entities: [Entity]) {
    documents += 1
    var citedHere = Set<String>()
    var formsHere = Set<String>()
    for mention in mentions(in: entities) {
      guard let mention else {
        unresolvedMentions += 1
        continue
      }
      let key = mention.identity
      var row =
        rows[key] ?? Row(key: mention.form, type: mention.type, citingDocuments: [], mentions: 0)
      row.mentions += 1
      if citedHere.insert(key).inserted { row.citingDocuments.append(documentID) }
      var counts = forms[key, default: [:]][mention.form] ?? (0, 0)
      counts.mentions += 1
      if formsHere.insert(key + "\u{0}" + mention.form).inserted { counts.documents += 1 }
      forms[key, default: [:]][mention.form] = counts
      if row.type == nil { row.type = mention.type }
      if let issuer = mention.issuer { issuerVotes[key, default: [:]][issuer, default: 0] += 1 }
      if let date = mention.issuedDate { dateVotes[key, default: [:]][date, default: 0] += 1 }
      if row.issuer == nil, let name = mention.issuerFromCode { row.issuer = name }
      rows[key] = row
    }
  }

  /// The rows, most-cited first (by citing documents, then mentions, then key).
  public var sortedRows: [Row] {
    rows.map { identity, row in
      var row = row
      if let form = EntityName.mostFrequent(forms[identity] ?? [:]) { row.key = form }
      if let issuer = Self.mostVotedName(issuerVotes[identity]) { row.issuer = issuer }
      row.issuedDate = Self.mostVoted(dateVotes[identity])
      return row
    }.sorted {
      ($0.citingDocuments.count, $0.mentions, $1.key) > (
        $1.citingDocuments.count, $1.mentions, $0.key
      )
    }
  }

  private static func mostVoted(_ votes: [String: Int]?) -> String? {
    votes?.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
  }

  /// The issuer named most often, counting its spellings together ("Bộ Tài chính", "BỘ TÀI
  /// CHÍNH"), shown in its most frequent spelling.
  private static func mostVotedName(_ votes: [String: Int]?) -> String? {
    guard let votes else { return nil }
    var byIdentity: [String: [String: Int]] = [:]
    for (name, count) in votes { byIdentity[EntityName.identity(name), default: [:]][name] = count }
    let totals = byIdentity.mapValues { $0.values.reduce(0, +) }
    guard let best = mostVoted(totals) else { return nil }
    return mostVoted(byIdentity[best])
  }

  /// What each DECREE mention of one document cites, as the report keys it (a short mention
  /// by the citation it resolves to); unresolved short mentions are left out. The search index
  /// stores these keys, so `cites:` finds what the report counts.
  public static func citedKeys(in entities: [Entity]) -> [String] {
    let citations = entities.compactMap(\.decree)
    return citations.compactMap { citation in
      key(of: citation.resolvesTo.map { citations[$0] } ?? citation).map(EntityName.display)
    }
  }

  /// `key(of:)` for callers that key a long document's citations a window at a time (the
  /// index build): they keep each citation's own key and look up the one a citation resolves
  /// to (`DecreeCitation.resolvesTo`) instead of holding every citation.
  public static func ownKey(of citation: DecreeCitation) -> String? { key(of: citation) }

  /// What identifies a cited document across texts; nil for a short mention left unresolved.
  static func key(of citation: DecreeCitation) -> String? {
    switch citation.reference {
    case .full:
      return citation.canonicalSymbol
    case .short:
      return nil
    case .plenum, .congress, .name:
      return citation.title
    }
  }
}
