import Foundation
import Hummingbird
import VietDocuments
import VietSearch

/// The server-rendered pages: usable without JavaScript, the query kept in the URL.
extension ServiceRoutes {
  func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
    Response(
      status: status, headers: [.contentType: "text/html; charset=utf-8"],
      body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
  }

  func messagePage(_ heading: String, _ message: String, status: HTTPResponse.Status) -> Response {
    html(
      pages.render("message", ["pageTitle": heading, "heading": heading, "message": message]),
      status: status)
  }

  func failurePage(_ error: Error) -> Response {
    if let error = error as? HTTPError {
      return messagePage(
        ServiceAnswers.pageHeading(error.status), error.body ?? "\(error.status)",
        status: error.status)
    }
    return messagePage("Lỗi", "\(error)", status: .internalServerError)
  }

  func searchPage(_ request: Request, context requestContext: ServiceRequestContext) async
    -> Response
  {
    var context: [String: Any] = ["pageTitle": "Tìm kiếm"]
    do {
      let paging = try paging(request)
      context["query"] = paging.query
      guard !paging.query.trimmingCharacters(in: .whitespaces).isEmpty else {
        _ = try index()  // still answer 503 while the index opens
        return html(pages.render("search", context))
      }
      let limit = paging.limit == 0 ? 10 : paging.limit
      let response = try await run(
        Paging(query: paging.query, limit: limit, offset: paging.offset, order: paging.order),
        request: request,
        context: requestContext)
      let sort = paging.order
      context["byDate"] = sort == .date
      context["byRelevanceLink"] = PageRenderer.searchLink(paging.query)
      context["byDateLink"] = PageRenderer.searchLink(paging.query, sort: .date)
      let facets = response.facets
      context["pageTitle"] = paging.query
      context["hasQuery"] = true
      context["total"] = response.total
      context["tookMs"] = String(format: "%.1f", Double(response.totalNanoseconds) / 1e6)
      context["noHits"] = response.hits.isEmpty
      // The accented query a query typed without diacritics most likely means, shown without
      // narrowing this search; its link searches it as written.
      if let suggestion = response.suggestion {
        context["suggestion"] = suggestion
        context["suggestionLink"] = PageRenderer.searchLink(suggestion, sort: sort)
      }
      context["hits"] = response.hits.map { hit -> [String: Any] in
        var item: [String: Any] = [
          "id": hit.id, "heading": hit.heading, "link": PageRenderer.documentLink(hit.id),
          "score": String(format: "%.2f", hit.score), "fuzzy": hit.foundByCorrection,
          "segments": hit.snippet.map { snippet in
            PageRenderer.segments(snippet.runs.map { ($0.text, $0.isHighlight ? "" : nil) })
          } ?? [],
        ]
        let line = Self.metadataLine(hit.metadata)
        if !line.isEmpty { item["metadata"] = line }
        return item
      }
      if response.total > limit {
        context["paged"] = true
        context["page"] = paging.offset / limit + 1
        if paging.offset > 0 {
          context["previous"] = PageRenderer.searchLink(
            paging.query, offset: max(0, paging.offset - limit), sort: sort)
        }
        if paging.offset + limit < response.total {
          context["next"] = PageRenderer.searchLink(
            paging.query, offset: paging.offset + limit, sort: sort)
        }
      }
      context["facetGroups"] = Self.facetNames.compactMap { field, name -> [String: Any]? in
        let items = (facets[field] ?? []).filter { !paging.query.contains($0.filter) }
        guard !items.isEmpty else { return nil }
        return [
          "name": name,
          "items": items.map { facet in
            [
              "label": facet.label, "documents": facet.documents,
              "link": PageRenderer.searchLink(paging.query + " " + facet.filter, sort: sort),
            ]
              as [String: Any]
          },
        ]
      }
      return html(pages.render("search", context))
    } catch let error as HTTPError
      where [.badRequest, .unprocessableContent].contains(error.status)
    {
      context["error"] = error.body ?? "truy vấn không hợp lệ"
      return html(pages.render("search", context), status: error.status)
    } catch {
      return failurePage(error)
    }
  }

