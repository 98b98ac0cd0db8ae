import Hummingbird
import VietDocuments
import VietEntities
import VietSearch

/// JSON bodies of the API. Offsets are code points (Python `str` indices).
struct SearchReply: ResponseEncodable {
  struct Hit: Codable {
    var id: String
    var title: String
    var score: Float
    var snippet: String
    var highlights: [[Int]]
    /// The document's own number, type, issuer, place, issue date and signer, as
    /// `vitext extract` writes them; null when unknown.
    var metadata: DocumentMetadata?

    enum CodingKeys: String, CodingKey { case id, title, score, snippet, highlights, metadata }

    // Written out so an unknown metadata is `null`, as `vitext search --format json` writes
    // it, rather than a missing member (what the synthesized encoder does with nil).
    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(id, forKey: .id)
      try container.encode(title, forKey: .title)
      try container.encode(score, forKey: .score)
      try container.encode(snippet, forKey: .snippet)
      try container.encode(highlights, forKey: .highlights)
      try container.encode(metadata, forKey: .metadata)
    }
  }

  struct FacetCount: Codable {
    var key: String
    var label: String
    var documents: Int
    var filter: String
  }

  var query: String
  var total: Int
  var took_ms: Double
  var offset: Int
  var limit: Int
  /// `relevance` or `date`.
  var sort: String
  var hits: [Hit]
  var facets: [String: [FacetCount]]
}

struct EntityReply: Codable {
  var start: Int
  var end: Int
  var label: String
  var text: String
}

struct DocumentReply: ResponseEncodable {
  var id: String
  var title: String
  var text: String
  var metadata: DocumentMetadata?
  var entities: [EntityReply]

  enum CodingKeys: String, CodingKey { case id, title, text, metadata, entities }

  /// `metadata` is `null` when unknown, as in search hits.
  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(id, forKey: .id)
    try container.encode(title, forKey: .title)
    try container.encode(text, forKey: .text)
    try container.encode(metadata, forKey: .metadata)
    try container.encode(entities, forKey: .entities)
  }
}

struct CitationsReply: ResponseEncodable {
  struct Row: Codable {
    var symbol: String
    var documents: Int
    var mentions: Int
    var filter: String
  }

  var documents: Int
  var cited: [Row]
}

struct AnalyzeReply: ResponseEncodable {
  struct Span: Codable {
    var start: Int
    var end: Int
    var text: String
  }

  var normalized: String
  var sentences: [Span]
  var words: [Span]
  var entities: [EntityReply]
}

extension EntityReply {
  init(_ entity: Entity) {
    self.init(start: entity.start, end: entity.end, label: entity.label.rawValue, text: entity.text)
  }
}
