import Foundation
import Testing
import VietTestSupport

@testable import VietDocuments

/// The seven published documents of `../shared/data/documents/` (its README lists the trap each
/// sets): each must read as Vietnamese with its own number, type, issuer and date.
@Suite struct RealDocumentTests {
  struct Case: Sendable, CustomStringConvertible {
    var file: String
    var number: String
    var type: String
    var issuer: String
    var date: String
    /// A phrase from the body that only a correct reading gives.
    var phrase: String
    var needs: [ExternalProgram]
    var description: String { file }
  }

  static let cases: [Case] = [
    Case(
      file: "02_ND-49-2026-ND-CP_signed.pdf", number: "49/2026/NĐ-CP", type: "Nghị định",
      issuer: "Chính phủ",
      date: "2026-01-31", phrase: "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;",
      needs: [.pdftotext]),
    Case(
      file: "05_ND-199-2026-ND-CP_scan-signed.pdf", number: "199/2026/NĐ-CP", type: "Nghị định",
      issuer: "Chính phủ",
      date: "2026-06-05", phrase: "Căn cứ Luật Ngân sách nhà nước", needs: [.pdftotext, .tesseract]),
    Case(
      file: "11_ND-109-2004-ND-CP_TCVN3.pdf", number: "109/2004/NĐ-CP", type: "Nghị định",
      issuer: "Chính phủ",
      date: "2004-04-02", phrase: "Căn cứ Luật Doanh nghiệp ngày 12 tháng 6 năm 1999;",
      needs: [.pdftohtml]),
    Case(
      file: "12_ND-21-2021-ND-CP.docx", number: "21/2021/NĐ-CP", type: "Nghị định",
      issuer: "Chính phủ",
      date: "2021-03-19", phrase: "Quy định thi hành Bộ luật Dân sự về bảo đảm thực hiện nghĩa vụ",
      needs: []),
    Case(
      file: "15_CT-09-2009-CT-UBND-BinhDuong.doc", number: "09/2009/CT-UBND", type: "Chỉ thị",
      issuer: "Ủy ban nhân dân tỉnh Bình Dương", date: "2009-04-15",
      phrase: "đẩy mạnh hoạt động khoa học và công nghệ cấp cơ sở", needs: [.antiword]),
    Case(
      file: "19_QD-991-2008-QD-UBND-BinhPhuoc_VNI.doc", number: "991/QĐ-UBND", type: "Quyết định",
      issuer: "Ủy ban nhân dân tỉnh Bình Phước", date: "2008-05-14",
      phrase: "Về việc phê duyệt Kế hoạch thực hiện quy hoạch sử dụng rừng", needs: [.antiword]),
    Case(
      file: "21_ND-249-2025-ND-CP_vbpl.html", number: "249/2025/NĐ-CP", type: "Nghị định",
      issuer: "Chính phủ",
      date: "2025-09-19", phrase: "Điều 1. Phạm vi điều chỉnh", needs: []),
  ]

  /// Latin-1 letters that Vietnamese never uses: mojibake of TCVN3 or VNI shows them
  /// ("Ñoàng", "ChÝnh" aside, "§", the soft hyphen TCVN3's ư becomes).
  static let foreignLatin1: Set<UInt32> = Set(0xA0...0xFF).subtracting(
    "àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ".unicodeScalars.map(\.value))

  @Test(arguments: cases)
  func readsAsVietnameseWithItsMetadata(_ item: Case) throws {
    guard let url = try TestData.shared("data/documents/\(item.file)") else { return }
    for program in item.needs {
      guard try FixtureTests.require(program) else { return }
    }
    let document = try DocumentExtractor().read(contentsOf: url.path)
    let metadata = document.metadata
    #expect(metadata.number == item.number, "\(item.file)")
    #expect(metadata.documentType == item.type, "\(item.file)")
    #expect(metadata.issuer == item.issuer, "\(item.file)")
    #expect(metadata.issueDate?.description == item.date, "\(item.file)")
    #expect(document.text.contains(item.phrase), "\(item.file)")
    let scalars = document.text.unicodeScalars
    let foreign = scalars.filter { Self.foreignLatin1.contains($0.value) }.count
    // OCR adds a few stray letters (Ð, Á) where the stamp overlaps the text: 0.3 % for scans,
    // 0.1 % for text layers.
    let tolerance = item.needs.contains(.tesseract) ? 3 : 1
    #expect(
      foreign * 1000 <= scalars.count * tolerance,
      "\(item.file): \(foreign) legacy-font mojibake characters")
    // No mark left apart from its letter (NFC composes every Vietnamese letter).
    #expect(
      !scalars.contains { (0x300...0x36F).contains($0.value) },
      "\(item.file): a detached combining mark")
    #expect(document.pageStarts.first == 0)
  }

  @Test func keepsTheScansPagesAndTheStampAfterTheText() throws {
    guard let url = try TestData.shared("data/documents/05_ND-199-2026-ND-CP_scan-signed.pdf")
    else { return }
    guard try FixtureTests.require(.tesseract) else { return }
    let document = try DocumentExtractor().read(contentsOf: url.path)
    #expect(document.pageStarts.count == 3)
    // The signature stamp (the only text layer) follows the page's recognized text.
    let stamp = try #require(document.text.range(of: "Người ký: CỔNG THÔNG TIN ĐIỆN"))
    let header = try #require(document.text.range(of: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
    #expect(header.lowerBound < stamp.lowerBound)
  }

  @Test func leavesThePortalsNavigationOut() throws {
    guard let url = try TestData.shared("data/documents/21_ND-249-2025-ND-CP_vbpl.html") else {
      return
    }
    let document = try DocumentExtractor().read(contentsOf: url.path)
    #expect(document.text.hasPrefix("CHÍNH PHỦ"))
    #expect(!document.text.contains("VĂN BẢN PHÁP LUẬT ĐỊA PHƯƠNG"))
    #expect(!document.text.contains("Trang chủ"))
    #expect(document.metadata.signer == "Nguyễn Hòa Bình")
  }

  @Test func decodesTCVN3HeadingFontsAsCapitals() throws {
    guard let url = try TestData.shared("data/documents/11_ND-109-2004-ND-CP_TCVN3.pdf") else {
      return
    }
    guard try FixtureTests.require(.pdftohtml) else { return }
    let document = try DocumentExtractor().read(contentsOf: url.path)
    // .VnTimeH draws capitals at the lower-case codes.
    #expect(document.text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
    #expect(document.metadata.signer == "Phan Văn Khải")
    #expect(document.pageStarts.count == 30)
  }
}
