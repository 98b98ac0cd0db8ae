import Foundation
import VietText

/// One document of a corpus, ready to index.
public struct CorpusDocument: Sendable {
  /// Its id: the record's "id", else `file:line`; for a file, its path below the folder named
  /// (`CorpusReader` says how).
  public var id: String
  /// The record's title, or the title a reader found in the file; empty when none.
  public var title: String
  /// UTF-8 text, checked.
  public var text: [UInt8]
  /// The document's own metadata: the record's members, else what its header says; nil when
  /// neither gives any (or headers are not read).
  public var metadata: DocumentMetadata?
  /// The record's "n" member, when it has one (the benchmark harness numbers documents so).
  public var ordinal: String?

  /// Makes a document.
  public init(
    id: String, title: String, text: [UInt8], metadata: DocumentMetadata? = nil,
    ordinal: String? = nil
  ) {
    self.id = id
    self.title = title
    self.text = text
    self.metadata = metadata
    self.ordinal = ordinal
  }
}

/// Streams the documents of a corpus: text files, JSON Lines files (plain or gzip-compressed,
/// read a line at a time, so a corpus larger than memory is indexed), documents in the formats
/// `DocumentExtractor` reads (PDF, DOCX, DOC, HTML, scanned images), and folders of any of them.
///
/// **Which files.** A file named by the caller is always read. In a folder (searched
/// recursively, in name order, hidden files skipped, symbolic links followed once) only files
/// whose names end in one of `CorpusReader.documentExtensions` are read; others (a README, a
/// script) are counted in `ignoredFiles`, not indexed.
///
/// **Ids.** A `.txt` file's id is its path below the folder named, without ".txt" (or its
/// name when named itself); any other document's id is its path below the folder *with* its
/// extension, so `a.pdf` and `a.docx` stay two documents. A JSON line's id is its "id", else
/// `file:line`.
///
/// **Metadata.** From a record's members (`JSONLinesDocuments.metadataKeys`), else, when
/// `readsHeaders`, from the text's header (`DocumentMetadata(readingHeaderOf:)`); PDF, DOCX,
/// DOC, HTML and images always get the extractor's.
///
/// **Failures.** A document the extractor cannot read (damaged, no text, a program missing
/// or over its limits) is passed to `onUnreadable` and skipped, and the reading goes on: the
/// caller decides what that means for its exit status. Bad JSON Lines records and text files
/// follow `policy` (fail, or skip and report through `onSkip`).
public final class CorpusReader {
  /// Extensions read in a folder: text, JSON Lines, and what `DocumentExtractor` reads.
  public static let documentExtensions = [
    ".txt", ".jsonl", ".jsonl.gz", ".pdf", ".docx", ".doc", ".html", ".htm", ".xhtml", ".png",
    ".jpg", ".jpeg", ".tif", ".tiff",
  ]

  /// The sources as the caller named them.
  public let paths: [String]
  /// How records are checked, how large a document may be, and whether bad ones are skipped.
  public let policy: JSONLinesDocuments.Policy
  /// Every file is JSON Lines, whatever its name (for pipes and FIFOs).
  public let allJSONL: Bool
  /// Reads metadata from the header of texts that come without it.
  public let readsHeaders: Bool
  /// Reads PDF, DOCX, DOC, HTML and images.
  public let extractor: DocumentExtractor
  /// Bytes of input read so far (for progress reports).
  public private(set) var bytesRead = 0
  /// Records and text files skipped under `policy.skipBadRecords`.
  public private(set) var skipped = 0
  /// Documents the extractor could not read, in order (each was skipped).
  public private(set) var unreadable: [DocumentReadError] = []
  /// Files in the folders that are not documents by their names (not read).
  public private(set) var ignoredFiles = 0
  /// Called with each record or file skipped under `policy.skipBadRecords`.
  public var onSkip: (any Error) -> Void = { _ in }
  /// Called with each document the extractor could not read (it is skipped).
  public var onUnreadable: (DocumentReadError) -> Void = { _ in }

