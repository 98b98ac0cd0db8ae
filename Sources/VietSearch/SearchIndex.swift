import Foundation
import SearchCore
import VietDocuments
import VietEntities
import VietText

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A Vietnamese search index opened for searching.
///
///     let index = try SearchIndex(path: ".vitext/index", tagger: try EntityTagger.bundled())
///     let response = try index.search("sinh hoat chi bo", limit: 10)
///     response.total                  // every matching document, counted exactly
///     response.hits[0].snippet?.text  // "… nâng cao chất lượng sinh hoạt chi bộ …"
///
/// Opening maps the committed segments; searching never waits for a writer.
public final class SearchIndex: @unchecked Sendable {
  /// The core reader underneath (segments, manifest, checksums), for the tools and tests that
  /// inspect the index itself; not part of the supported API (`@_spi(Internals) import VietSearch`).
  @_spi(Internals) public let reader: IndexReader
  let analyzer = SearchAnalyzer()
  let tagger: EntityTagger?
  let parser = QueryParser()
  /// BM25's parameters and coordination.
  public var ranking = BM25()
  /// Abbreviations and their expansions a query matches both ways: the bundled
  /// `abbreviations.tsv` and the index's `definedAbbreviations`; a caller may add a user's
  /// table with `SynonymTable.adding`.
  public var synonyms: SynonymTable
  /// The abbreviations this index's documents define for themselves ("Ủy ban Kiểm tra (UBKT)"),
  /// each with its dominant expansion (`DefinedAbbreviations`); empty for an index built
  /// before vitext kept them.
  public let definedAbbreviations: SynonymTable
  /// Per segment, each document's issue date as `YYYYMMDD` (0: none), read once from the
  /// `issued` postings when a search is first sorted by date.
  private var issuedDates: [[UInt32]]?
  private let issuedDatesLock = NSLock()
  /// Per `cites` key, the documents whose own number it is (what `related(to:)` links a
  /// citation to), read once when first needed.
  private var numberedDocuments: [[UInt8]: [Int]]?
  private let numberedDocumentsLock = NSLock()

  /// Opens the index at `path`. `tagger` reads `cites:` values as citations; without it they
  /// are matched as typed.
  ///
  /// - Throws: `IndexError`: `.missing` without an index, `.corrupt` for a damaged manifest,
  ///   segment or table of defined abbreviations, `.version` for another format or analyzer.
  public init(path: String, tagger: EntityTagger?) throws(IndexError) {
    reader = try IndexReader(directory: IndexDirectory(path: path), analyzer: SearchAnalyzer.name)
    self.tagger = tagger
    definedAbbreviations =
      try DefinedAbbreviations.read(from: reader.directory)?.synonymTable() ?? SynonymTable()
    let bundled = (try? SynonymTable.bundled()) ?? SynonymTable()
    synonyms = definedAbbreviations.isEmpty ? bundled : bundled.adding(definedAbbreviations)
    // The word lists that weigh spellings and find a query's words (SpellingContext) are keyed
    // on another thread while the caller goes on; the first query that needs them waits.
    Thread.detachNewThread { _ = SpellingContext.bundled }
  }

  /// Live documents in the index (deleted ones excluded).
  public var documentCount: Int { reader.documentCount }

