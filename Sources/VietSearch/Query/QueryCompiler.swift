import SearchCore
import VietEntities

/// Turns parsed clauses into the core's term matchers, through the same analysis as documents.
///
/// Matching is decided per syllable: typed with any diacritic it must match exactly (after
/// tone-placement and case are made canonical), typed without it matches every spelling that
/// folds to it. Ranking is BM25 over what matched; a query's words count more where they occur
/// in a document's title (`titleWeight`).
struct QueryCompiler {
  let analyzer: SearchAnalyzer
  let tagger: EntityTagger?
  let reader: IndexReader
  /// How much a query word found in a document's title adds, beside its BM25 in the body (which
  /// counts the title's words too): `weight` × the word's IDF in titles × its saturated
  /// frequency there. Chosen on the title known-item dev set (Benchmarks/README.md).
  static let titleWeight: Float = 2
  /// Per folded key of a syllable typed without diacritics, the spellings the query's context
  /// makes likely (`SpellingContext`); empty: every spelling counts the same.
  var preferredSpellings: [[UInt8]: Set<[UInt8]>] = [:]
  /// Abbreviations and their expansions: a form the query writes also matches the others.
  var synonyms = SynonymTable()
  /// What a document writing another form of an abbreviation than the query's scores, as a
  /// share of the score it would have in the typed form (`CoreQuery.equivalent`): a little
  /// less, so that the typed form ranks higher among otherwise equal documents.
  static let otherFormPreference: Float = 0.9
  /// Most rewritten forms of one clause ("UBND TP. Hà Nội": each abbreviation both ways): a
  /// bound on the work a query with many abbreviations adds.
  static let maximumAlternatives = 8

  init(analyzer: SearchAnalyzer, tagger: EntityTagger?, reader: IndexReader) {
    self.analyzer = analyzer
    self.tagger = tagger
    self.reader = reader
  }

  /// A compiler that weighs the spellings of unaccented syllables by the context of `query`
  /// (the whole query text, so words split by operators or spaces still inform each other).
  init(
    analyzer: SearchAnalyzer, tagger: EntityTagger?, reader: IndexReader, context query: String,
    synonyms: SynonymTable = SynonymTable()
  ) throws {
    self.init(analyzer: analyzer, tagger: tagger, reader: reader)
    self.synonyms = synonyms
    let analysis = try analyzer.analyze(Array(query.utf8))
    var syllables: [[UInt8]] = []
    analyzer.forEachTerm(in: analysis, field: .body) { key, _, _ in syllables.append(Array(key)) }
    guard syllables.count > 1, syllables.contains(where: { !TermKeys.hasDiacritics($0) }),
      let context = SpellingContext.bundled
    else { return }
    preferredSpellings = context.preferredSpellings(of: syllables, keys: analyzer.keys)
  }

  struct Compiled {
    var query: CoreQuery
    /// What to highlight in snippets (not the excluded words): each entry one word, or the
    /// words of a phrase, highlighted only where they occur in a row.
    var highlights: [[TermMatcher]]
  }

