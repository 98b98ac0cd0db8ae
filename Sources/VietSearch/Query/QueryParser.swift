/// A query as the user wrote it, parsed but not yet analyzed.
///
/// Syntax: words are required (AND); `a OR b` needs either; `-word` excludes; `"…"` is a phrase;
/// `word*` is a prefix; `title:`, `cites:`, `official:`, `unit:` restrict a word or a quoted
/// value to a field; `issued:`, `type:`, `issuer:` filter by the document's own metadata. Diacritics decide matching per syllable (see `QueryCompiler`).
public indirect enum QueryNode: Sendable, Equatable {
  /// A word or quoted value (`isPhrase`), optionally a prefix (`word*`), searched in `field`.
  case text(String, field: SearchField, isPhrase: Bool, isPrefix: Bool)
  /// Clauses joined by OR: a document matching any of them matches.
  case anyOf([QueryNode])
  /// An excluded clause (`-word`): documents matching it are dropped.
  case not(QueryNode)
}

/// Why a query could not be parsed, with the column (1-based, in characters) to point at.
public struct QuerySyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What is wrong, for a person to read.
  public var message: String
  /// The column (1-based, in characters) where the problem was found.
  public var column: Int
  public var description: String { "query error at column \(column): \(message)" }
}

/// Parses the query syntax. Queries are short, typed by people: this works on `Character`s,
/// unlike the byte-level analysis that runs on every document.
public struct QueryParser: Sendable {
  /// Bounds on what one query may ask, so a pasted document cannot make a search hang.
  public static let maximumLength = 2_000
  /// The most clauses one query may have.
  public static let maximumClauses = 64

  /// A parser; it holds no state.
  public init() {}

  /// Parses `query` into its top-level clauses, all required (AND); an excluded word is a
  /// `.not` clause.
  ///
  /// - Throws: `QuerySyntaxError` for an empty query, a dangling `OR` or `-`, an unclosed or
  ///   empty quote, an unknown field or one without a value, an `issued:` value that is not a
  ///   date or range, or a query over `maximumLength` characters or `maximumClauses` clauses.
  public func parse(_ query: String) throws(QuerySyntaxError) -> [QueryNode] {
    let characters = Array(query)
    guard characters.count <= Self.maximumLength else {
      throw QuerySyntaxError(
        message:
          "the query is \(characters.count) characters long; the limit is \(Self.maximumLength)",
        column: Self.maximumLength + 1)
    }
    var clauses: [QueryNode] = []
    var pendingOr = false
    var index = 0
    while index < characters.count {
      if characters[index].isWhitespace {
        index += 1
        continue
      }
      let column = index + 1
      // OR joins the previous clause with the next.
      if characters[index] == "O", index + 1 < characters.count, characters[index + 1] == "R",
        index + 2 == characters.count || characters[index + 2].isWhitespace
      {
        guard !clauses.isEmpty, !pendingOr else {
          throw QuerySyntaxError(message: "OR needs a term on each side", column: column)
        }
        pendingOr = true
        index += 2
        continue
      }
      var negated = false
      if characters[index] == "-" {
        negated = true
        index += 1
        guard index < characters.count, !characters[index].isWhitespace else {
          throw QuerySyntaxError(
            message: "a lone '-' excludes nothing: write -word", column: column)
        }
      }
      var clause = try parseAtom(characters, &index)
      if negated {
        guard !pendingOr else {
          throw QuerySyntaxError(message: "an exclusion cannot be one side of OR", column: column)
        }
        clause = .not(clause)
      }
      if pendingOr {
        pendingOr = false
        switch clauses.removeLast() {
        case .anyOf(let options): clauses.append(.anyOf(options + [clause]))
        case .not:
          throw QuerySyntaxError(message: "an exclusion cannot be one side of OR", column: column)
        case let previous: clauses.append(.anyOf([previous, clause]))
        }
      } else {
        clauses.append(clause)
      }
      guard clauses.count <= Self.maximumClauses else {
        throw QuerySyntaxError(
          message: "the query has more than \(Self.maximumClauses) terms", column: column)
      }
    }
    if pendingOr {
      throw QuerySyntaxError(message: "OR needs a term on each side", column: characters.count)
    }
    guard !clauses.isEmpty else { throw QuerySyntaxError(message: "the query is empty", column: 1) }
    return clauses
  }