  /// Parses, runs and ranks `query`, with snippets for the returned hits and, when
  /// `facetLimit` is above 0, the most frequent cited decrees, officials and units, issue years,
  /// document types and issuers among all matching documents (read from the same run of the
  /// query).
  ///
  /// `order` ranks by relevance (BM25), or by issue date, newest first, documents without a
  /// date last and equal dates by relevance.
  ///
  /// `budget` bounds the work of matching (`QueryBudget`): its postings, its deadline, and
  /// whether the caller has gone.
  ///
  /// - Throws: `QuerySyntaxError` for a malformed query, `IndexError` for a damaged index or
  ///   (codes `.overBudget`, `.timedOut`, `.cancelled`) a query that outgrew `budget`.
  public func search(
    _ query: String, limit: Int = 10, offset: Int = 0, snippets: Bool = true, facetLimit: Int = 0,
    budget: QueryBudget = .default, order: SearchOrder = .relevance
  ) throws -> SearchResponse {
    let started = Self.now()
    var compiled = try compile(query)
    // Syllables the index holds in no document also search their one-typo corrections, and
    // so do those held by a few when the query as typed finds nothing; documents found only
    // so rank below every document matching as typed (first by relevance; flagged either way).
    let corrector = TypoCorrector(reader: reader)
    var corrections = corrector.corrections(in: compiled.query, includingRare: true)
    var matchedAsTyped: [[UInt32]]?
    // The query as typed is matched once, both to know whether it finds anything and to mark
    // what it finds.
    var typed: SearchResults?
    if !corrections.isEmpty {
      let found = try reader.search(
        compiled.query, limit: 0, collectingMatches: true, bm25: ranking, budget: budget)
      if found.total > 0 {
        corrections = corrector.corrections(in: compiled.query, includingRare: false)
      }
      typed = found
    }
    if !corrections.isEmpty, let typed {
      matchedAsTyped = reader.segments.indices.map { segment in
        var marks = [UInt32](repeating: 0, count: reader.segments[segment].reader.documentCount)
        for document in typed.matches?[segment] ?? [] { marks[Int(document)] = 1 }
        return marks
      }
      compiled.query = TypoCorrector.corrected(compiled.query, with: corrections)
      compiled.highlights += compiled.highlights.flatMap {
        TypoCorrector.correctedWordings(of: $0, with: corrections)
      }
    }
    let results = try reader.search(
      compiled.query, limit: limit, offset: offset, collectingMatches: facetLimit > 0,
      bm25: ranking, budget: budget,
      sortKeys: order == .date ? try issueDateColumns() : matchedAsTyped)
    let searched = Self.now()
    let builder = SnippetBuilder(analyzer: analyzer)
    // A stored entry that fails its checksum throws: a damaged index answers with an error,
    // never with altered snippets.
    let hits = try results.hits.compactMap { (hit) throws(IndexError) -> SearchHit? in
      guard let (segment, document) = reader.locate(hit.document) else { return nil }
      let text = try segment.reader.documentText(document)
      let id = String(decoding: try segment.reader.documentID(document), as: UTF8.self)
      let title = String(decoding: try segment.reader.documentTitle(document), as: UTF8.self)
      var foundByCorrection = false
      if let matchedAsTyped,
        let number = reader.segments.lastIndex(where: { $0.base == hit.document - document })
      {
        foundByCorrection = matchedAsTyped[number][document] == 0
      }
      return SearchHit(
        document: hit.document, id: id, title: title, score: hit.score,
        foundByCorrection: foundByCorrection,
        snippet: snippets ? builder.snippet(of: text, matching: compiled.highlights) : nil,
        heading: StoredDocument.heading(
          title: title, text: Substring(decoding: text.prefix(2_000), as: UTF8.self), id: id),
        metadata: StoredMetadata.metadata(fromForwardKeys: reader.forwardKeys(of: hit.document)))
    }
    let counted =
      try results.matches.map { (matches) throws(IndexError) in
        try facets(of: matches, limit: facetLimit)
      } ?? [:]
    let suggestion = restoredDiacritics(query)
    return SearchResponse(
      query: query, total: results.total, searchNanoseconds: searched - started,
      totalNanoseconds: Self.now() - started,
      hits: hits, facets: counted, suggestion: suggestion, postingsVisited: results.postingsVisited)
  }

  /// Each document's issue date as `YYYYMMDD`, per segment, read once.
  func issueDateColumns() throws(IndexError) -> [[UInt32]] {
    issuedDatesLock.lock()
    defer { issuedDatesLock.unlock() }
    if let issuedDates { return issuedDates }
    let columns = try reader.documentValues(
      foldedPrefix: [SearchField.issued.rawValue], value: StoredMetadata.dateNumber(ofIssuedKey:))
    issuedDates = columns
    return columns
  }

  /// Per `cites` key (without its field byte), the documents whose own number it is: each
  /// number the documents' metadata gives, keyed as a `cites:` query keys it. Read once from
  /// the postings of the number terms (a posting per numbered document).
  func documentsByNumber() throws(IndexError) -> [[UInt8]: [Int]] {
    numberedDocumentsLock.lock()
    defer { numberedDocumentsLock.unlock() }
    if let numberedDocuments { return numberedDocuments }
    var numbers: [[UInt8]] = []
    let prefix = StoredMetadata.key(.number, written: [])
    let columns = try reader.documentValues(foldedPrefix: prefix) { exact in
      numbers.append(Array(exact.dropFirst(prefix.count)))
      return UInt32(numbers.count)
    }
    let compiler = QueryCompiler(analyzer: analyzer, tagger: tagger, reader: reader)
    let keys = numbers.map { number in
      let matcher = compiler.citationMatcher(String(decoding: number, as: UTF8.self))
      return Array((matcher.exact ?? matcher.folded).dropFirst())
    }
    var documents: [[UInt8]: [Int]] = [:]
    for (segment, column) in columns.enumerated() {
      let deletions = reader.segments[segment].deletions
      for (local, ordinal) in column.enumerated() where ordinal > 0 && !deletions.contains(local) {
        documents[keys[Int(ordinal) - 1], default: []].append(reader.segments[segment].base + local)
      }
    }
    numberedDocuments = documents
    return documents
  }

