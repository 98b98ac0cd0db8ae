import Foundation
import Hummingbird
import SearchCore
import VietEntities
import VietNormalization
import VietResponses
import VietSearch
import VietSegmentation
import VietTokenization

/// The HTTP API and the pages, over one read-only index.
public struct ServiceRoutes: Sendable {
  let holder: IndexHolder
  let tagger: EntityTagger
  let segmenter: WordSegmenter
  let pages: PageRenderer
  let limits: ServiceLimits
  let hosts: HostPolicy
  let gate: SearchGate
  /// The lane of heavy searches (`ServiceLimits.heavyPostings`).
  let heavyGate: SearchGate
  let connections: ConnectionRegistry
  /// What per-client limits count by.
  let clients: ClientIdentity
  /// Largest request body `/api/analyze` accepts.
  public static let maximumBody = 1 << 20
  /// The facet groups of the search page, in the order shown, with their Vietnamese headings.
  static let facetNames: [(SearchField, String)] = [
    (.issued, "Năm ban hành"), (.type, "Loại văn bản"), (.issuer, "Cơ quan ban hành"),
    (.cites, "Văn bản được trích dẫn"), (.official, "Cán bộ"), (.unit, "Đơn vị"),
  ]

  /// Routes over `holder`'s index, answering requests for the host names `hosts` accepts
  /// within `limits`.
  public init(
    holder: IndexHolder, limits: ServiceLimits = ServiceLimits(), hosts: HostPolicy? = nil
  ) throws {
    try self.init(holder: holder, limits: limits, hosts: hosts, connections: ConnectionRegistry())
  }

  init(
    holder: IndexHolder, limits: ServiceLimits, hosts: HostPolicy?, connections: ConnectionRegistry
  ) throws {
    self.holder = holder
    self.limits = limits
    self.hosts = hosts ?? HostPolicy(listeningOn: "127.0.0.1", allowed: limits.allowedHosts)
    self.connections = connections
    clients = ClientIdentity(trustedProxies: limits.trustedProxies)
    gate = SearchGate(limits: limits)
    var heavyLimits = limits
    heavyLimits.concurrentSearches = max(1, limits.concurrentSearches / 2)
    heavyGate = SearchGate(limits: heavyLimits)
    tagger = try EntityTagger.bundled()
    segmenter = try WordSegmenter.bundled()
    pages = try PageRenderer()
  }

  static let routeMethods: [(path: String, isPrefix: Bool, methods: [HTTPRequest.Method])] = [
    ("/api/search", false, [.get]), ("/api/documents/", true, [.get]),
    ("/api/citations", false, [.get]),
    ("/api/analyze", false, [.post]), ("/", false, [.get]), ("/documents/", true, [.get]),
    ("/citations", false, [.get]),
  ]

