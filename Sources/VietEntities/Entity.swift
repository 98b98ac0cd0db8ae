/// The four kinds of entity, named as in the annotation guidelines and the JSON output.
public enum EntityLabel: String, Sendable, CaseIterable, Codable {
  /// A named person with their titles: "Bí thư Quận ủy Tây Hồ Lê Thị Thu Hằng".
  case official = "OFFICIAL"
  /// A Party, state or mass-organisation body: "Ban Thường vụ Thị ủy", "UBND huyện".
  case unit = "UNIT"
  /// A citation of a legal or Party document: "Đề án số 11-ĐA/TU, ngày 06/12/2021".
  case decree = "DECREE"
  /// A calendar date outside a citation: "11/6", "tháng 6/2024".
  case date = "DATE"
}

/// One entity: where it is and what it means.
///
/// Offsets are code points (Python `str` indices), half-open; `EntityTagger` reports them into the
/// NFC form of the text it was given.
public struct Entity: Hashable, Sendable {
  /// Which kind of entity it is.
  public var label: EntityLabel
  /// Where the entity starts: a code point offset into the NFC text.
  public var start: Int
  /// Where the entity ends (exclusive): a code point offset into the NFC text.
  public var end: Int
  /// The entity's text as written.
  public var text: String
  /// What the entity means, read from its text; the case matches `label`.
  public var fields: Fields

  /// The structured reading of an entity, one case per label.
  public enum Fields: Hashable, Sendable {
    /// An official's name, titles and body.
    case official(Official)
    /// A unit has no fields beyond its text.
    case unit
    /// A citation's type, number, symbol, date and issuer.
    case decree(DecreeCitation)
    /// A date's known parts.
    case date(CalendarDate)
  }

  /// Makes an entity; `fields` should be the case that matches `label`.
  public init(label: EntityLabel, start: Int, end: Int, text: String, fields: Fields) {
    self.label = label
    self.start = start
    self.end = end
    self.text = text
    self.fields = fields
  }

  /// The citation's fields when the entity is a DECREE, else nil.
  public var decree: DecreeCitation? { if case .decree(let value) = fields { value } else { nil } }
  /// The official's fields when the entity is an OFFICIAL, else nil.
  public var official: Official? { if case .official(let value) = fields { value } else { nil } }
  /// The date's parts when the entity is a DATE, else nil.
  public var date: CalendarDate? { if case .date(let value) = fields { value } else { nil } }
}

/// A person and the posts they hold, as one mention states them.
public struct Official: Hashable, Sendable {
  /// The personal name as written: "Lê Thị Thu Hằng".
  public var name: String
  /// Title phrases in text order, as written: ["Phó Bí thư Thường trực Thị ủy", "Chủ tịch HĐND thị xã"].
  public var titles: [String]
  /// The body named in the first title that names one ("Thị ủy"); a member title stands for its
  /// committee ("HUV" → "Huyện ủy"); nil when no title names a body.
  public var unit: String?

  /// Makes an official from the name, the title phrases in text order and the body they name.
  public init(name: String, titles: [String], unit: String?) {
    self.name = name
    self.titles = titles
    self.unit = unit
  }
}

/// A date with parts that may be unknown: "11/6" has no year.
public struct CalendarDate: Hashable, Sendable, CustomStringConvertible {
  /// The year, nil when the mention gives none ("11/6").
  public var year: Int?
  /// The month (1–12), nil when the mention gives none.
  public var month: Int?
  /// The day of the month, nil when the mention gives none ("tháng 6/2024").
  public var day: Int?
  /// The last day of a range ("25-27/9"), when the mention is one.
  public var through: CalendarDateEnd?

  /// The end of a date range.
  public struct CalendarDateEnd: Hashable, Sendable {
    /// The year of the range's last day, nil when not given.
    public var year: Int?
    /// The month of the range's last day, nil when not given.
    public var month: Int?
    /// The range's last day of the month, nil when not given.
    public var day: Int?
  }

  /// Makes a date from its known parts, with `through` for the last day of a range.
  public init(year: Int?, month: Int?, day: Int?, through: CalendarDateEnd? = nil) {
    self.year = year
    self.month = month
    self.day = day
    self.through = through
  }

  /// ISO 8601 with unknown parts as X: "2021-12-06", "XXXX-06-11", "2024-06", and
  /// "XXXX-09-25..XXXX-09-27" for a range.
  public var description: String {
    var text = Self.iso(year: year, month: month, day: day)
    if let through {
      text += ".." + Self.iso(year: through.year, month: through.month, day: through.day)
    }
    return text
  }

