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
      let text = try String(contentsOf: folder.appendingPathComponent("\(name).mustache"), encoding: .utf8)
      templates[name] = try MustacheTemplate(string: text)
    }
    library = MustacheLibrary(templates: templates)
  }

  func render(_ template: String, _ context: [String: Any]) -> String {
    library.render(context, withTemplate: template) ?? "template \(template) missing"
  }

  /// Text cut into runs, marked where `ranges` (code-point offsets) say.
  static func segments(_ text: String, marking ranges: [(Range<Int>, String)]) -> [[String: Any]] {
    let scalars = Array(text.unicodeScalars)
    var segments: [[String: Any]] = []
    var cursor = 0
    func piece(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(scalars[range])) }
    for (range, label) in ranges.sorted(by: { $0.0.lowerBound < $1.0.lowerBound })
    where range.lowerBound >= cursor && range.upperBound <= scalars.count && !range.isEmpty {
      if range.lowerBound > cursor { segments.append(["text": piece(cursor..<range.lowerBound)]) }
      segments.append(["text": piece(range), "marked": true, "label": label])
      cursor = range.upperBound
    }
    if cursor < scalars.count { segments.append(["text": piece(cursor..<scalars.count)]) }
    return segments
  }

  /// `/?q=…` with the query percent-encoded.
  static func searchLink(_ query: String, offset: Int = 0) -> String {
    var components = URLComponents()
    components.path = "/"
    components.queryItems = [URLQueryItem(name: "q", value: query)] + (offset > 0 ? [URLQueryItem(name: "offset", value: String(offset))] : [])
    return components.string ?? "/"
  }

  static func documentLink(_ id: String) -> String {
    "/documents/" + (id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))) ?? id)
  }
}

enum ServiceError: Error, CustomStringConvertible {
  case missingTemplates
  var description: String { "the page templates are missing from this build" }
}
