import Foundation
import VietEntities

/// Reads a state or Party document's header — issuer, number, place and date, type, summary —
/// and its signature block, from the repaired text.
///
/// The header's parts are found by what they say, not where they stand, because producers put
/// the two columns in different orders: the number line starts with "Số", the date line holds
/// ", ngày … tháng … năm …", the type line is a type name in capitals ("NGHỊ ĐỊNH"), and the
/// issuer is the capitals above the number that are not the national motto. Dates come from
/// VietEntities' date recognizer and type names from its `document-types.tsv`.
struct MetadataReader: Sendable {
  let tagger: EntityTagger?
  let typeNames: [String]
  /// `typeNames` in capitals, in the same order, so a line is not compared by upper-casing every
  /// name again.
  let upperTypeNames: [String]
  let lexicon: EntityLexicon?

  /// Loaded once: the entity lexicon takes tens of milliseconds to parse.
  static let shared = MetadataReader()

  init() {
    lexicon = try? EntityLexicon.bundled()
    tagger = lexicon.map { EntityTagger(lexicon: $0) }
    var names = lexicon?.codedDocumentTypeNames ?? []
    // Types cited by name rather than code, and the joint forms.
    // "Thông tư" shares its code TT with the Party's "Thông tri", so the code table alone
    // does not list it.
    names.formUnion([
      "Thông tư", "Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp", "Nghị quyết liên tịch",
      "Thông tư liên tịch", "Điều lệ",
    ])
    // Longest first, so "THÔNG TƯ LIÊN TỊCH" wins over "THÔNG TƯ".
    typeNames = names.sorted { $0.count > $1.count }
    upperTypeNames = typeNames.map { $0.uppercased() }
  }

  /// How far into the text the header may reach, in lines.
  static let headerLines = 40

  func read(_ text: String) -> DocumentMetadata {
    var metadata = DocumentMetadata()
    // Only the header, the signature block and a consolidated text's certification block are
    // read: lines are trimmed when one of them asks, not all of a long law up front (trimming
    // and upper-casing every line was nine tenths of `vitext export`'s time).
    let allLines = Self.rawLines(text)
    let lines = allLines.prefix(Self.headerLines).map(Self.trimmed)
    var numberLine: Int?
    for (index, line) in lines.enumerated() where metadata.number == nil {
      if let number = Self.number(in: line) {
        metadata.number = number
        numberLine = index
      }
    }
    var dateLine: Int?
    for (index, line) in lines.enumerated() where dateLine == nil {
      if let (place, date) = placeAndDate(line, previous: index > 0 ? lines[index - 1] : "") {
        metadata.place = place
        metadata.issueDate = date
        dateLine = index
      }
    }
    metadata.issuer = issuer(lines, numberLine: numberLine, number: metadata.number)
    var typeLine: Int?
    for (index, line) in lines.enumerated() where typeLine == nil {
      // The type test first: it answers most lines on their bytes (a line with a small ASCII
      // letter is no line of capitals), and a motto line is skipped either way.
      if let type = documentType(line), !Self.isMotto(line) {
        metadata.documentType = type
        typeLine = index
      }
    }
    if let typeLine {
      metadata.summary = summary(lines, after: typeLine)
    }
    if metadata.summary == nil,
      let line = lines.first(where: { $0.hasPrefix("V/v") || $0.hasPrefix("V/V") })
    {
      metadata.summary = line.dropFirst(3).trimmingCharacters(in: CharacterSet(charactersIn: " :."))
      if metadata.documentType == nil { metadata.documentType = "Công văn" }
    }
    if metadata.documentType == nil, let number = metadata.number,
      let code = Self.typeCode(of: number)
    {
      // A state number with a year (`14/2026/TT-BTC`) uses TT for Thông tư; the Party's
      // Thông tri is written `01-TT/TW`.
      let stateStyle = number.split(separator: "/").count >= 3
      metadata.documentType =
        code == "TT" && stateStyle ? "Thông tư" : lexicon?.documentTypeName(forCode: code)
    }
    if metadata.number == nil || metadata.issueDate == nil {
      consolidationBlock(allLines, into: &metadata)
    }
    if metadata.issueDate == nil, Self.containsPassingPhrase(text),
      let passed = text.range(of: "thông qua ngày ")
    {
      // A law's header has no date line; its last paragraph says when the Quốc hội passed it.
      let tail = String(text[passed.lowerBound...].prefix(60))
      metadata.issueDate = date(in: tail)
    }
    metadata.signer = signer(allLines.suffix(40).map(Self.trimmed))
    return metadata
  }

