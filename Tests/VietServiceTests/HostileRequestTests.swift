import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SearchCore
import Testing
import VietEntities
import VietSearch
import VietService
import VietTestSupport

/// Requests as a hostile or careless client sends them (issue 21, points 1, 5, 6 and 8): each
/// gets the documented JSON error with a fitting status and the security headers, never
/// another document, a bare status or minutes of work.
@Suite struct HostileRequestTests {
  /// An application over the seed articles plus a document whose id is empty (what
  /// `/api/documents/%ff` used to return), with `limits`.
  static func application(limits: ServiceLimits = ServiceLimits()) throws -> (
    some ApplicationProtocol, String
  ) {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vitext-hostile-\(UUID().uuidString)"
    ).path
    let tagger = try EntityTagger.bundled()
    let writer = try SearchIndexWriter(path: path, create: true, tagger: tagger)
    for seed in try TestData.seeds() {
      try writer.add(id: "seeds/" + seed.name.dropLast(4), text: seed.bytes)
    }
    // Refused where the index rejects empty ids; served by the empty id where it does not.
    try? writer.add(
      id: "", text: Array("Văn bản không có mã: không được trả về cho đường dẫn sai.".utf8))
    try writer.commit()
    let holder = IndexHolder()
    holder.set(.ready(try SearchIndex(path: path, tagger: tagger)))
    return (Application(router: try ServiceRoutes(holder: holder, limits: limits).router()), path)
  }

  static func errorMessage(_ response: TestResponse) throws -> String {
    #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))
        as? [String: Any])
    let error = try #require(object["error"] as? [String: Any])
    return try #require(error["message"] as? String)
  }

  static func expectSecurityHeaders(_ response: TestResponse, _ what: String) {
    #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(what)")
    #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY", "\(what)")
    #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer", "\(what)")
    let policy = response.headers[.contentSecurityPolicy] ?? ""
    #expect(
      policy.contains("default-src 'none'") && policy.contains("frame-ancestors 'none'"),
      "\(what): \(policy)")
  }

  @Test(arguments: [
    "/api/documents/%ff", "/api/documents/%", "/api/documents/ok%ff", "/api/documents/%e1%ba",
    "/documents/%ff",
  ])
  func invalidPercentEncodingIsABadRequestNotTheEmptyIDDocument(_ uri: String) async throws {
    let (app, path) = try Self.application()
    defer { try? FileManager.default.removeItem(atPath: path) }
    try await app.test(.router) { client in
      try await client.execute(uri: uri, method: .get) { response in
        #expect(response.status == .badRequest, "\(uri)")
        let body = String(decoding: response.body.readableBytesView, as: UTF8.self)
        #expect(!body.contains("không có mã"), "\(uri) answered the empty-id document")
        if uri.hasPrefix("/api/") {
          let message = try Self.errorMessage(response)
          #expect(message.contains("percent-encoded"))
        }
        Self.expectSecurityHeaders(response, uri)
      }
    }
  }

  @Test func unknownRoutesAndWrongMethodsAreJSONErrors() async throws {
    let (app, path) = try Self.application()
    defer { try? FileManager.default.removeItem(atPath: path) }
    try await app.test(.router) { client in
      try await client.execute(uri: "/api/nothing", method: .get) { response in
        #expect(response.status == .notFound)
        let message = try Self.errorMessage(response)
        #expect(message.contains("/api/nothing"))
        Self.expectSecurityHeaders(response, "404")
      }
      try await client.execute(uri: "/api/search?q=dang", method: .delete) { response in
        #expect(response.status == .methodNotAllowed)
        #expect(response.headers[.allow] == "GET")
        let message = try Self.errorMessage(response)
        #expect(message.contains("DELETE"))
      }
      try await client.execute(uri: "/api/analyze", method: .get) { response in
        #expect(response.status == .methodNotAllowed)
        #expect(response.headers[.allow] == "POST")
      }
      try await client.execute(uri: "/api/documents/", method: .get) { response in
        #expect(response.status == .notFound)
        _ = try Self.errorMessage(response)
      }
    }
  }

  @Test func everyAnswerCarriesTheSecurityHeadersAndThePageKeepsWorkingUnderThem() async throws {
    let (app, path) = try Self.application()
    defer { try? FileManager.default.removeItem(atPath: path) }
    try await app.test(.router) { client in
      for uri in [
        "/", "/?q=sinh+hoat+chi+bo", "/api/search?q=dang", "/api/citations", "/citations",
        "/documents/nope",
      ] {
        try await client.execute(uri: uri, method: .get) { response in
          Self.expectSecurityHeaders(response, uri)
          let body = String(decoding: response.body.readableBytesView, as: UTF8.self)
          // The policy allows inline styles and no script; the pages must need nothing else.
          #expect(!body.contains("<script"), "\(uri)")
          #expect(!body.contains("style=\""), "\(uri) has an inline style attribute")
        }
      }
    }
  }

  @Test func aQueryOverItsBudgetIs422AndDoesNotRunOn() async throws {
    var limits = ServiceLimits()
    limits.maximumPostings = 500
    let (app, path) = try Self.application(limits: limits)
    defer { try? FileManager.default.removeItem(atPath: path) }
    try await app.test(.router) { client in
      let query = Array(repeating: "c*", count: 63).joined(separator: "+") + "+t*"
      try await client.execute(uri: "/api/search?q=" + query, method: .get) { response in
        #expect(response.status == .unprocessableContent)
        let message = try Self.errorMessage(response)
        #expect(message.contains("postings"))
      }
      // The page shows the message in the search form, as for a malformed query.
      try await client.execute(uri: "/?q=" + query, method: .get) { response in
        #expect(response.status == .unprocessableContent)
        #expect(
          String(decoding: response.body.readableBytesView, as: UTF8.self).contains("postings"))
      }
      // An ordinary query is untouched by the same budget.
      try await client.execute(uri: "/api/search?q=%C4%90%E1%BA%A3ng+vi%C3%AAn", method: .get) {
        #expect($0.status == .ok)
      }
    }
  }

  @Test func aQueryPastItsDeadlineIs503() async throws {
    var limits = ServiceLimits()
    limits.queryTimeout = .zero
    let (app, path) = try Self.application(limits: limits)
    defer { try? FileManager.default.removeItem(atPath: path) }
    try await app.test(.router) { client in
      try await client.execute(uri: "/api/search?q=c*+t*", method: .get) { response in
        #expect(response.status == .serviceUnavailable)
        let message = try Self.errorMessage(response)
        #expect(message.contains("time"))
      }
    }
  }

  @Test(arguments: [
    ("127.0.0.1", [String](), "localhost:8080", true), ("127.0.0.1", [], "127.0.0.1", true),
    ("127.0.0.1", [], "[::1]:8080", true),
    ("127.0.0.1", [], "LOCALHOST.", true), ("127.0.0.1", [], "attacker.example:8080", false),
    ("127.0.0.1", [], "127.0.0.1.nip.io", false),
    ("127.0.0.1", ["search.example.org"], "search.example.org", true),
    ("::1", [], "[::1]:9000", true),
    ("192.168.1.5", [], "192.168.1.5:8080", true), ("192.168.1.5", [], "evil.example", false),
    ("0.0.0.0", [], "anything.example", true),
    ("0.0.0.0", ["search.example.org"], "anything.example", false),
  ])
  func hostHeadersAreCheckedAgainstTheListenAddress(
    _ listen: String, _ allowed: [String], _ header: String, _ accepted: Bool
  ) {
    #expect(
      HostPolicy(listeningOn: listen, allowed: allowed).accepts(hostHeader: header) == accepted)
  }
}
