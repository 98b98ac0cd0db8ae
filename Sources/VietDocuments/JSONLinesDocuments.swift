import Foundation
import VietText

/// One document read from a JSON Lines record: `{"id", "title", "text", …}`.
public struct JSONDocument: Sendable {
  /// The record's "id", nil when absent or `null` (the caller names it, e.g. `file:line`).
  public var id: String?
  /// The record's "title", nil when absent or `null` (never the string "null").
  public var title: String?
  /// The "text", checked to be UTF-8 (repaired when reading lossily).
  public var text: [UInt8]
  /// Other wanted string or number members, by key.
  public var extra: [String: String]
  /// The record's own metadata (`JSONLinesDocuments.metadataKeys`), nil when it gives none.
  public var metadata: DocumentMetadata? = nil
  /// The record's 1-based line number.
  public var line: Int
}

/// Reads documents from one JSON Lines input (a file, `.gz` or not, a FIFO, or standard input)
/// in bounded memory, and makes every record count: a record is read, or it fails the whole
/// read with a message naming its line, or, with `skipBadRecords`, it is counted and reported
/// through `onSkip` — never dropped silently.
///
/// A JSON syntax error, a record without a string "text", an empty "id" (when `requireID`
/// forbids it), invalid UTF-8 (unless `lossy`) and a record over `maxDocumentBytes` are bad
/// records. Damaged or truncated gzip data always fails: what follows the damage is unknown.
public final class JSONLinesDocuments {
  /// How bad records are treated and how large a record may be.
  public struct Policy: Sendable {
    /// The largest record held in memory; larger ones are bad records (default 64 MiB).
    public var maxDocumentBytes: Int = 64 << 20
    /// Skip bad records (counted and reported through `onSkip`) instead of failing.
    public var skipBadRecords = false
    /// Replace invalid UTF-8 in texts with U+FFFD instead of treating the record as bad.
    public var lossy = false
    /// Refuse `"id": ""` (an index cannot find a document by an empty id).
    public var rejectEmptyID = false

    /// A policy: records up to `maxDocumentBytes`; bad records skipped (`skipBadRecords`) or fatal;
    /// invalid UTF-8 replaced (`lossy`) or fatal; an empty "id" refused (`rejectEmptyID`).
    public init(
      maxDocumentBytes: Int = 64 << 20, skipBadRecords: Bool = false, lossy: Bool = false,
      rejectEmptyID: Bool = false
    ) {
      self.maxDocumentBytes = maxDocumentBytes
      self.skipBadRecords = skipBadRecords
      self.lossy = lossy
      self.rejectEmptyID = rejectEmptyID
    }
  }

  /// What this reader does with large, malformed or non-UTF-8 records.
  public let policy: Policy
  /// Members read besides id, title and text (e.g. "n").
  public let extraKeys: Set<String>
  private let lines: LineReader
  /// Records skipped so far (with `skipBadRecords`).
  public private(set) var skippedCount = 0
  /// Called with each skipped record's error.
  public var onSkip: (any Error) -> Void = { _ in }

  /// The file or "<stdin>".
  public var source: String { lines.source }
  /// Bytes read from the input so far (compressed, for gzip).
  public var bytesRead: Int { lines.bytesRead }

  /// Opens `path` (standard input when nil).
  ///
  /// - Throws: `DocumentReadError` when it cannot be opened.
  public init(path: String?, policy: Policy = Policy(), extraKeys: Set<String> = [])
    throws(DocumentReadError)
  {
    self.policy = policy
    self.extraKeys = extraKeys
    lines = try LineReader(path: path, maxLineBytes: policy.maxDocumentBytes)
  }

  /// Calls `body` with each good record's document, in order.
  ///
  /// - Throws: `DocumentReadError` or `InvalidUTF8Error` for the first bad record (unless
  ///   skipping), `DocumentReadError` for unreadable or damaged input, or what `body` throws.
  public func forEach(_ body: (JSONDocument) throws -> Void) throws {
    let source = lines.source
    let limit = policy.maxDocumentBytes
    try lines.forEachLine { line in
      do {
        switch line {
        case .tooLong(let number, _):
          throw DocumentReadError(
            .tooLarge, source: source, line: number,
            "record larger than the limit of \(Self.megabytes(limit)) (--max-document-mb); raise the limit or skip it with --skip-bad-records"
          )
        case .notJSONObject(let number, _):
          throw DocumentReadError(
            .jsonSyntax, source: source, line: number, byteOffset: 0,
            "not a JSON object: the line does not start with '{'")
        case .record(let bytes, let number):
          try body(try document(bytes, number: number))
        case .longRecord(let line, let number):
          try body(try document(longLine: line.take(), number: number))
        }
      } catch let error as DocumentReadError where policy.skipBadRecords && Self.isSkippable(error)
      {
        skippedCount += 1
        onSkip(error)
      } catch let error as InvalidUTF8Error where policy.skipBadRecords {
        skippedCount += 1
        onSkip(error)
      }
    }
  }

  static func isSkippable(_ error: DocumentReadError) -> Bool {
    [.jsonSyntax, .missingField, .invalidField, .tooLarge].contains(error.code)
  }

  /// The members a record may give its metadata in, at its top level or inside a "metadata"
  /// object (as `vitext extract --format jsonl` writes them): "number", "type", "issuer",
  /// "place", "issued" (a `YYYY-MM-DD` date), "summary", "signer".
  public static let metadataKeys: Set<String> = [
    "number", "type", "issuer", "place", "issued", "summary", "signer",
  ]

