import CXMLShims

/// A parsed libxml2 document (XML or HTML), freed when the last reference goes.
///
/// Parsing never fetches anything and never expands external entities, so a hostile DOCX or
/// web page cannot read local files or reach the network (see `xml_shims.c`).
final class XMLTree {
  private let document: OpaquePointer

  private init(document: OpaquePointer) { self.document = document }

  deinit { vx_free_document(document) }

  /// Parses XML; nil when libxml2 cannot recover a tree.
  static func xml(_ bytes: [UInt8]) -> XMLTree? {
    let parsed = bytes.withUnsafeBufferPointer { buffer in
      buffer.baseAddress.flatMap { base in
        base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
          vx_parse_xml($0, Int32(clamping: buffer.count))
        }
      }
    }
    return parsed.map(XMLTree.init(document:))
  }

  /// Parses HTML with libxml2's HTML parser (which mends unclosed tags as browsers do).
  static func html(_ bytes: [UInt8], encoding: String?) -> XMLTree? {
    let parsed = bytes.withUnsafeBufferPointer { buffer in
      buffer.baseAddress.flatMap { base in
        base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
          if let encoding {
            return encoding.withCString {
              vx_parse_html(pointer, Int32(clamping: buffer.count), $0)
            }
          }
          return vx_parse_html(pointer, Int32(clamping: buffer.count), nil)
        }
      }
    }
    return parsed.map(XMLTree.init(document:))
  }

  /// The root element.
  var root: XMLNode? { vx_root(document).map { XMLNode(pointer: $0, tree: self) } }
}

/// A node of an `XMLTree`; it keeps its tree alive.
struct XMLNode {
  let pointer: OpaquePointer
  let tree: XMLTree

  /// A key for tables keyed by node.
  var identity: OpaquePointer { pointer }
  /// Whether this is an element (not text, comment, CDATA).
  var isElement: Bool { vx_kind(pointer) == Int32(VX_ELEMENT) }
  /// Whether this is a text or CDATA node.
  var isText: Bool { vx_kind(pointer) == Int32(VX_TEXT) || vx_kind(pointer) == Int32(VX_CDATA) }
  /// The local name (`t` for `w:t`); the HTML parser lower-cases tag names.
  var name: String { String(cString: vx_name(pointer)) }
  /// The node's own text (text nodes), or "".
  var ownText: String { vx_own_text(pointer).map { String(cString: $0) } ?? "" }

  /// All descendant text, concatenated.
  var textContent: String {
    guard let content = vx_text_content(pointer) else { return "" }
    defer { vx_free_string(content) }
    return String(cString: content)
  }

  /// The value of an attribute, matched by local name in any namespace.
  func attribute(_ name: String) -> String? {
    guard let value = vx_attribute(pointer, name) else { return nil }
    defer { vx_free_string(value) }
    return String(cString: value)
  }

  /// The child nodes, in order.
  var children: [XMLNode] {
    var out: [XMLNode] = []
    var child = vx_first_child(pointer)
    while let current = child {
      out.append(XMLNode(pointer: current, tree: tree))
      child = vx_next_sibling(current)
    }
    return out
  }

  /// Descendant elements with a local name, in document order.
  func descendants(named name: String) -> [XMLNode] {
    var out: [XMLNode] = []
    func walk(_ node: XMLNode) {
      for child in node.children where child.isElement {
        if child.name == name { out.append(child) }
        walk(child)
      }
    }
    walk(self)
    return out
  }
}
