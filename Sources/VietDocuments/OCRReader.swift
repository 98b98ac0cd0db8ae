import Foundation

/// Recognizes text on scanned pages with tesseract's Vietnamese model, rasterizing PDF pages
/// with `pdftoppm` first.
struct OCRReader {
  /// Dots per inch for rasterizing; tesseract is trained on ~300 dpi text.
  var resolution: Int
  var limits: ProgramLimits

  /// The text of page `page` (1-based) of a PDF.
  func recognizePDFPage(path: String, page: Int) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vitext-ocr-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let prefix = folder.appendingPathComponent("page").path
    // Grey, not colour: a third of the bytes, and tesseract binarizes anyway.
    _ = try ExternalProgram.pdftoppm.run(
      [
        "-r", "\(resolution)", "-gray", "-png", "-f", "\(page)", "-l", "\(page)", "-singlefile",
        path, prefix,
      ],
      for: path, limits: limits)
    return try recognizeImage(path: prefix + ".png", reportedAs: path)
  }

  /// The text of an image file (PNG, JPEG, TIFF).
  ///
  /// `preserve_interword_spaces` keeps the wide gap between a header's two columns as several
  /// spaces, so the header repair can split "CHÍNH PHỦ      CỘNG HÒA XÃ HỘI…" into its parts.
  func recognizeImage(path: String, reportedAs name: String? = nil) throws -> String {
    guard ExternalProgram.tesseract.executablePath != nil else {
      throw DocumentReadError(
        .missingProgram, source: name ?? path,
        "this page is a scan and reading it needs `tesseract`, which is not installed (Debian: apt-get install tesseract-ocr tesseract-ocr-vie)"
      )
    }
    do {
      let text = try ExternalProgram.tesseract.run(
        [path, "-", "-l", "vie", "--psm", "3", "-c", "preserve_interword_spaces=1"],
        for: name ?? path, limits: limits)
      return String(decoding: text, as: UTF8.self)
    } catch let error as DocumentReadError
      where error.code == .programFailed && error.reason.contains("vie")
    {
      throw DocumentReadError(
        .missingProgram, source: name ?? path,
        "tesseract has no Vietnamese model (Debian: apt-get install tesseract-ocr-vie)")
    }
  }
}
