import Foundation
import ZIPFoundation

/// Reads a Word 2007+ document: `word/document.xml` through ZIPFoundation and libxml2.
///
/// Runs (`w:r`) are joined with nothing between them: Word splits a run wherever formatting or
/// revision marks change, often inside a syllable ("Ngh" + "ị"), so joining them with spaces
/// breaks words. Tables are read cell by cell, each cell's paragraphs on lines of their own,
/// so the header table's "Số: 21/2021/NĐ-CP" and "Hà Nội, ngày …" come out as separate lines.
struct DOCXReader {
  /// The largest part we inflate: a 600-page decree's document.xml is ~20 MiB; this stops a
  /// ZIP bomb long before memory runs out.
  static let maxPartBytes = 256 << 20

  func read(path: String) throws -> RawDocument {
    let archive: Archive
    do {
      archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
    } catch {
      throw DocumentReadError(.unreadable, source: path, "not a readable ZIP archive (\(error))")
    }
    guard let body = try part("word/document.xml", of: archive, path: path) else {
      throw DocumentReadError(
        .unreadable, source: path, "a ZIP archive without word/document.xml is not a Word document")
    }
    guard let tree = XMLTree.xml(body), let root = tree.root else {
      throw DocumentReadError(.unreadable, source: path, "word/document.xml is not well-formed XML")
    }
    var lines: [String] = []
    var current = ""
    walk(root, into: &current, lines: &lines)
    if !current.isEmpty { lines.append(current) }
    var title: String?
    var author: String?
    if let core = try part("docProps/core.xml", of: archive, path: path),
      let coreTree = XMLTree.xml(core),
      let coreRoot = coreTree.root
    {
      title = coreRoot.descendants(named: "title").first?.textContent.trimmingCharacters(
        in: .whitespacesAndNewlines)
      author = coreRoot.descendants(named: "creator").first?.textContent.trimmingCharacters(
        in: .whitespacesAndNewlines)
    }
    // A DOCX has no fixed pages: page breaks would depend on the fonts Word has at hand.
    return RawDocument(
      pages: [lines.joined(separator: "\n")], fileTitle: title?.isEmpty == false ? title : nil,
      fileAuthor: author?.isEmpty == false ? author : nil)
  }

  private func part(_ name: String, of archive: Archive, path: String) throws -> [UInt8]? {
    guard let entry = archive[name] else { return nil }
    guard entry.uncompressedSize <= UInt64(Self.maxPartBytes) else {
      throw DocumentReadError(
        .unreadable, source: path, "\(name) inflates to more than \(Self.maxPartBytes >> 20) MiB")
    }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(Int(entry.uncompressedSize))
    do {
      _ = try archive.extract(entry, skipCRC32: false) { chunk in
        // The size in the header can lie; count what actually comes out.
        guard bytes.count + chunk.count <= Self.maxPartBytes else {
          throw DocumentReadError(
            .unreadable, source: path,
            "\(name) inflates to more than \(Self.maxPartBytes >> 20) MiB")
        }
        bytes.append(contentsOf: chunk)
      }
    } catch let error as DocumentReadError {
      throw error
    } catch {
      throw DocumentReadError(.unreadable, source: path, "\(name) is damaged (\(error))")
    }
    return bytes
  }

  /// Appends the text under `node`: `w:t` text, `w:tab` as a tab, `w:br`/`w:cr` as a line
  /// break, a line per paragraph and per table cell. Deleted text (`w:del`, `w:delText`),
  /// field codes (`w:instrText`) and the fallback copy of drawings (`mc:Fallback`, which
  /// repeats the text box of `mc:Choice`) are skipped.
  private func walk(_ node: XMLNode, into current: inout String, lines: inout [String]) {
    for child in node.children {
      if child.isText { continue }
      guard child.isElement else { continue }
      switch child.name {
      case "t":
        current += child.textContent
      case "tab":
        current += "\t"
      case "br", "cr":
        lines.append(current)
        current = ""
      case "noBreakHyphen":
        current += "-"
      case "del", "delText", "instrText", "Fallback", "rPr", "pPr", "sectPr", "footnoteReference":
        continue
      case "p":
        walk(child, into: &current, lines: &lines)
        lines.append(current)
        current = ""
      case "tc":
        walk(child, into: &current, lines: &lines)
        if !current.isEmpty { lines.append(current) }
        current = ""
      default:
        walk(child, into: &current, lines: &lines)
      }
    }
  }
}