  /// The text's lines as `text.split(separator: "\n", omittingEmptySubsequences: false)` gives
  /// them, found on the UTF-8 bytes: a line feed is a character of its own unless a carriage
  /// return comes before it ("\r\n" is one character, which that split does not cut).
  static func rawLines(_ text: String) -> [Substring] {
    var lines: [Substring] = []
    let utf8 = text.utf8
    var start = utf8.startIndex
    var previous: UInt8 = 0
    var index = start
    while index < utf8.endIndex {
      let byte = utf8[index]
      let next = utf8.index(after: index)
      if byte == 0x0A && previous != 0x0D {
        lines.append(text[start..<index])
        start = next
      }
      previous = byte
      index = next
    }
    lines.append(text[start..<utf8.endIndex])
    return lines
  }

  /// A line without the spaces around it.
  static func trimmed(_ line: Substring) -> String { trimming(line, whitespaces) }

  /// `CharacterSet.whitespaces`, made once: the property builds a new set at each use.
  static let whitespaces = CharacterSet.whitespaces

  /// `line.trimmingCharacters(in: set)`, without Foundation when neither end is in `set` (most
  /// lines): the line is then returned whole, which is what Foundation gives too.
  static func trimming<Line: StringProtocol>(_ line: Line, _ set: CharacterSet) -> String {
    guard let first = line.unicodeScalars.first, let last = line.unicodeScalars.last,
      !set.contains(first),
      !set.contains(last)
    else { return line.trimmingCharacters(in: set) }
    return String(line)
  }

  /// Whether the bytes "qua ng" occur in `text`: every match of "thông qua ngày " contains
  /// them (no other characters are canonically equivalent to those), so Foundation's search
  /// of the whole text runs only where it can find something.
  static func containsPassingPhrase(_ text: String) -> Bool {
    var copy = text
    return copy.withUTF8 { bytes in
      guard let base = bytes.baseAddress else { return false }
      // memchr finds each "q" (a rare letter in Vietnamese) at memory speed; the rest is compared.
      let needle = passingPhraseBytes
      var start = 0
      while start + needle.count <= bytes.count,
        let found = memchr(base + start, Int32(needle[0]), bytes.count - start - needle.count + 1)
      {
        let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        if bytes[index..<index + needle.count].elementsEqual(needle) { return true }
        start = index + 1
      }
      return false
    }
  }

  /// "qua ng" as bytes, for `containsPassingPhrase`.
  static let passingPhraseBytes: [UInt8] = Array("qua ng".utf8)

