import VietDocuments
import VietEntities
import VietNormalization
import VietSearch
import VietSegmentation
import VietText
import VietTokenization

/// One document as other engines take it: vitext's analysis written out as fields they index
/// with a plain whitespace analyzer, so Spark, OpenSearch or Elasticsearch keep vitext's exact
/// and folded matching without a native plugin.
public struct ExportRecord: Sendable, Equatable {
  /// The document's id, as the input gave it.
  public var id: String
  /// The document's title, as the input gave it ("" when none).
  public var title: String
  /// The text as stored in a vitext index: NFC, cleaned up, tone placement as written.
  public var text: String
  /// Exact keys of the title and the text (NFC, one tone placement, lowercase), one per
  /// position, space-separated: the n-th key is position n of the field, so phrase queries work.
  public var titleExact: String
  /// The text's exact keys, as `titleExact` holds the title's.
  public var textExact: String
  /// Folded keys (no diacritics, đ → d), aligned with the exact keys position for position.
  public var titleFolded: String
  /// The text's folded keys, aligned with `textExact`.
  public var textFolded: String
  /// Words of the word segmenter, space-separated, syllables joined by "_"; nil when not asked
  /// for.
  public var words: String?
  /// Keyword fields: the documents it cites (canonical symbols), the officials and the units it
  /// names (display forms), each once, in order of first mention.
  public var cites: [String]
  /// Officials named, by name (`EntityName.display`).
  public var officials: [String]
  /// Units named, in their display form.
  public var units: [String]
  /// The document's own issue date, `YYYY-MM-DD` (a `date` field); nil when unknown.
  public var issued: String? = nil
  /// Its type in words as written, e.g. "Nghị định" (a keyword field); nil when unknown.
  public var type: String? = nil
  /// The body that issued it, e.g. "Bộ Tài chính" (a text field of its words with a keyword
  /// subfield); nil when unknown.
  public var issuer: String? = nil

  /// The record as one JSON object (members in a fixed order, no trailing newline).
  public var json: JSONValue {
    var members: [(String, JSONValue)] = [
      ("id", .string(id)), ("title", .string(title)), ("text", .string(text)),
      ("title_exact", .string(titleExact)), ("title_folded", .string(titleFolded)),
      ("text_exact", .string(textExact)), ("text_folded", .string(textFolded)),
    ]
    if let words { members.append(("words", .string(words))) }
    members += [
      ("cites", .array(cites.map(JSONValue.string))),
      ("officials", .array(officials.map(JSONValue.string))),
      ("units", .array(units.map(JSONValue.string))),
      ("issued", issued.map(JSONValue.string) ?? .null),
      ("type", type.map(JSONValue.string) ?? .null),
      ("issuer", issuer.map(JSONValue.string) ?? .null),
    ]
    return .object(members)
  }
}

/// Makes `ExportRecord`s: the search analyzer's keys, the word segmenter's words and the
/// tagger's citations, officials and units of one document.
public struct DocumentExporter: Sendable {
  /// Stands for a position whose term is longer than the index's key limit: vitext keeps the
  /// position but indexes nothing there, and so must the exported field, or phrases would
  /// shift.
  public static let skippedPosition = "_"

  let analyzer = SearchAnalyzer()
  let storage = Normalizer(options: NormalizationOptions(toneStyle: .keep))
  let tokenizer = Tokenizer()
  let tagger: EntityTagger?
  let segmenter: WordSegmenter?

  /// - Parameters:
  ///   - tagger: fills `cites`, `officials` and `units`; nil leaves them empty.
  ///   - segmenter: fills `words`; nil leaves it out of the record.
  public init(tagger: EntityTagger?, segmenter: WordSegmenter?) {
    self.tagger = tagger
    self.segmenter = segmenter
  }

