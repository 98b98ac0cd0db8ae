import Foundation
import Testing
import VietTestSupport

/// README.md's shell examples, run against the built `vitext` so the README cannot drift from
/// what the tool prints.
///
/// The convention (README.md, "Examples in this README are tests"):
/// - Every fenced block tagged `sh` runs, in README order, in one scratch folder that holds the
///   package's files (`Corpus/`, `Tests/`, …) and `../shared` when present, with `vitext` on
///   the PATH. A block is left out only when the line before it is
///   `<!-- not tested: REASON -->`.
/// - In a block with `$ ` prompts, each `$ ` line is a command (a trailing `\` continues it)
///   and the lines up to the next prompt are its output, standard error included. A line that
///   is only `…` stands for any number of lines; `…` inside a line for any text (times, sizes,
///   elided JSON). A last line `(exit N)` expects that exit status; otherwise it must be 0.
/// - In a block without prompts every line is a command whose output is not checked; it must
///   exit 0.
/// - A block naming `../shared` is skipped with a note where `../shared` is absent (a user's
///   clone), and fails under `CI=true`.
@Suite(.serialized) struct ReadmeTests {
  struct Block {
    var line: Int
    var skipReason: String?
    var lines: [(number: Int, text: String)]
  }

  struct Example {
    var line: Int
    var command: String
    /// nil: not checked (a block without prompts).
    var expected: [String]?
    var status: Int32 = 0
  }

  static let wildcard = "…"

  /// The `sh` blocks of `markdown`, with the reason given for any left untested.
  static func blocks(_ markdown: String) -> [Block] {
    var blocks: [Block] = []
    var current: Block?
    var previous = ""
    for (index, line) in markdown.split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
    {
      let text = String(line)
      if var block = current {
        if text.hasPrefix("```") {
          blocks.append(block)
          current = nil
        } else {
          block.lines.append((index + 1, text))
          current = block
        }
      } else if text.hasPrefix("```") {
        if text.dropFirst(3).trimmingCharacters(in: .whitespaces) == "sh" {
          var reason: String?
          if previous.hasPrefix("<!-- not tested:"), previous.hasSuffix("-->") {
            reason = previous.dropFirst("<!-- not tested:".count).dropLast(3).trimmingCharacters(
              in: .whitespaces)
          }
          current = Block(line: index + 1, skipReason: reason, lines: [])
        } else {
          current = Block(line: index + 1, skipReason: "not a shell block", lines: [])
        }
      }
      if !text.trimmingCharacters(in: .whitespaces).isEmpty {
        previous = text.trimmingCharacters(in: .whitespaces)
      }
    }
    return blocks.filter { $0.skipReason != "not a shell block" }
  }

  /// The commands of a block with their expected output.
  static func examples(_ block: Block) -> [Example] {
    var examples: [Example] = []
    let prompted = block.lines.contains { $0.text.hasPrefix("$ ") }
    var continuing = false
    for (number, text) in block.lines {
      if continuing, var last = examples.popLast() {
        last.command += "\n" + text
        examples.append(last)
        continuing = text.hasSuffix("\\")
      } else if prompted && text.hasPrefix("$ ") {
        examples.append(Example(line: number, command: String(text.dropFirst(2)), expected: []))
        continuing = text.hasSuffix("\\")
      } else if prompted, var last = examples.popLast() {
        last.expected?.append(text)
        examples.append(last)
      } else if !prompted, !text.trimmingCharacters(in: .whitespaces).isEmpty, !text.hasPrefix("#")
      {
        examples.append(Example(line: number, command: text, expected: nil))
        continuing = text.hasSuffix("\\")
      }
    }
    return examples.map { example in
      var example = example
      guard var expected = example.expected else { return example }
      while expected.last?.trimmingCharacters(in: .whitespaces).isEmpty == true {
        expected.removeLast()
      }
      if let last = expected.last, let match = last.wholeMatch(of: /\(exit ([0-9]+)\)/),
        let status = Int32(match.1)
      {
        example.status = status
        expected.removeLast()
      }
      example.expected = expected
      return example
    }
  }

  /// Whether `actual` is what `expected` says, `…` lines and `…` inside lines as wildcards.
  static func matches(_ expected: [String], _ actual: [String]) -> Bool {
    let expected = expected.map(trimmed)
    let actual = actual.map(trimmed)
    var memo: [Int: Bool] = [:]
    func match(_ e: Int, _ a: Int) -> Bool {
      let key = e * (actual.count + 1) + a
      if let known = memo[key] { return known }
      let result: Bool
      if e == expected.count {
        result = a == actual.count
      } else if expected[e] == wildcard {
        result = match(e + 1, a) || (a < actual.count && match(e, a + 1))
      } else {
        result = a < actual.count && lineMatches(expected[e], actual[a]) && match(e + 1, a + 1)
      }
      memo[key] = result
      return result
    }
    return match(0, 0)
  }

  static func trimmed(_ line: String) -> String {
    var line = Substring(line)
    while line.last == " " || line.last == "\t" { line.removeLast() }
    return String(line)
  }