  /// The router with every route.
  public func router() -> Router<ServiceRequestContext> {
    let router = Router(context: ServiceRequestContext.self)
    router.add(
      middleware: ServiceMiddleware<ServiceRequestContext>(
        hosts: hosts, methods: Self.routeMethods, pages: pages))
    router.get("/api/search") { request, context in
      try ServiceAnswers.json(await searchReply(request, context: context))
    }
    // Ids may hold slashes ("seeds/000_…"): the rest of the path is the id.
    // `/api/documents/ID/related` lists the documents related to ID (when ID is a document;
    // a document whose own id ends in "/related" is still found by its id).
    router.get("/api/documents/**") { _, context in
      let id = try Self.pathID(context)
      if id.hasSuffix(Self.relatedSuffix),
        let reply = try relatedReply(String(id.dropLast(Self.relatedSuffix.count)))
      {
        return try ServiceAnswers.json(reply)
      }
      return try ServiceAnswers.json(documentReply(id))
    }
    router.get("/api/citations") { _, _ in try ServiceAnswers.json(citationsReply()) }
    router.post("/api/analyze") { request, _ in try ServiceAnswers.json(await analyzeReply(request))
    }
    router.get("/") { request, context in await searchPage(request, context: context) }
    router.get("/documents/**") { _, context in
      do { return documentPage(try Self.pathID(context)) } catch { return failurePage(error) }
    }
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

  /// The document id the rest of the path spells, percent-decoded.
  ///
  /// - Throws: 400 when the path's percent-encoding is not valid UTF-8 (`%ff`, a lone `%`) or
  ///   the id is empty: never the document whose id is the empty string.
  static func pathID(_ context: ServiceRequestContext) throws -> String {
    let encoded = context.parameters.getCatchAll().joined(separator: "/")
    guard let id = encoded.removingPercentEncoding else {
      throw HTTPError(
        .badRequest, message: "the document id in the path is not valid percent-encoded UTF-8")
    }
    guard !id.isEmpty else {
      throw HTTPError(.badRequest, message: "the path names no document id, e.g. /api/documents/ID")
    }
    return id
  }

  /// Query parameters as HTML forms send them: `+` is a space, then percent-decoding.
  static func formParameters(_ request: Request) -> [String: String] {
    var parameters: [String: String] = [:]
    for pair in (request.uri.query ?? "").split(separator: "&") {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      func decode(_ text: Substring) -> String {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
          ?? String(text)
      }
      if let name = parts.first {
        parameters[decode(name)] = parts.count > 1 ? decode(parts[1]) : ""
      }
    }
    return parameters
  }

  struct Paging {
    var query: String
    var limit: Int
    var offset: Int
    var order: SearchOrder = .relevance
  }

  func paging(_ request: Request) throws -> Paging {
    let parameters = Self.formParameters(request)
    let query = parameters["q"] ?? ""
    guard query.count <= QueryParser.maximumLength else {
      throw HTTPError(
        .badRequest, message: "the query is longer than \(QueryParser.maximumLength) characters")
    }
    let limit = parameters["limit"].map { Int($0) ?? -1 } ?? 10
    let offset = parameters["offset"].map { Int($0) ?? -1 } ?? 0
    guard (0...100).contains(limit), (0...10_000).contains(offset) else {
      throw HTTPError(.badRequest, message: "limit must be 0…100 and offset 0…10000")
    }
    guard let order = SearchOrder(rawValue: parameters["sort"] ?? "relevance") else {
      throw HTTPError(.badRequest, message: "sort must be relevance or date")
    }
    return Paging(query: query, limit: limit, offset: offset, order: order)
  }

  /// Searches and counts facets in one run of the query; `totalNanoseconds` of the response
  /// covers both (the in-process time the API reports as took_ms).
  ///
  /// The search runs on the search gate's threads within the query budget of `limits`, and
  /// stops when the request's client goes away.
  func run(_ paging: Paging, request: Request, context: ServiceRequestContext) async throws
    -> SearchResponse
  {
    let client = clients.key(
      peer: context.clientAddress, forwardedFor: request.headers[Self.forwardedFor])
    let index = try index()
    let departure = connections.departure(of: context.channel)
    let limits = self.limits
    @Sendable func search() throws -> SearchResponse {
      if departure?.hasLeft == true {
        throw HTTPError(.serviceUnavailable, message: "the client has gone")
      }
      var isCancelled: (@Sendable () -> Bool)?
      if let departure { isCancelled = { departure.hasLeft } }
      let budget = QueryBudget(
        maximumPostings: limits.maximumPostings, deadline: .now + limits.queryTimeout,
        isCancelled: isCancelled)
      do {
        return try index.search(
          paging.query, limit: paging.limit, offset: paging.offset, facetLimit: 8, budget: budget,
          order: paging.order)
      } catch let error as QuerySyntaxError {
        throw HTTPError(.badRequest, message: error.description)
      } catch let error as IndexError {
        throw Self.httpError(error)
      }
    }
    // A search is weighed from the dictionary first (milliseconds): a light one runs in the
    // ordinary lane at once, a heavy one waits for the heavy lane, so four heavy searches
    // never hold an ordinary one back.
    let light = try await gate.run(client: client) { () throws -> SearchResponse? in
      let estimate: Int
      do { estimate = try index.estimatedPostings(paging.query) } catch let error
        as QuerySyntaxError
      {
        throw HTTPError(.badRequest, message: error.description)
      } catch let error as IndexError {
        throw Self.httpError(error)
      }
      return estimate > limits.heavyPostings ? nil : try search()
    }
    if let light { return light }
    return try await heavyGate.run(client: client) { try search() }
  }

  static let forwardedFor = ServiceAnswers.fieldName("X-Forwarded-For")

  /// 422 for a query the index cannot serve or that outgrew its budget, 503 for one out of
  /// time or abandoned, 500 for a damaged index.
  static func httpError(_ error: IndexError) -> HTTPError {
    switch error.code {
    case .overBudget, .invalidRequest: HTTPError(.unprocessableContent, message: error.message)
    case .timedOut, .cancelled: HTTPError(.serviceUnavailable, message: error.message)
    default: HTTPError(.internalServerError, message: "the index cannot answer: \(error.message)")
    }
  }

  func searchReply(_ request: Request, context: ServiceRequestContext) async throws -> SearchReply {
    let paging = try paging(request)
    guard !paging.query.isEmpty else {
      throw HTTPError(.badRequest, message: "missing q, e.g. /api/search?q=sinh+hoat+chi+bo")
    }
    let response = try await run(paging, request: request, context: context)
    return SearchReply(
      response, offset: paging.offset, limit: paging.limit, sort: paging.order, facets: true)
  }

  func documentReply(_ id: String) throws -> DocumentReply {
    guard let document = try Self.answering({ try index().document(id: id) }) else {
      throw HTTPError(.notFound, message: "no document with id \(id)")
    }
    let entities = (try? tagger.entities(in: document.text)) ?? []
    return DocumentReply(document, entities: entities)
  }

  /// The path ending that asks for a document's related documents.
  static let relatedSuffix = "/related"

  /// The documents related to document `id` (`RelatedReply`, at most 10 a list); nil when the
  /// index has no document `id`.
  func relatedReply(_ id: String) throws -> RelatedReply? {
    let index = try index()
    return try Self.answering { try index.related(to: id, limit: 10) }.map(RelatedReply.init)
  }

  func citationsReply() throws -> CitationsReply {
    let index = try index()
    return CitationsReply(
      documents: index.documentCount, cited: try Self.answering(index.citationTotals))
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
      throw HTTPError(
        .contentTooLarge, message: "the text is larger than \(Self.maximumBody) bytes")
    }
    var bytes = Array(body.readableBytesView)
    if request.headers[.contentType]?.hasPrefix("application/json") == true {
      guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
        let text = object["text"] as? String
      else {
        throw HTTPError(
          .badRequest, message: "expected a JSON object with a \"text\" string, or plain text")
      }
      bytes = Array(text.utf8)
    }
    guard String(validating: bytes, as: UTF8.self) != nil else {
      throw HTTPError(.badRequest, message: "the text is not UTF-8")
    }
    let normalized = try Normalizer().normalize(validUTF8: bytes).bytes
    let tokenized = try Tokenizer().tokenize(normalized)
    let scalars = Array(String(decoding: normalized, as: UTF8.self).unicodeScalars)
    func span(_ start: Int, _ end: Int) -> AnalyzeReply.Span {
      AnalyzeReply.Span(
        start: start, end: end,
        text: String(String.UnicodeScalarView(scalars[start..<min(end, scalars.count)])))
    }
    let words = segmenter.words(
      in: normalized, tokens: tokenized.tokens, sentences: tokenized.sentences
    ).map { word in
      span(
        tokenized.tokens[word.tokens.lowerBound].start,
        tokenized.tokens[word.tokens.upperBound - 1].end)
    }
    return AnalyzeReply(
      normalized: String(decoding: normalized, as: UTF8.self),
      sentences: tokenized.sentences.map { span($0.start, $0.end) }, words: words,
      entities: tagger.entities(inNormalized: normalized, tokens: tokenized.tokens).map(
        EntityReply.init))
  }
}
