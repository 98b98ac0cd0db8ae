/// A file format the extractor reads, told from the file's first bytes rather than its name.
///
/// An open set (a struct with constants), so a later reader can add a format without breaking
/// callers that switch over the known ones.
public struct DocumentFormat: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible
{
  /// The format's short name, as printed in messages and JSONL (`pdf`, `docx`).
  public var rawValue: String
  /// Wraps a short name.
  public init(rawValue: String) { self.rawValue = rawValue }

  /// PDF, born digital or scanned (`%PDF`).
  public static let pdf = DocumentFormat(rawValue: "pdf")
  /// Word 2007+ (a ZIP holding `word/document.xml`).
  public static let docx = DocumentFormat(rawValue: "docx")
  /// Word 97–2003 (an OLE2 compound file, `D0 CF 11 E0`).
  public static let doc = DocumentFormat(rawValue: "doc")
  /// A web page.
  public static let html = DocumentFormat(rawValue: "html")
  /// A scanned page as PNG, JPEG or TIFF.
  public static let image = DocumentFormat(rawValue: "image")
  /// Plain text: UTF-8, or TCVN3/VNI bytes.
  public static let text = DocumentFormat(rawValue: "text")

  /// The short name.
  public var description: String { rawValue }

  /// Tells the format from the first bytes of a file (512 are enough), falling back on the
  /// file name only for text, which has no signature.
  ///
  /// A ZIP that is not a Word document (an XLSX, an EPUB) and an OLE2 file whose extension
  /// says Excel are reported as nil: reading them as text would index binary noise.
  ///
  /// A ZIP counts as DOCX when `word/` shows among its first entry names (Word, LibreOffice
  /// and python-docx all write it in the first 4 KiB) or, failing that, when it is named `.docx`.
  ///
  /// - Parameters:
  ///   - prefix: the file's first bytes.
  ///   - fileName: the name, for the last resort.
  /// - Returns: the format, or nil for binary data no reader handles.
  public static func sniff(_ prefix: some Collection<UInt8>, fileName: String = "")
    -> DocumentFormat?
  {
    let head = Array(prefix.prefix(4096))
    func starts(_ magic: [UInt8]) -> Bool { head.starts(with: magic) }
    // A PDF may have a few bytes of junk before its header (the spec allows 1024).
    if let percent = firstIndex(of: Array("%PDF-".utf8), in: head.prefix(1024)), percent >= 0 {
      return .pdf
    }
    if starts([0x50, 0x4B, 0x03, 0x04]) {
      return firstIndex(of: Array("word/".utf8), in: head) != nil
        || fileName.lowercased().hasSuffix(".docx") ? .docx : nil
    }
    if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
      let lower = fileName.lowercased()
      return lower.hasSuffix(".xls") || lower.hasSuffix(".ppt") ? nil : .doc
    }
    if starts([0x89, 0x50, 0x4E, 0x47]) || starts([0xFF, 0xD8, 0xFF])
      || starts([0x49, 0x49, 0x2A, 0x00])
      || starts([0x4D, 0x4D, 0x00, 0x2A])
    {
      return .image
    }
    if looksLikeHTML(head) { return .html }
    // Text has no magic number: anything else without NUL bytes (UTF-16 aside) is text.
    if head.contains(0) { return nil }
    return .text
  }

  private static func looksLikeHTML(_ head: [UInt8]) -> Bool {
    let start = head.prefix(1024).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
    for marker in ["<!doctype html", "<html", "<head", "<body", "<meta ", "<title"] {
      if let index = firstIndex(of: Array(marker.utf8), in: start[...]) {
        // Only markup or whitespace before it (a BOM or an XML declaration allowed).
        let before = start[..<index]
        if before.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 >= 0x80 })
          || before.contains(0x3C)
        {
          return true
        }
      }
    }
    return false
  }

  private static func firstIndex(of needle: [UInt8], in haystack: some Collection<UInt8>) -> Int? {
    let bytes = Array(haystack)
    guard !needle.isEmpty, bytes.count >= needle.count else { return nil }
    for start in 0...(bytes.count - needle.count) where bytes[start] == needle[0] {
      if bytes[start..<start + needle.count].elementsEqual(needle) { return start }
    }
    return nil
  }
}