  /// One line against a pattern whose `…` stands for any text.
  static func lineMatches(_ pattern: String, _ line: String) -> Bool {
    let parts = pattern.components(separatedBy: wildcard)
    guard parts.count > 1 else { return pattern == line }
    guard line.hasPrefix(parts[0]) else { return false }
    var rest = Substring(line.dropFirst(parts[0].count))
    for part in parts.dropFirst().dropLast() where !part.isEmpty {
      guard let range = rest.range(of: part) else { return false }
      rest = rest[range.upperBound...]
    }
    return rest.hasSuffix(parts.last!)
  }

  /// A scratch folder that looks like the package root: its files linked in, `../shared`
  /// beside it when the package has one.
  static func sandbox() throws -> (root: URL, work: URL) {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vitext-readme-\(UUID().uuidString)")
    let work = root.appendingPathComponent("vitext")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    let package = TestData.packageRoot
    for name in try FileManager.default.contentsOfDirectory(atPath: package.path)
    where !name.hasPrefix(".build") && ![".git", ".vitext", ".swiftpm"].contains(name) {
      try FileManager.default.createSymbolicLink(
        at: work.appendingPathComponent(name),
        withDestinationURL: package.appendingPathComponent(name))
    }
    let shared = package.deletingLastPathComponent().appendingPathComponent("shared")
    if FileManager.default.fileExists(atPath: shared.path) {
      try FileManager.default.createSymbolicLink(
        at: root.appendingPathComponent("shared"), withDestinationURL: shared)
    }
    return (root, work)
  }

  /// Runs `command` with bash in `folder`, `vitext` first on the PATH; its output (standard
  /// error merged in) and status. Stopped after `seconds`.
  static func run(_ command: String, in folder: URL, seconds: Double = 600) throws -> (
    output: String, status: Int32
  ) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["-c", "set -o pipefail\n" + command]
    process.currentDirectoryURL = folder
    var environment = ProcessInfo.processInfo.environment
    environment["PATH"] =
      TestData.executable.deletingLastPathComponent().path + ":"
      + (environment["PATH"] ?? "/usr/bin:/bin")
    process.environment = environment
    let outputFile = try temporaryFile([])
    defer { try? FileManager.default.removeItem(at: outputFile) }
    let handle = try FileHandle(forWritingTo: outputFile)
    process.standardOutput = handle
    process.standardError = handle
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(seconds)
    while process.isRunning && Date() < deadline { usleep(20_000) }
    if process.isRunning {
      process.terminate()
      process.waitUntilExit()
      return ("timed out after \(Int(seconds)) s", -1)
    }
    try handle.close()
    return (
      String(decoding: try Data(contentsOf: outputFile), as: UTF8.self), process.terminationStatus
    )
  }

  @Test func theConventionReadsPromptsOutputsWildcardsAndExitCodes() {
    let markdown = """
      text
      ```sh
      $ echo a \\
        b
      a b
      $ false
      (exit 1)
      ```
      <!-- not tested: needs a cluster -->
      ```sh
      curl localhost:9200
      ```
      ```swift
      let x = 1
      ```
      """
    let blocks = Self.blocks(markdown)
    #expect(blocks.count == 2)
    #expect(blocks[1].skipReason == "needs a cluster")
    let examples = Self.examples(blocks[0])
    #expect(examples.map(\.command) == ["echo a \\\n  b", "false"])
    #expect(examples.map(\.expected) == [["a b"], []] && examples.map(\.status) == [0, 1])
    #expect(
      Self.matches(
        ["3 documents match (… ms)", "…", "end"],
        ["3 documents match (54.437 ms)", "x", "y", "end"]))
    #expect(Self.matches(["a", "…"], ["a"]))
    #expect(!Self.matches(["3 documents match (… ms)"], ["4 documents match (54.437 ms)"]))
    #expect(!Self.matches(["a"], ["a", "b"]))
  }

  @Test func everyShellExampleOfTheReadmePrintsWhatItSays() throws {
    guard FileManager.default.isExecutableFile(atPath: TestData.executable.path) else {
      print(
        "note: skipping the README examples: no vitext binary at \(TestData.executable.path) (build it with swift build)"
      )
      return
    }
    let readme = try String(
      contentsOf: TestData.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
    let blocks = Self.blocks(readme)
    #expect(blocks.count >= 5, "README.md has lost its examples")
    let (root, work) = try Self.sandbox()
    defer { try? FileManager.default.removeItem(at: root) }
    var ran = 0
    for block in blocks {
      if let reason = block.skipReason {
        print("note: README.md:\(block.line) not run: \(reason)")
        continue
      }
      let needsShared = block.lines.contains { $0.text.contains("../shared/") }
      if needsShared, try TestData.shared("data") == nil { continue }
      for example in Self.examples(block) {
        let (output, status) = try Self.run(example.command, in: work)
        ran += 1
        var lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last?.isEmpty == true { lines.removeLast() }
        #expect(
          status == example.status,
          "README.md:\(example.line): `\(example.command)` exited \(status):\n\(output.prefix(2000))"
        )
        if let expected = example.expected {
          #expect(
            Self.matches(expected, lines),
            "README.md:\(example.line): `\(example.command)` printed\n\(output.prefix(3000))\nbut README.md says\n\(expected.joined(separator: "\n"))"
          )
        }
      }
    }
    #expect(ran > 0)
  }
}