  func compile(_ clauses: [QueryNode]) throws -> Compiled {
    var highlights: [[TermMatcher]] = []
    var otherForms: [[TermMatcher]] = []
    var parts: [CoreQuery] = []
    var index = 0
    while index < clauses.count {
      if let (part, length) = try wordsWritingAForm(
        clauses, from: index, highlights: &highlights, otherForms: &otherForms)
      {
        parts.append(part)
        index += length
        continue
      }
      if let part = try compile(
        clauses[index], highlights: &highlights, otherForms: &otherForms, negated: false)
      {
        parts.append(part)
      }
      index += 1
    }
    guard parts.contains(where: { if case .not = $0 { false } else { true } }) else {
      throw QuerySyntaxError(
        message: "the query has no word to search for (only punctuation or exclusions)", column: 1)
    }
    var query = parts.count == 1 ? parts[0] : .all(parts)
    // Words typed as separate clauses that together spell a word of the language count once
    // more where the document has them together ("che do thai san": "chế độ", "thai sản").
    let phrases = wordPhrases(in: highlights.filter { $0.count == 1 }.map { $0[0] })
    if !phrases.isEmpty { query = .boosted(query, by: phrases, weight: 1) }
    // A word written twice is highlighted once: a snippet's cost grows with the entries, and a
    // query repeating `c*` 63 times would otherwise scan every snippet 63 times.
    // Other forms of the query's abbreviations are highlighted too, but are not the query's
    // words: they take no part in the word phrases above or the title bonus below.
    var distinctHighlights: [[TermMatcher]] = []
    for entry in highlights + otherForms where !distinctHighlights.contains(entry) {
      distinctHighlights.append(entry)
    }
    return Compiled(
      query: withTitleBonus(query, words: highlights.flatMap { $0 }), highlights: distinctHighlights
    )
  }

  /// Phrases of `words` (syllable matchers in query order) that a word of the segmenter's
  /// lists spells (`SpellingContext.wordSpans`).
  func wordPhrases(in words: [TermMatcher]) -> [CoreQuery] {
    guard words.count > 1, let context = SpellingContext.bundled else { return [] }
    let keys = words.map { $0.exact ?? $0.folded }
    return context.wordSpans(of: keys, keys: analyzer.keys).map { .phrase(Array(words[$0])) }
  }

  /// `query` with `words` (body matchers of the query's positive words) also scored in titles.
  func withTitleBonus(_ query: CoreQuery, words: [TermMatcher]) -> CoreQuery {
    var seen = Set<TermMatcher>()
    let titleWords = words.map { $0.inField(SearchField.title.rawValue) }.filter {
      seen.insert($0).inserted
    }
    return titleWords.isEmpty ? query : .bonus(query, terms: titleWords, weight: Self.titleWeight)
  }

  private func compile(
    _ node: QueryNode, highlights: inout [[TermMatcher]], otherForms: inout [[TermMatcher]],
    negated: Bool
  ) throws -> CoreQuery? {
    switch node {
    case .not(let inner):
      return try compile(inner, highlights: &highlights, otherForms: &otherForms, negated: true).map
      { .not($0) }
    case .anyOf(let options):
      // In an OR of several clauses, an other form far commoner than the typed one re-ranks
      // the OR's matches instead of adding documents (`matchingEveryForm(inAlternativeOf:)`).
      var rescoring: [CoreQuery] = []
      let parts = try options.compactMap { option -> CoreQuery? in
        if options.count > 1, !negated,
          case .text(let text, field: .body, isPhrase: _, isPrefix: let isPrefix) = option
        {
          let matchers = try syllableMatchers(text, field: .body, isPrefix: isPrefix)
          if matchers.isEmpty { return nil }
          highlights.append(matchers)
          let clause = matchingEveryForm(inAlternativeOf: matchers, field: .body)
          otherForms += clause.alternatives
          rescoring += clause.rescoring
          return clause.query
        }
        return try compile(
          option, highlights: &highlights, otherForms: &otherForms, negated: negated)
      }
      if parts.isEmpty { return nil }
      return rescoring.isEmpty
        ? .any(parts) : .boosted(.any(parts), by: rescoring, weight: Self.otherFormPreference)
    // Quoted or not, a run of several syllables is matched as a phrase: the parser's isPhrase
    // only records how it was written.
    case .text(let text, let field, _, let isPrefix):
      switch field {
      case .body, .title:
        let matchers = try syllableMatchers(text, field: field, isPrefix: isPrefix)
        if field == .body && !negated && !matchers.isEmpty { highlights.append(matchers) }
        if matchers.isEmpty { return nil }
        let (query, alternatives) = matchingEveryForm(matchers, field: field)
        if field == .body && !negated { otherForms += alternatives }
        return query
      case .cites:
        return .filter(.term(citationMatcher(text)))
      case .official, .unit, .issuer:
        return .filter(try nameMatchers(text, field: field))
      case .type:
        return .filter(try nameMatchers(text, field: field, wholeValue: true))
      case .issued:
        return .filter(issuedMatchers(text))
      }
    }
  }

