import ArgumentParser
import CAllocatorTuning
import Foundation
import Hummingbird
import VietService

struct ServeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Serve the search page and the JSON API over an index (http://127.0.0.1:8080).",
    discussion: """
      Pages: / (search with highlighted snippets and filters for cited decrees, officials and units), /documents/ID (the text with its entities marked), /citations (every document the corpus cites).
      API: GET /api/search?q=&limit=&offset=, GET /api/documents/ID, GET /api/citations, POST /api/analyze (plain text or {"text": …}, at most 1 MB). Errors are JSON with a fitting status: 400 a malformed query, 404, 413, 503 while the index opens.

      The index is opened read-only; without --index, .vitext/index is used, built from Corpus/ first when the working folder has one and the index does not exist yet (or another version of vitext wrote it). It listens on loopback unless --host says otherwise. SIGINT or SIGTERM stops it cleanly.
      """)

  @Option(name: .customLong("index"), help: "Index folder (default: \(IndexLocation.defaultPath)).")
  var indexPath: String?

  @Option(help: "Address to listen on (loopback by default: the index is not public).")
  var host = "127.0.0.1"

  @Option(help: "Port.") var port = 8080

  func run() async throws {
    _ = vitext_keep_freed_memory()
    let path = indexPath ?? IndexLocation.defaultPath
    if !["127.0.0.1", "localhost", "::1"].contains(host) {
      note("warning: listening on \(host): anyone who can reach this address can read the indexed documents")
    }
    var prepare: (@Sendable () throws -> Void)?
    if indexPath == nil { prepare = { try IndexLocation.prepareDefault() } }
    let service = SearchService(host: host, port: port, indexPath: path, prepare: prepare)
    note("serving http://\(host.contains(":") ? "[\(host)]" : host):\(port)/  (index \(path))")
    try await service.application().runService()
  }
}
