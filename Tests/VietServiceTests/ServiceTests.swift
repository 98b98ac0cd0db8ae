import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VietEntities
import VietSearch
import VietService
import VietTestSupport

/// An index of the seed articles plus `extra` documents, and an application over it.
private func application(
  extra: [(String, String)] = [], state: ((String) -> IndexHolder.State)? = nil
) throws -> (some ApplicationProtocol, String) {
  let path = FileManager.default.temporaryDirectory.appendingPathComponent(
    "vitext-service-\(UUID().uuidString)"
  ).path
  let tagger = try EntityTagger.bundled()
  let writer = try SearchIndexWriter(path: path, create: true, tagger: tagger)
  for seed in try TestData.seeds() {
    try writer.add(id: "seeds/" + seed.name.dropLast(4), text: seed.bytes)
  }
  for (id, text) in extra { try writer.add(id: id, text: Array(text.utf8)) }
  try writer.commit()
  let holder = IndexHolder()
  if let state {
    holder.set(state(path))
  } else {
    holder.set(.ready(try SearchIndex(path: path, tagger: tagger)))
  }
  let routes = try ServiceRoutes(holder: holder)
  return (Application(router: routes.router()), path)
}

private func json(_ buffer: ByteBuffer) throws -> [String: Any] {
  try #require(
    try JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any])
}

@Suite struct ServiceTests {
  @Test func searchAPIGivesHitsWithCodePointHighlightsAndFacets() async throws {
    let (app, path) = try application()
    defer { try? FileManager.default.removeItem(atPath: path) }
    try await app.test(.router) { client in
      let (status, body) = try await client.execute(
        uri: "/api/search?q=sinh+hoat+chi+bo&limit=3", method: .get
      ) { ($0.status, try json($0.body)) }
      do {
        #expect(status == .ok)
        #expect(body["total"] as? Int == 5)
        let hits = try #require(body["hits"] as? [[String: Any]])
        #expect(hits.count == 3)
        let snippet = Array((hits[0]["snippet"] as? String ?? "").unicodeScalars)
        let spans = try #require(hits[0]["highlights"] as? [[Int]])
        let marked = spans.map { String(String.UnicodeScalarView(snippet[$0[0]..<$0[1]])) }
        #expect(marked.contains("sinh hoạt chi bộ"), "\(marked)")
        let facets = try #require(body["facets"] as? [String: [[String: Any]]])
        let cited = try #require(facets["cites"]?.first)
        #expect(cited["label"] as? String == "11-ĐA/TU" && cited["documents"] as? Int == 3)
        // The facet's filter narrows the search to the documents citing it.
        let filter = try #require(cited["filter"] as? String)
        let narrowed =
          "/api/search?q=" + ("sinh hoat chi bo " + filter).addingPercentEncoding(
            withAllowedCharacters: .alphanumerics)!
        let total = try await client.execute(uri: narrowed, method: .get) { response in
          try json(response.body)["total"] as? Int
        }
        #expect(total == 3)
      }
    }
  }

