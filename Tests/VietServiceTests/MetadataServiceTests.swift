import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VietDocuments
import VietSearch
import VietService

/// The API and pages answer with documents' own metadata, sort by date and offer year, type and
/// issuer filters.
@Suite struct MetadataServiceTests {
  static func application() throws -> (some ApplicationProtocol, String) {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vitext-service-meta-\(UUID().uuidString)"
    ).path
    let writer = try SearchIndexWriter(path: path, create: true, tagger: nil)
    try writer.add(
      id: "kh-130",
      text: Array("Kế hoạch nâng cao chất lượng sinh hoạt chi bộ trong Đảng bộ tỉnh.".utf8),
      metadata: DocumentMetadata(
        number: "130-KH/TU", documentType: "Kế hoạch", issuer: "Tỉnh ủy Lào Cai", place: "Lào Cai",
        issueDate: IssueDate(year: 2021, month: 3, day: 15)))
    try writer.add(
      id: "bc-7",
      text: Array(
        "Báo cáo kết quả sinh hoạt chi bộ, sinh hoạt chi bộ chuyên đề và sinh hoạt chi bộ định kỳ."
          .utf8),
      metadata: DocumentMetadata(
        documentType: "Báo cáo", issuer: "Đảng ủy phường Tây Hồ",
        issueDate: IssueDate(year: 2024, month: 4, day: 2)))
    try writer.add(
      id: "undated",
      text: Array("Sinh hoạt chi bộ, sinh hoạt chi bộ, sinh hoạt chi bộ và sinh hoạt chi bộ.".utf8))
    try writer.commit()
    let holder = IndexHolder()
    holder.set(.ready(try SearchIndex(path: path, tagger: nil)))
    return (Application(router: try ServiceRoutes(holder: holder).router()), path)
  }

  static func json(_ buffer: ByteBuffer) throws -> [String: Any] {
    try #require(
      try JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any])
  }

  @Test func searchSortsByDateAndCarriesMetadataAndFacets() async throws {
    let (app, path) = try Self.application()
    defer { try? FileManager.default.removeItem(atPath: path) }
    try await app.test(.router) { client in
      let byDate = try await client.execute(
        uri: "/api/search?q=sinh+hoat+chi+bo&sort=date", method: .get
      ) { try Self.json($0.body) }
      let hits = try #require(byDate["hits"] as? [[String: Any]])
      #expect(hits.compactMap { $0["id"] as? String } == ["bc-7", "kh-130", "undated"])
      #expect(byDate["sort"] as? String == "date")
      let metadata = try #require(hits[1]["metadata"] as? [String: Any])
      #expect(
        metadata["number"] as? String == "130-KH/TU"
          && metadata["issued"] as? String == "2021-03-15")
      #expect(hits[2]["metadata"] is NSNull)
      let facets = try #require(byDate["facets"] as? [String: [[String: Any]]])
      #expect(Set(facets["years"]?.compactMap { $0["key"] as? String } ?? []) == ["2021", "2024"])
      #expect(
        facets["types"]?.contains {
          $0["label"] as? String == "Kế hoạch" && $0["filter"] as? String == "type:\"kế hoạch\""
        } == true)
      #expect(facets["issuers"]?.count == 2)
      let relevance = try await client.execute(uri: "/api/search?q=sinh+hoat+chi+bo", method: .get)
      { try Self.json($0.body) }
      #expect((relevance["hits"] as? [[String: Any]])?.first?["id"] as? String == "undated")
      let document = try await client.execute(uri: "/api/documents/kh-130", method: .get) {
        try Self.json($0.body)
      }
      #expect((document["metadata"] as? [String: Any])?["issuer"] as? String == "Tỉnh ủy Lào Cai")
    }
  }

  @Test(arguments: [
    ("/api/search?q=issued%3A2024-13", "no month 13"), ("/api/search?q=foo%3Abar", "unknown field"),
    ("/api/search?q=chi+bo&sort=newest", "sort must be"),
  ])
  func badFiltersAndSortsAre400(uri: String, expected: String) async throws {
    let (app, path) = try Self.application()
    defer { try? FileManager.default.removeItem(atPath: path) }
    try await app.test(.router) { client in
      let (status, body) = try await client.execute(uri: uri, method: .get) {
        ($0.status, try Self.json($0.body))
      }
      #expect(status == .badRequest)
      #expect(
        ((body["error"] as? [String: Any])?["message"] as? String)?.contains(expected) == true,
        "\(body)")
    }
  }

  @Test func pagesShowMetadataAndTheDateOrder() async throws {
    let (app, path) = try Self.application()
    defer { try? FileManager.default.removeItem(atPath: path) }
    try await app.test(.router) { client in
      try await client.execute(uri: "/?q=sinh+hoat+chi+bo&sort=date", method: .get) { response in
        let page = String(buffer: response.body)
        #expect(page.contains("Kế hoạch · 130-KH/TU · Tỉnh ủy Lào Cai · 2021-03-15"))
        #expect(page.contains("<b>mới nhất</b>"))
        #expect(
          page.contains("Năm ban hành") && page.contains("Loại văn bản")
            && page.contains("Cơ quan ban hành"))
        #expect(page.range(of: "bc-7")!.lowerBound < page.range(of: "kh-130")!.lowerBound)
      }
      try await client.execute(uri: "/documents/kh-130", method: .get) { response in
        let page = String(buffer: response.body)
        #expect(page.contains("<dt>Số, ký hiệu</dt><dd>130-KH/TU</dd>"))
      }
    }
  }
}