  /// A consolidated text (văn bản hợp nhất) prints its own number, issuer and date in the
  /// certification block at its end ("XÁC THỰC VĂN BẢN HỢP NHẤT" / "Số: 465/VBHN-BLĐTBXH" /
  /// "Hà Nội, ngày 10 tháng 02 năm 2025"), not in its header.
  func consolidationBlock(_ rawLines: [Substring], into metadata: inout DocumentMetadata) {
    // A trimmed line whose upper case starts with "X" starts with "x" or "X" after its leading
    // spaces; the rest are not trimmed and upper-cased.
    guard
      let heading = rawLines.lastIndex(where: { line in
        let first = line.unicodeScalars.first { !Self.whitespaces.contains($0) }
        return (first == "x" || first == "X")
          && Self.trimmed(line).uppercased().hasPrefix("XÁC THỰC VĂN BẢN HỢP NHẤT")
      })
    else { return }
    // Lines from 7 above the heading (the issuer's capitals above a number above it) to 5 below.
    let offset = max(0, heading - 7)
    let lines = rawLines[offset..<min(rawLines.count, heading + 6)].map(Self.trimmed)
    let start = heading - offset
    // The block's number stands just above or just below its heading.
    let block = Array(lines[max(0, start - 3)..<min(lines.count, start + 6)])
    if metadata.number == nil, let number = block.lazy.compactMap(Self.number(in:)).first {
      metadata.number = number
      // The issuer's capitals stand above the number, or above the heading when the number is below it.
      let numberIndex =
        (max(0, start - 3)..<min(lines.count, start + 6)).first {
          Self.number(in: lines[$0]) != nil
        } ?? start
      let top = min(start, numberIndex)
      var before: [String] = []
      for line in lines[max(0, top - 4)..<top].reversed() {
        guard Self.isCapitals(line), !Self.isMotto(line) else { break }
        before.insert(line, at: 0)
      }
      if let name = issuer(before + [""], numberLine: before.count, number: number) {
        metadata.issuer = name
      }
    }
    if metadata.issueDate == nil {
      for (index, line) in block.enumerated() {
        if let (place, date) = placeAndDate(line, previous: index > 0 ? block[index - 1] : "") {
          metadata.issueDate = date
          metadata.place = metadata.place ?? place
          break
        }
      }
    }
  }

  // MARK: - Number

  /// The number and symbol after "Số:" ("Số: 49/2026/NĐ-CP" → "49/2026/NĐ-CP"); nil when the
  /// line is not a number line or the token has no digit and separator.
  static func number(in line: String) -> String? {
    // Only a line whose bytes may start with "số" or hold " số:" is lower-cased and searched:
    // prose with a colon (a list's lead-in) is most of a text's lines otherwise.
    guard HeaderLineBytes.mayBeNumberLine(line) else { return nil }
    let lower = line.lowercased()
    var rest: Substring
    if lower.hasPrefix("số") {
      rest = line.dropFirst(2)
    } else if let range = lower.range(of: " số:"),
      lower.distance(from: lower.startIndex, to: range.lowerBound) <= 12
    {
      // "Luật số: 69/2020/QH14", "Bộ luật số: 45/2019/QH14".
      rest =
        line[
          line.index(
            line.startIndex,
            offsetBy: lower.distance(from: lower.startIndex, to: range.upperBound) - 1)...]
    } else {
      return nil
    }
    // "Số và ký hiệu:", "Số :", "Số:".
    if let colon = rest.prefix(16).firstIndex(where: { $0 == ":" || $0 == "." }) {
      rest = rest[rest.index(after: colon)...]
    }
    // OCR and some producers put spaces inside the symbol ("199 /2026/NĐ-CP"): glue tokens
    // that start or end with a separator.
    var token = ""
    for piece in rest.trimmingCharacters(in: .whitespaces).split(separator: " ") {
      if token.isEmpty || token.last == "/" || token.last == "-" || piece.first == "/"
        || piece.first == "-"
      {
        token += piece
      } else {
        break
      }
    }
    let cleaned = token.trimmingCharacters(in: CharacterSet(charactersIn: ".,;:"))
    guard cleaned.first?.isNumber == true, cleaned.contains(where: { $0 == "/" || $0 == "-" }),
      cleaned.count <= 80
    else { return nil }
    return cleaned
  }

  /// The type code of a number: `NĐ` in `49/2026/NĐ-CP`, `KH` in `130/KH-UBND`, `ĐA` in `11-ĐA/TU`.
  static func typeCode(of number: String) -> String? {
    let parts = number.split(whereSeparator: { $0 == "/" || $0 == "-" }).map(String.init)
    // Skip the number and a year; the next part with letters is the type (state) or, when
    // the document has no type code (Công văn), the issuer.
    return parts.dropFirst().first { part in part.contains(where: \.isLetter) }
  }

  // MARK: - Place and date

