import ArgumentParser
import VietResponses

/// `vitext-bench`: what benchmark harnesses run, apart from the shipped `vitext` so that the
/// product carries no harness protocol. `swift build -c release --product vitext-bench` builds it.
@main
struct VitextBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "vitext-bench",
    abstract: "For benchmark harnesses: vitext's search engine behind their protocols.",
    discussion: """
      Measuring vitext's own stages (normalize, tokenize, segment, entities) on your text is `vitext bench`; this program only speaks harness protocols. Exit codes are vitext's (`vitext --help` lists them).
      """,
    version: VitextVersion.current,
    subcommands: [EngineCommand.self, SuggestCommand.self])
}