  /// A word, a phrase, or either after a field name.
  ///
  /// `name:value` names a field when `name` is one of `SearchField.queryFields`. Any other
  /// run of ASCII letters right before a colon and a value (`foo:bar`, `tittle:x`) is a query
  /// error listing the fields, so a misspelt filter is never searched as a word. A colon
  /// stays text inside quotes, after anything but ASCII letters (`10:30`, `Số:130`), before
  /// a space or the end (`Kết luận:`), and before `/` (`https://…`).
  private func parseAtom(_ characters: [Character], _ index: inout Int) throws(QuerySyntaxError)
    -> QueryNode
  {
    var field = SearchField.body
    if let colon = characters[index...].prefix(while: { !$0.isWhitespace && $0 != "\"" })
      .firstIndex(of: ":")
    {
      let name = String(characters[index..<colon]).lowercased()
      let hasValue = colon + 1 < characters.count && !characters[colon + 1].isWhitespace
      if let named = SearchField.queryFields.first(where: { $0.queryName == name }) {
        field = named
        index = colon + 1
        guard hasValue else {
          throw QuerySyntaxError(
            message: "\(name): needs a value, e.g. \(name):\"…\"", column: colon + 1)
        }
      } else if colon > index, characters[index..<colon].allSatisfy({ $0.isASCII && $0.isLetter }),
        hasValue,
        characters[colon + 1] != "/"
      {
        let known = SearchField.queryFields.map { $0.queryName + ":" }.joined(separator: " ")
        throw QuerySyntaxError(
          message:
            "unknown field '\(name):'; the fields are \(known) (quote a word with a colon to search for it as text)",
          column: index + 1)
      }
    }
    let valueColumn = index + 1
    let atom = try parseValue(characters, &index, field: field)
    if field == .issued, case .text(let text, _, _, let isPrefix) = atom {
      if case .failure(let reason) = IssuedRange.parse(text + (isPrefix ? "*" : "")) {
        throw QuerySyntaxError(
          message:
            "issued: \(reason.text); write issued:2024, issued:2024-03, issued:2024-03-15 or a range such as issued:2024-03..2025-06",
          column: valueColumn)
      }
    }
    return atom
  }

  /// A quoted phrase or a word at `index`, in `field`.
  private func parseValue(_ characters: [Character], _ index: inout Int, field: SearchField)
    throws(QuerySyntaxError) -> QueryNode
  {
    if characters[index] == "\"" {
      let open = index
      guard let close = characters[(index + 1)...].firstIndex(of: "\"") else {
        throw QuerySyntaxError(message: "the quote opened here is never closed", column: open + 1)
      }
      var text = String(characters[(open + 1)..<close])
      index = close + 1
      // "cổng thông t*": a phrase whose last syllable is a prefix.
      let isPrefix = text.hasSuffix("*")
      if isPrefix { text.removeLast() }
      guard text.contains(where: { !$0.isWhitespace && $0 != "*" }) else {
        throw QuerySyntaxError(message: "the quotes hold nothing", column: open + 1)
      }
      return .text(text, field: field, isPhrase: true, isPrefix: isPrefix)
    }
    let start = index
    while index < characters.count && !characters[index].isWhitespace && characters[index] != "\"" {
      index += 1
    }
    var word = String(characters[start..<index])
    var isPrefix = false
    if word.hasSuffix("*") {
      isPrefix = true
      word.removeLast()
      guard !word.isEmpty, !word.hasSuffix("*") else {
        throw QuerySyntaxError(
          message: "'*' ends a prefix: write at least one letter before it", column: start + 1)
      }
    }
    return .text(word, field: field, isPhrase: false, isPrefix: isPrefix)
  }
}