  /// "Hà Nội, ngày 31 tháng 01 năm 2026" → ("Hà Nội", 2026-01-31); the place may end the line
  /// before ("Đồng Xoài," / "ngày 14 tháng 5 năm 2008").
  func placeAndDate(_ line: String, previous: String) -> (String?, IssueDate)? {
    // A date line holds "ngày", "tháng" and "năm" and is short (the guard below): other lines, most of a text, are
    // not lower-cased and searched. Their bytes answer both, the length unless a line is mostly
    // non-ASCII (then its characters are walked, at most 81).
    guard HeaderLineBytes.mayHoldDateWords(line) else { return nil }
    guard !(HeaderLineBytes.hasMoreCharacters(line, than: 80) ?? !line.dropFirst(80).isEmpty) else {
      return nil
    }
    let lower = line.lowercased()
    guard let dayWord = lower.range(of: "ngày") else { return nil }
    let prefix = line[
      ..<line.index(
        line.startIndex, offsetBy: lower.distance(from: lower.startIndex, to: dayWord.lowerBound))]
    let placePart = prefix.trimmingCharacters(in: CharacterSet(charactersIn: " ,"))
    // A date line is short and holds the date alone; a sentence citing a date is not one.
    guard lower.contains("tháng"), lower.contains("năm"), line.count <= 80 else { return nil }
    guard placePart.isEmpty ? previous.hasSuffix(",") || previous.isEmpty : prefix.contains(",")
    else { return nil }
    guard
      let date = date(
        in: String(
          line[
            line.index(
              line.startIndex,
              offsetBy: lower.distance(from: lower.startIndex, to: dayWord.lowerBound))...]))
    else {
      return nil
    }
    var place =
      placePart.isEmpty
      ? previous.trimmingCharacters(in: CharacterSet(charactersIn: " ,")) : placePart
    // The number and date lines merged into one (OCR of a header with a narrow gap): the place
    // is what follows the number.
    if let number = Self.number(in: place),
      let end = place.range(of: number.suffix(4), options: .backwards)
    {
      place = place[end.upperBound...].trimmingCharacters(in: .whitespaces)
    }
    if place.split(separator: " ").count > 6 { place = "" }
    return (place.isEmpty ? nil : place, date)
  }

  /// A full date from VietEntities' date recognizer; digits read directly when it finds none
  /// (an OCR'd line with stray marks).
  func date(in text: String) -> IssueDate? {
    if let tagger, let found = try? tagger.entities(in: text) {
      for entity in found where entity.label == .date {
        if let date = entity.date, let year = date.year, let month = date.month, let day = date.day,
          let issue = IssueDate(year: year, month: month, day: day)
        {
          return issue
        }
      }
    }
    let numbers = text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    guard numbers.count >= 3 else { return nil }
    return IssueDate(year: numbers[2], month: numbers[1], day: numbers[0])
  }

  // MARK: - Issuer

  /// The national and Party mottos, which stand in the header but are not the issuer.
  ///
  /// Every line of a short text's header is asked, so the upper case is made on the bytes
  /// (`HeaderLineBytes.uppercasedBytes`) and searched as bytes where the line's alphabet allows
  /// it; other lines, and the short-line rule for "HẠNH PHÚC" (it counts characters), take
  /// `isMottoByUnicode`.
  static func isMotto(_ line: String) -> Bool {
    guard HeaderLineBytes.mayBeMotto(line) else { return false }
    guard let upper = HeaderLineBytes.uppercasedBytes(line) else { return isMottoByUnicode(line) }
    if HeaderLineBytes.contains(upper, MottoBytes.republic)
      || HeaderLineBytes.contains(upper, MottoBytes.republicOtherTone)
      || HeaderLineBytes.hasPrefix(upper, MottoBytes.independence)
      || HeaderLineBytes.contains(upper, MottoBytes.freedom)
    {
      return true
    }
    if HeaderLineBytes.contains(upper, MottoBytes.happiness) { return isMottoByUnicode(line) }
    return upper.elementsEqual(MottoBytes.party)
  }

