import ArgumentParser
import Foundation
import VietEntities
import VitextCommandSupport

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
        vitext citations --by relation Corpus/seeds   # what the texts do with them
      """)

  @OptionGroup var input: InputOptions

  @Flag(help: "Read JSON Lines ({\"id\", \"text\"} a line) from every input, whatever its name.")
  var jsonl = false

  @Option(help: "Output format: table, csv or json.")
  var format: Format = .table

  @Flag(
    help:
      "Write one JSON line per citation mention instead of the table: the map side of a distributed job (the Spark job in Benchmarks/spark reduces them to this table)."
  )
  var mentions = false

  @Option(
    help:
      "Group by: document (one row per cited document) or relation (per what the citing text does with it: căn cứ, thực hiện, sửa đổi, bổ sung, thay thế, bãi bỏ, hướng dẫn, or none)."
  )
  var by: Grouping = .document

  enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json }
  enum Grouping: String, ExpressibleByArgument, CaseIterable { case document, relation }

  func run() throws {
    let out = OutputWriter()
    defer { out.flush() }
    try reportingErrors {
      let tagger = try EntityTagger.bundled()
      var report = CitationReport(lexicon: tagger.lexicon)
      var relations = RelationTally()
      // Tagged in windows (as `vitext entities` does), so memory follows the window, not the
      // document: a document's entities are gathered, its text never held whole.
      var windows = EntityWindowTagger(tagger: tagger)
      var id = ""
      var entities: [Entity] = []
      try DocumentReader(input: input, jsonl: jsonl).forEachDocumentInPieces(
        begin: { documentID in
          id = documentID
          entities = []
        },
        piece: { bytes in try windows.append(bytes) { entities += $0 } },
        end: {
          try windows.finish { entities += $0 }
          if mentions {
            Self.writeMentions(report.mentions(in: entities), of: id, out: out)
            return
          }
          report.add(documentID: id, entities: entities)
          if by == .relation { relations.add(documentID: id, entities: entities) }
        })
      if mentions { return }
      let rows = report.sortedRows
      if by == .relation {
        relations.write(
          format: format,
          types: Dictionary(rows.map { ($0.key, $0.type) }, uniquingKeysWith: { a, _ in a }),
          out: out)
      } else {
        switch format {
        case .table: writeTable(rows, out: out)
        case .csv: writeCSV(rows, out: out)
        case .json: writeJSON(rows, out: out)
        }
      }
      let counts = [
        JSONLines.count(report.documents, "document"),
        JSONLines.count(rows.count, "cited document"),
        JSONLines.count(report.unresolvedMentions, "unresolved short mention"),
      ]
      note(counts.joined(separator: ", "))
    }
  }

  private func writeTable(_ rows: [CitationReport.Row], out: OutputWriter) {
    func cell(_ text: String?, _ width: Int) -> String {
      let value = text ?? "–"
      let clipped = value.count > width ? String(value.prefix(width - 1)) + "…" : value
      return clipped.padding(toLength: width + 1, withPad: " ", startingAt: 0)
    }
    out.write(
      cell("document", 28) + cell("type", 14) + cell("issuer", 30) + cell("date", 10)
        + "docs  mentions  cited by\n")
    for row in rows {
      let docs = String(row.citingDocuments.count).padding(toLength: 6, withPad: " ", startingAt: 0)
      let mentions = String(row.mentions).padding(toLength: 10, withPad: " ", startingAt: 0)
      let citing =
        row.citingDocuments.prefix(5).joined(separator: ", ")
        + (row.citingDocuments.count > 5 ? ", …" : "")
      out.write(
        cell(row.key, 28) + cell(row.type, 14) + cell(row.issuer, 30) + cell(row.issuedDate, 10)
          + docs + mentions + citing + "\n")
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
        field(row.key), field(row.type), field(row.issuer), field(row.issuedDate),
        String(row.citingDocuments.count),
        String(row.mentions), field(row.citingDocuments.joined(separator: " ")),
      ]
      out.write(fields.joined(separator: ",") + "\n")
    }
  }

  /// The end of a JSON row: how many documents cite it, how often, and which, then `}`.
  fileprivate static func writeCitingDocuments(
    _ documents: [String], mentions: Int, out: OutputWriter
  ) {
    out.write(",\"citing_documents\":\(documents.count),\"mentions\":\(mentions),\"cited_by\":[")
    for (position, id) in documents.enumerated() {
      if position > 0 { out.write(",") }
      out.writeJSONString(id.utf8)
    }
    out.write("]}")
  }

  /// Writes `,"name":value` for each member, a string or `null`.
  fileprivate static func writeMembers(_ members: [(String, String?)], out: OutputWriter) {
    for (name, value) in members {
      out.write(",\"\(name)\":")
      if let value { out.writeJSONString(value.utf8) } else { out.write("null") }
    }
  }

  /// One line per mention: `{"id", "m"` (its place in the document), then the row it counts
  /// toward and what it says, or `"unresolved": true` for a short mention left unresolved.
  static func writeMentions(_ mentions: [CitationReport.Mention?], of id: String, out: OutputWriter)
  {
    for (index, mention) in mentions.enumerated() {
      out.write("{\"id\":")
      out.writeJSONString(id.utf8)
      out.write(",\"m\":\(index)")
      guard let mention else {
        out.write(",\"unresolved\":true}\n")
        continue
      }
      writeMembers(
        [
          ("identity", mention.identity), ("form", mention.form), ("type", mention.type),
          ("issuer", mention.issuer),
          ("issuer_identity", mention.issuer.map(EntityName.identity)),
          ("issuer_from_code", mention.issuerFromCode), ("issued_date", mention.issuedDate),
        ], out: out)
      out.write("}\n")
    }
  }

  private func writeJSON(_ rows: [CitationReport.Row], out: OutputWriter) {
    out.write("[")
    for (index, row) in rows.enumerated() {
      out.write(index == 0 ? "\n" : ",\n")
      out.write("{\"document\":")
      out.writeJSONString(row.key.utf8)
      Self.writeMembers(
        [("type", row.type), ("issuer", row.issuer), ("issued_date", row.issuedDate)], out: out)
      Self.writeCitingDocuments(row.citingDocuments, mentions: row.mentions, out: out)
    }
    out.write("\n]\n")
  }
}

/// Citations grouped by what the citing text does with them (`DecreeCitation.relation`): for
/// each relation, the documents cited that way, with the documents citing them so.
struct RelationTally {
  /// The relation values in the order rows are printed; "none" for citations that state none.
  static let order = [
    "căn cứ", "thực hiện", "sửa đổi, bổ sung", "thay thế", "bãi bỏ", "hướng dẫn", "none",
  ]

  struct Row {
    var relation: String
    var key: String
    var citingDocuments: [String] = []
    var mentions = 0
  }

  private var rows: [String: Row] = [:]

  mutating func add(documentID: String, entities: [Entity]) {
    let citations = entities.compactMap(\.decree)
    for citation in citations {
      let source = citation.resolvesTo.map { citations[$0] } ?? citation
      let wrapped = Entity(label: .decree, start: 0, end: 0, text: "", fields: .decree(source))
      guard let key = CitationReport.citedKeys(in: [wrapped]).first else { continue }
      let relation = citation.relation ?? "none"
      let id = relation + "\u{1F}" + key
      var row = rows[id] ?? Row(relation: relation, key: key)
      row.mentions += 1
      if row.citingDocuments.last != documentID, !row.citingDocuments.contains(documentID) {
        row.citingDocuments.append(documentID)
      }
      rows[id] = row
    }
  }

  var sortedRows: [Row] {
    func rank(_ relation: String) -> Int { Self.order.firstIndex(of: relation) ?? Self.order.count }
    return rows.values.sorted {
      (rank($0.relation), -$0.citingDocuments.count, -$0.mentions, $0.key)
        < (rank($1.relation), -$1.citingDocuments.count, -$1.mentions, $1.key)
    }
  }

  func write(format: CitationsCommand.Format, types: [String: String?], out: OutputWriter) {
    let rows = sortedRows
    switch format {
    case .table:
      func cell(_ text: String, _ width: Int) -> String {
        let clipped = text.count > width ? String(text.prefix(width - 1)) + "…" : text
        return clipped.padding(toLength: width + 1, withPad: " ", startingAt: 0)
      }
      out.write(
        cell("relation", 16) + cell("document", 28) + cell("type", 14)
          + "docs  mentions  cited by\n")
      for row in rows {
        let citing =
          row.citingDocuments.prefix(5).joined(separator: ", ")
          + (row.citingDocuments.count > 5 ? ", …" : "")
        out.write(
          cell(row.relation, 16) + cell(row.key, 28) + cell((types[row.key] ?? nil) ?? "–", 14)
            + String(row.citingDocuments.count).padding(toLength: 6, withPad: " ", startingAt: 0)
            + String(row.mentions).padding(toLength: 10, withPad: " ", startingAt: 0) + citing
            + "\n")
      }
    case .csv:
      func field(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline })
          ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
      }
      out.write("relation,document,citing_documents,mentions,cited_by\n")
      for row in rows {
        out.write(
          [
            field(row.relation), field(row.key), String(row.citingDocuments.count),
            String(row.mentions),
            field(row.citingDocuments.joined(separator: " ")),
          ].joined(separator: ",") + "\n")
      }
    case .json:
      out.write("[")
      for (index, row) in rows.enumerated() {
        out.write(index == 0 ? "\n" : ",\n")
        out.write("{\"relation\":")
        out.writeJSONString(row.relation.utf8)
        out.write(",\"document\":")
        out.writeJSONString(row.key.utf8)
        CitationsCommand.writeCitingDocuments(row.citingDocuments, mentions: row.mentions, out: out)
      }
      out.write("\n]\n")
    }
  }
}