  func documentPage(_ id: String) -> Response {
    do {
      guard let document = try index().document(id: id) else {
        throw HTTPError(.notFound, message: "Không có văn bản mã \(id).")
      }
      let entities = (try? tagger.entities(in: document.text)) ?? []
      // The related panel is extra: a search over the budget leaves it out, not the page.
      let relatedGroups =
        ((try? index().related(to: id, limit: Self.relatedLimit)) ?? nil).map(Self.relatedGroups)
        ?? []
      return html(
        pages.render(
          "document",
          [
            "pageTitle": document.heading, "heading": document.heading,
            "id": document.id, "entityCount": entities.count,
            "metadata": Self.metadataRows(document.metadata),
            "hasMetadata": !Self.metadataRows(document.metadata).isEmpty,
            "segments": PageRenderer.segments(
              MarkedText.runs(
                document.text, marking: entities.map { ($0.start..<$0.end, $0.label.rawValue) })),
            "hasRelated": !relatedGroups.isEmpty, "relatedGroups": relatedGroups,
          ]))
    } catch {
      return failurePage(error)
    }
  }

  /// Documents shown in each list of a document page's related panel.
  static let relatedLimit = 8

  /// The related panel's lists that have documents, with their Vietnamese names.
  static func relatedGroups(_ related: RelatedDocuments) -> [[String: Any]] {
    let groups: [(String, [RelatedDocuments.Entry])] = [
      ("Văn bản này trích dẫn", related.cites),
      ("Được trích dẫn bởi (\(related.citedByTotal))", related.citedBy),
      ("Cùng chủ đề", related.similar),
    ]
    return groups.filter { !$0.1.isEmpty }.map { name, entries in
      [
        "name": name,
        "items": entries.map { entry -> [String: Any] in
          var item: [String: Any] = [
            "heading": entry.heading, "link": PageRenderer.documentLink(entry.id),
          ]
          let details = metadataLine(entry.metadata)
          if !details.isEmpty { item["details"] = details }
          return item
        },
      ]
    }
  }

  func citationsPage(_ request: Request) -> Response {
    do {
      let index = try index()
      var rows = try index.citationTotals()
      switch Self.formParameters(request)["sort"] {
      case "symbol": rows.sort { $0.facet.label < $1.facet.label }
      case "mentions":
        rows.sort { ($0.mentions, $0.facet.documents) > ($1.mentions, $1.facet.documents) }
      default: break  // by citing documents, as citationTotals orders them
      }
      return html(
        pages.render(
          "citations",
          [
            "pageTitle": "Văn bản được trích dẫn", "documents": index.documentCount,
            "rowCount": rows.count,
            "rows": rows.map { row in
              [
                "label": row.facet.label, "documents": row.facet.documents,
                "mentions": row.mentions, "link": PageRenderer.searchLink(row.facet.filter),
              ]
                as [String: Any]
            },
          ]))
    } catch {
      return failurePage(error)
    }
  }

  /// A hit's metadata in one line ("Nghị định · 49/2026/NĐ-CP · Chính phủ · 2026-02-10"); empty
  /// when unknown.
  static func metadataLine(_ metadata: DocumentMetadata?) -> String {
    guard let metadata else { return "" }
    return [
      metadata.documentType, metadata.number, metadata.issuer, metadata.issueDate?.description,
    ].compactMap { $0 }
      .joined(separator: " · ")
  }

  /// A document's metadata as labelled rows for its page.
  static func metadataRows(_ metadata: DocumentMetadata?) -> [[String: String]] {
    guard let metadata else { return [] }
    let rows: [(String, String?)] = [
      ("Số, ký hiệu", metadata.number), ("Loại văn bản", metadata.documentType),
      ("Cơ quan ban hành", metadata.issuer),
      ("Nơi ban hành", metadata.place), ("Ngày ban hành", metadata.issueDate?.description),
      ("Trích yếu", metadata.summary),
      ("Người ký", metadata.signer),
    ]
    return rows.compactMap { label, value in value.map { ["label": label, "value": $0] } }
  }
}
