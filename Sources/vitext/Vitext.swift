import ArgumentParser

@main
struct Vitext: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "vitext",
    abstract: "Normalize, tokenize, tag and search Vietnamese documents.",
    discussion: """
      Reads UTF-8 text files (or standard input when no file is named) and writes standard output. Errors go to standard error with a non-zero exit code: 65 for input that is not UTF-8 (see --lossy and --from), 66 for a file that cannot be read.

      Examples:
        printf 'Quận uỷ\\n' | vitext normalize                   # Quận ủy
        vitext normalize --fold all --lowercase Corpus/seeds/*.txt
        vitext tokenize --format jsonl Corpus/seeds/000_958dd04866c0e41a.txt
      """,
    subcommands: [NormalizeCommand.self, TokenizeCommand.self, SegmenterCommand.self, EntitiesCommand.self, CitationsCommand.self,
      ExtractCommand.self, IndexCommand.self, SearchCommand.self, ServeCommand.self, ExportCommand.self, BenchCommand.self, BenchEngineCommand.self,
    ])
}
