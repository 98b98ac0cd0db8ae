import ArgumentParser
import CAllocatorTuning
import Foundation
import Hummingbird
import SearchCore
import VietEntities
import VietResponses
import VietSearch
import VietService
import VitextCommandSupport

/// `vitext-serve`: the web service as a program of its own, so that `vitext` (and a first
/// `swift run vitext search …`) never builds the web stack (Hummingbird, SwiftNIO).
@main
struct ServeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "vitext-serve",
    abstract: "Serve the search page and the JSON API over a vitext index (http://127.0.0.1:8080).",
    discussion: """
      Pages: / (search with highlighted snippets and filters for cited decrees, officials and units), /documents/ID (the text with its entities marked), /citations (every document the corpus cites).
      API: GET /api/search?q=&limit=&offset=, GET /api/documents/ID, GET /api/citations, POST /api/analyze (plain text or {"text": …}, at most 1 MB). Errors are JSON ({"error": {"message": …}}) with a fitting status: 400 a malformed query or path, 404 an unknown document or route, 405 a wrong method, 413, 421 a Host the server does not answer to, 422 a query over its budget, 503 while the index opens, when a query runs out of time or when the server is busy.

      The index is opened read-only; without --index, .vitext/index is used, built from Corpus/ first when the working folder has one and the index does not exist yet (or another version of vitext wrote it). A missing or damaged index named with --index stops serve at once, with the message and exit code `vitext search` gives. It listens on loopback unless --host says otherwise, and then answers only requests whose Host header names a loopback address (against DNS rebinding) or an --allow-host name. SIGINT or SIGTERM stops it cleanly.

      Exit codes are those of `vitext` (`vitext --help` lists them): 64 a bad option, 65 a damaged index, 66 a missing one.

      Limits: a connection must send its first request's headers within --header-timeout seconds, may idle --idle-timeout seconds between requests, and a request must be answered within --request-timeout seconds; at most --max-connections are open (default: the descriptor limit less 64): the connection that reaches it closes the one that has waited longest without a request in progress (never a request being answered). Searches run at most --concurrent-searches at once, at most --searches-per-client running or waiting per client address (a freed slot goes to the client with the fewest running); a search that would decode more than --heavy-postings postings runs in a lane of its own, half as wide, so ordinary searches never wait behind heavy ones. Each runs within --query-timeout seconds and --max-postings postings; a client that disconnects stops its search.
      """,
    version: VitextVersion.current)

  @Option(name: .customLong("index"), help: "Index folder (default: \(IndexLocation.defaultPath)).")
  var indexPath: String?

  @Option(help: "Address to listen on (loopback by default: the index is not public).")
  var host = "127.0.0.1"

  @Option(help: "Port.") var port = 8080

  @Option(
    name: .customLong("allow-host"),
    help: "A further host name to answer to (repeatable), e.g. the name a reverse proxy uses.")
  var allowedHosts: [String] = []

  @Option(help: "Seconds a search may match before it is stopped (503).")
  var queryTimeout: Double = 5

  @Option(help: "Postings a search may visit before it is stopped (422).")
  var maxPostings: Int = QueryBudget.defaultMaximumPostings

  @Option(
    help:
      "Seconds a request has to send its headers (a new connection's first from the connection, a later one from its first byte)."
  )
  var headerTimeout: Double = 10

  @Option(help: "Seconds a connection may idle between requests.")
  var idleTimeout: Double = 30

  @Option(help: "Seconds a request may take from its headers to its answer.")
  var requestTimeout: Double = 60

  @Option(help: "Most connections open at once (default: the open-file limit less 64).")
  var maxConnections: Int?

  @Option(help: "Searches running at once (default: the number of cores, at least 2).")
  var concurrentSearches: Int?

  @Option(
    help:
      "Postings a search would decode (read from the dictionary) above which it runs in the heavy lane, half as wide."
  )
  var heavyPostings = 2_000_000

  @Option(
    help: "Searches one client (an address; an IPv6 /64) may have running or waiting at once.")
  var searchesPerClient = 8

  @Option(
    name: .customLong("trusted-proxy"),
    help:
      "Address of a reverse proxy (repeatable) whose X-Forwarded-For names the client, so per-client limits count clients, not the proxy."
  )
  var trustedProxies: [String] = []

  @Option(
    help:
      "A table of abbreviations and expansions to match both ways, beside the bundled one (the format of `vitext search --synonyms`)."
  )
  var synonyms: String?

  func validate() throws {
    for (name, value) in [
      ("--query-timeout", queryTimeout), ("--header-timeout", headerTimeout),
      ("--idle-timeout", idleTimeout), ("--request-timeout", requestTimeout),
    ]
    where !(value > 0 && value <= 86_400) {
      throw ValidationError("\(name) must be above 0 and at most 86400 seconds")
    }
    guard maxPostings > 0, heavyPostings >= 0, (maxConnections ?? 1) > 0,
      (concurrentSearches ?? 1) > 0, searchesPerClient > 0
    else {
      throw ValidationError(
        "--max-postings, --max-connections, --concurrent-searches and --searches-per-client must be above 0"
      )
    }
  }

  static func duration(_ seconds: Double) -> Duration { .milliseconds(Int64(seconds * 1000)) }

  func run() async throws {
    _ = vitext_keep_freed_memory()
    let path = indexPath ?? IndexLocation.defaultPath
    if !["127.0.0.1", "localhost", "::1"].contains(host) {
      note(
        "warning: listening on \(host): anyone who can reach this address can read the indexed documents"
      )
    }
    var prepare: (@Sendable () throws -> Void)?
    var opened: SearchIndex?
    var userSynonyms: SynonymTable?
    // A bad table stops serve before it listens, as for `vitext search`.
    if let synonyms {
      try reportingErrors { userSynonyms = try SynonymTable(commandLineFile: synonyms) }
    }
    if indexPath == nil && FileManager.default.fileExists(atPath: "Corpus") {
      // The default index is built from Corpus/ in the background: the server answers 503
      // meanwhile rather than waiting minutes to listen.
      prepare = { try IndexLocation.prepareDefault() }
    } else {
      // Nothing to build: a missing or damaged index is an error now, as for `search`.
      try reportingErrors {
        opened = try SearchIndex(path: path, tagger: try EntityTagger.bundled())
      }
      if let opened, let userSynonyms { opened.synonyms = opened.synonyms.adding(userSynonyms) }
    }
    var limits = ServiceLimits()
    limits.allowedHosts = allowedHosts
    limits.queryTimeout = Self.duration(queryTimeout)
    limits.maximumPostings = maxPostings
    limits.headerTimeout = Self.duration(headerTimeout)
    limits.idleTimeout = Self.duration(idleTimeout)
    limits.requestTimeout = Self.duration(requestTimeout)
    limits.maximumConnections = maxConnections
    if let concurrentSearches { limits.concurrentSearches = concurrentSearches }
    limits.searchesPerClient = searchesPerClient
    limits.trustedProxies = trustedProxies
    limits.heavyPostings = heavyPostings
    var service = SearchService(
      host: host, port: port, indexPath: path, prepare: prepare, index: opened, limits: limits)
    service.synonyms = userSynonyms
    note("serving http://\(host.contains(":") ? "[\(host)]" : host):\(port)/  (index \(path))")
    try await service.application().runService()
  }
}