  /// The query for `matchers` (a word or a phrase, in `field`) that also matches the other
  /// forms of the abbreviations and expansions it writes (`CoreQuery.equivalent`), and those
  /// other writings (empty when it writes none: then the plain term or phrase).
  func matchingEveryForm(_ matchers: [TermMatcher], field: SearchField) -> (
    CoreQuery, [[TermMatcher]]
  ) {
    let typed: CoreQuery = matchers.count == 1 ? .term(matchers[0]) : .phrase(matchers)
    let alternatives = otherWritings(of: matchers, field: field)
    return (alternatives.isEmpty ? typed : Self.equivalent(typed, alternatives), alternatives)
  }

  /// How many times the documents of the typed form's rarest syllable another form's rarest
  /// syllable may be in, for that form to be searched over the whole index from a clause of
  /// an OR of several clauses. "HĐND OR UBND" (10 and 124 documents of the gov corpus) would
  /// otherwise search "Hội đồng nhân dân" and "Ủy ban nhân dân" (thousands) as phrases, a
  /// hundred times the cost of the query as typed.
  static let alternativeCostFactor = 20

  /// `matchingEveryForm` for one clause of an OR of several clauses: the other forms whose
  /// rarest syllable is in more than `alternativeCostFactor` times the documents of the typed
  /// form's are left out of the match and returned as `rescoring` phrases, which re-rank the
  /// OR's best matches (`CoreQuery.boosted`'s window) instead of adding documents. A clause
  /// alone, or in an AND, still finds every form. `alternatives` lists every other form, for
  /// highlighting.
  func matchingEveryForm(
    inAlternativeOf matchers: [TermMatcher], field: SearchField
  ) -> (query: CoreQuery, alternatives: [[TermMatcher]], rescoring: [CoreQuery]) {
    let typed: CoreQuery = matchers.count == 1 ? .term(matchers[0]) : .phrase(matchers)
    let alternatives = otherWritings(of: matchers, field: field)
    let typedDocuments = max(1, rarestDocuments(matchers))
    var searched: [[TermMatcher]] = []
    var rescoring: [CoreQuery] = []
    for alternative in alternatives {
      if alternative.count > 1
        && rarestDocuments(alternative) > Self.alternativeCostFactor * typedDocuments
      {
        rescoring.append(.phrase(alternative))
      } else {
        searched.append(alternative)
      }
    }
    return (searched.isEmpty ? typed : Self.equivalent(typed, searched), alternatives, rescoring)
  }

  /// Documents holding the rarest of `matchers` (from the dictionary: nothing is decoded).
  func rarestDocuments(_ matchers: [TermMatcher]) -> Int {
    matchers.map { matcher in
      reader.spellings(folded: matcher.folded).reduce(0) { total, spelling in
        matcher.exact == nil || spelling.exact == matcher.exact
          ? total + spelling.documentFrequency : total
      }
    }.min() ?? 0
  }

  static func equivalent(_ typed: CoreQuery, _ alternatives: [[TermMatcher]]) -> CoreQuery {
    .equivalent(
      [typed] + alternatives.map { $0.count == 1 ? .term($0[0]) : .phrase($0) },
      preference: otherFormPreference)
  }

