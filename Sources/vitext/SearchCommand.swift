import ArgumentParser
import Foundation
import SearchCore
import VietDocuments
import VietEntities
import VietExport
import VietResponses
import VietSearch
import VitextCommandSupport

struct SearchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "search",
    abstract: "Search an index: ranked documents with highlighted snippets.",
    discussion: """
      Syllables typed with diacritics match exactly ("Đảng" never matches "đang"); typed without, they match every spelling ("dang vien" finds "đảng viên"); tone placement and case never matter ("Thị uỷ" = "thị ủy"). Hits are ranked by BM25 alone; for syllables typed without diacritics, by their folded key's statistics, with the spellings the query's words make likely ("chuyen doi" is "chuyển đổi") counting most; words count more in a document's title.

      Syntax: words are all required; a OR b; -word excludes; "a phrase"; prefix*; title:word; cites:11-ĐA/TU (documents citing it, short re-mentions included); official:"Lê Thị Thu Hằng"; unit:"Quận ủy Tây Hồ".

      A document's own metadata (from its header or its record): issued:2021 (a year), issued:2021-03 (a month), issued:2021-03-15 (a day), issued:2021-01..2021-06 (a range; either end may be left open: issued:2020..); type:"Kế hoạch" (the whole type, any case, with or without diacritics); issuer:"Tỉnh ủy Lào Cai" (words of the issuing body). Any other name before a colon and a value (foo:bar) is an error listing these fields; a colon inside quotes, after a number (10:30) or before // (a URL) is text. --sort date ranks newest first, documents without a date last, equal dates by relevance.

      Every query is bounded: matching may visit at most --max-postings postings (decoded or probed; `c*` costs the postings of every syllable starting with c) and take at most --timeout seconds. A query over either stops with exit code \(ExitStatus.usage.rawValue) and a message instead of running on; real queries use a small share of both (the heaviest of 50 realistic queries on 43,122 legal documents visits ~0.3 million postings, eight one-letter prefixes ~4 million). --format json reports what a query cost as "postings_visited".

      Without --index, the index under .vitext/index is used; when it does not exist yet and the working folder has Corpus/, it is built from Corpus/ first.

      Examples:
        vitext search "sinh hoat chi bo"
        vitext search '"Ban Thường vụ" cites:11-ĐA/TU' --format json
        vitext search 'tham nhũng -"lãng phí"' --limit 20
        vitext search 'issued:2021 type:"Kế hoạch" sinh hoat chi bo' --sort date
        vitext search 'chi bo' --facets 5 --format json
        vitext search --to-opensearch 'dang vien "Ban Thường vụ"'   # query DSL
      """)

  @Option(
    name: .customLong("index"),
    help: "Index folder (default: \(IndexLocation.defaultPath); built from Corpus/ on first use).")
  var indexPath: String?

  @Option(help: "Hits to show.") var limit = 10
  @Option(help: "Hits to skip (for paging).") var offset = 0
  @Option(help: "Output format: text or json.") var format: Format = .text
  @Option(help: "Order of hits: relevance (BM25) or date (issue date, newest first; undated last).")
  var sort: SearchOrder = .relevance
  @Option(
    help:
      "Show the N most frequent values of each facet among all matches: issue years, types, issuers, cited documents, officials, units."
  )
  var facets = 0
  @Flag(help: "Leave out snippets.") var noSnippets = false
  @Flag(
    help:
      "Print the OpenSearch/Elasticsearch query DSL for this query (over `vitext export` records) instead of searching."
  )
  var toOpensearch = false
  @Option(
    help:
      "Seconds matching may take before the query is stopped (exit \(ExitStatus.usage.rawValue)).")
  var timeout: Double = 10
  @Option(
    help:
      "Postings matching may visit before the query is stopped (exit \(ExitStatus.usage.rawValue))."
  )
  var maxPostings: Int = QueryBudget.defaultMaximumPostings
  @Option(
    help:
      "A table of abbreviations and expansions to match both ways, beside the bundled one (each line: forms that mean the same, separated by tabs; # comments)."
  )
  var synonyms: String?

  @Argument(parsing: .allUnrecognized, help: "The query (several words are joined with spaces).")
  var query: [String]

  enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

  func validate() throws {
    guard !query.isEmpty else {
      throw ValidationError("Missing the query, e.g. vitext search \"sinh hoat chi bo\"")
    }
    guard (0...10_000).contains(limit), (0...1_000_000).contains(offset) else {
      throw ValidationError("--limit must be 0…10000 and --offset 0…1000000")
    }
    guard (0...1_000).contains(facets) else { throw ValidationError("--facets must be 0…1000") }
    guard timeout > 0, timeout <= 86_400, maxPostings > 0 else {
      throw ValidationError(
        "--timeout must be above 0 and at most 86400 seconds, --max-postings above 0")
    }
  }

  func run() throws {
    let out = OutputWriter()
    defer { out.flush() }
    try reportingErrors {
      if toOpensearch {
        out.write(
          try OpenSearch.query(query.joined(separator: " ")).serialized(pretty: true) + "\n")
        return
      }
      let path = indexPath ?? IndexLocation.defaultPath
      if indexPath == nil { try IndexLocation.prepareDefault() }
      let index = try SearchIndex(path: path, tagger: try EntityTagger.bundled())
      if let synonyms {
        index.synonyms = index.synonyms.adding(try SynonymTable(commandLineFile: synonyms))
      }
      let text = query.joined(separator: " ")
      let budget = QueryBudget(
        maximumPostings: maxPostings, deadline: .now + .milliseconds(Int64(timeout * 1000)))
      let response = try index.search(
        text, limit: limit, offset: offset, snippets: !noSnippets, facetLimit: facets,
        budget: budget, order: sort)
      switch format {
      case .json:
        let reply = SearchReply(
          response, offset: offset, limit: limit, sort: sort, facets: facets > 0)
        out.write(try ResponseEncoder().encode(reply) + [0x0A])
      case .text:
        Self.writeText(
          response, out: out,
          highlight: isatty(1) != 0 ? ("\u{1B}[1;33m", "\u{1B}[0m") : ("[[", "]]"))
      }
    }
  }

  /// Facets in the order they are printed, with their JSON names (those of `GET /api/search`).
  static let facetNames: [(SearchField, String)] = [
    (.issued, "years"), (.type, "types"), (.issuer, "issuers"), (.cites, "cites"),
    (.official, "officials"), (.unit, "units"),
  ]

  static func writeText(_ response: SearchResponse, out: OutputWriter, highlight: (String, String))
  {
    let noun = response.total == 1 ? "document matches" : "documents match"
    out.write("\(response.total) \(noun) (\(milliseconds(response.totalNanoseconds)) ms)\n")
    if let suggestion = response.suggestion { out.write("Kết quả cho: \(suggestion)\n") }
    for hit in response.hits {
      out.write(
        "\n\(hit.id)  \(String(format: "%.2f", hit.score))\(hit.heading == hit.id ? "" : "  \(hit.heading)")\n"
      )
      if let metadata = hit.metadata {
        let line = [
          metadata.documentType, metadata.number, metadata.issuer, metadata.issueDate?.description,
        ].compactMap { $0 }
        if !line.isEmpty { out.write("  " + line.joined(separator: " · ") + "\n") }
      }
      guard let snippet = hit.snippet else { continue }
      let line = snippet.runs.map { $0.isHighlight ? highlight.0 + $0.text + highlight.1 : $0.text }
        .joined()
      out.write("  \(line)\n")
    }
    for (field, name) in facetNames {
      guard let facets = response.facets[field], !facets.isEmpty else { continue }
      out.write(
        "\n\(name): " + facets.map { "\($0.label) (\($0.documents))" }.joined(separator: ", ")
          + "\n")
    }
  }

  static func milliseconds(_ nanoseconds: UInt64) -> String {
    String(format: "%.3f", Double(nanoseconds) / 1e6)
  }
}

extension SearchOrder: ExpressibleByArgument {}
