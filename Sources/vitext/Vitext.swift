import ArgumentParser
import VietDocuments
import VietResponses
import VitextCommandSupport

@main
struct Vitext: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "vitext",
    abstract: "Normalize, tokenize, tag and search Vietnamese documents.",
    discussion: """
      Reads UTF-8 text files (or standard input, named \(DocumentReadError.standardInputName) in messages, when no file is named) and writes standard output. Errors go to standard error, one line naming the file, with one of these exit codes:
      \(ExitStatus.table)

      Examples:
        printf 'Quận uỷ\\n' | vitext normalize                   # Quận ủy
        vitext normalize --fold all --lowercase Corpus/seeds/*.txt
        vitext tokenize --format jsonl Corpus/seeds/000_958dd04866c0e41a.txt
        vitext search "sinh hoat chi bo"          # indexes Corpus/ on first use
      """,
    version: VitextVersion.current,
    subcommands: [
      NormalizeCommand.self, TokenizeCommand.self, SegmenterCommand.self, EntitiesCommand.self,
      CitationsCommand.self,
      ExtractCommand.self, IndexCommand.self, SearchCommand.self, RelatedCommand.self,
      ServeMovedCommand.self,
      ExportCommand.self, BenchCommand.self,
    ])
}
