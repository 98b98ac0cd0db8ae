import Foundation
import Testing
import VietTestSupport

@testable import VietDocuments

/// Each reader against the text its fixture was made from (Fixtures/make-fixtures.py).
@Suite struct FixtureTests {
  let extractor = DocumentExtractor()

  /// Whether poppler is installed; without it PDF tests skip, except under CI=true.
  static func require(_ program: ExternalProgram) throws -> Bool {
    if program.executablePath != nil { return true }
    if ProcessInfo.processInfo.environment["CI"] == "true" {
      throw DocumentReadError(
        .missingProgram, source: program.name,
        "CI must have \(program.debianPackage) (.ci/setup installs it)")
    }
    print(
      "note: skipping: \(program.name) is not installed (apt-get install \(program.debianPackage))")
    return false
  }

  @Test func docxTextEqualsItsSource() throws {
    let document = try extractor.read(contentsOf: Fixture.path("thong-tu-14-2026.docx"))
    let agreement = TextComparison.agreement(
      extracted: document.text, source: try Fixture.sourceText)
    print(
      "DOCX fixture: \(String(format: "%.4f", agreement)) of characters equal after normalization")
    #expect(agreement >= 0.995)
    // Runs were cut every 7 characters, inside syllables: joined with nothing between them.
    #expect(document.text.contains("chuyến bay chuyên cơ, chuyên khoang"))
    #expect(document.format == .docx)
    #expect(document.metadata.fileTitle == "Thông tư 14/2026/TT-BTC")
    #expect(document.metadata.number == "14/2026/TT-BTC")
    #expect(document.metadata.documentType == "Thông tư")
    #expect(document.metadata.issuer == "Bộ Tài chính")
    #expect(document.metadata.issueDate?.description == "2026-03-02")
  }

  @Test func pdfTextEqualsItsSource() throws {
    guard try Self.require(.pdftotext) else { return }
    let document = try extractor.read(contentsOf: Fixture.path("thong-tu-14-2026.pdf"))
    let agreement = TextComparison.agreement(
      extracted: document.text, source: try Fixture.sourceText)
    print(
      "PDF fixture: \(String(format: "%.4f", agreement)) of characters equal after normalization")
    #expect(agreement >= 0.995)
    #expect(document.metadata.number == "14/2026/TT-BTC")
    #expect(document.metadata.documentType == "Thông tư")
    #expect(document.metadata.issueDate?.description == "2026-03-02")
    #expect(document.title.hasPrefix("Thông tư 14/2026/TT-BTC Hướng dẫn việc lập dự toán"))
    // Two pages; "Điều 2." is printed on the second.
    #expect(document.pageStarts.count == 2)
    let scalars = Array(document.text.unicodeScalars)
    let article2 = try #require(document.text.range(of: "Điều 2. Nguồn kinh phí"))
    let offset = document.text.unicodeScalars.distance(
      from: document.text.unicodeScalars.startIndex, to: article2.lowerBound)
    #expect(offset < scalars.count)
    #expect(document.pageNumber(atOffset: offset) == 2)
    #expect(document.pageNumber(atOffset: 0) == 1)
  }

  /// CER of tesseract on page 1 rasterized at 200 and 300 dpi, against the source text of
  /// that page (the first page's text as the born-digital PDF gives it).
  @Test(arguments: [(200, 0.05), (300, 0.03)])
  func scannedPageCharacterErrorRate(_ dpi: Int, _ ceiling: Double) throws {
    guard try Self.require(.tesseract), try Self.require(.pdftotext) else { return }
    let digital = try extractor.read(contentsOf: Fixture.path("thong-tu-14-2026.pdf"))
    let pageOne = String(digital.text.unicodeScalars.prefix(digital.pageStarts[1]))
    // Page one of the source is what the born-digital reader agrees with (≥ 99.5 %, above).
    let scan = try extractor.read(contentsOf: Fixture.path("thong-tu-14-2026-p1-\(dpi)dpi.png"))
    let a = TextComparison.normalized(scan.text)
    let b = TextComparison.normalized(pageOne)
    let cer = Double(TextComparison.editDistance(a, b)) / Double(b.count)
    print("scan at \(dpi) dpi: CER \(String(format: "%.4f", cer)) over \(b.count) characters")
    #expect(cer <= ceiling)
    #expect(scan.format == .image)
  }
}
