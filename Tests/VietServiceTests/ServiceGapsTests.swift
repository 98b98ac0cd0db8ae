import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import VietService

/// Issue 21's server leftovers: pages answer errors as pages (the API as JSON), and per-client
/// limits count clients, not a proxy's address or one IPv6 address of a /64.
@Suite struct ServiceGapsTests {
  static func isPage(_ response: TestResponse, status: HTTPResponse.Status, containing text: String)
  {
    #expect(response.status == status)
    #expect(
      response.headers[.contentType]?.hasPrefix("text/html") == true,
      "\(status): \(response.headers[.contentType] ?? "none")")
    let body = String(buffer: response.body)
    #expect(body.hasPrefix("<!DOCTYPE html>") || body.contains("<html"), "\(status) is not a page")
    #expect(body.contains(text), "\(status) page lacks \(text)")
    HostileRequestTests.expectSecurityHeaders(response, "\(status)")
  }

  @Test func pageErrorsArePagesWithTheirStatusWhileTheAPIKeepsJSON() async throws {
    let (app, path) = try HostileRequestTests.application()
    defer { try? FileManager.default.removeItem(atPath: path) }
    try await app.test(.router) { client in
      try await client.execute(uri: "/no/such/page", method: .get) { response in
        Self.isPage(response, status: .notFound, containing: "Không tìm thấy")
        #expect(String(buffer: response.body).contains("/no/such/page"))
      }
      try await client.execute(uri: "/citations", method: .delete) { response in
        Self.isPage(response, status: .methodNotAllowed, containing: "DELETE")
        #expect(response.headers[.allow] == "GET")
      }
      try await client.execute(uri: "/documents/%ff", method: .get) { response in
        Self.isPage(response, status: .badRequest, containing: "Yêu cầu không hợp lệ")
      }
      try await client.execute(uri: "/api/no/such/route", method: .get) { response in
        #expect(response.status == .notFound)
        let message = try HostileRequestTests.errorMessage(response)
        #expect(message.contains("/api/no/such/route"))
      }
    }
  }

  @Test func aRefusedHostGetsAPageOnPagesAndJSONOnTheAPI() async throws {
    let (_, path) = try HostileRequestTests.application()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let holder = IndexHolder()
    // The router tests' requests come for "localhost": a server listening on another address
    // does not answer that name.
    let routes = try ServiceRoutes(
      holder: holder, hosts: HostPolicy(listeningOn: "10.0.0.5", allowed: []))
    let app = Application(router: routes.router())
    try await app.test(.router) { client in
      try await client.execute(uri: "/?q=dang", method: .get) { response in
        Self.isPage(response, status: .misdirectedRequest, containing: "--allow-host")
      }
      try await client.execute(uri: "/api/search?q=dang", method: .get) { response in
        #expect(response.status == .misdirectedRequest)
        let message = try HostileRequestTests.errorMessage(response)
        #expect(message.contains("--allow-host"))
      }
    }
  }

  @Test func clientsAreAddressesOrIPv6PrefixesAndTrustedProxiesForwardThem() {
    let direct = ClientIdentity(trustedProxies: [])
    #expect(direct.key(peer: "203.0.113.7", forwardedFor: nil) == "203.0.113.7")
    // Without a trusted proxy the header is the client's to forge: ignored.
    #expect(direct.key(peer: "203.0.113.7", forwardedFor: "198.51.100.1") == "203.0.113.7")
    // Two addresses of one /64 are one client; another /64 is another.
    let a = direct.key(peer: "2001:db8:1:2::a", forwardedFor: nil)
    #expect(a == "2001:db8:1:2::/64")
    #expect(direct.key(peer: "2001:DB8:1:2:ffff:1:2:3", forwardedFor: nil) == a)
    #expect(direct.key(peer: "2001:db8:1:3::a", forwardedFor: nil) != a)
    #expect(direct.key(peer: "::ffff:192.0.2.9", forwardedFor: nil) == "192.0.2.9")

    let proxied = ClientIdentity(trustedProxies: ["127.0.0.1", "10.0.0.2"])
    #expect(proxied.key(peer: "127.0.0.1", forwardedFor: "198.51.100.1") == "198.51.100.1")
    // The rightmost address not a trusted proxy: what the client wrote further left is not believed.
    #expect(
      proxied.key(peer: "127.0.0.1", forwardedFor: "1.2.3.4, 198.51.100.1, 10.0.0.2")
        == "198.51.100.1")
    #expect(proxied.key(peer: "127.0.0.1", forwardedFor: " [2001:db8::1] ") == "2001:db8:0:0::/64")
    #expect(proxied.key(peer: "127.0.0.1", forwardedFor: nil) == "127.0.0.1")
    // A request straight from a client is counted by the client's own address.
    #expect(proxied.key(peer: "198.51.100.20", forwardedFor: "10.9.9.9") == "198.51.100.20")
    // A forged, overlong value cannot make keys of any size.
    #expect(
      proxied.key(peer: "127.0.0.1", forwardedFor: String(repeating: "x", count: 10_000)).count
        <= 64)
  }

  /// Behind a proxy, one client past its limit is refused while another is served.
  @Test func thePerClientLimitCountsForwardedClientsSeparately() async throws {
    var limits = ServiceLimits()
    limits.searchesPerClient = 1
    limits.concurrentSearches = 4
    limits.trustedProxies = ["127.0.0.1"]
    let gate = SearchGate(limits: limits)
    let identity = ClientIdentity(trustedProxies: limits.trustedProxies)
    let first = identity.key(peer: "127.0.0.1", forwardedFor: "198.51.100.1")
    let second = identity.key(peer: "127.0.0.1", forwardedFor: "198.51.100.2")
    let release = DispatchSemaphore(value: 0)
    let started = DispatchSemaphore(value: 0)
    async let held: Int = gate.run(client: first) {
      started.signal()
      release.wait()
      return 1
    }
    // Waited for off the test's own threads, which the task above needs.
    await withCheckedContinuation { continuation in
      DispatchQueue.global().async {
        started.wait()
        continuation.resume()
      }
    }
    await #expect(throws: HTTPError.self) { try await gate.run(client: first) { 2 } }
    #expect(try await gate.run(client: second) { 3 } == 3)
    release.signal()
    #expect(try await held == 1)
  }
}
