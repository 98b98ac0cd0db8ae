import VietDocuments
import VietEntities
import VietSearch

/// A stored document with its entities (`GET /api/documents/ID`).
public struct DocumentReply: Codable, Sendable {
  /// The document's id.
  public var id: String
  /// What it is shown as everywhere: its title, else its first line, else its id
  /// (`StoredDocument.heading`).
  public var title: String
  /// Its text (NFC).
  public var text: String
  /// Its own number, type, issuer, place, issue date, summary and signer, as in search hits;
  /// null when none is known.
  public var metadata: DocumentMetadata?
  /// Its entities, offsets in code points into `text`.
  public var entities: [EntityReply]

  enum CodingKeys: String, CodingKey { case id, title, text, metadata, entities }

  /// The reply for `document` and the entities found in its text.
  public init(_ document: StoredDocument, entities: [Entity]) {
    id = document.id
    title = document.heading
    text = document.text
    metadata = document.metadata
    self.entities = entities.map(EntityReply.init)
  }

  /// Writes an unknown `metadata` as null, as search hits do.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(id, forKey: .id)
    try container.encode(title, forKey: .title)
    try container.encode(text, forKey: .text)
    try container.encode(metadata, forKey: .metadata)
    try container.encode(entities, forKey: .entities)
  }
}

/// The documents an index's documents cite (`GET /api/citations`).
public struct CitationsReply: Codable, Sendable {
  /// One cited document.
  public struct Row: Codable, Sendable {
    /// The cited document in its most frequent written form.
    public var symbol: String
    /// Documents citing it.
    public var documents: Int
    /// Mentions of it, re-mentions included.
    public var mentions: Int
    /// The query clause finding the documents that cite it.
    public var filter: String

    /// A row for `facet` cited `mentions` times.
    public init(_ facet: Facet, mentions: Int) {
      symbol = facet.label
      documents = facet.documents
      self.mentions = mentions
      filter = facet.filter
    }
  }

  /// Documents in the index.
  public var documents: Int
  /// Cited documents, most citing documents first.
  public var cited: [Row]

  /// The reply for an index of `documents` documents and its `citationTotals`.
  public init(documents: Int, cited: [(facet: Facet, mentions: Int)]) {
    self.documents = documents
    self.cited = cited.map { Row($0.facet, mentions: $0.mentions) }
  }
}

/// The body of every error answer of the API, unknown routes and methods included:
/// `{"error": {"message": …}}`.
public struct ErrorReply: Codable, Sendable {
  /// What went wrong.
  public struct Detail: Codable, Sendable {
    /// The reason, for people.
    public var message: String
  }

  /// The error.
  public var error: Detail

  /// An error body saying `message`.
  public init(message: String) { error = Detail(message: message) }
}
