import Foundation
import VietNormalization

/// Repairs the damage text extraction does to Vietnamese: marks split from their letters,
/// ligatures, words hyphenated or lines broken inside a sentence, and a two-column header read
/// across both columns at once.
///
/// Each step works on one page's lines, so page starts stay exact. The steps never drop a
/// letter: they only remove whitespace, hyphens at line ends, and expand ligatures.
public struct TextRepair: Sendable {
  /// Makes the repairer.
  public init() {}

  /// NFC with tone marks left where the document put them ("hoà" stays "hoà"): extraction must
  /// not rewrite spelling; the analyzer that indexes the text decides on tone placement.
  static let normalizer = Normalizer(options: NormalizationOptions(toneStyle: .keep))

  /// Repairs one page: ligatures, detached marks, then the header columns (first page only),
  /// justified spacing, line joins, and NFC.
  ///
  /// - Parameters:
  ///   - page: the page's raw text, lines separated by `\n`.
  ///   - isFirstPage: whether to look for the two-column header.
  /// - Returns: the repaired page, NFC, paragraphs one a line.
  public func repair(page: String, isFirstPage: Bool) -> String {
    var text = expandLigatures(page)
    text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(
      of: "\r", with: "\n")
    text = Self.normalizer.normalize(reattachMarks(text))
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if isFirstPage { lines = splitHeaderColumns(lines) }
    lines = lines.flatMap(splitTableCells).map(collapseSpaces)
    return joinWrappedLines(lines).joined(separator: "\n")
  }

  // MARK: - Characters

