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

/// The documents related to one document (`vitext related ID --format json`,
/// `GET /api/documents/ID/related`): those it cites and those citing it that are in the index,
/// and those sharing its most distinctive terms.
public struct RelatedReply: Codable, Sendable {
  /// One related document.
  public struct Entry: Codable, Sendable {
    /// The document's id.
    public var id: String
    /// What it is shown as everywhere (`StoredDocument.heading`).
    public var title: String
    /// The symbol linking a citation, or the distinctive terms a similar document shares.
    public var reason: String
    /// Its own number, type, issuer, place, issue date, summary and signer; null when none is
    /// known.
    public var metadata: DocumentMetadata?

    enum CodingKeys: String, CodingKey { case id, title, reason, metadata }

    /// The reply for one entry of `RelatedDocuments`.
    public init(_ entry: RelatedDocuments.Entry) {
      id = entry.id
      title = entry.heading
      reason = entry.reason
      metadata = entry.metadata
    }

    /// Writes an unknown `metadata` as null, as search hits do.
    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(id, forKey: .id)
      try container.encode(title, forKey: .title)
      try container.encode(reason, forKey: .reason)
      try container.encode(metadata, forKey: .metadata)
    }
  }

  /// The document's id.
  public var id: String
  /// What the document is shown as.
  public var title: String
  /// Documents of the index it cites.
  public var cites: [Entry]
  /// Documents of the index citing it, newest first.
  public var citedBy: [Entry]
  /// How many documents cite it in all.
  public var citedByTotal: Int
  /// Documents on the same subject, most alike first.
  public var similar: [Entry]
  /// The terms the similar documents were found by, most distinctive first.
  public var terms: [String]

  enum CodingKeys: String, CodingKey {
    case id, title, cites
    case citedBy = "cited_by"
    case citedByTotal = "cited_by_total"
    case similar, terms
  }

  /// The reply for `related`.
  public init(_ related: RelatedDocuments) {
    id = related.id
    title = related.heading
    cites = related.cites.map(Entry.init)
    citedBy = related.citedBy.map(Entry.init)
    citedByTotal = related.citedByTotal
    similar = related.similar.map(Entry.init)
    terms = related.distinctiveTerms
  }
}
