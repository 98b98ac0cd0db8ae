import VietEntities
import VietResponses

/// Writes entities as the JSON that `ner_eval.py` reads, one document a line
/// (`DocumentEntitiesReply`), entity by entity as the tagger finds them so a long document's
/// entities are never all held at once. Each entity is `VietResponses.EntityReply`, the same
/// bytes `GET /api/documents/ID` sends.
struct EntityJSON {
  let out: OutputWriter

  /// The start of a document's line, for entities written as they are found (commas between
  /// them are the caller's).
  func beginDocument(id: String) {
    var bytes = Array("{\"id\":".utf8)
    ResponseEncoder.appendString(id, to: &bytes)
    bytes += Array(",\"entities\":[".utf8)
    out.write(bytes)
  }

  func endDocument() { out.write("]}\n") }

  func write(_ entity: Entity) {
    // An entity holds strings and integers only, which always encode.
    out.write((try? ResponseEncoder().encode(EntityReply(entity))) ?? [])
  }
}
