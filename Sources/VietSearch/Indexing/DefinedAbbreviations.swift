import Foundation
import SearchCore
import VietNormalization
import VietText

/// The abbreviations an index's documents define for themselves, "Ủy ban Kiểm tra (UBKT)",
/// "ngân sách nhà nước (NSNN)": read at index build, kept beside the index's segments, and
/// matched both ways at query time like the bundled `abbreviations.tsv` (issue 25, point 1).
///
/// A definition is an expansion of syllables followed by an abbreviation in parentheses whose
/// letters are the expansion's initials, read as reports write them: đ as d ("HĐND" for "Hội
/// đồng nhân dân"), marks dropped ("UBND" for "Ủy ban nhân dân"), W for Ư ("TW" for "Trung
/// ương"); "và" may stand uncounted between words ("KH&CN" for "khoa học và công nghệ"). Only
/// abbreviations of three letters or more that are not themselves a Vietnamese syllable are
/// kept: two letters ("ĐT", "TC") mean a different thing in each document that defines them.
///
/// The index counts, per abbreviation and expansion, the documents defining it so. Once the
/// documents of an index have been added, an abbreviation joins the search's synonyms with its
/// most frequent expansion (case and tone placement aside) when at least two thirds of its
/// definitions give that expansion; an abbreviation defined as often one way as another stays
/// as typed.
///
/// Stored as `defined-abbreviations.tsv` in the index folder: `#` comments, rows
/// "abbreviation<TAB>expansion<TAB>documents", sorted, then a line `crc32 XXXXXXXX` (the CRC-32
/// of every byte before it, as `manifest.json` ends), written atomically at each commit. A
/// removed document's definitions stay counted until the index is built again.
public struct DefinedAbbreviations: Sendable, Equatable {
  /// The file's name in the index folder.
  public static let fileName = "defined-abbreviations.tsv"

  /// One abbreviation defined one way: both as written, NFC.
  public struct Definition: Hashable, Sendable, Comparable {
    /// The abbreviation between the parentheses ("UBKT", "KH&CN").
    public var abbreviation: String
    /// The words before it that it abbreviates ("Ủy ban Kiểm tra").
    public var expansion: String

    /// A definition as written.
    public init(abbreviation: String, expansion: String) {
      self.abbreviation = abbreviation
      self.expansion = expansion
    }

    /// By abbreviation, then expansion: the order of the stored file.
    public static func < (left: Definition, right: Definition) -> Bool {
      (left.abbreviation, left.expansion) < (right.abbreviation, right.expansion)
    }
  }

  /// Per definition, how many documents give it.
  public private(set) var documents: [Definition: Int] = [:]

  /// Bounds the table (and the index's opening) whatever the corpus: definitions past this
  /// many distinct ones are not counted (the 43,122-document gov corpus has under a hundred).
  static let maximumDefinitions = 100_000

  /// The largest document count a stored row may give: an index holds at most 2^32 documents,
  /// and sums of counts times 3 (the two-thirds rule) must not overflow.
  static let maximumDocumentCount = Int(UInt32.max)

  /// An empty table.
  public init() {}

  /// Counts one document's definitions (each distinct one once).
  public mutating func add(documentDefining definitions: some Sequence<Definition>) {
    for definition in Set(definitions) {
      if let count = documents[definition] {
        documents[definition] = min(count + 1, Self.maximumDocumentCount)
      } else if documents.count < Self.maximumDefinitions {
        documents[definition] = 1
      }
    }
  }

