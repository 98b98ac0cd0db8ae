import Foundation
import SearchCore
import VietDocuments

/// The documents around one document of an index, as legal-document sites list them beside a
/// decision: those it cites, those citing it, and those on the same subject.
///
/// Everything is read from what the index already holds: the `cites` keys the tagger gave each
/// document (`cites:`), each document's own number (its metadata), and the term dictionary.
/// A citation is linked to a document of the index when the cited symbol is that document's
/// own number, keyed as `cites:` keys it ("117/2022/NĐ-CP" and "117/2022/nđ-cp" are one);
/// citations by name alone ("Luật Chứng khoán") are not linked.
public struct RelatedDocuments: Sendable {
  /// One related document.
  public struct Entry: Sendable {
    /// The document's id.
    public var id: String
    /// What it is shown as (`StoredDocument.heading`).
    public var heading: String
    /// Its own number, type, issuer and date, when known.
    public var metadata: DocumentMetadata?
    /// Why it is listed: the symbol that links a citation, or the distinctive terms a similar
    /// document shares with the document, separated by ", ".
    public var reason: String
  }

  /// The document's id.
  public var id: String
  /// What the document is shown as.
  public var heading: String
  /// Documents of the index it cites, in the order of their symbols.
  public var cites: [Entry]
  /// Documents of the index citing it, newest first (undated last).
  public var citedBy: [Entry]
  /// Documents citing it in all (`citedBy` holds at most the limit asked for).
  public var citedByTotal: Int
  /// Documents sharing its most distinctive terms, most alike first; documents already in
  /// `cites` or `citedBy` are not repeated here.
  public var similar: [Entry]
  /// The terms `similar` was searched by, most distinctive first (syllables, as the index keys
  /// them).
  public var distinctiveTerms: [String]
}

extension SearchIndex {
  /// Most distinctive terms a more-like-this search uses: enough to find a subject, few enough
  /// that the search reads a bounded number of postings lists.
  public static let similarTermCount = 12
  /// How much of a document's text is read for its distinctive terms (bytes): a long code
  /// names its subject well before its end, and the cost of a request stays bounded.
  static let similarTextBytes = 64 * 1024
  /// Most distinct syllables of that text whose document frequency is looked up.
  static let similarCandidateTerms = 4_000
  /// Most cited symbols looked up for one document.
  static let citedSymbolLimit = 500

  /// The documents related to the document `id` (see `RelatedDocuments`), at most `limit` in
  /// each list; nil when the index has no such document.
  ///
  /// - Throws: `IndexError` for damaged postings or stored entries, or a search over `budget`.
  public func related(to id: String, limit: Int = 10, budget: QueryBudget = .default) throws
    -> RelatedDocuments?
  {
    guard let number = try reader.document(id: Array(id.utf8)),
      let (segment, local) = reader.locate(number)
    else { return nil }
    let limit = max(0, limit)
    let forwardKeys = reader.forwardKeys(of: number)
    let own = StoredMetadata.metadata(fromForwardKeys: forwardKeys)
    var listed: Set<Int> = [number]

    // Cited: each `cites` key of the document that is another document's own number.
    let numbered = try documentsByNumber()
    var cites: [RelatedDocuments.Entry] = []
    let citedKeys = forwardKeys.filter { $0.first == SearchField.cites.rawValue }.prefix(
      Self.citedSymbolLimit)
    for key in citedKeys where cites.count < limit {
      for cited in numbered[Array(key.dropFirst())] ?? []
      where cites.count < limit && listed.insert(cited).inserted {
        // The cited number as the cited document writes it ("45/2019/QH14"), not as keyed.
        var entry = try entry(cited, reason: "")
        entry.reason = entry.metadata?.number ?? String(decoding: key.dropFirst(), as: UTF8.self)
        cites.append(entry)
      }
    }

    // Citing: documents whose `cites` keys hold the document's own number, newest first.
    var citedBy: [RelatedDocuments.Entry] = []
    var citedByTotal = 0
    if let symbol = own?.number {
      let matcher = QueryCompiler(analyzer: analyzer, tagger: tagger, reader: reader)
        .citationMatcher(symbol)
      let citing = try reader.search(
        .filter(.term(matcher)), limit: limit + 1, bm25: ranking, budget: budget,
        sortKeys: try issueDateColumns())
      citedByTotal = citing.total - (citing.hits.contains { $0.document == number } ? 1 : 0)
      for hit in citing.hits where citedBy.count < limit && listed.insert(hit.document).inserted {
        citedBy.append(try entry(hit.document, reason: symbol))
      }
    }

    // Similar: the documents sharing most of its most distinctive terms.
    let text = try segment.reader.documentText(local)
    let terms = distinctiveTerms(of: Array(text.prefix(Self.similarTextBytes)))
    var similar: [RelatedDocuments.Entry] = []
    if !terms.isEmpty {
      let query = CoreQuery.any(terms.map { .term($0.matcher) })
      let found = try reader.search(
        query, limit: limit + listed.count, bm25: ranking, budget: budget)
      let chosen = found.hits.map(\.document).filter { listed.insert($0).inserted }.prefix(limit)
      let shared = try sharedTerms(terms, in: Array(chosen))
      for document in chosen {
        similar.append(
          try entry(document, reason: (shared[document] ?? []).joined(separator: ", ")))
      }
    }
    let title = String(decoding: try segment.reader.documentTitle(local), as: UTF8.self)
    return RelatedDocuments(
      id: id,
      heading: StoredDocument.heading(
        title: title, text: Substring(decoding: text.prefix(2_000), as: UTF8.self), id: id),
      cites: cites, citedBy: citedBy, citedByTotal: max(0, citedByTotal), similar: similar,
      distinctiveTerms: terms.map(\.written))
  }

