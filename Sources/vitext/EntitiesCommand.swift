import ArgumentParser
import VietEntities
import VietText
import VitextCommandSupport

/// `vitext entities`: tags files (the default), or trains and scores the learned layer.
struct EntitiesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "entities",
    abstract: "Find officials, units, document citations and dates; train and score the tagger.",
    discussion:
      "`vitext entities FILES…` is `vitext entities tag FILES…`; see `vitext help entities tag`.",
    subcommands: [
      EntitiesTagCommand.self, EntitiesTrainCommand.self, EntitiesEvaluateCommand.self,
    ],
    defaultSubcommand: EntitiesTagCommand.self)
}

/// `vitext entities [tag]`: the entities of every document, as JSON Lines or a table.
struct EntitiesTagCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tag",
    abstract: "Find officials, units, document citations and dates.",
    discussion: """
      Labels (the README's "Entity tagger" paragraph shows each on examples; Tests/EntityGold/README.md gives the annotation choices the gold data follows): OFFICIAL (a named person with titles), UNIT (a Party, state or mass-organisation body), DECREE (a citation of a legal or Party document, parsed into fields), DATE.

      Each text file is one document, its id the file name without .txt; a .jsonl or .jsonl.gz file (or any input with --jsonl) holds one {"id", "text"} object a line, read a line at a time. Output, one line a document:
        {"id": "…", "entities": [{"start": 120, "end": 153, "label": "DECREE", "text": "Đề án số 11-ĐA/TU, ngày 06/12/2021",
          "fields": {"type": "Đề án", "number": "11", "year": 2021, "type_code": "ĐA", "issuer_code": "TU",
                     "issued_date": "2021-12-06", "issuer_name": "Ban Thường vụ Thành ủy", "symbol": "11-ĐA/TU", "ref": "full",
                     "relation": null}}, …]}
      start/end are code-point offsets (Python str indices) into the NFC form of the document's text. A short re-mention ("Đề án 11") has "resolves_to" (the symbol) and "resolves_to_index" (the index among the document's DECREE entities) of the full citation it co-refers with. "relation" says what the text does with the document when it says so: "căn cứ", "thực hiện" (also for "triển khai"), "sửa đổi, bổ sung", "thay thế", "bãi bỏ" or "hướng dẫn"; null otherwise.

      Examples:
        vitext entities Corpus/seeds/000_958dd04866c0e41a.txt
        vitext entities --format table Corpus/seeds/*.txt
        vitext entities --jsonl gold.jsonl > out.jsonl
        python3 ner_eval.py --gold gold.jsonl --system out.jsonl
        vitext entities evaluate gold.jsonl         # the same figures in one step
        vitext entities train --data train.jsonl --out entities.model
      """)

  @OptionGroup var input: InputOptions

  @Flag(help: "Read JSON Lines ({\"id\", \"text\"} a line) from every input, whatever its name.")
  var jsonl = false

  @Option(help: "Output format: jsonl or table.")
  var format: Format = .jsonl

  enum Format: String, ExpressibleByArgument, CaseIterable { case jsonl, table }

  @Option(
    help: "A learned-layer model file instead of the shipped one (see `vitext entities train`).")
  var model: String?

  @Flag(help: "The rules alone, without the learned layer.")
  var rulesOnly = false

  func run() throws {
    let out = OutputWriter()
    defer { out.flush() }
    try reportingErrors {
      var tagger = try EntityTagger.bundled()
      if rulesOnly { tagger.model = nil }
      if let model {
        tagger.model = try EntitySequenceModel(bytes: try readFile(model), resource: model)
      }
      let json = EntityJSON(out: out)
      // Tagged in windows, so memory does not grow with a document's size; JSON is written as
      // each window is done, a table (which starts with the count) once the document is.
      var windows = EntityWindowTagger(tagger: tagger)
      var id = ""
      var written = 0
      var tableRows: [Entity] = []
      func write(_ entities: [Entity]) {
        switch format {
        case .jsonl:
          for entity in entities {
            if written > 0 { out.write(byte: UInt8(ascii: ",")) }
            json.write(entity)
            written += 1
          }
        case .table: tableRows += entities
        }
      }
      try DocumentReader(input: input, jsonl: jsonl).forEachDocumentInPieces(
        begin: { documentID in
          id = documentID
          written = 0
          tableRows = []
          if format == .jsonl { json.beginDocument(id: documentID) }
        },
        piece: { bytes in try windows.append(bytes, emit: write) },
        end: {
          try windows.finish(emit: write)
          switch format {
          case .jsonl: json.endDocument()
          case .table: EntityTable(out: out).write(id: id, entities: tableRows)
          }
        })
    }
  }
}

/// A table a person reads: one entity a line, label, span, text, and its main fields.
struct EntityTable {
  let out: OutputWriter

  func write(id: String, entities: [Entity]) {
    out.write("# \(id): " + JSONLines.count(entities.count, "entity", "entities") + "\n")
    for entity in entities {
      let label = entity.label.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
      let span = "\(entity.start)-\(entity.end)".padding(toLength: 12, withPad: " ", startingAt: 0)
      var line = "\(label)\(span)\(entity.text.replacingOccurrences(of: "\n", with: " "))"
      switch entity.fields {
      case .decree(let citation):
        let parts: [String?] = [
          citation.type, citation.number.map { "số \($0)" },
          citation.typeCode.map { "type_code \($0)" },
          citation.issuerCode.map { "issuer_code \($0)" }, citation.issuedDate.map { "ngày \($0)" },
          citation.issuerName.map { "của \($0)" }, citation.resolvedSymbol.map { "→ \($0)" },
          citation.relation.map { "relation \($0)" },
        ]
        line += "  [" + parts.compactMap { $0 }.joined(separator: "; ") + "]"
      case .official(let official):
        line += "  [name \(official.name); titles \(official.titles.joined(separator: " | "))"
        line += official.unit.map { "; unit \($0)]" } ?? "]"
      case .date(let date):
        line += "  [\(date)]"
      case .unit:
        break
      }
      out.write(line + "\n")
    }
  }
}