  /// The document of one record.
  func document(_ bytes: ArraySlice<UInt8>, number: Int) throws -> JSONDocument {
    let record = try parse(bytes, number: number, locatingText: false)
    guard let text = record.string("text") else { throw missingText(record, number: number) }
    return try document(record, text: text, number: number)
  }

  /// The document of one long record, its text decoded in the line's own memory: a 100 MB
  /// record is held once, not as the line and its text side by side.
  func document(longLine: consuming [UInt8], number: Int) throws -> JSONDocument {
    let record = try parse(longLine[...], number: number, locatingText: true)
    guard let contents = record.locatedStrings["text"] else {
      throw missingText(record, number: number)
    }
    // The line's last owner: decoding writes over it instead of copying it.
    var text = consume longLine
    guard JSONRecord.decodeString(inPlace: &text, contents: contents) else {
      // `JSONRecord` checked every escape of the string: this cannot be reached.
      throw DocumentReadError(
        .jsonSyntax, source: lines.source, line: number, byteOffset: contents.lowerBound,
        "malformed escape in \"text\"")
    }
    return try document(record, text: text, number: number)
  }

  private func parse(_ bytes: ArraySlice<UInt8>, number: Int, locatingText: Bool) throws
    -> JSONRecord
  {
    do {
      return try JSONRecord(
        bytes, keys: extraKeys.union(["id", "title", "text", "metadata"]).union(Self.metadataKeys),
        locating: locatingText ? ["text"] : [])
    } catch {
      throw DocumentReadError(
        .jsonSyntax, source: lines.source, line: number, byteOffset: error.byteOffset,
        error.description)
    }
  }

  private func missingText(_ record: JSONRecord, number: Int) -> DocumentReadError {
    let reason = record.members["text"] == nil ? "no \"text\" member" : "\"text\" is not a string"
    return DocumentReadError(
      .missingField, source: lines.source, line: number, reason + " (a document needs its text)")
  }

  private func document(_ record: JSONRecord, text: [UInt8], number: Int) throws -> JSONDocument {
    let id = record["id"].map { String(decoding: $0, as: UTF8.self) }
    if policy.rejectEmptyID, id?.isEmpty == true {
      throw DocumentReadError(
        .invalidField, source: lines.source, line: number,
        "empty \"id\" (give the document an id, or leave the member out to get file:line)")
    }
    var extra: [String: String] = [:]
    for key in extraKeys {
      if let value = record[key] { extra[key] = String(decoding: value, as: UTF8.self) }
    }
    return JSONDocument(
      id: id, title: record["title"].map { String(decoding: $0, as: UTF8.self) },
      text: try Self.checkedText(text, source: "\(lines.source):\(number)", lossy: policy.lossy),
      extra: extra,
      metadata: try metadata(of: record, line: number), line: number)
  }

  /// The metadata members of `record`: the top level's, else its "metadata" object's; nil when
  /// neither gives any.
  ///
  /// - Throws: `DocumentReadError` `.jsonSyntax` for a malformed "metadata" object,
  ///   `.invalidField` for an "issued" that is not a `YYYY-MM-DD` date.
  func metadata(of record: JSONRecord, line: Int) throws -> DocumentMetadata? {
    var members = record
    if !Self.metadataKeys.contains(where: { record.members[$0] != nil }),
      case .object(let bytes) = record.members["metadata"]
    {
      do { members = try JSONRecord(bytes[...], keys: Self.metadataKeys) } catch {
        throw DocumentReadError(
          .jsonSyntax, source: lines.source, line: line,
          "\"metadata\" is not a JSON object: \(error.description)")
      }
    }
    func text(_ key: String) -> String? {
      guard let bytes = members.string(key) else { return nil }
      let value = String(decoding: bytes, as: UTF8.self).trimmingCharacters(
        in: .whitespacesAndNewlines)
      return value.isEmpty ? nil : value
    }
    var metadata = DocumentMetadata(
      number: text("number"), documentType: text("type"), issuer: text("issuer"),
      place: text("place"),
      summary: text("summary"), signer: text("signer"))
    if let issued = text("issued") {
      guard let date = IssueDate(iso: issued) else {
        throw DocumentReadError(
          .invalidField, source: lines.source, line: line,
          "\"issued\" is \"\(issued)\", not a date written YYYY-MM-DD")
      }
      metadata.issueDate = date
    }
    return metadata == DocumentMetadata() ? nil : metadata
  }

  /// `bytes` if they are UTF-8, repaired when `lossy`.
  ///
  /// - Throws: `InvalidUTF8Error` (without a hint: the caller knows its options).
  public static func checkedText(_ bytes: [UInt8], source: String, lossy: Bool)
    throws(InvalidUTF8Error) -> [UInt8]
  {
    guard let bad = bytes.withUnsafeBufferPointer(UTF8Scanning.firstInvalidOffset) else {
      return bytes
    }
    if lossy { return UTF8Scanning.repairing(bytes) }
    throw InvalidUTF8Error(source: source, byteOffset: bad)
  }

  static func megabytes(_ bytes: Int) -> String {
    bytes % (1 << 20) == 0 ? "\(bytes >> 20) MB" : "\(bytes) bytes"
  }
}
