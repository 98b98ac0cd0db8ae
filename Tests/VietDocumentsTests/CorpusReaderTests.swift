import Foundation
import Testing
import VietDocuments
import VietTestSupport

/// Reading a folder of mixed documents from the library, as `vitext index build` does.
@Suite struct CorpusReaderTests {
  static let fixtures = TestData.packageRoot.appendingPathComponent(
    "Tests/VietDocumentsTests/Fixtures")

  static func folder(_ files: [String: [UInt8]]) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vitext-corpus-\(UUID().uuidString)")
    for (name, bytes) in files {
      let url = folder.appendingPathComponent(name)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(bytes).write(to: url)
    }
    return folder
  }

  @Test func aMixedFolderGivesUniqueIdsMetadataAndItsUnreadableFiles() throws {
    let docx = [UInt8](
      try Data(contentsOf: Self.fixtures.appendingPathComponent("thong-tu-14-2026.docx")))
    let text = [UInt8](
      try Data(contentsOf: Self.fixtures.appendingPathComponent("thong-tu-14-2026.txt")))
    let folder = try Self.folder([
      "a/tt-14.docx": docx, "a/tt-14.txt": text,
      "b/broken.pdf": Array("%PDF-1.4\n1 0 obj << /Type /Catalog".utf8),
      "notes.md": Array("ghi chú".utf8), ".hidden.txt": Array("ẩn".utf8),
    ])
    defer { try? FileManager.default.removeItem(at: folder) }
    let reader = CorpusReader(paths: [folder.path], policy: JSONLinesDocuments.Policy())
    var unreported: [DocumentReadError] = []
    reader.onUnreadable = { unreported.append($0) }
    var documents: [CorpusDocument] = []
    try reader.forEach { document, _ in documents.append(document) }
    #expect(documents.map(\.id) == ["a/tt-14.docx", "a/tt-14"])
    for document in documents {
      #expect(document.metadata?.number?.bytes == "14/2026/TT-BTC".bytes)
      #expect(document.metadata?.documentType?.bytes == "Thông tư".bytes)
      #expect(document.metadata?.issueDate?.description == "2026-03-02")
    }
    #expect(reader.unreadable.map { ($0.source as NSString).lastPathComponent } == ["broken.pdf"])
    #expect(unreported.count == 1)
    #expect(reader.ignoredFiles == 1)
  }

  @Test func recordsGiveTheirOwnMetadataFlatOrNested() throws {
    let folder = try Self.folder([
      "r.jsonl": Array(
        """
        {"id": "a", "text": "Chi bộ họp.", "type": "Kế hoạch", "issuer": "Tỉnh ủy Lào Cai", "issued": "2021-03-15"}
        {"id": "b", "text": "Chi bộ họp.", "metadata": {"number": "7/BC-ĐU", "issued": "2021-04-02", "pages": [0]}}
        {"id": "c", "text": "Chi bộ họp."}
        {"id": "d", "text": "Chi bộ họp.", "issued": "2021-02-30"}

        """.utf8)
    ])
    defer { try? FileManager.default.removeItem(at: folder) }
    var skipped: [any Error] = []
    let reader = CorpusReader(
      paths: [folder.appendingPathComponent("r.jsonl").path],
      policy: JSONLinesDocuments.Policy(skipBadRecords: true), readsHeaders: false)
    reader.onSkip = { skipped.append($0) }
    var documents: [CorpusDocument] = []
    try reader.forEach { document, _ in documents.append(document) }
    #expect(documents.map(\.id) == ["a", "b", "c"])
    #expect(
      documents[0].metadata?.issuer == "Tỉnh ủy Lào Cai"
        && documents[0].metadata?.issueDate?.description == "2021-03-15")
    #expect(
      documents[1].metadata?.number == "7/BC-ĐU"
        && documents[1].metadata?.issueDate?.description == "2021-04-02")
    #expect(documents[2].metadata == nil)
    #expect(skipped.count == 1 && "\(skipped[0])".contains("r.jsonl:4"))
  }
}
