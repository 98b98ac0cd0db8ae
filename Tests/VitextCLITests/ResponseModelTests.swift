import Foundation
import Testing
import VietTestSupport

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// `vitext search --format json` and `GET /api/search` are one reply type written by one
/// encoder: the same members in the same order, the same rounding, slashes as they are, and
/// the title each surface shows.
@Suite(.serialized) struct ResponseModelTests {
  /// The seed articles as JSON Lines with ids holding a slash (`seeds/000_…`) and no titles, so
  /// the derived title and slash escaping are both at stake.
  static func seedsWithSlashedIDs() throws -> URL {
    var lines: [UInt8] = []
    for seed in try TestData.seeds() {
      let record: [String: String] = [
        "id": "seeds/" + seed.name.dropLast(4), "text": String(decoding: seed.bytes, as: UTF8.self),
      ]
      lines += try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]) + [0x0A]
    }
    return try temporaryFile(lines, name: "seeds-\(UUID().uuidString).jsonl")
  }

  /// The bytes of the value of top-level member `name` in a compact JSON object (strings
  /// skipped, so brackets inside them do not count).
  static func member(_ name: String, of json: [UInt8]) -> ArraySlice<UInt8>? {
    let key = Array("\"\(name)\":".utf8)
    var depth = 0
    var inString = false
    var index = 0
    while index < json.count {
      let byte = json[index]
      if inString {
        if byte == 0x5C { index += 1 } else if byte == 0x22 { inString = false }
      } else if byte == 0x22 {
        if depth == 1, json[index...].starts(with: key) {
          return value(in: json, from: index + key.count)
        }
        inString = true
      } else if byte == 0x7B || byte == 0x5B {
        depth += 1
      } else if byte == 0x7D || byte == 0x5D {
        depth -= 1
      }
      index += 1
    }
    return nil
  }

  /// The JSON value starting at `start`, up to its end.
  static func value(in json: [UInt8], from start: Int) -> ArraySlice<UInt8> {
    var depth = 0
    var inString = false
    var index = start
    while index < json.count {
      let byte = json[index]
      if inString {
        if byte == 0x5C { index += 1 } else if byte == 0x22 { inString = false }
      } else if byte == 0x22 {
        inString = true
      } else if byte == 0x7B || byte == 0x5B {
        depth += 1
      } else if byte == 0x7D || byte == 0x5D {
        if depth == 0 { return json[start..<index] }
        depth -= 1
        if depth == 0 { return json[start...index] }
      } else if byte == 0x2C && depth == 0 {
        return json[start..<index]
      }
      index += 1
    }
    return json[start...]
  }

  /// `GET /api/search` of `query` on `server` (10 hits, ordered by `sort`), its body.
  static func get(_ server: ServeCommandTests.Server, _ query: String, sort: String = "relevance")
    throws -> [UInt8]
  {
    let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
    return [UInt8](
      try Data(
        contentsOf: URL(string: server.base + "/api/search?q=\(encoded)&limit=10&sort=\(sort)")!))
  }

  @Test func searchJSONAndTheSearchAPIGiveTheSameRepliesByteForByte() throws {
    let corpus = try Self.seedsWithSlashedIDs()
    defer { try? FileManager.default.removeItem(at: corpus) }
    let server = try ServeCommandTests.Server(sources: [corpus.path])
    defer { _ = server.stop() }
    for query in [
      "sinh hoat chi bo", "\"Ban Thường vụ\" -Sơn", "cites:11-ĐA/TU", "Đảng ủy OR Thị ủy",
      "khong co tu nay xyz",
    ] {
      let cli = try vitext([
        "search", "--index", server.index, "--format", "json", "--limit", "10", query,
      ])
      #expect(cli.status == 0, "\(cli.stderr)")
      #expect(cli.stdout.last == 0x0A)
      let printed = Array(cli.stdout.dropLast())
      let sent = try Self.get(server, query)
      let printedHits = try #require(Self.member("hits", of: printed))
      let sentHits = try #require(Self.member("hits", of: sent))
      #expect(
        Array(printedHits) == Array(sentHits),
        "\(query): \(String(decoding: printedHits, as: UTF8.self))")
      // Every other member too, but the time and the facets only the API counts.
      for name in ["query", "suggestion", "total", "postings_visited", "offset", "limit", "sort"] {
        #expect(
          Self.member(name, of: printed).map(Array.init)
            == Self.member(name, of: sent).map(Array.init), "\(query): \(name)")
      }
      #expect(Self.member("facets", of: printed) == nil && Self.member("facets", of: sent) != nil)
      let order = [
        "query", "suggestion", "total", "took_ms", "postings_visited", "offset", "limit", "sort",
        "hits",
      ]
      let text = String(decoding: printed, as: UTF8.self)
      #expect(text.hasPrefix("{\"query\":"))
      let positions = order.compactMap { text.range(of: "\"\($0)\":")?.lowerBound }
      #expect(
        positions.count == order.count && positions == positions.sorted(), "\(text.prefix(200))")
      #expect(!printed.isEmpty && !String(decoding: sent, as: UTF8.self).contains("\\/"))
      // Asked for as many facets as the API counts (8), the CLI writes the same facets, and
      // ordered by date the same hits.
      let faceted = try vitext([
        "search", "--index", server.index, "--format", "json", "--facets", "8", "--sort", "date",
        query,
      ])
      let byDate = try Self.get(server, query, sort: "date")
      let printedFacets = try #require(Self.member("facets", of: Array(faceted.stdout.dropLast())))
      #expect(
        Array(printedFacets) == Self.member("facets", of: byDate).map(Array.init),
        "\(query): \(String(decoding: printedFacets, as: UTF8.self))")
      #expect(
        Self.member("hits", of: Array(faceted.stdout.dropLast())).map(Array.init)
          == Self.member("hits", of: byDate).map(Array.init))
      #expect(Self.member("sort", of: byDate).map(Array.init) == Array(#""date""#.utf8))
    }
  }

  @Test func scoresHaveFourSignificantDigitsAndTimesThreeDecimals() throws {
    let corpus = try Self.seedsWithSlashedIDs()
    defer { try? FileManager.default.removeItem(at: corpus) }
    let index = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vitext-reply-\(UUID().uuidString)"
    ).path
    defer { try? FileManager.default.removeItem(atPath: index) }
    #expect(try vitext(["index", "build", "--index", index, corpus.path]).status == 0)
    let cli = try vitext(["search", "--index", index, "--format", "json", "dang vien"])
    let text = String(decoding: cli.stdout, as: UTF8.self)
    let scores = text.matches(of: /"score":([0-9.e+-]+)/).map { String($0.1) }
    #expect(scores.count == 5, "\(text.prefix(300))")
    for score in scores {
      let digits = score.filter(\.isNumber).drop { $0 == "0" }
      #expect(!score.contains("e") && digits.count <= 4 && digits.count >= 1, "\(score)")
    }
    // Scores are distinct enough here that 4 digits keep their order.
    let values = scores.compactMap(Double.init)
    #expect(values == values.sorted(by: >))
    let took = try #require(text.firstMatch(of: /"took_ms":([0-9.]+),/)).1
    #expect((took.split(separator: ".").dropFirst().first?.count ?? 0) <= 3, "\(took)")
    #expect(text.contains("\"id\":\"seeds/000_958dd04866c0e41a\""))
  }

  @Test func aDocumentWithoutATitleShowsItsFirstLineInJSONTextAndAPI() throws {
    let corpus = try Self.seedsWithSlashedIDs()
    defer { try? FileManager.default.removeItem(at: corpus) }
    let server = try ServeCommandTests.Server(sources: [corpus.path])
    defer { _ = server.stop() }
    let query = "Chuyển động Hà Nội"
    let json = try vitext([
      "search", "--index", server.index, "--format", "json", "--limit", "1", query,
    ])
    let reply = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout)) as? [String: Any])
    let hit = try #require((reply["hits"] as? [[String: Any]])?.first)
    #expect(hit["id"] as? String == "seeds/002_b4ca7d83e2cfc9d7")
    // The first line of the article, which has no title of its own.
    #expect((hit["title"] as? String)?.bytes == "Chuyển động Hà Nội".bytes)
    let text = try vitext(["search", "--index", server.index, "--limit", "1", query])
    let line = String(decoding: text.stdout, as: UTF8.self).split(separator: "\n").first {
      $0.hasPrefix("seeds/002_")
    }
    #expect(line?.hasSuffix("  Chuyển động Hà Nội") == true, "\(String(describing: line))")
    let document = try Data(
      contentsOf: URL(string: server.base + "/api/documents/seeds/002_b4ca7d83e2cfc9d7")!)
    let stored = try #require(try JSONSerialization.jsonObject(with: document) as? [String: Any])
    #expect((stored["title"] as? String)?.bytes == "Chuyển động Hà Nội".bytes)
    let page = String(
      decoding: try Data(
        contentsOf: URL(string: server.base + "/documents/seeds/002_b4ca7d83e2cfc9d7")!),
      as: UTF8.self)
    #expect(page.contains("<title>Chuyển động Hà Nội"), "\(page.prefix(300))")
  }
}
