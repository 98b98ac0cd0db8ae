import ArgumentParser
import Foundation
import SearchCore
import VietEntities
import VietResponses
import VietSearch
import VitextCommandSupport

struct RelatedCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "related",
    abstract: "List the documents related to one document of an index.",
    discussion: """
      Three lists, each of at most --limit documents: the documents of the index it cites (a citation is linked when the cited symbol is another document's own number: a decree lists the laws it cites that are in the index), the documents citing it (newest first), and the documents sharing most of its \(SearchIndex.similarTermCount) most distinctive terms (syllables of its text ranked by tf-idf; the shared ones are shown). Citations by name alone ("Luật Chứng khoán") are not linked. An id the index does not hold exits \(ExitStatus.noInput.rawValue).

      Examples:
        vitext related congbao:nghi-dinh-so-117-2022-nd-cp-38918
        vitext related --index reports.idx 003_5cd50773fc18caa2 --format json
      """)

  @Option(
    name: .customLong("index"),
    help: "Index folder (default: \(IndexLocation.defaultPath); built from Corpus/ on first use).")
  var indexPath: String?
  @Option(help: "Documents to show in each list.") var limit = 10
  @Option(help: "Output format: text or json.") var format: SearchCommand.Format = .text
  @Argument(help: "The document's id, as search hits show it.") var id: String

  func validate() throws {
    guard (0...1_000).contains(limit) else { throw ValidationError("--limit must be 0…1000") }
  }

  func run() throws {
    let out = OutputWriter()
    defer { out.flush() }
    try reportingErrors {
      let path = indexPath ?? IndexLocation.defaultPath
      if indexPath == nil { try IndexLocation.prepareDefault() }
      let index = try SearchIndex(path: path, tagger: try EntityTagger.bundled())
      guard let related = try index.related(to: id, limit: limit) else {
        throw CLIError.notFound("no document with id '\(id)' in \(path)")
      }
      switch format {
      case .json: out.write(try ResponseEncoder().encode(RelatedReply(related)) + [0x0A])
      case .text: Self.writeText(related, out: out)
      }
    }
  }

  static func writeText(_ related: RelatedDocuments, out: OutputWriter) {
    out.write("\(related.heading)\n")
    // Only a similar document's reason says something its line does not (the terms it shares).
    func section(
      _ title: String, _ entries: [RelatedDocuments.Entry], empty: String, showsReason: Bool = false
    ) {
      out.write("\n\(title)\n")
      if entries.isEmpty { out.write("  \(empty)\n") }
      for entry in entries {
        let details = [
          entry.metadata?.documentType, entry.metadata?.number,
          entry.metadata?.issueDate?.description,
        ].compactMap { $0 }
        out.write("  \(entry.id)  \(entry.heading)\n")
        if !details.isEmpty { out.write("    \(details.joined(separator: " · "))\n") }
        if showsReason && !entry.reason.isEmpty { out.write("    shares: \(entry.reason)\n") }
      }
    }
    section("Cites (in the index):", related.cites, empty: "none in the index")
    let citing = related.citedByTotal == 1 ? "1 document" : "\(related.citedByTotal) documents"
    section("Cited by (\(citing)):", related.citedBy, empty: "none in the index")
    section(
      "Similar (by \(related.distinctiveTerms.joined(separator: ", "))):", related.similar,
      empty: "none", showsReason: true)
  }
}