  /// `matchers` (a phrase or a word, in `field`) with the abbreviations and expansions it
  /// writes replaced by their other forms (`synonyms`), every combination up to
  /// `maximumAlternatives`; empty when it writes none. The other forms are matched as the
  /// table spells them (with their diacritics), the query's other syllables as typed.
  func otherWritings(of matchers: [TermMatcher], field: SearchField) -> [[TermMatcher]] {
    guard !synonyms.isEmpty else { return [] }
    let found = synonyms.matches(in: matchers.map { ($0.exact, $0.folded) }).filter { match in
      !match.syllables.contains { matchers[$0].isPrefix }
    }
    guard !found.isEmpty else { return [] }
    // Each combination picks, per form found, the typed syllables (nil) or one other form.
    var combinations: [[SynonymTable.Form?]] = [[]]
    for match in found {
      combinations = combinations.flatMap { chosen in
        ([nil] + match.others.map(Optional.some)).map { chosen + [$0] }
      }
      if combinations.count > Self.maximumAlternatives * 4 {
        combinations = Array(combinations.prefix(Self.maximumAlternatives * 4))
      }
    }
    var alternatives: [[TermMatcher]] = []
    for chosen in combinations where chosen.contains(where: { $0 != nil }) {
      var rewritten: [TermMatcher] = []
      var next = 0
      for (match, form) in zip(found, chosen) {
        rewritten += matchers[next..<match.syllables.lowerBound]
        if let form {
          rewritten += form.exact.map { formMatcher(exact: [field.rawValue] + $0) }
        } else {
          rewritten += matchers[match.syllables]
        }
        next = match.syllables.upperBound
      }
      rewritten += matchers[next...]
      if !alternatives.contains(rewritten) { alternatives.append(rewritten) }
      if alternatives.count == Self.maximumAlternatives { break }
    }
    return alternatives
  }

  /// A syllable of a table's form, exactly as the table spells it. A plain syllable of an
  /// accented form ("ban" in "Ủy ban nhân dân") is the word "ban", not any spelling of its
  /// letters (bạn, bản, bàn…): matching those would find other words and probe a score of
  /// spelling lists per candidate document, which made "UBND" cost more than the typed phrase.
  private func formMatcher(exact: [UInt8]) -> TermMatcher {
    TermMatcher(folded: analyzer.keys.folded(exact), exact: exact)
  }

  /// Words typed as separate clauses that together write a form of several syllables
  /// ("Ủy ban nhân dân" without quotes): from `start`, the longest run of plain one-syllable
  /// words spelling a form, as one clause that needs the words (as before, anywhere in the
  /// document) or another form of it (as a phrase). Nil when no such run starts at `start`.
  private func wordsWritingAForm(
    _ clauses: [QueryNode], from start: Int, highlights: inout [[TermMatcher]],
    otherForms: inout [[TermMatcher]]
  ) throws -> (CoreQuery, Int)? {
    guard !synonyms.isEmpty else { return nil }
    var words: [TermMatcher] = []
    var index = start
    while index < clauses.count, words.count < synonyms.longestForm,
      case .text(let text, field: .body, isPhrase: false, isPrefix: false) = clauses[index]
    {
      let matchers = try syllableMatchers(text, field: .body, isPrefix: false)
      guard matchers.count == 1 else { break }
      words.append(matchers[0])
      index += 1
    }
    guard words.count > 1,
      let first = synonyms.matches(in: words.map { ($0.exact, $0.folded) }).first,
      first.syllables.lowerBound == 0, first.syllables.count > 1
    else { return nil }
    let typed = Array(words[first.syllables])
    let alternatives = first.others.prefix(Self.maximumAlternatives).map { form in
      form.exact.map { formMatcher(exact: [SearchField.body.rawValue] + $0) }
    }
    highlights += typed.map { [$0] }
    otherForms += alternatives
    return (Self.equivalent(.all(typed.map { .term($0) }), Array(alternatives)), typed.count)
  }

  /// One matcher per indexed token of `text`.
  func syllableMatchers(_ text: String, field: SearchField, isPrefix: Bool) throws -> [TermMatcher]
  {
    let analysis = try analyzer.analyze(Array(text.utf8))
    var matchers: [TermMatcher] = []
    analyzer.forEachTerm(in: analysis, field: field) { key, _, _ in
      matchers.append(matcher(exact: Array(key)))
    }
    if isPrefix, !matchers.isEmpty { matchers[matchers.count - 1].isPrefix = true }
    return matchers
  }

