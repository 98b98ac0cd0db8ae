import VietNormalization
import VietSearch

/// What OpenSearch (or Elasticsearch) needs to serve vitext's exported records with vitext's
/// matching: an index template whose analysed fields only split on spaces (vitext has already
/// keyed every position), and queries that pick the exact or the folded field per syllable as
/// `vitext search` does.
public enum OpenSearch {
  /// The index template's body (`PUT _index_template/vitext`), for indexes named `pattern`.
  public static func indexTemplate(pattern: String = "vitext*") -> JSONValue {
    let analysed: JSONValue = .object([
      ("type", .string("text")), ("analyzer", .string("vitext_keys")),
    ])
    let keyword: JSONValue = .object([
      ("type", .string("keyword")), ("normalizer", .string("vitext_lowercase")),
    ])
    return .object([
      ("index_patterns", .array([.string(pattern)])),
      (
        "template",
        .object([
          (
            "settings",
            .object([
              (
                "analysis",
                .object([
                  (
                    "analyzer",
                    .object([
                      (
                        "vitext_keys",
                        .object([
                          ("type", .string("custom")), ("tokenizer", .string("whitespace")),
                          ("filter", .array([.string("lowercase")])),
                        ])
                      )
                    ])
                  ),
                  (
                    "normalizer",
                    .object([
                      (
                        "vitext_lowercase",
                        .object([
                          ("type", .string("custom")), ("filter", .array([.string("lowercase")])),
                        ])
                      )
                    ])
                  ),
                ])
              )
            ])
          ),
          (
            "mappings",
            .object([
              (
                "properties",
                .object([
                  ("id", .object([("type", .string("keyword"))])),
                  ("title", .object([("type", .string("text")), ("index", .bool(false))])),
                  ("text", .object([("type", .string("text")), ("index", .bool(false))])),
                  ("title_exact", analysed), ("title_folded", analysed),
                  ("text_exact", analysed), ("text_folded", analysed),
                  ("words", analysed),
                  ("cites", keyword), ("officials", keyword), ("units", keyword),
                  (
                    "issued",
                    .object([("type", .string("date")), ("format", .string("yyyy-MM-dd"))])
                  ),
                  ("type", keyword),
                  (
                    "issuer",
                    .object([
                      ("type", .string("text")), ("analyzer", .string("vitext_keys")),
                      ("fields", .object([("keyword", keyword)])),
                    ])
                  ),
                ])
              )
            ])
          ),
        ])
      ),
    ])
  }

  /// The action line of a `_bulk` request indexing one record.
  public static func bulkAction(index: String, id: String) -> JSONValue {
    .object([("index", .object([("_index", .string(index)), ("_id", .string(id))]))])
  }

  /// The query DSL (`{"query": …}`) that asks what `vitext search QUERY` asks: per syllable, the
  /// exact field when typed with diacritics and the folded field when not; phrases as
  /// `match_phrase` (or spans across both fields when a phrase mixes the two); title matches
  /// boosted 2×; `cites:`, `official:`, `unit:` and `type:` as term filters, `issuer:` as a
  /// phrase of the issuer's words, `issued:` as a date range; `-` as `must_not`.
  ///
  /// - Throws: `QuerySyntaxError` as `vitext search` would for the same query.
  public static func query(_ text: String) throws(QuerySyntaxError) -> JSONValue {
    let clauses = try QueryParser().parse(text)
    let translator = QueryTranslator()
    var must: [JSONValue] = []
    var filter: [JSONValue] = []
    var mustNot: [JSONValue] = []
    for clause in clauses {
      switch clause {
      case .not(let inner):
        if let translated = translator.translate(inner) { mustNot.append(translated) }
      case .text(_, let field, _, _) where field.isEntityField:
        if let translated = translator.translate(clause) { filter.append(translated) }
      default:
        if let translated = translator.translate(clause) { must.append(translated) }
      }
    }
    var bool: [(String, JSONValue)] = []
    if !must.isEmpty { bool.append(("must", .array(must))) }
    if !filter.isEmpty { bool.append(("filter", .array(filter))) }
    if !mustNot.isEmpty { bool.append(("must_not", .array(mustNot))) }
    return .object([("query", .object([("bool", .object(bool))]))])
  }
}

extension SearchField {
  /// Fields that filter (no score): entities and the document's own metadata.
  fileprivate var isEntityField: Bool { self != .body && self != .title }
}

/// Turns parsed query nodes into OpenSearch clauses with vitext's analysis.
struct QueryTranslator {
  let analyzer = SearchAnalyzer()
  let normalizer = Normalizer()

  /// One syllable of the query: its exact key, its folded key, and whether it was typed with
  /// diacritics (then only its exact spelling matches).
  struct Syllable {
    var exact: String
    var folded: String
    var hasMarks: Bool
  }

