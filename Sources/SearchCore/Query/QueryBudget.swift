/// How much work one query may do before it is stopped: postings visited, a deadline, and a
/// way for the caller to say it no longer wants the answer.
///
/// A query's cost grows with what its terms stand for, not with its length: `c*` stands for
/// every syllable that starts with c (2,000 and more dictionary terms on the gov corpus), and
/// each required prefix is probed in every candidate document. Without a limit a few such
/// terms held a core for minutes (issue 21); with one, the query ends in an `IndexError` whose
/// code is `.overBudget`, `.timedOut` or `.cancelled`, and the caller reports it.
///
///     var budget = QueryBudget.default
///     budget.deadline = .now + .seconds(2)
///     let results = try reader.search(query, limit: 10, budget: budget)
///     results.postingsVisited   // what the query cost, comparable between runs and machines
///
/// Postings visited are counted, not timed, so tests can assert them: a decoded posting list
/// counts its length, a probed term counts one per spelling per candidate document.
public struct QueryBudget: Sendable {
  /// Most postings a query may visit; `Int.max` for no limit.
  public var maximumPostings: Int
  /// When to give up (nil: never). Checked between steps of at most a few thousand documents.
  public var deadline: ContinuousClock.Instant?
  /// Whether the caller has gone (an HTTP client that disconnected): checked as often as the
  /// deadline, so an abandoned query stops within one step.
  public var isCancelled: (@Sendable () -> Bool)?

  /// A budget of `maximumPostings`, ending at `deadline` if one is given.
  public init(
    maximumPostings: Int = QueryBudget.defaultMaximumPostings,
    deadline: ContinuousClock.Instant? = nil,
    isCancelled: (@Sendable () -> Bool)? = nil
  ) {
    self.maximumPostings = maximumPostings
    self.deadline = deadline
    self.isCancelled = isCancelled
  }

  /// Fifty million postings: on the gov corpus (43,122 documents) the heaviest of the 50
  /// benchmark queries (`../shared/tools/queries-vi.json`; "chuyen doi so" as a phrase)
  /// visits 306,763 and a query of eight required one-letter prefixes (`c* t* n* đ* h* l* b*
  /// v*`) 3,957,262, so this is over 150 times any real query's need and 12 times the
  /// eight prefixes', while a runaway query stops within a second or two of work.
  public static let defaultMaximumPostings = 50_000_000

  /// The default: `defaultMaximumPostings`, no deadline, no cancellation.
  public static let `default` = QueryBudget()

  /// No limit at all (for benchmarks and tools that must run every query to its end).
  public static let unlimited = QueryBudget(maximumPostings: .max)

  /// Throws when the deadline has passed or the caller has gone.
  func checkTimeAndCancellation() throws(IndexError) {
    if let isCancelled, isCancelled() {
      throw IndexError(.cancelled, path: "", "the query was cancelled (its caller has gone)")
    }
    if let deadline, ContinuousClock.now >= deadline {
      throw IndexError(
        .timedOut, path: "",
        "the query ran out of time; make it narrower (fewer prefixes, more letters before *)")
    }
  }
}

extension IndexReader {
  /// What `query` would cost at most to decode: the document frequencies of every spelling of
  /// its distinct terms, summed over segments. Read from the dictionary alone (no postings),
  /// so a server can tell a heavy query from a light one before running it.
  ///
  /// - Complexity: the dictionary entries the query's terms stand for.
  public func estimatedPostings(_ query: CoreQuery) throws(IndexError) -> Int {
    var execution = Execution(reader: self, bm25: BM25(), budget: .unlimited)
    try execution.prepare(query)
    return execution.spellings.values.reduce(0) { total, perSegment in
      perSegment.reduce(total) { total, spellings in
        spellings.reduce(total) { $0 + $1.documentFrequency }
      }
    }
  }
}