  func matcher(exact: [UInt8]) -> TermMatcher {
    if TermKeys.hasDiacritics(exact) {
      return TermMatcher(folded: analyzer.keys.folded(exact), exact: exact)
    }
    guard let preferred = preferredSpellings[exact], exact.first == SearchField.body.rawValue else {
      return TermMatcher(folded: exact)
    }
    let weights = preferred.sorted { $0.lexicographicallyPrecedes($1) }.map {
      SpellingWeight(exact: $0, weight: 1)
    }
    return TermMatcher(
      folded: exact, spellingWeights: weights,
      otherSpellingsWeight: SpellingContext.otherSpellingsWeight)
  }

  /// `cites:` takes a symbol or a document's name; the tagger reads it as it reads a citation
  /// in text, so "11-đa/tu", "011-ĐA/TU" and "Đề án 11-ĐA/TU" find the same documents.
  func citationMatcher(_ text: String) -> TermMatcher {
    var key = text
    if let tagger, let entities = try? tagger.entities(in: text),
      let cited = CitationReport.citedKeys(in: entities).first
    {
      key = cited
    }
    let normalized = (try? analyzer.analyze(Array(key.utf8)).bytes) ?? Array(key.utf8)
    return matcher(exact: analyzer.keys.exact(normalized, field: .cites))
  }

  /// Officials, units and issuers match by whole words inside the names the index holds:
  /// `unit:"Quận ủy Tây Hồ"` finds "Ban Thường vụ Quận ủy Tây Hồ" too. With `wholeValue`
  /// (document types) the name must be the whole value: `type:"Nghị định"` finds "NGHỊ ĐỊNH"
  /// (and, typed without diacritics, every spelling of "nghi dinh"), not "Nghị định liên tịch".
  func nameMatchers(_ text: String, field: SearchField, wholeValue: Bool = false) throws
    -> CoreQuery
  {
    let normalized = try analyzer.analyze(Array(text.utf8)).bytes
    let wanted = analyzer.keys.exact(normalized, field: field).dropFirst()
    let exactly = TermKeys.hasDiacritics(Array(wanted))
    let needle = exactly ? Array(wanted) : analyzer.keys.folded(Array(wanted))
    var options: [CoreQuery] = []
    for (folded, exact) in reader.keys(foldedPrefix: [field.rawValue]) {
      let haystack = exactly ? exact.dropFirst() : folded.dropFirst()
      if wholeValue ? haystack.elementsEqual(needle) : Self.containsWords(Array(haystack), needle) {
        options.append(.term(TermMatcher(folded: folded, exact: exact)))
      }
    }
    return .any(options)
  }

  /// Documents issued within the dates of an `issued:` value (`IssuedRange`; the parser has
  /// checked it): every stored date in the range, read off the dictionary.
  func issuedMatchers(_ text: String) -> CoreQuery {
    guard case .success(let range) = IssuedRange.parse(text) else { return .any([]) }
    var options: [CoreQuery] = []
    for (folded, exact) in reader.keys(foldedPrefix: [SearchField.issued.rawValue])
    where range.contains(exact.dropFirst()) {
      options.append(.term(TermMatcher(folded: folded, exact: exact)))
    }
    return .any(options)
  }

  /// Whether `needle` occurs in `haystack` starting and ending at word boundaries.
  static func containsWords(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard !needle.isEmpty, needle.count <= haystack.count else { return false }
    var start = 0
    while start + needle.count <= haystack.count {
      if (start == 0 || haystack[start - 1] == 0x20)
        && haystack[start..<(start + needle.count)].elementsEqual(needle)
        && (start + needle.count == haystack.count || haystack[start + needle.count] == 0x20)
      {
        return true
      }
      start += 1
    }
    return false
  }
}
