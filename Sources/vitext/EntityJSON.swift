import VietEntities

/// Writes entities as the JSON that `ner_eval.py` reads:
/// `{"start","end","label","text","fields"}`, fields per label as the annotation guidelines
/// name them (DECREE: type, number, year, type_code, issuer_code, issued_date, issuer_name,
/// symbol, ref, relation, …; OFFICIAL: name, titles, unit; DATE: value; UNIT: {}).
struct EntityJSON {
  let out: OutputWriter

  func writeDocument(id: String, entities: [Entity]) {
    beginDocument(id: id)
    for (index, entity) in entities.enumerated() {
      if index > 0 { out.write(byte: UInt8(ascii: ",")) }
      write(entity)
    }
    endDocument()
  }

  /// The start of a document's line, for entities written as they are found (commas between
  /// them are the caller's).
  func beginDocument(id: String) {
    out.write("{\"id\":")
    out.writeJSONString(id.utf8)
    out.write(",\"entities\":[")
  }

  func endDocument() { out.write("]}\n") }

  func write(_ entity: Entity) {
    out.write("{\"start\":\(entity.start),\"end\":\(entity.end),\"label\":\"\(entity.label.rawValue)\",\"text\":")
    out.writeJSONString(entity.text.utf8)
    out.write(",\"fields\":{")
    var fields = FieldWriter(out: out)
    switch entity.fields {
    case .unit:
      break
    case .date(let date):
      fields.string("value", date.description)
    case .official(let official):
      fields.string("name", official.name)
      fields.key("titles")
      out.write(byte: UInt8(ascii: "["))
      for (index, title) in official.titles.enumerated() {
        if index > 0 { out.write(byte: UInt8(ascii: ",")) }
        out.writeJSONString(title.utf8)
      }
      out.write(byte: UInt8(ascii: "]"))
      fields.string("unit", official.unit)
    case .decree(let citation):
      fields.string("type", citation.type)
      fields.string("number", citation.number)
      fields.integer("year", citation.year)
      fields.string("type_code", citation.typeCode)
      fields.string("issuer_code", citation.issuerCode)
      fields.string("issued_date", citation.issuedDate?.description)
      fields.string("issuer_name", citation.issuerName)
      fields.string("symbol", citation.symbol)
      fields.string("ref", citation.reference.rawValue)
      fields.string("relation", citation.relation)
      if let plenum = citation.plenum { fields.string("plenum", plenum) }
      if let term = citation.term { fields.string("term", term) }
      if let congress = citation.congress { fields.string("congress", congress) }
      if let symbol = citation.resolvedSymbol { fields.string("resolves_to", symbol) }
      if let index = citation.resolvesTo { fields.integer("resolves_to_index", index) }
      if citation.isMalformed { fields.literal("malformed", "true") }
      if citation.hasNonstandardSeparator { fields.literal("nonstandard_separator", "true") }
    }
    out.write("}}")
  }

  /// Writes `"key":value` pairs with commas between them.
  private struct FieldWriter {
    let out: OutputWriter
    var first = true

    mutating func key(_ name: String) {
      if !first { out.write(byte: UInt8(ascii: ",")) }
      first = false
      out.write("\"\(name)\":")
    }

    mutating func string(_ name: String, _ value: String?) {
      key(name)
      if let value { out.writeJSONString(value.utf8) } else { out.write("null") }
    }

    mutating func integer(_ name: String, _ value: Int?) {
      key(name)
      out.write(value.map(String.init) ?? "null")
    }

    mutating func literal(_ name: String, _ value: String) {
      key(name)
      out.write(value)
    }
  }
}