  /// Prepares to read `paths`; nothing is opened until `forEach`.
  public init(
    paths: [String], policy: JSONLinesDocuments.Policy, allJSONL: Bool = false,
    readsHeaders: Bool = true,
    extractor: DocumentExtractor = DocumentExtractor()
  ) {
    self.paths = paths
    self.policy = policy
    self.allJSONL = allJSONL
    self.readsHeaders = readsHeaders
    self.extractor = extractor
  }

  /// Whether a file is read as JSON Lines by its name: `.jsonl`, or `.jsonl.gz` compressed.
  public static func isJSONL(_ path: String) -> Bool {
    path.hasSuffix(".jsonl") || path.hasSuffix(".jsonl.gz")
  }

  /// Extensions read through `DocumentExtractor` (which then picks the reader by content);
  /// any other file named is read as text, as pipes and FIFOs are.
  public static let extractedExtensions = [
    ".pdf", ".docx", ".doc", ".html", ".htm", ".xhtml", ".png", ".jpg", ".jpeg", ".tif", ".tiff",
  ]

  /// Whether a file is read through `DocumentExtractor`, by its name (any case).
  public static func isExtracted(_ path: String) -> Bool {
    let lower = path.lowercased()
    return extractedExtensions.contains { lower.hasSuffix($0) }
  }

  /// Whether a file in a folder is read, by its name (`documentExtensions`, any case).
  public static func isDocument(_ name: String) -> Bool {
    let lower = name.lowercased()
    return documentExtensions.contains { lower.hasSuffix($0) }
  }