  /// The abbreviations a search matches both ways: each with its dominant expansion (see the
  /// type's description).
  public func synonymTable() -> SynonymTable {
    var byAbbreviation: [String: [String: (documents: Int, written: [String: Int])]] = [:]
    for (definition, count) in documents {
      let key = Self.comparable(definition.expansion)
      var group = byAbbreviation[definition.abbreviation, default: [:]][key, default: (0, [:])]
      group.documents += count
      group.written[definition.expansion, default: 0] += count
      byAbbreviation[definition.abbreviation, default: [:]][key] = group
    }
    var rows: [UInt8] = []
    for (abbreviation, expansions) in byAbbreviation.sorted(by: { $0.key < $1.key }) {
      let total = expansions.values.reduce(0) { $0 + $1.documents }
      // Ties broken by the expansion's text, so the table is the same in every process.
      guard
        let best = expansions.max(by: {
          ($0.value.documents, $1.key) < ($1.value.documents, $0.key)
        }),
        best.value.documents * 3 >= total * 2,
        let written = best.value.written.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })?.key
      else { continue }
      // A row the table refuses (an expansion over its longest form, say) is left out alone:
      // `SynonymTable(tsv:)` stops at its first bad row, so one document must not empty the table.
      let row = Array("\(abbreviation)\t\(written)\n".utf8)
      guard (try? SynonymTable(tsv: row, resource: Self.fileName)) != nil else { continue }
      rows += row
    }
    return (try? SynonymTable(tsv: rows, resource: Self.fileName)) ?? SynonymTable()
  }

  /// Lowercase, NFC, the syllables as the index keys them (canonical tone placement): "Ủy
  /// ban" and "uỷ ban" are one expansion.
  static func comparable(_ text: String) -> String {
    SynonymTable.form(text, analyzer: SearchAnalyzer()).map { form in
      form.exact.map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
    } ?? text.lowercased()
  }

  // MARK: Finding definitions in a text

  /// Longest abbreviation read, in bytes between the parentheses.
  static let maximumAbbreviationBytes = 32
  /// How far before the parenthesis an expansion is looked for, in bytes.
  static let lookBehindBytes = 400
  /// Bounds the work on a hostile text (a hundred megabytes of "(ABC)"): past this many
  /// parentheses that hold an abbreviation, the rest of the text is not read for definitions.
  /// The gov corpus's longest text holds a few dozen.
  static let maximumCandidatesPerText = 4_096

  /// The definitions written in `text` (UTF-8), in order, as written (NFC).
  public static func definitions(in text: [UInt8]) -> [Definition] {
    var found: [Definition] = []
    var candidates = 0
    text.withUnsafeBufferPointer { bytes in
      var index = 0
      while index < bytes.count, candidates < maximumCandidatesPerText {
        // The next "(" (memchr: a text holds few).
        guard let base = bytes.baseAddress,
          let hit = memchr(base + index, 0x28, bytes.count - index)
        else { break }
        let open = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        index = open + 1
        var close = open + 1
        while close < bytes.count, close - open <= maximumAbbreviationBytes, bytes[close] != 0x29,
          bytes[close] > 0x20,
          bytes[close] != 0x28
        {
          close += 1
        }
        guard close < bytes.count, bytes[close] == 0x29, close - open > 2 else { continue }
        let abbreviation = String(
          decoding: UnsafeBufferPointer(rebasing: bytes[(open + 1)..<close]), as: UTF8.self)
        guard let letters = abbreviationInitials(abbreviation) else { continue }
        candidates += 1
        var start = max(0, open - lookBehindBytes)
        while start < open, bytes[start] & 0xC0 == 0x80 { start += 1 }  // not inside a character
        let before = String(
          decoding: UnsafeBufferPointer(rebasing: bytes[start..<open]), as: UTF8.self)
        if let expansion = expansion(endingAt: before, initials: letters) {
          found.append(
            Definition(
              abbreviation: abbreviation.precomposedStringWithCanonicalMapping,
              expansion: expansion.precomposedStringWithCanonicalMapping))
        }
      }
    }
    return found
  }

  /// The initials an abbreviation stands for ("HĐND" → h d n d), or nil when it is not one:
  /// capitals and `.`, `-`, `&` only, three to twelve letters, not spelling a syllable ("TU").
  static func abbreviationInitials(_ abbreviation: String) -> [Character]? {
    var letters: [Character] = []
    for character in abbreviation {
      if character.isLetter {
        guard character.isUppercase, let letter = initial(of: character) else { return nil }
        letters.append(character == "W" ? "u" : letter)
      } else if !".-&".contains(character) {
        return nil
      }
    }
    guard (3...12).contains(letters.count) else { return nil }
    let plain = Array(String(letters).utf8)
    guard !plain.withUnsafeBufferPointer({ Orthography.folded.isSyllable(utf8: $0) }) else {
      return nil
    }
    return letters
  }

  /// A letter's base letter in lower case, marks and the stroke of đ dropped; nil for a letter
  /// outside the Latin alphabet.
  static func initial(of character: Character) -> Character? {
    guard let first = character.unicodeScalars.first else { return nil }
    if first == "đ" || first == "Đ" { return "d" }
    guard let base = String(first).decomposedStringWithCanonicalMapping.unicodeScalars.first,
      base.isASCII,
      base.properties.isAlphabetic
    else { return nil }
    return Character(String(base).lowercased())
  }

  /// The last words of `text` whose initials are `initials`, joined by single spaces: words of
  /// letters only, "-" between them kept, "và" allowed uncounted inside.
  static func expansion(endingAt text: String, initials: [Character]) -> String? {
    var words: [Substring] = []
    var remaining = initials.count
    var conjunctions = 0
    for word in text.split(whereSeparator: \.isWhitespace).reversed() {
      if word == "-" || word == "–" {
        guard !words.isEmpty else { return nil }
        words.append(word)
        continue
      }
      guard word.allSatisfy(\.isLetter), let first = word.first else { return nil }
      if initial(of: first) == initials[remaining - 1] {
        words.append(word)
        remaining -= 1
        if remaining == 0 { break }
      } else if !words.isEmpty, word.lowercased() == "và", conjunctions < 2 {
        // "Lao động - Thương binh và Xã hội (LĐTBXH)": "và" is no initial. Twice at most: a
        // list of names joined by "và" is no body's name.
        conjunctions += 1
        words.append(word)
      } else {
        return nil
      }
    }
    guard remaining == 0 else { return nil }
    return words.reversed().joined(separator: " ")
  }

  // MARK: The stored file

  /// The file's bytes: comments, sorted rows, checksum line.
  func encoded() -> [UInt8] {
    var text = """
      # Abbreviations defined in this index's documents ("Ủy ban Kiểm tra (UBKT)"), written by vitext at each
      # commit; a search matches them both ways. Columns: abbreviation<TAB>expansion<TAB>documents.

      """
    for (definition, count) in documents.sorted(by: { $0.key < $1.key }) {
      text += "\(definition.abbreviation)\t\(definition.expansion)\t\(count)\n"
    }
    var bytes = Array(text.utf8)
    let digits = String(CRC32.checksum(bytes), radix: 16)
    bytes += Array("crc32 \(String(repeating: "0", count: 8 - digits.count) + digits)\n".utf8)
    return bytes
  }

  /// Reads the stored file's bytes.
  ///
  /// - Throws: `IndexError` `.corrupt` when the checksum line is missing or wrong or a row is
  ///   malformed.
  init(decoding bytes: [UInt8], path: String) throws(IndexError) {
    func damaged(_ why: String) -> IndexError {
      IndexError(
        .corrupt, path: path,
        "the table of abbreviations the documents define is damaged (\(why)): build the index again"
      )
    }
    guard bytes.last == 0x0A, let marker = bytes.dropLast().lastIndex(of: 0x0A),
      let tail = String(validating: bytes[(marker + 1)...], as: UTF8.self), tail.hasPrefix("crc32 ")
    else { throw damaged("no checksum line") }
    let body = Array(bytes[...marker])
    let digits = String(CRC32.checksum(body), radix: 16)
    guard
      tail.dropFirst(6).filter({ !$0.isWhitespace }) == String(
        repeating: "0", count: 8 - digits.count) + digits
    else {
      throw damaged("checksum mismatch")
    }
    guard let text = String(validating: body, as: UTF8.self) else { throw damaged("not UTF-8") }
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
      guard fields.count == 3, !fields[0].isEmpty, !fields[1].isEmpty, let count = Int(fields[2]),
        count > 0, count <= Self.maximumDocumentCount
      else {
        throw damaged("a row is not abbreviation, expansion, documents")
      }
      guard documents.count < Self.maximumDefinitions else {
        throw damaged("more than \(Self.maximumDefinitions) definitions")
      }
      documents[Definition(abbreviation: String(fields[0]), expansion: String(fields[1]))] = count
    }
  }

  /// The table stored in `directory`; nil when there is none (an index built before vitext
  /// kept one, or by a writer that never committed).
  ///
  /// - Throws: `IndexError` (`.corrupt`) when the file is damaged, `.io` when it cannot be read.
  public static func read(from directory: IndexDirectory) throws(IndexError)
    -> DefinedAbbreviations?
  {
    guard directory.exists(fileName) else { return nil }
    return try DefinedAbbreviations(
      decoding: try directory.read(fileName), path: directory.filePath(fileName))
  }

  /// Writes the table into `directory` atomically (temporary file, flush, rename).
  public func write(to directory: IndexDirectory) throws(IndexError) {
    let bytes = encoded()
    try directory.writeAtomically(Self.fileName) { (file) throws(IndexError) in
      try file.write(bytes)
    }
  }
}
