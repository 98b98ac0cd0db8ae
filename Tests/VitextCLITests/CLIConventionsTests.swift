import Foundation
import Testing
import VietTestSupport

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// What every command shares: a version, completion scripts, help that wraps cleanly, one list
/// of exit codes, counted nouns and one name for standard input.
@Suite struct CLIConventionsTests {
  /// `vitext [path…] --help` at the default width (80 columns, as when piped).
  static func help(_ path: [String]) throws -> String {
    let result = try vitext(path + ["--help"])
    #expect(result.status == 0, "\(path): \(result.stderr)")
    return String(decoding: result.stdout, as: UTF8.self)
  }

  /// Every command path reachable from the top-level help's SUBCOMMANDS lists.
  static func commandPaths() throws -> [[String]] {
    var paths: [[String]] = [[]]
    var index = 0
    while index < paths.count {
      let text = try help(paths[index])
      if let section = text.range(of: "SUBCOMMANDS:\n") {
        for line in text[section.upperBound...].split(separator: "\n") {
          guard line.hasPrefix("  "), !line.hasPrefix("   "), !line.contains("See 'vitext help")
          else { continue }
          guard let name = line.split(separator: " ").first else { continue }
          paths.append(paths[index] + [String(name)])
        }
      }
      index += 1
    }
    return paths
  }

  @Test func versionIsOneStringAlsoSentAsTheServerHeader() throws {
    let result = try vitext(["--version"])
    let version = String(decoding: result.stdout, as: UTF8.self).trimmingCharacters(in: .newlines)
    #expect(
      result.status == 0 && version.wholeMatch(of: /[0-9]+\.[0-9]+\.[0-9]+/) != nil, "\(version)")
    let served = try vitext(["--version"], executable: TestData.serveExecutable)
    #expect(served.status == 0 && served.stdout == result.stdout, "\(served.stderr)")
    let server = try ServeCommandTests.Server()
    defer { _ = server.stop() }
    let done = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var header: String?
    URLSession.shared.dataTask(with: URL(string: server.base + "/api/nothing")!) { _, response, _ in
      header = (response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Server")
      done.signal()
    }.resume()
    _ = done.wait(timeout: .now() + 60)
    #expect(header == "vitext/\(version)")
  }

  /// The web service moved to `vitext-serve`; `vitext serve` says so with the command to run
  /// (the options it was given included) instead of serving.
  @Test func serveNamesTheProgramThatServes() throws {
    let result = try vitext(["serve", "--index", "reports.idx", "--port", "9000"])
    #expect(result.status == 64)
    #expect(result.stdout.isEmpty)
    #expect(
      result.stderr.contains("`vitext-serve --index reports.idx --port 9000`"), "\(result.stderr)")
  }

  @Test(arguments: ["bash", "zsh", "fish"])
  func completionScriptsNameEverySubcommand(shell: String) throws {
    let result = try vitext(["--generate-completion-script", shell])
    let script = String(decoding: result.stdout, as: UTF8.self)
    #expect(result.status == 0, "\(result.stderr)")
    for command in [
      "normalize", "tokenize", "entities", "index", "search", "serve", "max-postings",
    ] {
      #expect(script.contains(command), "\(shell): \(command)")
    }
  }

  @Test func helpListsEveryExitCodeOnceAndHasNoHarnessCommand() throws {
    let top = try Self.help([])
    for code in ["64", "65", "66", "69", "70", "73", "74", "75"] {
      #expect(
        top.components(separatedBy: "\n  \(code)  ").count == 2, "exit code \(code) in:\n\(top)")
    }
    // The harness protocol is not in vitext at all: it is `vitext-bench engine`.
    #expect(!top.contains("bench-engine"))
    #expect(
      try vitext(["bench-engine", "build", "--docs", "c.jsonl", "--index", "ix"]).status == 64)
    let engine = try vitext(["engine", "--help"], executable: TestData.benchExecutable)
    #expect(
      engine.status == 0
        && String(decoding: engine.stdout, as: UTF8.self).contains("search_anchor_bench.py"),
      "\(engine.stderr)")
    let build = try Self.help(["index", "build"])
    #expect(
      build.components(separatedBy: ".vitext/index").count == 2, "the default once:\n\(build)")
    #expect(build.contains(".jsonl.gz"))
    // The places the entities help sends a reader to exist and say what it promises.
    let entities = try Self.help(["entities", "tag"])
    #expect(
      entities.contains("\"Entity tagger\" paragraph")
        && entities.contains("Tests/EntityGold/README.md"))
    let readme = try String(
      contentsOf: TestData.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
    #expect(readme.contains("- **Entity tagger**: OFFICIAL"))
    let gold = try String(
      contentsOf: TestData.packageRoot.appendingPathComponent("Tests/EntityGold/README.md"),
      encoding: .utf8)
    #expect(gold.contains("Additions to the guidelines"))
  }

  @Test func everyExampleInHelpStaysOnItsLine() throws {
    let paths = try Self.commandPaths()
    #expect(paths.count > 20, "\(paths)")
    var examples = 0
    for path in paths {
      let text = try Self.help(path)
      var inExamples = false
      for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        if line == "Examples:" {
          inExamples = true
        } else if inExamples && line.isEmpty {
          inExamples = false
        } else if inExamples {
          examples += 1
          // argument-parser wraps at 80 columns without indenting: a wrapped example leaves a
          // line that does not start with the two spaces of the examples, or starts a comment.
          #expect(
            line.hasPrefix("  ") && !line.hasPrefix("   ") && !line.hasPrefix("  #"),
            "vitext \(path.joined(separator: " ")) --help: \(line)")
        }
      }
    }
    #expect(examples > 30)
  }

  @Test func countsAgreeWithTheirNounsAndStandardInputIsNamedOneWay() throws {
    let one = try vitext(
      ["entities", "--format", "table"], input: Array("Theo Đề án số 11-ĐA/TU.\n".utf8))
    #expect(
      String(decoding: one.stdout, as: UTF8.self).hasPrefix("# <stdin>: 1 entity\n"),
      "\(one.stdout)")
    let json = try vitext(["entities"], input: Array("Theo Đề án số 11-ĐA/TU.\n".utf8))
    #expect(String(decoding: json.stdout, as: UTF8.self).hasPrefix("{\"id\":\"<stdin>\","))
    let tokens = try vitext(["tokenize", "--format", "jsonl"], input: Array("Đảng\n".utf8))
    #expect(String(decoding: tokens.stdout, as: UTF8.self).hasPrefix("{\"doc\":\"<stdin>\","))
    let bad = try vitext(["normalize"], input: [0x44, 0xFF, 0x0A])
    #expect(bad.status == 65 && bad.stderr.contains("<stdin>"), "\(bad.stderr)")
    let seed = TestData.corpus.appendingPathComponent("seeds/001_4521fdce0f6e4571.txt").path
    let citations = try vitext(["citations", seed])
    #expect(citations.stderr.hasPrefix("vitext: 1 document, "), "\(citations.stderr)")
    #expect(
      !citations.stderr.contains("1 documents") && !citations.stderr.contains(" 1 cited documents"))
  }
}