  /// The record of a document whose text is valid UTF-8 (NFC, NFD or mixed), with its own
  /// metadata (`issued`, `type`, `issuer`) when known.
  ///
  /// - Throws: `ICUError` when ICU cannot normalize or split the text.
  public func record(
    id: String, title: String, validUTF8 text: [UInt8], metadata: DocumentMetadata? = nil
  ) throws -> ExportRecord {
    let stored = try storage.normalize(validUTF8: text).bytes
    let analysis = try analyzer.analyze(stored)
    let titleAnalysis = try analyzer.analyze(Array(title.utf8))
    let (textExact, textFolded) = keys(of: analysis)
    let (titleExact, titleFolded) = keys(of: titleAnalysis)
    var record = ExportRecord(
      id: id, title: title, text: String(decoding: stored, as: UTF8.self), titleExact: titleExact,
      textExact: textExact,
      titleFolded: titleFolded, textFolded: textFolded, words: nil, cites: [], officials: [],
      units: [])
    func written(_ value: String?) throws -> String? {
      guard let value, value.contains(where: { !$0.isWhitespace }) else { return nil }
      return String(
        decoding: try storage.normalize(validUTF8: Array(value.utf8)).bytes, as: UTF8.self)
    }
    record.issued = metadata?.issueDate?.description
    record.type = try written(metadata?.documentType)
    record.issuer = try written(metadata?.issuer)
    if let segmenter {
      let sentences = try tokenizer.sentences(in: analysis.bytes, tokens: analysis.tokens)
      var words: [UInt8] = []
      for word in segmenter.words(in: analysis.bytes, tokens: analysis.tokens, sentences: sentences)
      {
        var first = true
        for token in analysis.tokens[word.tokens]
        where token.kind != .punctuation && token.kind != .symbol {
          if !first || !words.isEmpty { words.append(first ? 0x20 : UInt8(ascii: "_")) }
          words.append(contentsOf: analysis.bytes[token.byteStart..<token.byteEnd])
          first = false
        }
      }
      record.words = String(decoding: words, as: UTF8.self)
    }
    if let tagger {
      let entities = tagger.entities(inNormalized: analysis.bytes, tokens: analysis.tokens)
      record.cites = Self.unique(CitationReport.citedKeys(in: entities))
      record.officials = Self.unique(
        entities.compactMap { $0.official.map { EntityName.display($0.name) } })
      record.units = Self.unique(
        entities.filter { $0.label == .unit }.map { EntityName.display($0.text) })
    }
    return record
  }

  /// Exact and folded keys of every position of an analysis, without the field byte, each
  /// space-separated.
  private func keys(of analysis: SearchAnalyzer.Analysis) -> (exact: String, folded: String) {
    var writer = KeyWriter(capacity: analysis.bytes.count)
    let used = analyzer.forEachTerm(in: analysis, field: .body) { key, position, _ in
      writer.skip(to: position)
      writer.append(UnsafeRawBufferPointer(rebasing: key.dropFirst()), folding: analyzer.keys)
    }
    writer.skip(to: used)
    return (
      String(decoding: writer.exact, as: UTF8.self), String(decoding: writer.folded, as: UTF8.self)
    )
  }

  /// The two key fields being written. A value type mutated in place, not locals captured by
  /// nested functions: the closure `forEachTerm` calls would capture those in boxes and check
  /// exclusive access to them dynamically on every key (a quarter of the export's time went to
  /// `swift_beginAccess` and its thread-local look-ups).
  private struct KeyWriter {
    var exact: [UInt8] = []
    var folded: [UInt8] = []
    /// Positions written so far.
    var written: UInt32 = 0

    init(capacity: Int) {
      exact.reserveCapacity(capacity)
      folded.reserveCapacity(capacity)
    }

    /// Writes one key at the next position.
    mutating func append(_ term: UnsafeRawBufferPointer, folding keys: TermKeys) {
      separate()
      exact.append(contentsOf: term)
      keys.fold(term, into: &folded)
      written += 1
    }

    /// Writes `skippedPosition` for each position up to `position` that has no key.
    mutating func skip(to position: UInt32) {
      while written < position {
        separate()
        exact.append(contentsOf: DocumentExporter.skippedPosition.utf8)
        folded.append(contentsOf: DocumentExporter.skippedPosition.utf8)
        written += 1
      }
    }

    private mutating func separate() {
      guard written > 0 else { return }
      exact.append(0x20)
      folded.append(0x20)
    }
  }

  private static func unique(_ names: [String]) -> [String] {
    var seen = Set<String>()
    return names.filter { seen.insert($0).inserted }
  }
}
