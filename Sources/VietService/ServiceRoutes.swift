import Foundation
import Hummingbird
import SearchCore
import VietEntities
import VietNormalization
import VietSearch
import VietSegmentation
import VietTokenization

/// The HTTP API and the pages, over one read-only index.
public struct ServiceRoutes: Sendable {
  let holder: IndexHolder
  let tagger: EntityTagger
  let segmenter: WordSegmenter
  let pages: PageRenderer
  /// Largest request body `/api/analyze` accepts.
  public static let maximumBody = 1 << 20
  static let facetNames: [(SearchField, String, String)] = [
    (.cites, "cites", "Văn bản được trích dẫn"), (.official, "officials", "Cán bộ"), (.unit, "units", "Đơn vị"),
  ]

  public init(holder: IndexHolder) throws {
    self.holder = holder
    tagger = try EntityTagger.bundled()
    segmenter = try WordSegmenter.bundled()
    pages = try PageRenderer()
  }

  /// The router with every route.
  public func router() -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self)
    router.get("/api/search") { request, _ in try searchReply(request) }
    // Ids may hold slashes ("seeds/000_…"): the rest of the path is the id.
    router.get("/api/documents/**") { _, context in try documentReply(Self.pathID(context)) }
    router.get("/api/citations") { _, _ in try citationsReply() }
    router.post("/api/analyze") { request, _ in try await analyzeReply(request) }
    router.get("/") { request, _ in searchPage(request) }
    router.get("/documents/**") { _, context in documentPage(Self.pathID(context)) }
    router.get("/citations") { request, _ in citationsPage(request) }
    return router
  }

  // MARK: API

  func index() throws -> SearchIndex {
    switch holder.state {
    case .ready(let index): return index
    case .opening(let message): throw HTTPError(.serviceUnavailable, message: message)
    case .failed(let message): throw HTTPError(.internalServerError, message: message)
    }
  }

  static func pathID(_ context: BasicRequestContext) -> String {
    context.parameters.getCatchAll().joined(separator: "/").removingPercentEncoding ?? ""
  }

  /// Query parameters as HTML forms send them: `+` is a space, then percent-decoding.
  static func formParameters(_ request: Request) -> [String: String] {
    var parameters: [String: String] = [:]
    for pair in (request.uri.query ?? "").split(separator: "&") {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      func decode(_ text: Substring) -> String { String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text) }
      if let name = parts.first { parameters[decode(name)] = parts.count > 1 ? decode(parts[1]) : "" }
    }
    return parameters
  }

  struct Paging {
    var query: String
    var limit: Int
    var offset: Int
  }

  func paging(_ request: Request) throws -> Paging {
    let parameters = Self.formParameters(request)
    let query = parameters["q"] ?? ""
    guard query.count <= QueryParser.maximumLength else {
      throw HTTPError(.badRequest, message: "the query is longer than \(QueryParser.maximumLength) characters")
    }
    let limit = parameters["limit"].map { Int($0) ?? -1 } ?? 10
    let offset = parameters["offset"].map { Int($0) ?? -1 } ?? 0
    guard (0...100).contains(limit), (0...10_000).contains(offset) else {
      throw HTTPError(.badRequest, message: "limit must be 0…100 and offset 0…10000")
    }
    return Paging(query: query, limit: limit, offset: offset)
  }

  /// Searches and counts facets in one run of the query; `totalNanoseconds` of the response
  /// covers both (the in-process time the API reports as took_ms).
  func run(_ paging: Paging) throws -> SearchResponse {
    let index = try index()
    do {
      return try index.search(paging.query, limit: paging.limit, offset: paging.offset, facetLimit: 8)
    } catch let error as QuerySyntaxError {
      throw HTTPError(.badRequest, message: error.description)
    } catch let error as IndexError {
      throw HTTPError(.internalServerError, message: "the index cannot answer: \(error.message)")
    }
  }

  func searchReply(_ request: Request) throws -> SearchReply {
    let paging = try paging(request)
    guard !paging.query.isEmpty else { throw HTTPError(.badRequest, message: "missing q, e.g. /api/search?q=sinh+hoat+chi+bo") }
    let response = try run(paging)
    let facets = response.facets
    return SearchReply(
      query: paging.query, total: response.total, took_ms: Double(response.totalNanoseconds) / 1e6,
      offset: paging.offset, limit: paging.limit,
      hits: response.hits.map { hit in
        SearchReply.Hit(
          id: hit.id, title: hit.title, score: hit.score, snippet: hit.snippet?.text ?? "",
          highlights: hit.snippet?.highlights.map { [$0.lowerBound, $0.upperBound] } ?? [])
      },
      facets: Dictionary(uniqueKeysWithValues: Self.facetNames.map { field, name, _ in
        (name, (facets[field] ?? []).map { SearchReply.FacetCount(key: $0.key, label: $0.label, documents: $0.documents, filter: $0.filter) })
      }))
  }

  func documentReply(_ id: String) throws -> DocumentReply {
    guard let document = try Self.answering({ try index().document(id: id) }) else {
      throw HTTPError(.notFound, message: "no document with id \(id)")
    }
    let entities = (try? tagger.entities(in: document.text)) ?? []
    return DocumentReply(id: document.id, title: document.title, text: document.text, entities: entities.map(EntityReply.init))
  }

  func citationsReply() throws -> CitationsReply {
    let index = try index()
    return CitationsReply(
      documents: index.documentCount,
      cited: try Self.answering(index.citationTotals).map { .init(symbol: $0.facet.label, documents: $0.facet.documents, mentions: $0.mentions, filter: $0.facet.filter) })
  }

  /// Runs `body`, a damaged index (`IndexError`) answering 500 with the reason as JSON, as a
  /// search does.
  static func answering<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as IndexError {
      throw HTTPError(.internalServerError, message: "the index cannot answer: \(error.message)")
    }
  }

  func analyzeReply(_ request: Request) async throws -> AnalyzeReply {
    var request = request
    let body: ByteBuffer
    do { body = try await request.collectBody(upTo: Self.maximumBody) } catch {
      throw HTTPError(.contentTooLarge, message: "the text is larger than \(Self.maximumBody) bytes")
    }
    var bytes = Array(body.readableBytesView)
    if request.headers[.contentType]?.hasPrefix("application/json") == true {
      guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any], let text = object["text"] as? String else {
        throw HTTPError(.badRequest, message: "expected a JSON object with a \"text\" string, or plain text")
      }
      bytes = Array(text.utf8)
    }
    guard String(validating: bytes, as: UTF8.self) != nil else { throw HTTPError(.badRequest, message: "the text is not UTF-8") }
    let normalized = try Normalizer().normalize(validUTF8: bytes).bytes
    let tokenized = try Tokenizer().tokenize(normalized)
    let scalars = Array(String(decoding: normalized, as: UTF8.self).unicodeScalars)
    func span(_ start: Int, _ end: Int) -> AnalyzeReply.Span {
      AnalyzeReply.Span(start: start, end: end, text: String(String.UnicodeScalarView(scalars[start..<min(end, scalars.count)])))
    }
    let words = segmenter.words(in: normalized, tokens: tokenized.tokens, sentences: tokenized.sentences).map { word in
      span(tokenized.tokens[word.tokens.lowerBound].start, tokenized.tokens[word.tokens.upperBound - 1].end)
    }
    return AnalyzeReply(
      normalized: String(decoding: normalized, as: UTF8.self),
      sentences: tokenized.sentences.map { span($0.start, $0.end) }, words: words,
      entities: tagger.entities(inNormalized: normalized, tokens: tokenized.tokens).map(EntityReply.init))
  }
}
