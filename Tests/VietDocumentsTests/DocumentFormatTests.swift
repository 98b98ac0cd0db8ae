import Foundation
import Testing

@testable import VietDocuments

@Suite struct DocumentFormatTests {
  @Test(
    arguments: [
      (Array("%PDF-1.7\n%âãÏÓ".utf8), "", "pdf"),
      ([0x0A, 0x0A] + Array("%PDF-1.4".utf8), "", "pdf"),
      (
        [0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0]
          + Array("[Content_Types].xml....word/document.xml".utf8), "", "docx"
      ),
      ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], "bao-cao.doc", "doc"),
      ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "", "image"),
      ([0xFF, 0xD8, 0xFF, 0xE0], "", "image"),
      (Array("\u{FEFF}<!DOCTYPE html><html lang=\"vi\">".utf8), "", "html"),
      (Array("  <html><head><title>Tin tức</title>".utf8), "page.txt", "html"),
      (Array("Số: 130/KH-UBND\nHà Nội, ngày 06 tháng 12 năm 2021".utf8), "", "text"),
      // A .pdf name does not make text a PDF: the bytes decide.
      (Array("Báo cáo tháng 6".utf8), "bao-cao.pdf", "text"),
    ] as [([UInt8], String, String)])
  func tellsFormatFromBytes(_ bytes: [UInt8], _ name: String, _ expected: String) {
    #expect(DocumentFormat.sniff(bytes, fileName: name)?.rawValue == expected)
  }

  @Test func refusesBinaryNoReaderHandles() {
    // A ZIP that is not Word (an XLSX), an OLE2 Excel file, and bytes with NULs.
    let xlsx: [UInt8] = [0x50, 0x4B, 0x03, 0x04] + Array("xl/workbook.xml".utf8)
    #expect(DocumentFormat.sniff(xlsx, fileName: "so-lieu.xlsx") == nil)
    #expect(
      DocumentFormat.sniff(
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], fileName: "so-lieu.xls") == nil)
    #expect(DocumentFormat.sniff([0x7F, 0x45, 0x4C, 0x46, 0, 0, 1], fileName: "") == nil)
  }
}