  /// `GET /api/documents/ID/related`: the related documents in `RelatedReply`'s member order;
  /// an unknown id is a 404 like the document itself.
  @Test func relatedDocumentsAPIListsDocumentsOnTheSameSubject() async throws {
    let (app, path) = try application()
    defer { try? FileManager.default.removeItem(atPath: path) }
    try await app.test(.router) { client in
      let (status, text) = try await client.execute(
        uri: "/api/documents/seeds/000_958dd04866c0e41a/related", method: .get
      ) {
        ($0.status, String(buffer: $0.body))
      }
      #expect(status == .ok)
      #expect(
        text.hasPrefix(#"{"id":"seeds/000_958dd04866c0e41a","title":"#)
          && text.contains(
            #","cites":[],"cited_by":[],"cited_by_total":0,"similar":[{"id":"seeds/"#),
        "\(text.prefix(300))")
      let body = try #require(
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
      let similar = try #require(body["similar"] as? [[String: Any]])
      // The other four reports on party cells, each sharing some of the distinctive terms.
      #expect(
        similar.count == 4
          && !similar.contains { $0["id"] as? String == "seeds/000_958dd04866c0e41a" })
      let terms = try #require(body["terms"] as? [String])
      #expect(
        similar.allSatisfy { entry in
          (entry["reason"] as? String ?? "").split(separator: ", ").allSatisfy {
            terms.contains(String($0))
          }
        })
      // The document itself still answers at its own path; an unknown one is a 404.
      #expect(
        try await client.execute(uri: "/api/documents/seeds/000_958dd04866c0e41a", method: .get) {
          $0.status
        } == .ok)
      let missing = try await client.execute(
        uri: "/api/documents/seeds/nothing/related", method: .get
      ) { ($0.status, try json($0.body)) }
      #expect(missing.0 == .notFound && (missing.1["error"] as? [String: Any]) != nil)
    }
  }

  @Test func errorsAreJSONWithAFittingStatus() async throws {
    let (app, path) = try application()
    defer { try? FileManager.default.removeItem(atPath: path) }
    try await app.test(.router) { client in
      let (status, body) = try await client.execute(
        uri: "/api/search?q=%22sinh+ho%E1%BA%A1t", method: .get
      ) { ($0.status, try json($0.body)) }
      #expect(status == .badRequest)
      let error = body["error"] as? [String: Any]
      #expect((error?["message"] as? String)?.contains("never closed") == true)
      try await client.execute(uri: "/api/search?q=d%E1%BA%A3ng&limit=5000", method: .get) {
        #expect($0.status == .badRequest)
      }
      try await client.execute(uri: "/api/documents/nope", method: .get) {
        #expect($0.status == .notFound)
      }
      try await client.execute(uri: "/api/nothing", method: .get) {
        #expect($0.status == .notFound)
      }
      let big = ByteBuffer(string: String(repeating: "Đảng viên ", count: 120_000))
      try await client.execute(uri: "/api/analyze", method: .post, body: big) {
        #expect($0.status == .contentTooLarge)
      }
    }
    let (opening, other) = try application(state: { _ in .opening("the index is being opened") })
    defer { try? FileManager.default.removeItem(atPath: other) }
    try await opening.test(.router) { client in
      try await client.execute(uri: "/api/search?q=dang", method: .get) {
        #expect($0.status == .serviceUnavailable)
      }
      try await client.execute(uri: "/", method: .get) { #expect($0.status == .serviceUnavailable) }
    }
  }

  @Test func documentsAnalysisAndCitations() async throws {
    let (app, path) = try application()
    defer { try? FileManager.default.removeItem(atPath: path) }
    try await app.test(.router) { client in
      let document = try await client.execute(
        uri: "/api/documents/seeds/000_958dd04866c0e41a", method: .get
      ) { try json($0.body) }
      let entities = try #require(document["entities"] as? [[String: Any]])
      #expect(
        entities.contains {
          $0["label"] as? String == "DECREE"
            && ($0["text"] as? String)?.contains("11-ĐA/TU") == true
        })
      let citations = try await client.execute(uri: "/api/citations", method: .get) {
        try json($0.body)
      }
      let rows = try #require(citations["cited"] as? [[String: Any]])
      #expect(
        rows.first?["symbol"] as? String == "11-ĐA/TU" && rows.first?["documents"] as? Int == 3)
      let text = ByteBuffer(
        string: "Bí thư Quận uỷ Tây Hồ Lê Thị Thu Hằng chủ trì hội nghị. Sinh hoạt chi bộ.")
      let body = try await client.execute(uri: "/api/analyze", method: .post, body: text) {
        try json($0.body)
      }
      do {
        #expect((body["normalized"] as? String)?.hasPrefix("Bí thư Quận ủy") == true)
        #expect((body["sentences"] as? [Any])?.count == 2)
        let words = (body["words"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
        #expect(words.contains("sinh hoạt") || words.contains("Sinh hoạt"))
        let entities = body["entities"] as? [[String: Any]] ?? []
        #expect(entities.contains { $0["label"] as? String == "OFFICIAL" })
      }
    }
  }

  @Test func documentTextAndQueriesAreShownAsText() async throws {
    let hostile = "<script>alert('x')</script> Đảng viên <b>gương mẫu</b> & \"trung thực\""
    let (app, path) = try application(extra: [("hostile", hostile)])
    defer { try? FileManager.default.removeItem(atPath: path) }
    try await app.test(.router) { client in
      try await client.execute(uri: "/?q=g%C6%B0%C6%A1ng+m%E1%BA%ABu+%3Cscript%3E", method: .get) {
        response in
        let page = String(buffer: response.body)
        #expect(response.status == .ok)
        #expect(!page.contains("<script>alert") && !page.contains("<b>gương"))
        #expect(page.contains("&lt;script&gt;"))
      }
      try await client.execute(uri: "/documents/hostile", method: .get) { response in
        let page = String(buffer: response.body)
        #expect(
          page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
            || page.contains("&lt;script&gt;alert("))
        #expect(!page.contains("<script>"))
      }
    }
  }

  @Test func pagesRenderResultsFacetsPagingAndCitations() async throws {
    let (app, path) = try application()
    defer { try? FileManager.default.removeItem(atPath: path) }
    try await app.test(.router) { client in
      try await client.execute(uri: "/?q=sinh+hoat+chi+bo&limit=2", method: .get) { response in
        let page = String(buffer: response.body)
        #expect(page.contains("<mark>sinh hoạt chi bộ</mark>"))
        #expect(page.contains("5 văn bản"))
        #expect(
          page.contains("11-ĐA/TU") && page.contains("cites%3A%2211-%C4%91a/tu%22")
            || page.contains("cites:%2211-%C4%91a/tu%22"))
        #expect(page.contains("Trang sau"))
      }
      try await client.execute(uri: "/citations?sort=mentions", method: .get) { response in
        #expect(String(buffer: response.body).contains("11-ĐA/TU"))
      }
      try await client.execute(uri: "/documents/seeds/002_b4ca7d83e2cfc9d7", method: .get) {
        response in
        #expect(String(buffer: response.body).contains("class=\"e e-OFFICIAL\""))
      }
    }
  }

  /// 200 searches in flight at once over eight connections all succeed. The test client of
  /// `app.test(.live)` answers a stalled read after a fixed 20 s, and its one connection carries
  /// requests one after another: under a loaded test run the 200th waited longer than that. So
  /// the requests go through clients of their own, eight connections with a generous read
  /// timeout: what is checked is that every request is answered, not how fast.
  @Test func twoHundredConcurrentRequestsAllSucceed() async throws {
    let (app, path) = try application()
    defer { try? FileManager.default.removeItem(atPath: path) }
    try await app.test(.live) { client in
      let port = try #require(client.port)
      let queries = [
        "sinh+hoat+chi+bo", "%C4%90%E1%BA%A3ng", "cites%3A11-DA%2FTU", "ban+thuong+vu",
        "%22chi+b%E1%BB%99%22",
      ]
      let statuses = try await withThrowingTaskGroup(of: [HTTPResponse.Status].self) { group in
        for connection in 0..<8 {
          group.addTask {
            let own = TestClient(
              host: "localhost", port: port, configuration: .init(timeout: .seconds(300)))
            own.connect()
            let answered = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) {
              requests in
              for number in stride(from: connection, to: 200, by: 8) {
                requests.addTask {
                  let request = TestClient.Request(
                    "/api/search?q=\(queries[number % queries.count])", method: .get,
                    authority: "localhost",
                    headers: [.connection: "keep-alive"])
                  return try await own.execute(request).status
                }
              }
              return try await requests.reduce(into: []) { $0.append($1) }
            }
            try await own.shutdown()
            return answered
          }
        }
        return try await group.reduce(into: []) { $0 += $1 }
      }
      #expect(statuses.count == 200 && statuses.allSatisfy { $0 == .ok })
    }
  }

}