  /// The motto phrases `isMottoByUnicode` looks for, as UTF-8 bytes (NFC).
  enum MottoBytes {
    static let republic = Array("CỘNG HÒA XÃ HỘI".utf8)
    static let republicOtherTone = Array("CỘNG HOÀ XÃ HỘI".utf8)
    static let independence = Array("ĐỘC LẬP".utf8)
    static let freedom = Array("TỰ DO - HẠNH PHÚC".utf8)
    static let happiness = Array("HẠNH PHÚC".utf8)
    static let party = Array("ĐẢNG CỘNG SẢN VIỆT NAM".utf8)
  }

  /// `isMotto` with the standard library's upper case and Foundation's search (which matches
  /// canonically equivalent text), for any line.
  static func isMottoByUnicode(_ line: String) -> Bool {
    let upper = line.uppercased()
    return upper.contains("CỘNG HÒA XÃ HỘI") || upper.contains("CỘNG HOÀ XÃ HỘI")
      || upper.hasPrefix("ĐỘC LẬP")
      || upper.contains("TỰ DO - HẠNH PHÚC") || upper.contains("HẠNH PHÚC") && upper.count < 40
      || upper == "ĐẢNG CỘNG SẢN VIỆT NAM"
  }

  static func isRule(_ line: String) -> Bool {
    !line.isEmpty && line.allSatisfy { "-_=*.–—~ ".contains($0) }
  }

  static func isCapitals(_ line: String) -> Bool {
    if hasLowercaseASCIILetter(line) { return false }
    let letters = line.filter(\.isLetter)
    return letters.count >= 2 && letters.allSatisfy(\.isUppercase)
  }

  /// Whether a character of `line` starts with an ASCII lowercase letter after an ASCII byte (or
  /// at the start): such a letter always begins a character, which is then a letter and not
  /// upper case, so the line is no line of capitals. Most lines of prose answer here, on their
  /// bytes, without Unicode properties.
  static func hasLowercaseASCIILetter(_ line: String) -> Bool {
    var previous: UInt8 = 0
    for byte in line.utf8 {
      if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") && previous < 0x80 { return true }
      previous = byte
    }
    return false
  }

  /// Whether `line` trimmed of `issuerPadding` starts with v, V, x or X, as a gazette heading
  /// (`sectionHeadings`) does: the first byte that is not a space, "_" or "*" is one of them.
  static func mayStartHeading(_ line: String) -> Bool {
    guard let first = line.utf8.first(where: { $0 != 0x20 && $0 != 0x5F && $0 != 0x2A }) else {
      return false
    }
    return first | 0x20 == UInt8(ascii: "v") || first | 0x20 == UInt8(ascii: "x")
  }

  /// What stands around an issuer line's name: spaces, rules and stars.
  static let issuerPadding = CharacterSet(charactersIn: " _*")

  /// Gazette section headings that stand above a header but name no issuer.
  static let sectionHeadings = [
    "VĂN BẢN QUY PHẠM PHÁP LUẬT", "VĂN BẢN PHÁP LUẬT KHÁC", "VĂN BẢN HỢP NHẤT",
    "XÁC THỰC VĂN BẢN HỢP NHẤT",
  ]
  /// Words that start the second line of one name ("ỦY BAN NHÂN DÂN" / "TỈNH BÌNH DƯƠNG").
  static let continuationStarts = [
    "VÀ ", "TỈNH ", "THÀNH PHỐ ", "HUYỆN ", "QUẬN ", "THỊ XÃ ", "XÃ ", "PHƯỜNG ", "THỊ TRẤN ",
    "TP. ", "TP ",
  ]