  /// The postings `query` would decode at most (`IndexReader.estimatedPostings`): read from
  /// the dictionary, without running the query.
  ///
  /// - Throws: `QuerySyntaxError` for a malformed query, `IndexError` for a damaged index.
  public func estimatedPostings(_ query: String) throws -> Int {
    try reader.estimatedPostings(try compile(query).query)
  }

  /// The accented query a query typed (partly) without diacritics most likely means, from this
  /// index's spellings and the segmenter's words ("che do thai san" → "chế độ thai sản"); nil
  /// when every syllable carries its marks, when nothing would change, or for queries with field
  /// filters or operators (only plain words are restored). A suggestion only: searches stay
  /// folded.
  public func restoredDiacritics(_ query: String) -> String? {
    guard let context = SpellingContext.bundled, !query.contains(":"),
      !query.split(separator: " ").contains(where: {
        $0 == "OR" || $0.hasPrefix("-") || $0.hasSuffix("*")
      })
    else { return nil }
    return DiacriticsRestorer(analyzer: analyzer, reader: reader, context: context).restore(query)
  }

  /// Runs `query` for its count and ranked document numbers only (no snippets, no strings):
  /// what benchmarks time.
  @_spi(Benchmarks) public func rank(_ query: CoreQuery, limit: Int) throws(IndexError)
    -> SearchResults
  {
    try reader.search(query, limit: limit, bm25: ranking)
  }

  func compile(_ query: String) throws -> QueryCompiler.Compiled {
    let clauses = try parser.parse(query)
    return try QueryCompiler(
      analyzer: analyzer, tagger: tagger, reader: reader, context: query, synonyms: synonyms
    )
    .compile(clauses)
  }

  /// The core query for `query` (for callers that build queries structurally, such as the
  /// benchmark protocol).
  @_spi(Benchmarks) public func coreQuery(_ query: String) throws -> CoreQuery {
    try compile(query).query
  }

  /// A stored document by id; nil when there is none.
  ///
  /// - Throws: `IndexError` (`.corrupt`) when a stored entry read fails its checksum.
  public func document(id: String) throws(IndexError) -> StoredDocument? {
    guard let number = try reader.document(id: Array(id.utf8)),
      let (segment, document) = reader.locate(number)
    else { return nil }
    return StoredDocument(
      id: id, title: String(decoding: try segment.reader.documentTitle(document), as: UTF8.self),
      text: String(decoding: try segment.reader.documentText(document), as: UTF8.self),
      metadata: StoredMetadata.metadata(fromForwardKeys: reader.forwardKeys(of: number)))
  }

  static func now() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
  }
}

/// How hits are ranked.
public enum SearchOrder: String, Sendable, CaseIterable {
  /// By BM25 score (the default).
  case relevance
  /// By the document's own issue date, newest first; documents without a date come last,
  /// and documents of the same date by score.
  case date
}

/// The answer to a search: its count, its page of hits and, when asked, its facets.
public struct SearchResponse: Sendable {
  /// The query as given.
  public var query: String
  /// Matching documents, counted exactly.
  public var total: Int
  /// Time to parse, match, count and rank (no snippets).
  public var searchNanoseconds: UInt64
  /// Time including snippets and facets.
  public var totalNanoseconds: UInt64
  /// The page of hits asked for (`limit` after `offset`), in the order asked for (`SearchOrder`).
  public var hits: [SearchHit]
  /// Cited decrees, officials, units, issue years (`.issued`, keys `YYYY`), document types and
  /// issuers among the matches (when asked for).
  public var facets: [SearchField: [Facet]]
  /// The query with its diacritics restored, when it was typed without some
  /// (`SearchIndex.restoredDiacritics`).
  public var suggestion: String? = nil
  /// What matching cost, as `QueryBudget` counts it (postings decoded and probed).
  public var postingsVisited: Int = 0
}

/// One ranked document of a response.
public struct SearchHit: Sendable {
  /// The document's number in the commit this `SearchIndex` opened: valid for this instance
  /// only, since a later commit (a merge, a segment emptied by removals) may renumber documents.
  public var document: Int
  /// The document's id, as it was added.
  public var id: String
  /// The document's title as stored; empty when it has none (`heading` then shows its first line).
  public var title: String
  /// The ranking score (BM25 over body and title); comparable only within one response.
  public var score: Float
  /// Whether the document matches only through a correction of a typo in the query
  /// (`TypoCorrector`): such hits come after every document matching the query as typed.
  public var foundByCorrection = false
  /// The passage around the matches, when snippets were asked for.
  public var snippet: Snippet?
  /// What to show as the hit's heading: its title, else its text's first line (a report's
  /// headline), else its id.
  public var heading: String
  /// The document's own number, type, issuer, place, date and signer, as far as known when
  /// it was indexed; nil when nothing is.
  public var metadata: DocumentMetadata? = nil
}

