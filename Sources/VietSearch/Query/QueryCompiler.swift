import SearchCore
import VietEntities

/// Turns parsed clauses into the core's term matchers, through the same analysis as documents.
///
/// Matching is decided per syllable: typed with any diacritic it must match exactly (after
/// tone-placement and case are made canonical), typed without it matches every spelling that
/// folds to it; either way a document containing the spelling as typed ranks first.
struct QueryCompiler {
  let analyzer: SearchAnalyzer
  let tagger: EntityTagger?
  let reader: IndexReader

  struct Compiled {
    var query: CoreQuery
    /// The body terms to highlight in snippets (not the excluded ones).
    var highlights: [TermMatcher]
  }

  func compile(_ clauses: [QueryNode]) throws -> Compiled {
    var highlights: [TermMatcher] = []
    var parts: [CoreQuery] = []
    for clause in clauses {
      if let part = try compile(clause, highlights: &highlights, negated: false) { parts.append(part) }
    }
    guard parts.contains(where: { if case .not = $0 { false } else { true } }) else {
      throw QuerySyntaxError(message: "the query has no word to search for (only punctuation or exclusions)", column: 1)
    }
    return Compiled(query: parts.count == 1 ? parts[0] : .all(parts), highlights: highlights)
  }

  private func compile(_ node: QueryNode, highlights: inout [TermMatcher], negated: Bool) throws -> CoreQuery? {
    switch node {
    case .not(let inner):
      return try compile(inner, highlights: &highlights, negated: true).map { .not($0) }
    case .anyOf(let options):
      let parts = try options.compactMap { try compile($0, highlights: &highlights, negated: negated) }
      return parts.isEmpty ? nil : .any(parts)
    // Quoted or not, a run of several syllables is matched as a phrase: the parser's isPhrase
    // only records how it was written.
    case .text(let text, let field, _, let isPrefix):
      switch field {
      case .body, .title:
        let matchers = try syllableMatchers(text, field: field, isPrefix: isPrefix)
        if field == .body && !negated { highlights += matchers }
        if matchers.isEmpty { return nil }
        return matchers.count == 1 ? .term(matchers[0]) : .phrase(matchers)
      case .cites:
        return .filter(.term(citationMatcher(text)))
      case .official, .unit:
        return .filter(try nameMatchers(text, field: field))
      }
    }
  }

  /// One matcher per indexed token of `text`.
  func syllableMatchers(_ text: String, field: SearchField, isPrefix: Bool) throws -> [TermMatcher] {
    let analysis = try analyzer.analyze(Array(text.utf8))
    var matchers: [TermMatcher] = []
    analyzer.forEachTerm(in: analysis, field: field) { key, _, _ in
      matchers.append(matcher(exact: Array(key)))
    }
    if isPrefix, !matchers.isEmpty { matchers[matchers.count - 1].isPrefix = true }
    return matchers
  }

  func matcher(exact: [UInt8]) -> TermMatcher {
    TermKeys.hasDiacritics(exact)
      ? TermMatcher(folded: analyzer.keys.folded(exact), exact: exact, typed: exact)
      : TermMatcher(folded: exact, typed: exact)
  }

  /// `cites:` takes a symbol or a document's name; the tagger reads it as it reads a citation
  /// in text, so "11-đa/tu", "011-ĐA/TU" and "Đề án 11-ĐA/TU" find the same documents.
  func citationMatcher(_ text: String) -> TermMatcher {
    var key = text
    if let tagger, let entities = try? tagger.entities(in: text), let cited = CitationReport.citedKeys(in: entities).first {
      key = cited
    }
    let normalized = (try? analyzer.analyze(Array(key.utf8)).bytes) ?? Array(key.utf8)
    return matcher(exact: analyzer.keys.exact(normalized, field: .cites))
  }

  /// Officials and units match by whole words inside the names the index holds:
  /// `unit:"Quận ủy Tây Hồ"` finds "Ban Thường vụ Quận ủy Tây Hồ" too.
  func nameMatchers(_ text: String, field: SearchField) throws -> CoreQuery {
    let normalized = try analyzer.analyze(Array(text.utf8)).bytes
    let wanted = analyzer.keys.exact(normalized, field: field).dropFirst()
    let exactly = TermKeys.hasDiacritics(Array(wanted))
    let needle = exactly ? Array(wanted) : analyzer.keys.folded(Array(wanted))
    var options: [CoreQuery] = []
    for (folded, exact) in reader.keys(foldedPrefix: [field.rawValue]) {
      let haystack = exactly ? exact.dropFirst() : folded.dropFirst()
      if Self.containsWords(Array(haystack), needle) {
        options.append(.term(TermMatcher(folded: folded, exact: exact)))
      }
    }
    return .any(options)
  }

  /// Whether `needle` occurs in `haystack` starting and ending at word boundaries.
  static func containsWords(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard !needle.isEmpty, needle.count <= haystack.count else { return false }
    var start = 0
    while start + needle.count <= haystack.count {
      if (start == 0 || haystack[start - 1] == 0x20) && haystack[start..<(start + needle.count)].elementsEqual(needle)
        && (start + needle.count == haystack.count || haystack[start + needle.count] == 0x20)
      {
        return true
      }
      start += 1
    }
    return false
  }
}
