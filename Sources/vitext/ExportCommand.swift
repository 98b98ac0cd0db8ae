import ArgumentParser
import Foundation
import VietDocuments
import VietEntities
import VietExport
import VietSegmentation
import VitextCommandSupport

struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract:
      "Write documents with vitext's analysis as JSON for Spark, OpenSearch or Elasticsearch.",
    discussion: """
      One JSON object a line per document: id, title, text (NFC, cleaned up), title_exact, title_folded, text_exact and text_folded (vitext's exact and folded keys, space-separated, one per position, so a whitespace analyzer gives phrase queries vitext's positions), words (segmented, syllables joined by _), and keyword fields cites, officials and units (what the entity tagger found). --format bulk writes OpenSearch/Elasticsearch _bulk input: an action line before each record.

      Inputs are read as `vitext index build` reads them: .txt files, .jsonl and .jsonl.gz files ({"id", "title", "text"} a line), folders of them.

      Examples:
        vitext export Corpus/seeds > seeds.ndjson
        vitext export --format bulk --index-name vitext-gov gov.jsonl > bulk.ndjson
        vitext export --shard 2/4 gov.jsonl > part-2.ndjson   # 2nd of 4 equal shares
        vitext export --mapping opensearch > template.json
      """)

  @Argument(
    help:
      "Text files, folders, .jsonl or .jsonl.gz files; JSON Lines from standard input when none is named."
  )
  var sources: [String] = []

  @Option(
    help: "Output: ndjson (one record a line) or bulk (OpenSearch/Elasticsearch _bulk input).")
  var format: Format = .ndjson

  @Option(help: "The index the bulk action lines name.")
  var indexName = "vitext"

  @Option(
    help:
      "Write only share I of N (1-based): documents whose position in the input is I-1 modulo N.")
  var shard: Shard?

  @Flag(help: "Leave out the segmented words (the word segmenter is the slowest stage).")
  var noWords = false

  @Flag(help: "Leave out cites, officials and units (no entity tagging).")
  var noEntities = false

  @Flag(help: "Replace invalid UTF-8 with U+FFFD instead of failing.")
  var lossy = false

  @Option(
    help:
      "Print the index template for this engine (opensearch; Elasticsearch reads the same) and exit."
  )
  var mapping: Engine?

  enum Format: String, ExpressibleByArgument, CaseIterable { case ndjson, bulk }
  enum Engine: String, ExpressibleByArgument, CaseIterable { case opensearch }

  /// `I/N`, 1 ≤ I ≤ N.
  struct Shard: ExpressibleByArgument {
    var index: Int
    var count: Int
    init?(argument: String) {
      let parts = argument.split(separator: "/")
      guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1,
        (1...count).contains(index)
      else {
        return nil
      }
      self.index = index
      self.count = count
    }
  }

  func run() throws {
    let out = OutputWriter()
    defer { out.flush() }
    if mapping != nil {
      out.write(OpenSearch.indexTemplate(pattern: "\(indexName)*").serialized(pretty: true) + "\n")
      return
    }
    try reportingErrors {
      let exporter = DocumentExporter(
        tagger: noEntities ? nil : try EntityTagger.bundled(),
        segmenter: noWords ? nil : try WordSegmenter.bundled())
      var position = 0
      var written = 0
      var line: [UInt8] = []
      try forEachDocument { document in
        defer { position += 1 }
        if let shard, position % shard.count != shard.index - 1 { return }
        let record = try exporter.record(
          id: document.id, title: document.title, validUTF8: document.text,
          metadata: document.metadata)
        line.removeAll(keepingCapacity: true)
        if format == .bulk {
          OpenSearch.bulkAction(index: indexName, id: document.id).write(to: &line)
          line.append(0x0A)
        }
        record.json.write(to: &line)
        line.append(0x0A)
        out.write(line)
        written += 1
      }
      if position == 0 {
        throw CLIError.unreadable(
          path: sources.isEmpty
            ? DocumentReadError.standardInputName : sources.joined(separator: " "),
          reason: "no documents (.txt files or JSON lines) found")
      }
      note("exported \(written) of " + JSONLines.count(position, "document"))
    }
  }

  /// The named sources as `index build` reads them, or JSON Lines from standard input (how a
  /// Spark job pipes a partition through vitext).
  private func forEachDocument(_ body: (CorpusDocument) throws -> Void) throws {
    let policy = JSONLinesDocuments.Policy(lossy: lossy)
    guard sources.isEmpty else {
      return try CorpusReader(paths: sources, policy: policy).forEach { document, _ in
        try body(document)
      }
    }
    try JSONLinesDocuments(path: nil, policy: policy).forEach { record in
      try body(
        CorpusDocument(
          id: record.id ?? "\(DocumentReadError.standardInputName):\(record.line)",
          title: record.title ?? "", text: record.text,
          metadata: record.metadata ?? CorpusReader.headerMetadata(record.text)))
    }
  }
}
