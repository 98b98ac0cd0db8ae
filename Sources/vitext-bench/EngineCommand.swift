import ArgumentParser
import CAllocatorTuning
import Foundation
import SearchCore
import VietDocuments
import VietEntities
@_spi(Benchmarks) @_spi(Internals) import VietSearch
import VitextCommandSupport

/// The external-engine line protocol of `../shared/tools/search_anchor_bench.py`, so the
/// harness measures vitext beside SQLite FTS5 and tantivy in one run:
///
///     python3 tools/search_anchor_bench.py run … --external vitext=".build/release/vitext-bench engine"
///
/// Like the anchors, the benchmark index keeps no texts and no entity filters; with
/// `VITEXT_BENCH_FULL=1` in the environment it builds what `vitext index build` builds.
struct EngineCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "engine",
    abstract:
      "search_anchor_bench.py's external-engine protocol: build an index, then answer queries.",
    discussion: """
      Benchmarks/README.md has the harness command:
        python3 ../shared/tools/search_anchor_bench.py run \\
          --corpus "$(../shared/tools/corpus gov)" \\
          --queries ../shared/tools/queries-vi.json \\
          --external vitext=".build/release/vitext-bench engine"
      """,
    subcommands: [Build.self, Serve.self])

  static var full: Bool { ProcessInfo.processInfo.environment["VITEXT_BENCH_FULL"] == "1" }

  struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Index the harness's JSON Lines corpus; print the build's figures as JSON.")
    @Option(help: "The corpus, JSON Lines.") var docs: String
    @Option(help: "The index folder to write.") var index: String

    func run() throws {
      try reportingErrors {
        let started = Date()
        let writer = try SearchIndexWriter(
          path: index, create: true, tagger: EngineCommand.full ? try EntityTagger.bundled() : nil,
          storesText: EngineCommand.full)
        writer.removeAll()
        // Headers are not read: the harness times the same work for every engine.
        let stream = CorpusReader(
          paths: [docs], policy: JSONLinesDocuments.Policy(maxDocumentBytes: Int.max, lossy: true),
          readsHeaders: false)
        // The harness numbers its documents ("n"); the ordinal is the id, so `serve` answers
        // with ordinals. A file without "n" is numbered in order. With `--with-title` the harness
        // gives each record its "title" and also puts it before the text; vitext indexes it as
        // the title field (its words count more), once.
        _ = try PipelinedIngest.run(
          stream: stream, into: writer,
          identify: { document, number in document.ordinal ?? String(number) },
          titles: .prefixedToText)
        let ingested = Date()
        try writer.commit()
        if writer.writer.manifest.segments.count > 1 { try writer.mergeAll() }
        let finished = Date()
        let manifest = writer.writer.manifest
        print(
          "{\"ingest_s\": \(ingested.timeIntervalSince(started)), \"finalize_s\": \(finished.timeIntervalSince(ingested)), \"segments\": \(manifest.segments.count), \"documents\": \(manifest.documentCount)}"
        )
      }
    }
  }

  struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Answer the harness's queries, one JSON line a query, until end of input.")
    @Option(help: "The index folder `build` wrote.") var index: String

    func run() throws {
      try reportingErrors {
        _ = vitext_keep_freed_memory()
        let started = DispatchTime.now().uptimeNanoseconds
        let search = try SearchIndex(path: index, tagger: nil)
        let openNanoseconds = DispatchTime.now().uptimeNanoseconds - started
        // Ordinals of documents, read once: the protocol answers with them.
        var ordinals = [Int](
          repeating: -1,
          count: search.reader.segments.last.map { $0.base + $0.reader.documentCount } ?? 0)
        for segment in search.reader.segments {
          for document in 0..<segment.reader.documentCount {
            ordinals[segment.base + document] =
              Int(String(decoding: try segment.reader.documentID(document), as: UTF8.self)) ?? -1
          }
        }
        respond(
          "{\"ready\": true, \"open_ns\": \(openNanoseconds), \"info\": \(Self.info(search))}"
        )
        while let line = readLine(strippingNewline: true) {
          guard !line.isEmpty else { continue }
          guard
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
            let op = object["op"] as? String
          else {
            respond("{\"error\": \"not a JSON request\"}")
            continue
          }
          switch op {
          case "query":
            let text = object["q"] as? String ?? ""
            let k = object["k"] as? Int ?? 10
            guard let mode = SearchIndex.WordMode(rawValue: object["mode"] as? String ?? "") else {
              respond("{\"error\": \"unknown mode\"}")
              continue
            }
            do {
              let begin = DispatchTime.now().uptimeNanoseconds
              let results = try search.rank(try search.query(words: text, mode: mode), limit: k)
              let took = DispatchTime.now().uptimeNanoseconds - begin
              let top = results.hits.map { String(ordinals[$0.document]) }.joined(separator: ", ")
              respond("{\"count\": \(results.total), \"top\": [\(top)], \"took_ns\": \(took)}")
            } catch {
              respond("{\"error\": \(jsonString("\(error)"))}")
            }
          case "analyze":
            let tokens = (try? search.analyzedTokens(object["text"] as? String ?? "")) ?? []
            respond("{\"tokens\": [\(tokens.map(jsonString).joined(separator: ", "))]}")
          case "stats":
            respond(
              "{\"documents\": \(search.documentCount), \"segments\": \(search.reader.segments.count)}"
            )
          default:
            respond("{\"error\": \"unsupported\"}")
          }
        }
      }
    }

    /// What the harness's configuration table prints for vitext, in the anchors' terms.
    private static func info(_ search: SearchIndex) -> String {
      let fields: [String: Any] = [
        "engine": "vitext",
        "version": "analyzer \(SearchAnalyzer.name)",
        "config":
          (full
          ? "texts and entity filters stored (VITEXT_BENCH_FULL=1)"
          : "no texts, no entity filters (like the anchors' indexes)")
          + "; syllables keyed NFC + one tone placement + lowercase, a query syllable typed without marks matches every spelling with its folded key (đ → d)"
          + "; " + JSONLines.count(search.documentCount, "document") + " in "
          + JSONLines.count(search.reader.segments.count, "segment"),
        "threads": "build: 2 (one reads and analyzes, one files postings); search: 1",
        "ranking":
          "BM25 (k1=1.2, b=0.75), folded statistics for syllables typed without marks with the spellings their neighbours make likely weighted 1 and others 0.1; syllables that spell a word also as a phrase; OR coordination (matched/n)^2; title words add 2x their title BM25 (b=0.75 on title length)",
        "folding": "exact key + folded key (analyze shows the exact key)",
      ]
      let data =
        (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]))
        ?? Data("{}".utf8)
      return String(decoding: data, as: UTF8.self)
    }

    private func respond(_ line: String) {
      FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    private func jsonString(_ text: String) -> String {
      let data = (try? JSONSerialization.data(withJSONObject: [text])) ?? Data("[\"\"]".utf8)
      return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
    }
  }
}