  static func iso(year: Int?, month: Int?, day: Int?) -> String {
    func pad(_ value: Int, _ width: Int) -> String {
      let digits = String(value)
      return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    var text = year.map { pad($0, 4) } ?? "XXXX"
    if let month { text += "-" + pad(month, 2) } else if day != nil { text += "-XX" }
    if let day { text += "-" + pad(day, 2) }
    return text
  }
}

/// A citation of a document, with what the mention itself states.
///
/// "Đề án số 11-ĐA/TU, ngày 06/12/2021 của Ban Thường vụ Thành ủy" gives type "Đề án", number "11",
/// typeCode "ĐA", issuerCode "TU", issued 2021-12-06, issuerName "Ban Thường vụ Thành ủy". A short
/// re-mention ("Đề án 11") carries only type and number, and `resolvesTo` names the full citation
/// in the same document it co-refers with.
public struct DecreeCitation: Hashable, Sendable {
  /// How the mention identifies its document.
  public enum Reference: String, Sendable, Codable {
    /// By number and symbol: "11-ĐA/TU", "30/2020/NĐ-CP".
    case full
    /// By type and number alone: "Đề án 11", "Quy định số 31".
    case short
    /// By plenum and term: "Nghị quyết Trung ương 4 khóa XII".
    case plenum
    /// By congress: "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII".
    case congress
    /// By its proper name: "Luật Giao dịch điện tử", "Điều lệ Đảng".
    case name
  }

  /// Canonical type name: "Đề án", "Nghị quyết", "Kế hoạch" (also for "Kế hoạch hành động").
  public var type: String?
  /// The number without leading zeros: "5" for "05-CT/TW".
  public var number: String?
  /// The year in a state symbol, else the year of the issue date.
  public var year: Int?
  /// The type code as written in the symbol: "ĐA", "QĐi", "NĐ".
  public var typeCode: String?
  /// The issuer code as written in the symbol: "TU", "BTCTW", "CP", "QH15".
  public var issuerCode: String?
  /// The issue date the mention gives ("ngày 06/12/2021"), nil when it gives none.
  public var issuedDate: CalendarDate?
  /// The issuer as the text names it right after the citation ("của Ban Thường vụ Thành ủy").
  public var issuerName: String?
  /// The number and symbol as written: "11-ĐA/TU".
  public var symbol: String?
  /// How the mention identifies its document; decides which of the other fields identify it.
  public var reference: Reference
  /// How a citation without a symbol names its document, as written with spaces collapsed:
  /// "Luật Đất đai", "Điều lệ Đảng", "Nghị quyết Trung ương 4 khóa XII".
  public var title: String?
  /// Plenum (hội nghị) and term (khóa) of a plenum or congress citation, as written.
  public var plenum: String?
  /// The term (khóa) of a plenum citation as written ("XII"), nil when the mention gives none.
  public var term: String?
  /// The congress's number as written ("XIII" in "Đại hội đại biểu toàn quốc lần thứ XIII"), for
  /// a congress citation.
  public var congress: String?
  /// The symbol was written with a separator its system does not use ("05-HD-TU").
  public var isMalformed = false
  /// A Party symbol written the state way ("22/NQ-TU").
  public var hasNonstandardSeparator = false
  /// For a mention that co-refers with a full citation in the same document: that citation's
  /// index among the document's DECREE entities, and its symbol.
  public var resolvesTo: Int?
  /// The symbol, as written, of the citation `resolvesTo` names; nil when the mention resolves
  /// to none or that citation has no symbol.
  public var resolvedSymbol: String?

  /// What the citing text does with the document, when it says so: one of `relations`
  /// ("căn cứ" in "Căn cứ Luật Đất đai …", "thực hiện" for "Thực hiện" and "triển khai",
  /// "sửa đổi, bổ sung", "thay thế", "bãi bỏ", "hướng dẫn"); nil when it does not. A citation in a
  /// list ("Căn cứ Luật A, Luật B") shares the relation of the list.
  public var relation: String?

  /// The relation values, exactly as `relation` spells them.
  public static let relations: Set<String> = [
    "căn cứ", "thực hiện", "sửa đổi, bổ sung", "thay thế", "bãi bỏ", "hướng dẫn",
  ]

  /// Makes a citation of kind `reference` with every other field empty; the recognizer fills in
  /// what the mention states.
  public init(reference: Reference) { self.reference = reference }

  /// The symbol in one spelling for all the ways of writing it (leading zeros dropped, a Party
  /// symbol in the Party layout): "11-ĐA/TU" for "11-ĐA/TU" and "011/ĐA-TU". Mentions of one
  /// document share it; `vitext citations` counts by it.
  public var canonicalSymbol: String?
}
