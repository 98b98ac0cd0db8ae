import VietEntities

/// An entity as every JSON output writes it: `vitext entities` (the format `ner_eval.py`
/// reads), `GET /api/documents/ID` and `POST /api/analyze`. Offsets are code points (Python
/// `str` indices) into the NFC text.
public struct EntityReply: Codable, Sendable, Hashable {
  /// First code point of the mention.
  public var start: Int
  /// One past its last code point.
  public var end: Int
  /// DECREE, OFFICIAL, UNIT or DATE.
  public var label: String
  /// The mention as written.
  public var text: String
  /// The structured reading, per label as the annotation guidelines name its fields.
  public var fields: EntityFieldsReply

  /// The reply for `entity`.
  public init(_ entity: Entity) {
    start = entity.start
    end = entity.end
    label = entity.label.rawValue
    text = entity.text
    fields = EntityFieldsReply(entity.fields)
  }
}

/// An entity's fields, in a fixed order per label: DECREE `type, number, year, type_code,
/// issuer_code, issued_date, issuer_name, symbol, ref, relation` then what the mention has of
/// `plenum, term, congress, resolves_to, resolves_to_index, malformed, nonstandard_separator`;
/// OFFICIAL `name, titles, unit`; DATE `value`; UNIT none. An unknown value is null.
public struct EntityFieldsReply: Codable, Sendable, Hashable {
  /// A field's value: JSON has strings, numbers, booleans, lists of strings and null here.
  public enum Value: Codable, Sendable, Hashable {
    /// A text value (`"2021-12-06"`).
    case string(String)
    /// A number (`"year": 2021`).
    case integer(Int)
    /// A marker such as `"malformed": true`.
    case flag(Bool)
    /// A list, such as an official's titles.
    case strings([String])
    /// A field the mention does not state.
    case null

    /// Reads whichever of the cases the JSON value is.
    public init(from decoder: any Decoder) throws {
      let container = try decoder.singleValueContainer()
      if container.decodeNil() {
        self = .null
      } else if let value = try? container.decode(Bool.self) {
        self = .flag(value)
      } else if let value = try? container.decode(Int.self) {
        self = .integer(value)
      } else if let value = try? container.decode(String.self) {
        self = .string(value)
      } else {
        self = .strings(try container.decode([String].self))
      }
    }

    /// Writes the value as its JSON type.
    public func encode(to encoder: any Encoder) throws {
      var container = encoder.singleValueContainer()
      switch self {
      case .string(let value): try container.encode(value)
      case .integer(let value): try container.encode(value)
      case .flag(let value): try container.encode(value)
      case .strings(let value): try container.encode(value)
      case .null: try container.encodeNil()
      }
    }
  }

  /// Name and value of each field, in the order written.
  public var members: [(name: String, value: Value)]

  /// The fields of one entity.
  public init(_ fields: Entity.Fields) {
    var members: [(String, Value)] = []
    func add(_ name: String, _ value: String?) {
      members.append((name, value.map(Value.string) ?? .null))
    }
    switch fields {
    case .unit:
      break
    case .date(let date):
      add("value", date.description)
    case .official(let official):
      add("name", official.name)
      members.append(("titles", .strings(official.titles)))
      add("unit", official.unit)
    case .decree(let citation):
      add("type", citation.type)
      add("number", citation.number)
      members.append(("year", citation.year.map(Value.integer) ?? .null))
      add("type_code", citation.typeCode)
      add("issuer_code", citation.issuerCode)
      add("issued_date", citation.issuedDate?.description)
      add("issuer_name", citation.issuerName)
      add("symbol", citation.symbol)
      add("ref", citation.reference.rawValue)
      add("relation", citation.relation)
      if let plenum = citation.plenum { add("plenum", plenum) }
      if let term = citation.term { add("term", term) }
      if let congress = citation.congress { add("congress", congress) }
      if let symbol = citation.resolvedSymbol { add("resolves_to", symbol) }
      if let index = citation.resolvesTo { members.append(("resolves_to_index", .integer(index))) }
      if citation.isMalformed { members.append(("malformed", .flag(true))) }
      if citation.hasNonstandardSeparator { members.append(("nonstandard_separator", .flag(true))) }
    }
    self.members = members
  }

  struct Name: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  /// Reads the fields in the order the JSON object lists them (as far as the decoder keeps it).
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: Name.self)
    members = try container.allKeys.map {
      ($0.stringValue, try container.decode(Value.self, forKey: $0))
    }
  }

  /// Writes the fields as one object, in order, null values included.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Name.self)
    for member in members {
      try container.encode(member.value, forKey: Name(stringValue: member.name))
    }
  }

  /// The same fields in the same order.
  public static func == (left: Self, right: Self) -> Bool {
    left.members.elementsEqual(right.members) { $0.name == $1.name && $0.value == $1.value }
  }

  /// Hashes names and values in order.
  public func hash(into hasher: inout Hasher) {
    for member in members {
      hasher.combine(member.name)
      hasher.combine(member.value)
    }
  }
}