  /// The capitals above the number line that are not a motto or a gazette heading, as names:
  /// a line ending in "-" or followed by one starting "VÀ" or a place word continues the same
  /// name; names repeated (the gazette prints the issuer twice) count once; with a parent and
  /// a child ("BỘ TÀI CHÍNH" / "TỔNG CỤC THUẾ") the child issues. A header whose own issuer
  /// line is missing (a consolidated text) falls back on the issuer code of the number.
  func issuer(_ lines: [String], numberLine: Int?, number: String?) -> String? {
    let end = numberLine ?? min(lines.count, 8)
    var names: [String] = []
    var continues = false
    for line in lines[..<end] {
      // Before the first name, a line with a small ASCII letter (no line of capitals, nor after
      // trimming) that cannot start a gazette heading is passed over whether or not it is a
      // motto: it is not asked (`isMotto` was most of this loop's time on header-less texts).
      if names.isEmpty && Self.hasLowercaseASCIILetter(line) && !Self.mayStartHeading(line) {
        continue
      }
      if line.isEmpty || Self.isRule(line) || Self.isMotto(line) { continue }
      var text = Self.trimming(line, Self.issuerPadding)
      // Every heading starts with V or X, the upper case of v, V, x or X only: other lines are
      // not upper-cased.
      if let first = text.unicodeScalars.first, "vVxX".unicodeScalars.contains(first) {
        var upper = text.uppercased()
        for heading in Self.sectionHeadings where upper.hasPrefix(heading) {
          text = String(text.dropFirst(heading.count)).trimmingCharacters(
            in: CharacterSet(charactersIn: " -–"))
          upper = text.uppercased()
        }
      }
      guard !text.isEmpty else {
        continues = false
        continue
      }
      // The issuer stands above the type line; capitals under it are the title ("LUẬT" /
      // "THUẾ THU NHẬP DOANH NGHIỆP").
      if documentType(text) != nil { break }
      if Self.isCapitals(text) {
        let joins =
          continues || Self.continuationStarts.contains(where: text.uppercased().hasPrefix)
        if joins, let last = names.last {
          names[names.count - 1] = last + " " + text
        } else {
          names.append(text)
        }
        continues = text.hasSuffix("-") || text.hasSuffix("–")
      } else if !names.isEmpty {
        break
      }
    }
    // A name wrapped mid-name ("BỘ LAO ĐỘNG - THƯƠNG" / "BINH VÀ XÃ HỘI") is two lines that,
    // joined, spell a name printed whole elsewhere in the header.
    var index = 0
    while index + 1 < names.count {
      let joined = names[index] + " " + names[index + 1]
      if names.contains(where: { Self.fold($0) == Self.fold(joined) }) {
        names[index] = joined
        names.remove(at: index + 1)
      } else {
        index += 1
      }
    }
    var unique: [String] = []
    for name in names where !unique.contains(where: { Self.fold($0) == Self.fold(name) }) {
      unique.append(name)
    }
    let code = number.flatMap(Self.issuerCode(of:))
    let canonical = code.flatMap { lexicon?.issuerName(forCode: $0) }
    guard let chosen = unique.last else { return canonical }
    let cleaned = chosen.trimmingCharacters(in: CharacterSet(charactersIn: " -–"))
    if let canonical, Self.fold(canonical) == Self.fold(cleaned) { return canonical }
    return Self.titleCase(cleaned)
  }

  /// Lower case, no spaces or hyphens: "BỘ LAO ĐỘNG - THƯƠNG BINH" and "Bộ Lao động-Thương binh" agree.
  static func fold(_ text: String) -> String {
    String(text.lowercased().filter { $0.isLetter || $0.isNumber })
  }

  /// The issuer code of a number: `BTC` in `14/2026/TT-BTC`, `UBND` in `130/KH-UBND`, `CP`
  /// in `49/2026/NĐ-CP`; nil for joint documents and Party numbers.
  static func issuerCode(of number: String) -> String? {
    guard let slash = number.lastIndex(of: "/") else { return nil }
    let tail = number[number.index(after: slash)...]
    let parts = tail.split(separator: "-")
    guard parts.count == 2 else {
      return parts.count == 1 && !number.contains("-") ? String(parts[0]) : nil
    }
    return String(parts[1])
  }