  func translate(_ node: QueryNode) -> JSONValue? {
    switch node {
    case .not(let inner):
      return translate(inner).map { .object([("bool", .object([("must_not", .array([$0]))]))]) }
    case .anyOf(let options):
      let translated = options.compactMap(translate)
      guard !translated.isEmpty else { return nil }
      return .object([
        ("bool", .object([("should", .array(translated)), ("minimum_should_match", .number(1))]))
      ])
    case .text(let text, let field, let isPhrase, let isPrefix):
      switch field {
      case .cites, .official, .unit:
        let name = field == .cites ? "cites" : field == .official ? "officials" : "units"
        let value =
          (try? normalizer.normalize(validUTF8: Array(text.utf8)).bytes).map {
            String(decoding: $0, as: UTF8.self)
          } ?? text
        return .object([("term", .object([(name, .string(value))]))])
      case .type:
        // Keyword, lowercased by the template's normalizer: case never matters, diacritics do.
        let value =
          (try? normalizer.normalize(validUTF8: Array(text.utf8)).bytes).map {
            String(decoding: $0, as: UTF8.self)
          } ?? text
        return .object([("term", .object([("type", .string(value))]))])
      case .issuer:
        // Words of the issuer in a row, as vitext's `issuer:` matches whole words inside it.
        let value =
          (try? normalizer.normalize(validUTF8: Array(text.utf8)).bytes).map {
            String(decoding: $0, as: UTF8.self)
          } ?? text
        return .object([("match_phrase", .object([("issuer", .string(value))]))])
      case .issued:
        // The parser has checked the value.
        guard case .success(let range) = IssuedRange.parse(text + (isPrefix ? "*" : "")) else {
          return nil
        }
        var bounds: [(String, JSONValue)] = []
        if let lower = range.lower { bounds.append(("gte", .string(lower))) }
        if let upper = range.upper { bounds.append(("lte", .string(upper))) }
        return .object([
          ("range", .object([("issued", .object(bounds + [("format", .string("yyyy-MM-dd"))]))]))
        ])
      case .title:
        return matching(syllables(of: text), in: "title", isPhrase: isPhrase, isPrefix: isPrefix)
      case .body:
        let syllables = syllables(of: text)
        guard let body = matching(syllables, in: "text", isPhrase: isPhrase, isPrefix: isPrefix),
          let title = matching(
            syllables, in: "title", isPhrase: isPhrase, isPrefix: isPrefix, boost: 2)
        else { return nil }
        return .object([
          (
            "bool",
            .object([("should", .array([body, title])), ("minimum_should_match", .number(1))])
          )
        ])
      }
    }
  }

  /// The syllables (terms) of query text, keyed as documents are.
  func syllables(of text: String) -> [Syllable] {
    guard let analysis = try? analyzer.analyze(Array(text.utf8)) else { return [] }
    var found: [Syllable] = []
    analyzer.forEachTerm(in: analysis, field: .body) { key, _, _ in
      let exact = Array(key)
      let term = UnsafeRawBufferPointer(rebasing: key.dropFirst())
      var folded: [UInt8] = []
      analyzer.keys.fold(term, into: &folded)
      found.append(
        Syllable(
          exact: String(decoding: term, as: UTF8.self),
          folded: String(decoding: folded, as: UTF8.self),
          hasMarks: TermKeys.hasDiacritics(exact)))
    }
    return found
  }

  /// The clause matching `syllables` in `field`'s exact and folded subfields.
  func matching(
    _ syllables: [Syllable], in field: String, isPhrase: Bool, isPrefix: Bool, boost: Double = 1
  ) -> JSONValue? {
    guard let last = syllables.last else { return nil }
    func subfield(_ syllable: Syllable) -> String {
      field + (syllable.hasMarks ? "_exact" : "_folded")
    }
    func value(_ syllable: Syllable) -> String {
      syllable.hasMarks ? syllable.exact : syllable.folded
    }
    func boosted(_ members: [(String, JSONValue)]) -> [(String, JSONValue)] {
      boost == 1 ? members : members + [("boost", .number(boost))]
    }
    if syllables.count == 1 {
      let kind = isPrefix ? "prefix" : "term"
      return .object([
        (kind, .object([(subfield(last), .object(boosted([("value", .string(value(last)))])))]))
      ])
    }
    // Several syllables: one word that the analysis splits ("11-ĐA/TU") or a quoted phrase,
    // both positions in a row.
    let fields = Set(syllables.map(subfield))
    if fields.count == 1, !isPrefix {
      let phrase = syllables.map(value).joined(separator: " ")
      return .object([
        (
          "match_phrase",
          .object([(subfield(last), .object(boosted([("query", .string(phrase))])))])
        )
      ])
    }
    // Syllables with and without marks in one phrase: spans on the two subfields, which hold
    // the same positions, masked as one field (`field_masking_span`).
    let anchor = subfield(syllables[0])
    let clauses: [JSONValue] = syllables.enumerated().map { index, syllable in
      let isLastPrefix = isPrefix && index == syllables.count - 1
      let span: JSONValue =
        isLastPrefix
        ? .object([
          (
            "span_multi",
            .object([
              (
                "match",
                .object([
                  (
                    "prefix",
                    .object([(subfield(syllable), .object([("value", .string(value(syllable)))]))])
                  )
                ])
              )
            ])
          )
        ])
        : .object([("span_term", .object([(subfield(syllable), .string(value(syllable)))]))])
      guard subfield(syllable) != anchor else { return span }
      return .object([
        ("field_masking_span", .object([("query", span), ("field", .string(anchor))]))
      ])
    }
    return .object([
      (
        "span_near",
        .object(
          boosted([("clauses", .array(clauses)), ("slop", .number(0)), ("in_order", .bool(true))]))
      )
    ])
  }
}