  /// Expands the presentation-form ligatures U+FB00…U+FB06 (ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ) that PDF text layers
  /// keep from the font; NFC leaves them (only NFKC would expand them, and NFKC also rewrites
  /// characters Vietnamese text needs as they are).
  public func expandLigatures(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: { (0xFB00...0xFB06).contains($0.value) }) else {
      return text
    }
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0xFB00: out.append(contentsOf: "ff".unicodeScalars)
      case 0xFB01: out.append(contentsOf: "fi".unicodeScalars)
      case 0xFB02: out.append(contentsOf: "fl".unicodeScalars)
      case 0xFB03: out.append(contentsOf: "ffi".unicodeScalars)
      case 0xFB04: out.append(contentsOf: "ffl".unicodeScalars)
      case 0xFB05, 0xFB06: out.append(contentsOf: "st".unicodeScalars)
      default: out.append(scalar)
      }
    }
    return String(out)
  }

  /// Removes spaces and line breaks between a letter and the combining mark that belongs to it
  /// (`Nghi ̣ đi ̣nh` → `Nghị định`): PDF producers that draw the mark as its own glyph leave a
  /// gap before it. A mark after whitespace with no letter before is dropped from the gap only.
  public func reattachMarks(_ text: String) -> String {
    let scalars = Array(text.unicodeScalars)
    guard scalars.contains(where: Self.isCombiningMark) else { return text }
    var out = String.UnicodeScalarView()
    var index = 0
    while index < scalars.count {
      let scalar = scalars[index]
      if scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\u{A0}" {
        var next = index
        while next < scalars.count, [" ", "\n", "\t", "\u{A0}"].contains(scalars[next]) {
          next += 1
        }
        if next < scalars.count, Self.isCombiningMark(scalars[next]), let last = out.last,
          last.properties.isAlphabetic || Self.isCombiningMark(last)
        {
          index = next
          continue
        }
      }
      out.append(scalar)
      index += 1
    }
    return String(out)
  }

  static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
    (0x0300...0x036F).contains(scalar.value)
  }

  // MARK: - Lines

  /// Collapses runs of spaces inside a line to one (justified text from antiword and
  /// `pdftotext` pads words) and trims the ends; tabs count as spaces once the header columns
  /// have been split.
  func collapseSpaces(_ line: String) -> String {
    var out = ""
    out.reserveCapacity(line.utf8.count)
    var pendingSpace = false
    for character in line {
      if character == " " || character == "\t" {
        pendingSpace = !out.isEmpty
      } else {
        if pendingSpace { out.append(" ") }
        pendingSpace = false
        out.append(character)
      }
    }
    return out
  }

  /// A table row that antiword drew with bars (`| |TM. ỦY BAN NHÂN DÂN |`) or wrote with tabs
  /// becomes one line per non-empty cell: a signature block and its "Nơi nhận" list sit in
  /// one table row, and read across they interleave the name with the distribution list.
  /// antiword's `[pic]` placeholders are dropped.
  func splitTableCells(_ line: String) -> [String] {
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    if trimmed == "[pic]" { return [] }
    if trimmed.hasPrefix("|"), trimmed.hasSuffix("|") {
      let cells = trimmed.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { !$0.isEmpty }
      return cells.isEmpty ? [""] : cells
    }
    guard line.contains("\t") else { return [line] }
    let cells = line.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
      !$0.isEmpty
    }
    return cells.isEmpty ? [""] : cells
  }

  /// The first lines of a document that hold two header cells side by side (a tab, or a gap of
  /// three or more spaces, between "ỦY BAN NHÂN DÂN" and "CỘNG HÒA XÃ HỘI…", or between
  /// "Số: 09/2009/CT-UBND" and "Thủ Dầu Một, ngày 15 tháng 4 năm 2009") are rewritten as the
  /// left column's lines, then the right column's, so each part is a line of its own.
  func splitHeaderColumns(_ lines: [String]) -> [String] {
    var left: [String] = []
    var right: [String] = []
    var end = 0
    var sawSplit = false
    var nonEmpty = 0
    while end < lines.count, nonEmpty < 10 {
      let line = lines[end]
      if line.trimmingCharacters(in: .whitespaces).isEmpty {
        end += 1
        continue
      }
      nonEmpty += 1
      if let (first, second) = Self.twoCells(line) {
        left.append(first)
        right.append(second)
        sawSplit = true
      } else if sawSplit, Self.isRightColumnContinuation(line) {
        // A date line wrapped by the producer ("Đồng Xoài,\nngày 14 tháng 5 năm 2008").
        right.append(line.trimmingCharacters(in: .whitespaces))
      } else if sawSplit {
        break
      } else {
        left.append(line)
      }
      end += 1
    }
    guard sawSplit else { return lines }
    return left + right + [""] + Array(lines[end...])
  }

  static func isRightColumnContinuation(_ line: String) -> Bool {
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    return trimmed.hasPrefix("ngày ") || trimmed.hasPrefix("Hạnh phúc")
      || trimmed.hasPrefix("Tự do")
  }

  /// Splits a line at its tab, a ` | ` cell bar (the gazette's text exports), or its first gap
  /// of 3+ spaces (tesseract with `preserve_interword_spaces`); nil when it has none, or when
  /// one side would be empty.
  static func twoCells(_ line: String) -> (String, String)? {
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    if let bar = trimmed.range(of: " | ") {
      let first = trimmed[..<bar.lowerBound].trimmingCharacters(in: .whitespaces)
      let second = trimmed[bar.upperBound...].trimmingCharacters(in: .whitespaces)
      return first.isEmpty || second.isEmpty ? nil : (first, second)
    }
    if let tab = trimmed.firstIndex(of: "\t") {
      let first = trimmed[..<tab].trimmingCharacters(in: .whitespaces)
      let second = trimmed[tab...].trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
      return first.isEmpty || second.isEmpty ? nil : (first, second)
    }
    guard let gap = trimmed.range(of: "   ") else { return nil }
    let first = trimmed[..<gap.lowerBound].trimmingCharacters(in: .whitespaces)
    let second = trimmed[gap.upperBound...].trimmingCharacters(in: .whitespaces)
    return first.isEmpty || second.isEmpty ? nil : (first, second)
  }

  /// Joins lines the producer wrapped inside a paragraph, and words hyphenated at a line end.
  ///
  /// A line joins the next when the next starts with a lower-case letter (a sentence goes on),
  /// or when the line is long (≥ 75 % of the page's longest lines), does not end a sentence or
  /// clause (`. : ; ! ?`), and the next does not start a list item or heading (`1.`, `a)`,
  /// `Điều 3.`, `Chương II`, `-`, a line in capitals). Short lines (headers, signature blocks)
  /// stay as they are.
  func joinWrappedLines(_ lines: [String]) -> [String] {
    let lengths = lines.map { $0.count }.filter { $0 > 0 }.sorted()
    guard !lengths.isEmpty else { return lines }
    let typical = lengths[min(lengths.count - 1, lengths.count * 9 / 10)]
    // Lines of a paragraph-per-line source (DOCX, HTML, antiword -w 0) are long and end at
    // paragraph ends already: nothing to join when most lines exceed a printed line's width.
    if typical > 160 { return lines }
    var out: [String] = []
    for line in lines {
      guard let previous = out.last, !previous.isEmpty, !line.isEmpty else {
        out.append(line)
        continue
      }
      let first = line.first!
      let last = previous.last!
      let startsLower = first.isLetter && first.isLowercase
      let long = previous.count * 4 >= typical * 3
      let endsClause = ".:;!?".contains(last)
      // Header parts stay apart: a line in capitals, the motto, or a date line never joins.
      let headerPart =
        Self.isCapitalsLine(previous) || previous.hasSuffix("Hạnh phúc") || Self.isDateLine(line)
      if last == "-", previous.count >= 2, previous.dropLast().last!.isLowercase, startsLower {
        // "phát-\ntriển" does not happen in Vietnamese (syllables are short), but foreign words
        // and names hyphenated by the producer do: drop the hyphen.
        out[out.count - 1] = String(previous.dropLast()) + line
      } else if last == "-" || last == "/", previous.count >= 2,
        previous.dropLast().last!.isLetter || previous.dropLast().last!.isNumber,
        first.isLetter || first.isNumber
      {
        // A symbol broken after its separator ("NĐ-\nCP", "254/\n2025/QH15"): keep it, join tight.
        out[out.count - 1] = previous + line
      } else if !headerPart, startsLower || (long && !endsClause && !Self.startsBlock(line)) {
        out[out.count - 1] = previous + " " + line
      } else {
        out.append(line)
      }
    }
    return out
  }

  static func isCapitalsLine(_ line: String) -> Bool {
    let letters = line.filter(\.isLetter)
    return letters.count >= 2 && letters.allSatisfy(\.isUppercase)
  }

  /// "Hà Nội, ngày 06 tháng 12 năm 2021": a place, a comma, then the date.
  static func isDateLine(_ line: String) -> Bool {
    guard let comma = line.firstIndex(of: ","),
      line.distance(from: line.startIndex, to: comma) <= 30
    else { return false }
    return line[comma...].hasPrefix(", ngày ")
  }

  /// Whether a line opens a list item, article or heading rather than continuing a sentence.
  static func startsBlock(_ line: String) -> Bool {
    let words = line.split(separator: " ", maxSplits: 2)
    guard let head = words.first else { return false }
    if head.first == "-" || head.first == "+" || head.first == "•" || head.first == "*" {
      return true
    }
    if head.last == "." || head.last == ")", head.dropLast().count <= 4,
      head.dropLast().allSatisfy({ $0.isNumber || $0.isLetter || $0 == "." })
    {
      return true
    }
    if ["Điều", "Chương", "Mục", "Phần", "Căn", "Nơi"].contains(String(head)) { return true }
    let letters = line.filter(\.isLetter)
    return letters.count >= 4 && letters.allSatisfy(\.isUppercase)
  }
}
