import Foundation
import Testing
import VietTestSupport
import Vitext

/// README.md's library sample (the `swift` block of "Library") is the code between the markers
/// below, word for word but for the index folder (`"reports.idx"` there, a temporary folder
/// here): it compiles with the tests, runs, and prints what its comments say.
@Suite struct ReadmeLibrarySampleTests {
  static let begin = "    // README sample: begin"
  static let end = "    // README sample: end"

  /// What the sample prints: inside this type `print` names this function, not the standard
  /// one, so the test can compare the lines with the sample's comments.
  nonisolated(unsafe) static var printed: [String] = []

  static func print(_ items: Any..., separator: String = " ") {
    printed.append(items.map { "\($0)" }.joined(separator: separator))
  }

  static func sample(_ indexPath: String) throws {
    // README sample: begin
    let text = Normalizer().normalize("Ban Thường vụ Thị uỷ")
    print(text)  // Ban Thường vụ Thị ủy
    print(Normalizer(options: .searchFolded).normalize("Đảng"))  // dang
    let bytes = Array(text.utf8)
    let result = try Tokenizer().tokenize(bytes)
    for token in result.tokens {
      print(token.kind, token.string(in: bytes), token.start, token.end)
    }  // syllable Ban 0 3 …
    let words = try WordSegmenter.bundled().words(
      in: bytes, tokens: result.tokens, sentences: result.sentences)
    print(words.count)  // 3: Ban, Thường_vụ, Thị_ủy (words[i].tokens: the range of tokens of word i)

    for entity in try EntityTagger.bundled().entities(in: "Đề án số 11-ĐA/TU, ngày 06/12/2021") {
      if let citation = entity.decree, let type = citation.type, let number = citation.number,
        let date = citation.issuedDate
      {
        print(type, number, date)  // Đề án 11 2021-12-06
      }
    }

    let writer = try SearchIndexWriter(
      path: indexPath, create: true, tagger: try EntityTagger.bundled())
    try writer.add(
      id: "bc-01", title: "Báo cáo",
      text: Array("Ban Thường vụ Thị uỷ sơ kết Đề án số 11-ĐA/TU".utf8))
    try writer.commit()
    let response = try SearchIndex(path: indexPath, tagger: nil).search("thi uy cites:11-DA/TU")
    print(response.total, response.hits[0].snippet?.highlights ?? [])  // 1 [Range(14..<20)]: "Thị uỷ"
    // README sample: end
  }

  @Test func theReadmeSampleIsThisCodeAndPrintsWhatItsCommentsSay() throws {
    // The README's block: its imports, then the body.
    let readme = try String(
      contentsOf: TestData.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
    let library = try #require(readme.range(of: "## Library\n"))
    let opening = try #require(
      readme.range(of: "```swift\n", range: library.upperBound..<readme.endIndex))
    let closing = try #require(
      readme.range(of: "\n```\n", range: opening.upperBound..<readme.endIndex))
    let block = readme[opening.upperBound..<closing.lowerBound].split(
      separator: "\n", omittingEmptySubsequences: false)
    let imports = block.prefix { $0.hasPrefix("import ") || $0.isEmpty }
    let body = block.dropFirst(imports.count).map(String.init)

    let source = try String(contentsOfFile: #filePath, encoding: .utf8)
    let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let first = try #require(lines.firstIndex(of: Self.begin))
    let last = try #require(lines.firstIndex(of: Self.end))
    let here = lines[(first + 1)..<last].map {
      String($0.dropFirst(min(4, $0.prefix { $0 == " " }.count)))
    }
    .map { $0.replacingOccurrences(of: "indexPath", with: "\"reports.idx\"") }
    #expect(body == here, "README.md's library sample and \(#filePath) differ")
    for line in imports where !line.isEmpty { #expect(lines.contains(String(line)), "\(line)") }

    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vitext-sample-\(UUID().uuidString)"
    ).path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    Self.printed = []
    try Self.sample(folder)
    let printed = Self.printed
    let tokens = [
      "syllable Ban 0 3", "syllable Thường 4 10", "syllable vụ 11 13", "syllable Thị 14 17",
      "syllable ủy 18 20",
    ]
    #expect(
      printed == ["Ban Thường vụ Thị ủy", "dang"] + tokens + [
        "3", "Đề án 11 2021-12-06", "1 [Range(14..<20)]",
      ])
    // Each print's comment starts with what it prints (the token loop with its first line).
    for line in printed where !tokens.dropFirst().contains(line) {
      #expect(body.contains { $0.contains("// \(line)") }, "no comment says \(line)")
    }
  }
}
