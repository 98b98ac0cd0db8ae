import Foundation
import Testing
import VietTestSupport

/// `vitext related ID`: the three lists as text and as the API's JSON, and exit 66 for an id
/// the index does not hold.
@Suite struct RelatedCommandTests {
  @Test func listsRelatedDocumentsAndRefusesAnUnknownId() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vitext-related-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let index = folder.appendingPathComponent("ix").path
    let build = try vitext([
      "index", "build", "--index", index, TestData.corpus.appendingPathComponent("seeds").path,
    ])
    try #require(build.status == 0, "\(build.stderr)")
    let text = try vitext(["related", "--index", index, "004_12ee37f62c8c5047"])
    #expect(text.status == 0, "\(text.stderr)")
    let lines = String(decoding: text.stdout, as: UTF8.self).split(separator: "\n").map(String.init)
    #expect(lines.first?.hasPrefix("Sóc Sơn") == true, "\(lines)")
    #expect(lines.contains("Cites (in the index):") && lines.contains("Cited by (0 documents):"))
    #expect(
      lines.contains { $0.hasPrefix("Similar (by ") }
        && lines.contains { $0.hasPrefix("    shares: ") })
    let json = try vitext([
      "related", "--index", index, "004_12ee37f62c8c5047", "--format", "json", "--limit", "2",
    ])
    let reply = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout)) as? [String: Any])
    #expect(
      reply["id"] as? String == "004_12ee37f62c8c5047"
        && (reply["similar"] as? [Any])?.count ?? 0 <= 2)
    let missing = try vitext(["related", "--index", index, "no-such-document"])
    #expect(missing.status == 66 && missing.stderr.contains("no-such-document"))
  }
}
