import Foundation
import SearchCore
import Testing
import VietSearch
import VietTestSupport

/// Hostile queries against the query budget (issue 21, point 1): repeated and many-letter
/// prefixes cost what their postings cost, and a query over its budget, past its deadline or
/// abandoned by its caller stops with an error instead of running on. Costs are asserted as
/// postings visited, never as time.
@Suite struct QueryBudgetTests {
  /// The seed articles (real party-cell reports), in three index segments so the budget is
  /// carried across segments.
  static func seedIndex() throws -> ScratchIndex {
    let documents = try TestData.seeds().map {
      ("seeds/" + $0.name, String(decoding: $0.bytes, as: UTF8.self))
    }
    return try ScratchIndex().build(documents, flushEvery: 2)
  }

  static func visited(_ index: SearchIndex, _ query: String, budget: QueryBudget = .unlimited)
    throws -> (Int, [String])
  {
    let response = try index.search(query, limit: 100, snippets: false, budget: budget)
    return (response.postingsVisited, response.hits.map(\.id))
  }

  @Test func aPrefixRepeated63TimesCostsWhatItCostsOnce() throws {
    let scratch = try Self.seedIndex()
    defer { scratch.cleanUp() }
    let index = try scratch.open()
    let (once, onceIDs) = try Self.visited(index, "c*")
    let (repeated, repeatedIDs) = try Self.visited(
      index, Array(repeating: "c*", count: 63).joined(separator: " "))
    #expect(once > 200, "c* should stand for many postings in five reports: \(once)")
    #expect(Set(repeatedIDs) == Set(onceIDs))
    // Before the fix every copy probed every spelling of every other copy in every candidate.
    #expect(repeated <= once + once / 2, "63 × c*: \(repeated) postings visited, c*: \(once)")
    // The same holds for an OR of copies.
    let (alternatives, _) = try Self.visited(
      index, Array(repeating: "c*", count: 63).joined(separator: " OR "))
    #expect(alternatives <= once + once / 2, "63 × c* OR: \(alternatives), c*: \(once)")
  }

  @Test func requiredPrefixesCostTheirPostingsNotCandidatesTimesSpellings() throws {
    let scratch = try Self.seedIndex()
    defer { scratch.cleanUp() }
    let index = try scratch.open()
    let letters = ["c", "t", "n", "đ", "h", "l", "b", "v"]
    let singles = try letters.map { try Self.visited(index, $0 + "*").0 }
    let (all, ids) = try Self.visited(index, letters.map { $0 + "*" }.joined(separator: " "))
    #expect(!ids.isEmpty)
    // Each prefix is decoded once (its postings), then merged; the sum of the eight prefixes
    // alone, plus what ranking reads, bounds the whole query.
    #expect(
      all <= 2 * singles.reduce(0, +), "8 prefixes: \(all) postings visited; alone: \(singles)")
  }

  @Test func aQueryOverItsPostingBudgetStopsWithOverBudget() throws {
    let scratch = try Self.seedIndex()
    defer { scratch.cleanUp() }
    let index = try scratch.open()
    let (cost, ids) = try Self.visited(index, "c* t*")
    #expect(try Self.visited(index, "c* t*", budget: QueryBudget(maximumPostings: cost)).1 == ids)
    do {
      _ = try Self.visited(index, "c* t*", budget: QueryBudget(maximumPostings: cost - 1))
      Issue.record("a budget one posting short let the query run to its end")
    } catch let error as IndexError {
      #expect(error.code == .overBudget)
      #expect(error.message.contains("postings"))
    }
  }

  @Test func aPassedDeadlineOrAGoneCallerStopsTheQuery() throws {
    let scratch = try Self.seedIndex()
    defer { scratch.cleanUp() }
    let index = try scratch.open()
    do {
      _ = try Self.visited(
        index, "sinh hoạt chi bộ", budget: QueryBudget(deadline: .now - .seconds(1)))
      Issue.record("a passed deadline was not noticed")
    } catch let error as IndexError {
      #expect(error.code == .timedOut)
    }
    do {
      _ = try Self.visited(index, "c* t*", budget: QueryBudget(isCancelled: { true }))
      Issue.record("a cancelled query ran to its end")
    } catch let error as IndexError {
      #expect(error.code == .cancelled)
    }
  }

  @Test func aQuerysWeightIsReadFromTheDictionaryAndBoundsWhatItDecodes() throws {
    let scratch = try Self.seedIndex()
    defer { scratch.cleanUp() }
    let index = try scratch.open()
    let prefixes = try index.estimatedPostings("c* t*")
    // A term written again adds nothing to what the query would decode.
    #expect(try index.estimatedPostings("c* t* c* t* c*") == prefixes)
    #expect(try index.estimatedPostings("\"sinh hoạt chi bộ\"") * 4 < prefixes)
    // Decoding is most of what a conjunction of many-spelling terms costs; the rest of what
    // is visited is the dictionary entries read and the matches ranked, each at most as many.
    let (visited, _) = try Self.visited(index, "c* t*")
    #expect(visited <= prefixes * 3, "visited \(visited), estimated \(prefixes)")
  }

  @Test func ordinaryQueriesStayFarBelowTheDefaultBudget() throws {
    let scratch = try Self.seedIndex()
    defer { scratch.cleanUp() }
    let index = try scratch.open()
    for query in [
      "sinh hoat chi bo", "\"Ban Thường vụ\"", "Đảng viên OR cán bộ", "thi uy -\"Sơn Tây\"", "chi*",
    ] {
      let (cost, ids) = try Self.visited(index, query, budget: .default)
      #expect(!ids.isEmpty, "\(query)")
      #expect(cost < QueryBudget.defaultMaximumPostings / 1_000, "\(query): \(cost)")
    }
  }
}
