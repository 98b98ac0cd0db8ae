import ArgumentParser
import Foundation
import VietEntities

struct CitationsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "citations",
    abstract: "List the documents a corpus cites, with the documents citing each.",
    discussion: """
      One row per distinct cited document: its canonical symbol (leading zeros dropped: "06-ĐA/QU" and "6-ĐA/QU" are one document), type, issuer (as the citing texts name it most often, else what the issuer code stands for), issue date, the number of citing documents and of mentions, and the citing document ids. Short re-mentions ("Đề án 11") count toward the full citation they resolve to in their own document; unresolved ones are counted on stderr, not guessed.

      Directories are searched for .txt, .jsonl and .jsonl.gz files. Answer "which documents implement Đề án 11-ĐA/TU?" with:
        vitext citations Corpus/seeds | grep 11-ĐA/TU
      Examples:
        vitext citations Corpus/seeds
        vitext citations --format csv corpus.jsonl > citations.csv
      """)

  @OptionGroup var input: InputOptions

  @Flag(help: "Read JSON Lines ({\"id\", \"text\"} a line) from every input, whatever its name.")
  var jsonl = false

  @Option(help: "Output format: table, csv or json.")
  var format: Format = .table

  enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json }

  func run() throws {
    let out = OutputWriter()
    defer { out.flush() }
    try reportingErrors {
      let tagger = try EntityTagger.bundled()
      var report = CitationReport(lexicon: tagger.lexicon)
      try DocumentReader(input: input, jsonl: jsonl).forEachDocument { document in
        report.add(documentID: document.id, entities: try tagger.entities(inUTF8: document.text))
      }
      let rows = report.sortedRows
      switch format {
      case .table: writeTable(rows, out: out)
      case .csv: writeCSV(rows, out: out)
      case .json: writeJSON(rows, out: out)
      }
      FileHandle.standardError.write(
        Data(
          "vitext: \(report.documents) documents, \(rows.count) cited documents, \(report.unresolvedMentions) unresolved short mentions\n"
            .utf8))
    }
  }

  private func writeTable(_ rows: [CitationReport.Row], out: OutputWriter) {
    func cell(_ text: String?, _ width: Int) -> String {
      let value = text ?? "–"
      let clipped = value.count > width ? String(value.prefix(width - 1)) + "…" : value
      return clipped.padding(toLength: width + 1, withPad: " ", startingAt: 0)
    }
    out.write(cell("document", 28) + cell("type", 14) + cell("issuer", 30) + cell("date", 10) + "docs  mentions  cited by\n")
    for row in rows {
      let docs = String(row.citingDocuments.count).padding(toLength: 6, withPad: " ", startingAt: 0)
      let mentions = String(row.mentions).padding(toLength: 10, withPad: " ", startingAt: 0)
      let citing = row.citingDocuments.prefix(5).joined(separator: ", ") + (row.citingDocuments.count > 5 ? ", …" : "")
      out.write(
        cell(row.key, 28) + cell(row.type, 14) + cell(row.issuer, 30) + cell(row.issuedDate, 10) + docs + mentions + citing + "\n")
    }
  }

  private func writeCSV(_ rows: [CitationReport.Row], out: OutputWriter) {
    func field(_ text: String?) -> String {
      guard let text else { return "" }
      return text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline })
        ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
    out.write("document,type,issuer,issued_date,citing_documents,mentions,cited_by\n")
    for row in rows {
      let fields = [
        field(row.key), field(row.type), field(row.issuer), field(row.issuedDate), String(row.citingDocuments.count),
        String(row.mentions), field(row.citingDocuments.joined(separator: " ")),
      ]
      out.write(fields.joined(separator: ",") + "\n")
    }
  }

  private func writeJSON(_ rows: [CitationReport.Row], out: OutputWriter) {
    out.write("[")
    for (index, row) in rows.enumerated() {
      out.write(index == 0 ? "\n" : ",\n")
      out.write("{\"document\":")
      out.writeJSONString(row.key.utf8)
      for (name, value) in [("type", row.type), ("issuer", row.issuer), ("issued_date", row.issuedDate)] {
        out.write(",\"\(name)\":")
        if let value { out.writeJSONString(value.utf8) } else { out.write("null") }
      }
      out.write(",\"citing_documents\":\(row.citingDocuments.count),\"mentions\":\(row.mentions),\"cited_by\":[")
      for (position, id) in row.citingDocuments.enumerated() {
        if position > 0 { out.write(",") }
        out.writeJSONString(id.utf8)
      }
      out.write("]}")
    }
    out.write("\n]\n")
  }
}
