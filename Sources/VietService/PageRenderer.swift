import Foundation
import Mustache
import VietEntities
import VietSearch

/// Renders the HTML pages from the Mustache templates in Resources. Every value goes through
/// `{{…}}`, which escapes HTML, so document text and queries are always shown as text.
struct PageRenderer: Sendable {
  let library: MustacheLibrary

  init() throws {
    guard let folder = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
      throw ServiceError.missingTemplates
    }
    var templates: [String: MustacheTemplate] = [:]
    for name in ["header", "footer", "search", "document", "citations", "message"] {
      let text = try String(
        contentsOf: folder.appendingPathComponent("\(name).mustache"), encoding: .utf8)
      templates[name] = try MustacheTemplate(string: text)
    }
    library = MustacheLibrary(templates: templates)
  }

  func render(_ template: String, _ context: [String: Any]) -> String {
    library.render(context, withTemplate: template) ?? "template \(template) missing"
  }

  /// Template values for text in runs (`MarkedText`): a marked run has `marked` and, when it
  /// names one, its `label`.
  static func segments(_ runs: [(text: String, mark: String?)]) -> [[String: Any]] {
    runs.map { run in
      var segment: [String: Any] = ["text": run.text]
      if let mark = run.mark {
        segment["marked"] = true
        if !mark.isEmpty { segment["label"] = mark }
      }
      return segment
    }
  }

  /// `/?q=…` with the query percent-encoded.
  static func searchLink(_ query: String, offset: Int = 0, sort: SearchOrder = .relevance) -> String
  {
    var components = URLComponents()
    components.path = "/"
    components.queryItems =
      [URLQueryItem(name: "q", value: query)]
      + (offset > 0 ? [URLQueryItem(name: "offset", value: String(offset))] : [])
      + (sort == .relevance ? [] : [URLQueryItem(name: "sort", value: sort.rawValue)])
    return components.string ?? "/"
  }

  static func documentLink(_ id: String) -> String {
    "/documents/"
      + (id.addingPercentEncoding(
        withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))) ?? id)
  }
}

enum ServiceError: Error, CustomStringConvertible {
  case missingTemplates
  var description: String { "the page templates are missing from this build" }
}
