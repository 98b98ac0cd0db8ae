import Foundation

/// Reads a web page's main text with libxml2's HTML parser, leaving out scripts, styles,
/// navigation, menus, footers and forms.
///
/// The main text is the deepest element that still holds 85 % of the page's letters outside
/// links, after the chrome (elements named or classed nav, menu, breadcrumb, footer, sidebar…)
/// is dropped: a portal's document page is mostly the document, and what is left around it —
/// breadcrumbs, "Ngày có hiệu lực" boxes — sits outside that element.
struct HTMLReader {
  /// Elements never read: code, styling, embedded media and interactive chrome.
  static let skipped: Set<String> = [
    "script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas", "nav",
    "footer",
    "aside", "form", "button", "select", "option", "textarea", "input", "head", "img", "video",
    "audio", "map",
  ]
  /// Elements that end a line of text.
  static let blocks: Set<String> = [
    "p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "section",
    "article", "table",
    "ul", "ol", "blockquote", "pre", "dd", "dt", "dl", "main", "center", "hr", "header", "figure",
    "figcaption",
    "address", "caption", "tbody", "thead",
  ]
  /// Words in an element's class or id that mark site chrome rather than content.
  static let chromeWords = [
    "nav", "menu", "breadcrumb", "footer", "sidebar", "banner", "cookie", "social", "share",
    "modal", "popup", "toolbar",
  ]

  /// The fraction of the page's non-link letters the chosen element must hold.
  static let mainShare = 0.85

  func read(path: String, bytes: [UInt8]) throws -> RawDocument {
    // libxml2 assumes ISO-8859-1 without a meta charset; valid UTF-8 is far likelier today.
    let isUTF8 = String(validating: bytes, as: UTF8.self) != nil
    guard let tree = XMLTree.html(bytes, encoding: isUTF8 ? "UTF-8" : nil), let root = tree.root
    else {
      throw DocumentReadError(.unreadable, source: path, "not a readable HTML page")
    }
    let title = root.descendants(named: "title").first?.textContent.trimmingCharacters(
      in: .whitespacesAndNewlines)
    let body = root.descendants(named: "body").first ?? root
    var letters: [OpaquePointer: Int] = [:]
    let total = countLetters(body, into: &letters)
    var main = body
    descend: while true {
      for child in main.children where child.isElement {
        if let count = letters[child.identity], Double(count) >= Self.mainShare * Double(total) {
          main = child
          continue descend
        }
      }
      break
    }
    var lines: [String] = []
    var current = ""
    render(main, into: &current, lines: &lines, preformatted: false)
    if !current.isEmpty { lines.append(current) }
    let text = lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(
      separator: "\n")
    return RawDocument(pages: [text], fileTitle: title?.isEmpty == false ? title : nil)
  }

  private func isChrome(_ node: XMLNode) -> Bool {
    if Self.skipped.contains(node.name) { return true }
    if node.attribute("hidden") != nil || node.attribute("aria-hidden") == "true" { return true }
    if node.attribute("role").map({
      ["navigation", "banner", "contentinfo", "menu", "menubar"].contains($0)
    }) == true {
      return true
    }
    let marks = ((node.attribute("class") ?? "") + " " + (node.attribute("id") ?? "")).lowercased()
    guard !marks.trimmingCharacters(in: .whitespaces).isEmpty else { return false }
    let words = marks.split(whereSeparator: { !$0.isLetter })
    return words.contains { word in
      Self.chromeWords.contains { word == $0 || word.hasPrefix($0) && word.count <= $0.count + 3 }
    }
  }

  /// Letters outside links and chrome under each element, stored by node.
  private func countLetters(_ node: XMLNode, into table: inout [OpaquePointer: Int]) -> Int {
    var sum = 0
    for child in node.children {
      if child.isText {
        sum += child.ownText.unicodeScalars.reduce(0) { $0 + ($1.properties.isAlphabetic ? 1 : 0) }
      } else if child.isElement, !isChrome(child) {
        let count = countLetters(child, into: &table)
        if child.name != "a" { sum += count }
      }
    }
    table[node.identity] = sum
    return sum
  }

  private func render(
    _ node: XMLNode, into current: inout String, lines: inout [String], preformatted: Bool
  ) {
    for child in node.children {
      if child.isText {
        let text = child.ownText
        if preformatted {
          let parts = text.split(separator: "\n", omittingEmptySubsequences: false)
          for (index, part) in parts.enumerated() {
            if index > 0 {
              lines.append(current)
              current = ""
            }
            current += part
          }
        } else {
          // HTML collapses whitespace in running text.
          let collapsed = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
          if text.first?.isWhitespace == true, !current.isEmpty, current.last != " " {
            current += " "
          }
          current += collapsed
          if text.last?.isWhitespace == true, !collapsed.isEmpty { current += " " }
        }
        continue
      }
      guard child.isElement, !isChrome(child) else { continue }
      let block = Self.blocks.contains(child.name)
      if block, !current.trimmingCharacters(in: .whitespaces).isEmpty {
        lines.append(current)
        current = ""
      }
      render(
        child, into: &current, lines: &lines, preformatted: preformatted || child.name == "pre")
      if block, !current.trimmingCharacters(in: .whitespaces).isEmpty {
        lines.append(current)
        current = ""
      }
    }
  }
}
