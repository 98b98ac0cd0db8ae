import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VietEntities
import VietResponses
import VietSearch
import VietService
import VietTestSupport

/// The one encoder of the CLI's JSON and the API: member order as declared, the same in every
/// process and response, slashes and Vietnamese as they are, JSON's escapes only.
@Suite struct ResponseEncoderTests {
  struct Sample: Encodable {
    var zeta = "seeds/003"
    var alpha = 1
    var middle: Double? = nil
    var list = [1.5, 7.27, 3]
    var nested = ["Quận ủy \"Tây Hồ\"\n\t\u{01}"]
  }

  @Test func membersKeepTheirOrderAndOnlyJSONEscapesAreWritten() throws {
    let text = try ResponseEncoder().encodeToString(Sample())
    // JSONEncoder on Linux put `zeta` anywhere and wrote `seeds\/003`.
    #expect(
      text.bytes
        == #"{"zeta":"seeds/003","alpha":1,"list":[1.5,7.27,3],"nested":["Quận ủy \"Tây Hồ\"\n\t\u0001"]}"#
        .bytes)
    // What Foundation reads back is what was written.
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect((object["nested"] as? [String])?.first?.bytes == "Quận ủy \"Tây Hồ\"\n\t\u{01}".bytes)
  }

  @Test func aNumberJSONCannotHoldIsAnError() {
    #expect(throws: EncodingError.self) { try ResponseEncoder().encode([Double.nan]) }
    #expect(throws: EncodingError.self) { try ResponseEncoder().encode(["x": Float.infinity]) }
  }

  @Test func roundingKeepsFourSignificantDigitsAndThreeDecimals() throws {
    #expect(ResponseNumbers.significant(7.2697434, digits: 4) == 7.27)
    #expect(ResponseNumbers.significant(0.478_912, digits: 4) == 0.4789)
    #expect(ResponseNumbers.significant(12.3456, digits: 4) == 12.35)
    #expect(ResponseNumbers.significant(0, digits: 4) == 0)
    #expect(ResponseNumbers.milliseconds(54_437_499) == 54.437)
    #expect(
      try ResponseEncoder().encodeToString([ResponseNumbers.significant(7.2697434, digits: 4)])
        == "[7.27]")
  }

  @Test func entityFieldsAreWrittenInTheGuidelinesOrder() throws {
    let tagger = try EntityTagger.bundled()
    let entities = try tagger.entities(
      in: "Đề án số 11-ĐA/TU, ngày 06/12/2021 của Ban Thường vụ Thành ủy")
    let decree = try #require(entities.first { $0.label == .decree })
    let text = try ResponseEncoder().encodeToString(EntityReply(decree))
    #expect(
      text.hasPrefix(
        #"{"start":0,"end":34,"label":"DECREE","text":"Đề án số 11-ĐA/TU, ngày 06/12/2021","fields":{"type":"Đề án","number":"11","year":2021,"type_code":"ĐA","issuer_code":"TU","issued_date":"2021-12-06","#
      ), "\(text)")
    // A reply read back is the same reply.
    let decoded = try JSONDecoder().decode(EntityReply.self, from: Data(text.utf8))
    #expect(
      decoded.fields.members.map(\.name).sorted()
        == EntityReply(decree).fields.members.map(\.name).sorted())
  }

  @Test func theSearchAPISendsMembersInOneOrderWithRoundedScores() async throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vitext-reply-\(UUID().uuidString)"
    ).path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let tagger = try EntityTagger.bundled()
    let writer = try SearchIndexWriter(path: path, create: true, tagger: tagger)
    for seed in try TestData.seeds() {
      try writer.add(id: "seeds/" + seed.name.dropLast(4), text: seed.bytes)
    }
    try writer.commit()
    let holder = IndexHolder()
    holder.set(.ready(try SearchIndex(path: path, tagger: tagger)))
    let app = Application(router: try ServiceRoutes(holder: holder).router())
    try await app.test(.router) { client in
      var bodies: [String] = []
      for _ in 0..<3 {
        let body = try await client.execute(
          uri: "/api/search?q=sinh+hoat+chi+bo&limit=3", method: .get
        ) { String(buffer: $0.body) }
        bodies.append(body.replacing(/"took_ms":[0-9.]+/, with: "\"took_ms\":_"))
      }
      #expect(Set(bodies).count == 1)
      let body = bodies[0]
      #expect(
        body.hasPrefix(
          #"{"query":"sinh hoat chi bo","suggestion":"sinh hoạt chi bộ","total":5,"took_ms":_,"postings_visited":"#
        ), "\(body.prefix(200))")
      #expect(body.contains(#","offset":0,"limit":3,"sort":"relevance","hits":[{"id":"seeds/"#))
      // Hits end with their metadata (none known for these plain texts); facets come in one order.
      #expect(
        body.contains(#""highlights":[["#)
          && body.contains(#"]],"metadata":null,"fuzzy":false},{"id":"#))
      #expect(
        body.contains(
          #"],"facets":{"years":[],"types":[],"issuers":[],"cites":[{"key":"11-đa/tu","label":"11-ĐA/TU","documents":3,"filter":"cites:\"11-đa/tu\""}"#
        ))
      #expect(!body.contains("\\/"))
      for score in body.matches(of: /"score":([0-9.]+)/) {
        #expect(score.1.filter(\.isNumber).drop { $0 == "0" }.count <= 4, "\(score.1)")
      }
      let missing = try await client.execute(uri: "/api/no/such/route", method: .get) {
        ($0.status, String(buffer: $0.body))
      }
      #expect(
        missing.0 == .notFound
          && missing.1 == #"{"error":{"message":"no such page or API: /api/no/such/route"}}"#)
    }
  }
}