  /// The files to read with their ids, folders expanded.
  ///
  /// - Throws: `DocumentReadError` `.missing` for a source that does not exist, `.io` for a
  ///   folder that cannot be listed.
  public func files() throws -> [(path: String, id: String)] {
    var files: [(path: String, id: String)] = []
    ignoredFiles = 0
    for path in paths {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw DocumentReadError(.missing, source: path, "no such file or folder")
      }
      if isDirectory.boolValue {
        var visited = Set<String>()
        let all = try Self.walk(path, relative: "", visited: &visited)
        let found = all.filter(Self.isDocument).sorted()
        ignoredFiles += all.count - found.count
        files += found.map {
          ((path as NSString).appendingPathComponent($0), Self.id(relativePath: $0))
        }
      } else {
        files.append((path, Self.id(relativePath: (path as NSString).lastPathComponent)))
      }
    }
    return files
  }

  /// A file's id from its path below the folder named: without ".txt" for text files, as it
  /// is for every other kind.
  static func id(relativePath: String) -> String {
    relativePath.hasSuffix(".txt") ? String(relativePath.dropLast(4)) : relativePath
  }

  /// Calls `body` with each document, in order, and the input bytes read so far.
  ///
  /// - Throws: `DocumentReadError` or `InvalidUTF8Error` for bad input (unless skipped by
  ///   `policy`), or what `body` throws. Documents the extractor cannot read do not throw:
  ///   they go to `onUnreadable` and `unreadable`.
  public func forEach(_ body: (CorpusDocument, _ bytesRead: Int) throws -> Void) throws {
    for (path, id) in try files() {
      if allJSONL || Self.isJSONL(path) {
        try readJSONLines(path, body)
      } else if !Self.isExtracted(path) {
        guard let data = try readTextFile(path) else { continue }
        bytesRead += data.count
        let text = try JSONLinesDocuments.checkedText(data, source: path, lossy: policy.lossy)
        let metadata = readsHeaders ? Self.headerMetadata(text) : nil
        try body(CorpusDocument(id: id, title: "", text: text, metadata: metadata), bytesRead)
      } else {
        let document: Document
        do { document = try extractor.read(contentsOf: path, id: id) } catch let error
          as DocumentReadError
        {
          unreadable.append(error)
          onUnreadable(error)
          continue
        }
        let text = Array(document.text.utf8)
        bytesRead +=
          (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? text.count
        // The extractor titles a document without heading by its id: no title, then.
        let title = document.title == id ? "" : document.title
        try body(
          CorpusDocument(id: id, title: title, text: text, metadata: document.metadata), bytesRead)
      }
    }
  }

  private func readJSONLines(
    _ path: String, _ body: (CorpusDocument, _ bytesRead: Int) throws -> Void
  ) throws {
    let records = try JSONLinesDocuments(path: path, policy: policy, extraKeys: ["n"])
    records.onSkip = onSkip
    var before = 0
    try records.forEach { record in
      bytesRead += records.bytesRead - before
      before = records.bytesRead
      let metadata = record.metadata ?? (readsHeaders ? Self.headerMetadata(record.text) : nil)
      let document = CorpusDocument(
        id: record.id ?? "\(path):\(record.line)", title: record.title ?? "", text: record.text,
        metadata: metadata,
        ordinal: record.extra["n"])
      try body(document, bytesRead)
    }
    bytesRead += records.bytesRead - before
    skipped += records.skippedCount
  }

  /// What a text's header says (`DocumentMetadata(readingHeaderOf:)`); nil unless it has a
  /// header: a number, a type or a date line. A news article has none, and what the signature
  /// rule finds at its end is a caption or a byline ("Thư viện ảnh"), not a signer.
  ///
  /// A text over `wholeHeaderBytes` is read from its first and last `headerExcerptBytes` (cut at
  /// line breaks): the header and the closing lines (signer, consolidation block, the date a
  /// law was passed) are there, and splitting a 100 MB text into lines of `String` would cost
  /// several times the text. (The longest gov document, 1.3 MB, is read whole: a consolidated
  /// text's certification block may sit hundreds of KB before its end, under its appendices.)
  public static func headerMetadata(_ text: [UInt8]) -> DocumentMetadata? {
    let metadata = DocumentMetadata(readingHeaderOf: headerExcerpt(text))
    guard metadata.number != nil || metadata.documentType != nil || metadata.issueDate != nil else {
      return nil
    }
    return metadata
  }

  /// Texts up to this size have their header read whole (see `headerMetadata`).
  static let wholeHeaderBytes = 4 << 20
  /// The part of each end of a longer text that is read.
  static let headerExcerptBytes = 1 << 20

  /// `text` as a string, or for a text over `wholeHeaderBytes` its first and last
  /// `headerExcerptBytes` cut at line breaks and joined by one.
  static func headerExcerpt(_ text: [UInt8]) -> String {
    let size = headerExcerptBytes
    guard text.count > wholeHeaderBytes else { return String(decoding: text, as: UTF8.self) }
    let headEnd = text[..<size].lastIndex(of: 0x0A) ?? size
    let tailStart =
      text[(text.count - size)...].firstIndex(of: 0x0A).map { $0 + 1 } ?? (text.count - size)
    return String(decoding: text[..<headEnd], as: UTF8.self) + "\n"
      + String(decoding: text[tailStart...], as: UTF8.self)
  }

  /// A text document's bytes; nil when it is over the limit and skipped (reported).
  private func readTextFile(_ path: String) throws -> [UInt8]? {
    let result = Result { () throws(DocumentReadError) in
      try DocumentFile.read(path: path, maxBytes: policy.maxDocumentBytes)
    }
    if case .failure(let error) = result, error.code == .tooLarge, policy.skipBadRecords {
      skipped += 1
      onSkip(error)
      return nil
    }
    return try result.get()
  }

  /// Files below `folder` as relative paths, following symbolic links to folders (a corpus
  /// assembled from links is common) but never into a folder twice.
  private static func walk(_ folder: String, relative: String, visited: inout Set<String>) throws
    -> [String]
  {
    let resolved = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
    guard visited.insert(resolved).inserted else { return [] }
    let names: [String]
    do { names = try FileManager.default.contentsOfDirectory(atPath: folder) } catch {
      throw DocumentReadError(.io, source: folder, "cannot list folder")
    }
    var files: [String] = []
    for name in names where !name.hasPrefix(".") {
      let path = (folder as NSString).appendingPathComponent(name)
      let inner = relative.isEmpty ? name : relative + "/" + name
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        continue
      }
      if isDirectory.boolValue {
        files += try walk(path, relative: inner, visited: &visited)
      } else {
        files.append(inner)
      }
    }
    return files
  }
}
