import Foundation

/// Reads documents as they arrive — PDF (born digital or scanned), DOCX, DOC, HTML, scanned
/// images and plain text — into `Document` values, choosing the reader by the file's content.
///
///     let extractor = DocumentExtractor()
///     let document = try extractor.read(contentsOf: "reports/kh-130.pdf")
///     print(document.metadata.number ?? "", document.metadata.issueDate?.description ?? "")
///
/// PDF needs poppler-utils, DOC needs antiword, scans need tesseract-ocr and tesseract-ocr-vie;
/// DOCX, HTML and text need nothing outside the library. A missing program is a
/// `DocumentReadError` of kind `.missingProgram` naming the package.
public struct DocumentExtractor: Sendable {
  /// Dots per inch at which scanned PDF pages are rasterized for OCR.
  public var ocrResolution: Int
  /// Limits for each external program run.
  public var limits: ProgramLimits
  /// The largest file read whole (text and HTML); larger ones are refused, not truncated.
  public var maxFileBytes: Int

  /// Makes an extractor.
  ///
  /// - Parameters:
  ///   - ocrResolution: 300 dpi by default (CER 200 vs 300 dpi: see README's Documents section).
  ///   - limits: time and output limits for each external program.
  ///   - maxFileBytes: 256 MiB by default.
  public init(
    ocrResolution: Int = 300, limits: ProgramLimits = .standard, maxFileBytes: Int = 256 << 20
  ) {
    self.ocrResolution = ocrResolution
    self.limits = limits
    self.maxFileBytes = maxFileBytes
  }

  /// The format of the file at `path`, from its first bytes; nil for binary data no reader
  /// handles.
  ///
  /// - Throws: `DocumentReadError` `.missing` when it cannot be opened.
  public func format(ofFileAt path: String) throws -> DocumentFormat? {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw DocumentReadError(.missing, source: path, "no such file, or it cannot be opened")
    }
    defer { try? handle.close() }
    let head = (try? handle.read(upToCount: 4096)) ?? Data()
    return DocumentFormat.sniff(head, fileName: path)
  }

  /// Reads the document at `path`.
  ///
  /// - Parameters:
  ///   - path: the file.
  ///   - id: the document's id; the file name without its extension by default.
  /// - Returns: the text, page starts and metadata.
  /// - Throws: `DocumentReadError`: `.missing`, `.unreadable` (no reader for these bytes,
  ///   damaged, or no text at all), `.missingProgram`, `.programLimit`, `.programFailed`.
  public func read(contentsOf path: String, id: String? = nil) throws -> Document {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
      throw DocumentReadError(.missing, source: path, "no such file")
    }
    guard !isFolder.boolValue else {
      throw DocumentReadError(.missing, source: path, "is a folder, not a document")
    }
    guard let format = try format(ofFileAt: path) else {
      throw DocumentReadError(
        .unreadable, source: path,
        "not a format vitext reads (PDF, DOCX, DOC, HTML, PNG/JPEG/TIFF, text)")
    }
    let raw: RawDocument
    switch format {
    case .pdf:
      raw = try PDFReader(ocr: OCRReader(resolution: ocrResolution, limits: limits), limits: limits)
        .read(path: path)
    case .docx:
      raw = try DOCXReader().read(path: path)
    case .doc:
      raw = try DOCReader(limits: limits).read(path: path)
    case .image:
      raw = RawDocument(
        pages: [
          try OCRReader(resolution: ocrResolution, limits: limits).recognizeImage(path: path)
        ], usedOCR: true)
    case .html:
      raw = try HTMLReader().read(path: path, bytes: try wholeFile(path))
    default:
      let bytes = LegacyText.decodeIfLegacy(try wholeFile(path))
      guard let text = String(validating: bytes, as: UTF8.self) else {
        throw DocumentReadError(
          .unreadable, source: path, "text that is neither UTF-8 nor TCVN3/VNI")
      }
      raw = RawDocument(pages: text.components(separatedBy: "\u{0C}"))
    }
    let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    return try assemble(raw, id: id ?? name, path: path, format: format)
  }

  /// Repairs each page, joins them, and reads the metadata.
  func assemble(_ raw: RawDocument, id: String, path: String, format: DocumentFormat) throws
    -> Document
  {
    let repair = TextRepair()
    var text = ""
    var pageStarts: [Int] = []
    var scalarCount = 0
    for (index, page) in raw.pages.enumerated() {
      let repaired = tidy(repair.repair(page: page, isFirstPage: index == 0))
      if index > 0 {
        text += "\n\n"
        scalarCount += 2
      }
      pageStarts.append(scalarCount)
      text += repaired
      scalarCount += repaired.unicodeScalars.count
    }
    if pageStarts.isEmpty { pageStarts = [0] }
    guard text.contains(where: \.isLetter) else {
      throw DocumentReadError(
        .unreadable, source: path,
        raw.usedOCR
          ? "OCR found no text on its pages" : "holds no text (a scan? then tesseract reads it)")
    }
    var metadata = MetadataReader.shared.read(text)
    metadata.fileTitle = raw.fileTitle
    metadata.fileAuthor = raw.fileAuthor
    let title = MetadataReader.title(for: metadata, text: text) ?? id
    return Document(
      id: id, title: title, text: text, metadata: metadata, pageStarts: pageStarts, source: path,
      format: format)
  }

  /// Trims a page and keeps at most one blank line between paragraphs.
  private func tidy(_ page: String) -> String {
    var out: [Substring] = []
    for line in page.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.isEmpty, out.last?.isEmpty ?? true { continue }
      out.append(line)
    }
    while out.last?.isEmpty == true { out.removeLast() }
    return out.joined(separator: "\n")
  }

  private func wholeFile(_ path: String) throws -> [UInt8] {
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    guard size <= maxFileBytes else {
      throw DocumentReadError(.unreadable, source: path, "larger than \(maxFileBytes >> 20) MiB")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw DocumentReadError(.missing, source: path, "cannot be read")
    }
    return [UInt8](data)
  }
}