  /// Abbreviations kept in capitals.
  static let abbreviations: Set<String> = [
    "UBND", "HĐND", "MTTQ", "TW", "VN", "TP", "TP.", "TNHH", "BCH", "BTV",
  ]
  /// Words after which the rest of a name is a proper name ("tỉnh Bình Dương").
  static let placeWords: Set<String> = [
    "tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn",
  ]

  /// "ỦY BAN NHÂN DÂN TỈNH BÌNH DƯƠNG" → "Ủy ban nhân dân tỉnh Bình Dương"; "BỘ TÀI CHÍNH" →
  /// "Bộ Tài chính"; text not in capitals is kept as written.
  static func titleCase(_ text: String) -> String {
    guard isCapitals(text) else { return text }
    let words = text.split(separator: " ").map(String.init)
    var out: [String] = []
    var properName = false
    for (index, word) in words.enumerated() {
      if abbreviations.contains(word) {
        out.append(word)
        continue
      }
      let lower = word.lowercased()
      let pair = index > 0 ? words[index - 1].lowercased() + " " + lower : ""
      if index == 0 || properName
        || (index > 0 && (words[index - 1] == "-" || words[index - 1] == "–"))
      {
        out.append(lower.prefix(1).uppercased() + lower.dropFirst())
      } else if index > 0,
        words[index - 1].lowercased() == "bộ"
          || (lower == "chính" || lower == "quốc") && index + 1 < words.count
            && ["phủ", "hội"].contains(words[index + 1].lowercased())
      {
        // "Bộ Tài chính", "Thủ tướng Chính phủ", "Văn phòng Quốc hội".
        out.append(lower.prefix(1).uppercased() + lower.dropFirst())
      } else {
        out.append(lower)
      }
      let next = index + 1 < words.count ? words[index + 1].lowercased() : ""
      if (placeWords.contains(lower) && !(lower == "xã" && next == "hội"))
        || placeWords.contains(pair)
      {
        properName = true
      }
      // Each name of a joint issuer ("BỘ CÔNG AN - BỘ QUỐC PHÒNG") starts with a capital.
      if word == "-" || word == "–" { properName = false }
    }
    return out.joined(separator: " ")
  }

  // MARK: - Type and summary

  /// The type a line names in capitals ("NGHỊ ĐỊNH", "QUYẾT ĐỊNH CỦA THỦ TƯỚNG…"), in the
  /// table's spelling ("Nghị định").
  func documentType(_ line: String) -> String? {
    guard Self.isCapitals(line) else { return nil }
    // A footnote mark printed after the type ("THÔNG TƯ1" in consolidated texts) is not part of it.
    let upper = line.uppercased().trimmingCharacters(
      in: CharacterSet(charactersIn: " :.0123456789"))
    for (name, key) in zip(typeNames, upperTypeNames) {
      if upper == key || upper.hasPrefix(key + " ") {
        // "QUYẾT ĐỊNH:" after the preamble is the enacting word, not the title; it is never
        // followed by more capitals on the line, so the title match above still holds for it
        // only when it comes first, which the caller's first-match rule takes care of.
        return name
      }
    }
    return nil
  }

  /// Words that start the body rather than continue the summary.
  static let bodyStarts = [
    "Căn cứ", "Kính gửi", "Thực hiện", "Theo ", "Xét ", "Trong ", "Chương", "Điều ", "Phần ",
    "Ngày ", "Qua ",
  ]

  /// The lines right under the type line, up to the preamble: "Quy định chi tiết …".
  func summary(_ lines: [String], after typeLine: Int) -> String? {
    var parts: [String] = []
    for line in lines[(typeLine + 1)...] {
      if line.isEmpty {
        if parts.isEmpty { continue } else { break }
      }
      if Self.isRule(line) || Self.isCapitals(line) && !parts.isEmpty
        || Self.bodyStarts.contains(where: line.hasPrefix)
      {
        break
      }
      parts.append(line)
      if parts.count == 3 { break }
    }
    let joined = parts.joined(separator: " ")
    guard joined.count >= 8 else { return nil }
    // A summary in capitals ("VỀ ĐĂNG KÝ KINH DOANH") reads better as a sentence.
    return Self.isCapitals(joined) ? joined.prefix(1) + joined.dropFirst().lowercased() : joined
  }

