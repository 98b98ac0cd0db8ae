import SearchCore
import VietDocuments

/// A document's own metadata in the index, kept as terms of the forward index, as the names of
/// its entities are (no second storage beside the terms):
///
/// - `issued` (field 6): `YYYY-MM-DD`, which sorts and compares as text;
/// - `type` (7) and `issuer` (8): the value's exact key (lowercase, canonical tone placement),
///   with a display-name term (`DisplayNames`) so facets show the most frequent written form;
/// - every value as written, `[0x11, tag, value]`: what a hit or the document view shows.
///
/// The written values cost one term each (a document number is unique to its document, so
/// those terms are one-document terms); the forward index lists them per document, so a
/// document's metadata is read back with `IndexReader.forwardKeys(of:)`.
enum StoredMetadata {
  /// The first byte of the as-written terms; no query field, so no query matches them.
  static let fieldByte: UInt8 = 0x11

  /// Which field an as-written term holds.
  enum Tag: UInt8, CaseIterable {
    case number = 1, type, issuer, place, issued, signer, summary
  }

  static func key(_ tag: Tag, written: [UInt8]) -> [UInt8] { [fieldByte, tag.rawValue] + written }

  /// The metadata held by `keys` (a document's forward keys); nil when they hold none.
  static func metadata(fromForwardKeys keys: [[UInt8]]) -> DocumentMetadata? {
    var metadata = DocumentMetadata()
    var found = false
    for key in keys where key.count > 2 && key[0] == fieldByte {
      guard let tag = Tag(rawValue: key[1]) else { continue }
      let value = String(decoding: key.dropFirst(2), as: UTF8.self)
      found = true
      switch tag {
      case .number: metadata.number = value
      case .type: metadata.documentType = value
      case .issuer: metadata.issuer = value
      case .place: metadata.place = value
      case .issued: metadata.issueDate = IssueDate(iso: value)
      case .signer: metadata.signer = value
      case .summary: metadata.summary = value
      }
    }
    return found ? metadata : nil
  }

  /// The `YYYYMMDD` number of an `issued` key (`[6]` + `YYYY-MM-DD`), what a sort by date
  /// compares; 0 for anything else.
  static func dateNumber(ofIssuedKey key: [UInt8]) -> UInt32 {
    guard key.count == 11, key[0] == SearchField.issued.rawValue else { return 0 }
    var number: UInt32 = 0
    for (index, byte) in key.dropFirst().enumerated() where index != 4 && index != 7 {
      guard (0x30...0x39).contains(byte) else { return 0 }
      number = number * 10 + UInt32(byte - 0x30)
    }
    return number
  }
}

extension DocumentPreparer {
  /// Adds the terms of `metadata` (see `StoredMetadata`) to a document's entity terms.
  func appendMetadata(_ metadata: DocumentMetadata, to terms: inout DocumentTerms) throws {
    func append(_ key: [UInt8]) {
      var key = key
      if key.count > IndexLimits.maximumKeyLength {
        key = Array(key.prefix(IndexLimits.maximumKeyLength)).droppingPartialScalar()
      }
      key.withUnsafeBytes { terms.append($0, position: 0) }
    }
    // NFC with tone placement as written (what is shown); keys are made from the analyzed
    // form, as a query's value is, so `type:"nghị định"` finds "NGHỊ ĐỊNH" and "Nghị định".
    func written(_ value: String?) throws -> [UInt8]? {
      guard let value, value.contains(where: { !$0.isWhitespace }) else { return nil }
      return try storage.normalize(validUTF8: Array(value.utf8)).bytes
    }
    if let date = metadata.issueDate {
      append([SearchField.issued.rawValue] + Array(date.description.utf8))
    }
    for (field, value) in [(SearchField.type, metadata.documentType), (.issuer, metadata.issuer)] {
      guard let value = try written(value) else { continue }
      let key = analyzer.keys.exact(try analyzer.analyze(value).bytes, field: field)
      append(key)
      append(DisplayNames.key(exact: key, written: value))
    }
    let values: [(StoredMetadata.Tag, String?)] = [
      (.number, metadata.number), (.type, metadata.documentType), (.issuer, metadata.issuer),
      (.place, metadata.place),
      (.issued, metadata.issueDate?.description), (.signer, metadata.signer),
      (.summary, metadata.summary),
    ]
    for (tag, value) in values {
      guard let value = try written(value) else { continue }
      // A summary longer than a key is not stored cut short: the title holds it (the
      // extractor titles a document by its summary).
      if tag == .summary && value.count + 2 > IndexLimits.maximumKeyLength { continue }
      append(StoredMetadata.key(tag, written: value))
    }
  }
}
