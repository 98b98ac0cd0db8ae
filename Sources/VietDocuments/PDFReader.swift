import Foundation

/// Reads a PDF's text layer with poppler, decoding legacy Vietnamese fonts and running OCR on
/// pages that have no text of their own.
///
/// `pdftotext` in reading order (not `-layout`): it keeps a two-column header's columns as
/// separate blocks ("Số: 49/2026/NĐ-CP" and "Hà Nội, ngày 31 tháng 01 năm 2026" on lines of
/// their own), where `-layout` prints them side by side. Pages end with a form feed.
struct PDFReader {
  var ocr: OCRReader
  var limits: ProgramLimits

  /// A page whose text layer holds fewer letters than this is taken to be a scan. A signature
  /// stamp alone is ~150 characters ("has text" is not "has the document"); a printed page of
  /// a decree holds 1,500–3,000.
  static let scannedPageLetters = 200

  func read(path: String) throws -> RawDocument {
    let info = try properties(path: path)
    let fonts = try legacyFonts(path: path)
    var pages: [String]
    if fonts.isEmpty {
      let text = try ExternalProgram.pdftotext.run(
        ["-enc", "UTF-8", "-eol", "unix", path, "-"], for: path, limits: limits)
      pages = String(decoding: text, as: UTF8.self).components(separatedBy: "\u{0C}")
      // pdftotext ends the last page with a form feed too.
      if pages.count > 1,
        pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true
      {
        pages.removeLast()
      }
    } else {
      pages = try legacyPages(path: path, fonts: fonts)
    }
    var usedOCR = false
    for (index, page) in pages.enumerated()
    where page.filter(\.isLetter).count < Self.scannedPageLetters {
      // A short last page (a signature, "Nơi nhận") is normal in a born-digital file; only
      // look at short pages when the document as a whole is thin, or the page is not last.
      let documentLetters = pages.reduce(0) { $0 + $1.filter(\.isLetter).count }
      if index == pages.count - 1, documentLetters >= Self.scannedPageLetters * pages.count {
        continue
      }
      let recognized = try ocr.recognizePDFPage(path: path, page: index + 1)
      if recognized.filter(\.isLetter).count > page.filter(\.isLetter).count {
        // The stamp's own text goes after the page's, so the header still opens the document.
        let layer = page.trimmingCharacters(in: .whitespacesAndNewlines)
        pages[index] = layer.isEmpty ? recognized : recognized + "\n\n" + layer
        usedOCR = true
      }
    }
    return RawDocument(
      pages: pages, fileTitle: info["Title"], fileAuthor: info["Author"], usedOCR: usedOCR)
  }

  /// `pdfinfo`'s fields ("Title", "Author", "Pages").
  func properties(path: String) throws -> [String: String] {
    let output = try ExternalProgram.pdfinfo.run(
      ["-enc", "UTF-8", path], for: path, limits: limits)
    var fields: [String: String] = [:]
    for line in String(decoding: output, as: UTF8.self).split(separator: "\n") {
      guard let colon = line.firstIndex(of: ":") else { continue }
      let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      if !value.isEmpty { fields[String(line[..<colon])] = value }
    }
    return fields
  }

  /// The names of the legacy Vietnamese fonts `pdffonts` lists.
  func legacyFonts(path: String) throws -> Set<String> {
    let output = try ExternalProgram.pdffonts.run([path], for: path, limits: limits)
    var names: Set<String> = []
    for line in String(decoding: output, as: UTF8.self).split(separator: "\n").dropFirst(2) {
      guard let name = line.split(separator: " ").first else { continue }
      if LegacyFont.encoding(ofFont: String(name)) != nil { names.insert(String(name)) }
    }
    return names
  }

  /// Pages of a PDF set in legacy fonts, from `pdftohtml -xml`, which tells each text run's
  /// font: only runs in a legacy font are decoded, and only when the font's text is not
  /// Unicode already (a producer may give .VnTime a correct ToUnicode map, and a file may
  /// declare a legacy font it never draws with).
  func legacyPages(path: String, fonts: Set<String>) throws -> [String] {
    let output = try ExternalProgram.pdftohtml.run(
      ["-xml", "-i", "-q", "-nodrm", "-stdout", "-enc", "UTF-8", path], for: path, limits: limits)
    guard let tree = XMLTree.xml(output), let root = tree.root else {
      throw DocumentReadError(.unreadable, source: path, "pdftohtml gave no readable XML")
    }
    struct Run {
      var top: Int, left: Int, width: Int, height: Int, font: String, text: String
    }
    var pageRuns: [[Run]] = []
    var fontNames: [String: String] = [:]
    for page in root.children where page.isElement && page.name == "page" {
      var runs: [Run] = []
      for node in page.children where node.isElement {
        if node.name == "fontspec", let id = node.attribute("id") {
          fontNames[id] = node.attribute("family") ?? ""
        } else if node.name == "text" {
          runs.append(
            Run(
              top: Int(node.attribute("top") ?? "") ?? 0,
              left: Int(node.attribute("left") ?? "") ?? 0,
              width: Int(node.attribute("width") ?? "") ?? 0,
              height: Int(node.attribute("height") ?? "") ?? 0,
              font: fontNames[node.attribute("font") ?? ""] ?? "", text: node.textContent))
        }
      }
      pageRuns.append(runs)
    }
    // Per font: is its text already Unicode Vietnamese (precomposed letters U+1EA0–U+1EF9, or
    // ơ ư ă đ)? Then it is left alone.
    var unicodeFonts: Set<String> = []
    for run in pageRuns.joined() where fonts.contains(run.font) {
      if run.text.unicodeScalars.contains(where: {
        (0x1EA0...0x1EF9).contains($0.value) || [0x01A1, 0x01B0, 0x0103, 0x0111].contains($0.value)
      }) {
        unicodeFonts.insert(run.font)
      }
    }
    return pageRuns.map { runs in
      var lines: [String] = []
      var line = ""
      var previous: Run?
      for run in runs {
        var text = run.text
        if fonts.contains(run.font), !unicodeFonts.contains(run.font),
          let encoding = LegacyFont.encoding(ofFont: run.font)
        {
          text = LegacyFont.decode(
            text, encoding: encoding, upperCase: LegacyFont.isUpperCaseByShape(run.font))
        }
        if let last = previous {
          let sameLine =
            abs((run.top + run.height / 2) - (last.top + last.height / 2)) <= max(
              last.height, run.height) / 2
            && run.left >= last.left
          if sameLine {
            let gap = run.left - (last.left + last.width)
            if gap > max(2, run.height / 5), line.last?.isWhitespace == false,
              text.first?.isWhitespace == false
            {
              line += " "
            }
            line += text
          } else {
            lines.append(line)
            // A vertical gap of more than a line's height is a paragraph break.
            if run.top - (last.top + last.height) > last.height { lines.append("") }
            line = text
          }
        } else {
          line = text
        }
        previous = run
      }
      if !line.isEmpty { lines.append(line) }
      return lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "\n")
    }
  }
}

/// What a format reader hands the extractor: pages of raw text and the file's own properties.
struct RawDocument {
  var pages: [String]
  var fileTitle: String?
  var fileAuthor: String?
  var usedOCR = false
}