/// A document as the index stores it.
public struct StoredDocument: Sendable {
  /// The id the document was added with.
  public var id: String
  /// The title as stored; empty when the document has none.
  public var title: String
  /// The whole stored text.
  public var text: String
  /// Its own metadata as far as known when it was indexed; nil when nothing is.
  public var metadata: DocumentMetadata? = nil
  /// What to show as the document's heading: its title, else its text's first line (cut at 140
  /// characters), else its id.
  public var heading: String { StoredDocument.heading(title: title, text: Substring(text), id: id) }

  static func heading(title: String, text: Substring, id: String) -> String {
    if !title.isEmpty { return title }
    let line =
      text.split(separator: "\n").first { $0.contains { !$0.isWhitespace } }.map {
        $0.trimmingCharacters(in: .whitespaces)
      } ?? ""
    if line.isEmpty { return id }
    return line.count > 140 ? String(line.prefix(139)) + "…" : line
  }
}

extension SearchIndex {
  /// How a benchmark harness combines the words of a query string (the modes of
  /// `search_anchor_bench.py`): each word becomes a term, or a phrase when it analyzes into
  /// several tokens.
  @_spi(Benchmarks) public enum WordMode: String, Sendable {
    /// The whole string as one term (a phrase when several tokens).
    case term
    case and
    case or
    /// The whole string as one phrase.
    case phrase
  }

  /// Builds the core query for `text` combined as `mode`, with no query syntax (quotes and
  /// minus signs are just characters).
  @_spi(Benchmarks) public func query(words text: String, mode: WordMode) throws -> CoreQuery {
    let compiler = try QueryCompiler(
      analyzer: analyzer, tagger: tagger, reader: reader, context: text, synonyms: synonyms)
    func unit(_ words: String) throws -> CoreQuery? {
      let matchers = try compiler.syllableMatchers(words, field: .body, isPrefix: false)
      return matchers.isEmpty ? nil : compiler.matchingEveryForm(matchers, field: .body).0
    }
    let syllables = try compiler.syllableMatchers(text, field: .body, isPrefix: false)
    var query: CoreQuery
    switch mode {
    case .term, .phrase:
      query = try unit(text) ?? .any([])
    case .and, .or:
      let words = text.split(whereSeparator: \.isWhitespace)
      // An OR of several words searches the far commoner other forms of its abbreviations
      // only among its best matches (`QueryCompiler.matchingEveryForm(inAlternativeOf:)`).
      var rescoring: [CoreQuery] = []
      let parts = try words.compactMap { word -> CoreQuery? in
        guard mode == .or, words.count > 1 else { return try unit(String(word)) }
        let matchers = try compiler.syllableMatchers(String(word), field: .body, isPrefix: false)
        if matchers.isEmpty { return nil }
        let clause = compiler.matchingEveryForm(inAlternativeOf: matchers, field: .body)
        rescoring += clause.rescoring
        return clause.query
      }
      if parts.isEmpty { return .any([]) }
      // Words of the language the query's syllables spell count once more where they stand
      // together: as further clauses of an OR query (so coordination counts them too), as a
      // boost of an AND query's matches.
      let phrases = compiler.wordPhrases(in: syllables)
      query = mode == .and ? .all(parts) : .any(parts + phrases)
      if mode == .and && !phrases.isEmpty { query = .boosted(query, by: phrases, weight: 1) }
      if !rescoring.isEmpty {
        query = .boosted(query, by: rescoring, weight: QueryCompiler.otherFormPreference)
      }
    }
    query = compiler.withTitleBonus(query, words: syllables)
    // Only syllables no document holds: whether the query finds anything as typed is not
    // known here without running it.
    let corrections = TypoCorrector(reader: reader).corrections(in: query, includingRare: false)
    return corrections.isEmpty ? query : TypoCorrector.corrected(query, with: corrections)
  }

  /// The analyzer's tokens of `text` as the index keys them (exact form, without field byte).
  public func analyzedTokens(_ text: String) throws -> [String] {
    let analysis = try analyzer.analyze(Array(text.utf8))
    var tokens: [String] = []
    analyzer.forEachTerm(in: analysis, field: .body) { key, _, _ in
      tokens.append(String(decoding: key.dropFirst(), as: UTF8.self))
    }
    return tokens
  }
}