  // MARK: - Signer

  /// Titles and signing formulas that stand above the signer's name.
  static let signingWords = [
    "TM.", "KT.", "TL.", "TUQ.", "Q.", "CHỦ TỊCH", "THỦ TƯỚNG", "BỘ TRƯỞNG", "GIÁM ĐỐC", "BÍ THƯ",
    "PHÓ", "TRƯỞNG",
    "CHÁNH", "TỔNG", "KÝ", "ĐÃ KÝ", "NƠI NHẬN", "CHÍNH PHỦ", "ỦY BAN", "UỶ BAN", "HỘI ĐỒNG",
    "VĂN PHÒNG", "SỞ", "BỘ ",
  ]

  /// The name under the signature: the last short line of two to five capitalized words in
  /// the document's last 40 lines that is not a title or a distribution-list entry.
  func signer(_ lines: [String]) -> String? {
    for line in lines.suffix(40).reversed() {
      // Length first (on the bytes, or 40 characters walked at most), so a paragraph is not split
      // into words.
      guard !(HeaderLineBytes.hasMoreCharacters(line, than: 40) ?? !line.dropFirst(40).isEmpty)
      else { continue }
      let words = line.split(separator: " ")
      guard (2...5).contains(words.count) else { continue }
      guard words.allSatisfy({ $0.first?.isUppercase == true && $0.allSatisfy(\.isLetter) }) else {
        continue
      }
      let upper = line.uppercased()
      if Self.signingWords.contains(where: { upper.hasPrefix($0) || upper.contains(" " + $0) }) {
        continue
      }
      if Self.isMotto(line) { continue }
      // A name is one surname-led phrase; an all-capitals line of a type or unit is not.
      if documentType(line.uppercased()) != nil { continue }
      return Self.isCapitals(line)
        ? words.map { $0.prefix(1) + $0.dropFirst().lowercased() }.joined(separator: " ") : line
    }
    return nil
  }

  // MARK: - Title

  /// "Nghị định 49/2026/NĐ-CP Quy định chi tiết …" from the type, number and summary; else the
  /// first real heading (a line of 3–30 words with letters, not a motto, rule or number line).
  static func title(for metadata: DocumentMetadata, text: String) -> String? {
    if let summary = metadata.summary {
      let lead = [metadata.documentType, metadata.number].compactMap { $0 }.joined(separator: " ")
      return lead.isEmpty ? summary : lead + " " + summary
    }
    if let type = metadata.documentType, let number = metadata.number { return "\(type) \(number)" }
    for line in text.split(separator: "\n").prefix(60) {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      let words = trimmed.split(separator: " ").count
      guard (3...30).contains(words), trimmed.filter(\.isLetter).count * 2 >= trimmed.count,
        !isMotto(trimmed), !isRule(trimmed), number(in: trimmed) == nil
      else { continue }
      return trimmed
    }
    return nil
  }
}

extension DocumentMetadata {
  /// What the header and signature block of `text` say: the number, type, issuer, place and
  /// date, summary and signer (the reading `DocumentExtractor` does after repairing a file's
  /// text), for text that arrives without metadata, such as a `.txt` report or a JSON Lines
  /// record without those members.
  ///
  ///     let metadata = DocumentMetadata(readingHeaderOf: "BỘ TÀI CHÍNH\nSố: 40/2021/TT-BTC\n…")
  ///     metadata.number   // "40/2021/TT-BTC"
  ///
  /// - Complexity: O(n) in the text's length (the header is its first 40 lines; the signature
  ///   block and a law's passing date are looked for in the whole text).
  public init(readingHeaderOf text: String) {
    self = MetadataReader.shared.read(text)
  }
}