  /// The entry for document `number` of the index.
  private func entry(_ number: Int, reason: String) throws(IndexError) -> RelatedDocuments.Entry {
    guard let (segment, local) = reader.locate(number) else {
      throw IndexError(.corrupt, path: "", "document \(number) is outside the index")
    }
    let id = String(decoding: try segment.reader.documentID(local), as: UTF8.self)
    let title = String(decoding: try segment.reader.documentTitle(local), as: UTF8.self)
    let text = try segment.reader.documentText(local)
    return RelatedDocuments.Entry(
      id: id,
      heading: StoredDocument.heading(
        title: title, text: Substring(decoding: text.prefix(2_000), as: UTF8.self), id: id),
      metadata: StoredMetadata.metadata(fromForwardKeys: reader.forwardKeys(of: number)),
      reason: reason)
  }

  /// A distinctive term: its matcher (one exact spelling) and the syllable as keyed.
  struct DistinctiveTerm {
    var matcher: TermMatcher
    var written: String
  }

  /// The `similarTermCount` body syllables of `text` with the highest tf·idf (log-scaled term
  /// frequency times the index's inverse document frequency), keeping only syllables of letters
  /// that some other document holds too. Numbers are left out: a date or an article number says
  /// little about a subject.
  func distinctiveTerms(of text: [UInt8]) -> [DistinctiveTerm] {
    guard let analysis = try? analyzer.analyze(text) else { return [] }
    var frequencies: [[UInt8]: Int] = [:]
    analyzer.forEachTerm(in: analysis, field: .body) { key, _, _ in
      guard key.count > 2, key.dropFirst().allSatisfy({ $0 >= 0x80 || ($0 >= 0x61 && $0 <= 0x7A) })
      else { return }
      if frequencies.count < Self.similarCandidateTerms || frequencies[Array(key)] != nil {
        frequencies[Array(key), default: 0] += 1
      }
    }
    let documents = Double(max(1, reader.documentCount))
    var scored: [(term: DistinctiveTerm, score: Double)] = []
    for (exact, frequency) in frequencies {
      let folded = analyzer.keys.folded(exact)
      guard let held = reader.spellings(folded: folded).first(where: { $0.exact == exact }),
        held.documentFrequency >= 2
      else { continue }
      let idf = log(documents / Double(held.documentFrequency))
      let score = (1 + log(Double(frequency))) * idf
      scored.append(
        (
          DistinctiveTerm(
            matcher: TermMatcher(folded: folded, exact: exact),
            written: String(decoding: exact.dropFirst(), as: UTF8.self)), score
        ))
    }
    // Ties by key, so the same document always gives the same terms.
    scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.term.written < $1.term.written }
    return scored.prefix(Self.similarTermCount).map(\.term)
  }

  /// Per document of `numbers`, which of `terms` it holds, in their order: each term's
  /// documents are read once (terms of high IDF: short lists), not each document's text.
  private func sharedTerms(_ terms: [DistinctiveTerm], in numbers: [Int]) throws(IndexError)
    -> [Int: [String]]
  {
    var shared: [Int: [String]] = [:]
    let located = numbers.compactMap { number in reader.locate(number).map { (number, $0.document) }
    }
    for term in terms {
      let found = try reader.search(
        .filter(.term(term.matcher)), limit: 0, collectingMatches: true, bm25: ranking)
      for (number, local) in located {
        guard let segment = reader.segments.lastIndex(where: { $0.base <= number }),
          let matches = found.matches?[segment], Self.sortedContains(matches, UInt32(local))
        else { continue }
        shared[number, default: []].append(term.written)
      }
    }
    return shared
  }

  /// Whether ascending `values` hold `value` (binary search).
  static func sortedContains(_ values: [UInt32], _ value: UInt32) -> Bool {
    var low = 0
    var high = values.count
    while low < high {
      let middle = (low + high) / 2
      if values[middle] < value { low = middle + 1 } else { high = middle }
    }
    return low < values.count && values[low] == value
  }
}
