import Foundation
import SearchCore
import Testing
import VietSearch
import VietTestSupport

/// Phrase queries checked against a brute-force scan of the analyzed text, over the paragraphs
/// of the seed articles: common syllables ("của", "và") sit in most of them and rare ones in
/// one, so phrases take both of the engine's ways of checking a candidate (merging a short
/// list, probing a long one per candidate).
@Suite struct PhraseReferenceTests {
  struct Paragraph {
    var id: String
    var text: String
    var tokens: [[UInt8]]
  }

  static let keys = TermKeys()

  /// Whether `token` matches the query syllable `typed` as the compiler means it: typed with a
  /// diacritic it must be that spelling; typed without, any spelling that folds to it.
  static func matches(_ token: [UInt8], _ typed: [UInt8]) -> Bool {
    let typedKey = [SearchField.body.rawValue] + typed
    if TermKeys.hasDiacritics(typedKey) { return token == typed }
    return keys.folded([SearchField.body.rawValue] + token) == keys.folded(typedKey)
  }

  static func referenceIDs(_ phrase: [[UInt8]], in paragraphs: [Paragraph]) -> Set<String> {
    Set(
      paragraphs.filter { paragraph in
        let tokens = paragraph.tokens
        guard tokens.count >= phrase.count else { return false }
        return (0...(tokens.count - phrase.count)).contains { start in
          phrase.indices.allSatisfy { matches(tokens[start + $0], phrase[$0]) }
        }
      }.map(\.id))
  }

  /// Queries checked so far, and how many of them matched more than one document.
  struct Tally {
    var checked = 0
    var multiDocument = 0

    mutating func check(_ query: String, expecting expected: Set<String>, in index: SearchIndex)
      throws
    {
      let results = try index.search(query, limit: 1000, snippets: false)
      #expect(Set(results.hits.map(\.id)) == expected, "\(query)")
      #expect(results.total == expected.count, "\(query)")
      checked += 1
      if expected.count > 1 { multiDocument += 1 }
    }
  }

  /// Every paragraph of six words or more of the seed articles as a document, indexed, with
  /// its analyzed syllables.
  static func paragraphIndex() throws -> (ScratchIndex, SearchIndex, [Paragraph]) {
    var documents: [(String, String)] = []
    for seed in try TestData.seeds() {
      for (number, line) in String(decoding: seed.bytes, as: UTF8.self).split(separator: "\n")
        .enumerated()
      where line.split(separator: " ").count >= 6 {
        documents.append(("\(seed.name)#\(number)", String(line)))
      }
    }
    #expect(documents.count >= 40)
    return try indexed(documents)
  }

  /// `documents` (id, text) indexed, with each one's analyzed syllables.
  static func indexed(_ documents: [(String, String)]) throws -> (
    ScratchIndex, SearchIndex, [Paragraph]
  ) {
    let scratch = try ScratchIndex().build(documents)
    let index = try scratch.open()
    // The reference knows spellings only: abbreviations matched both ways ("Ban Thường vụ" also
    // finds "BTV") are checked in AbbreviationTests.
    index.synonyms = SynonymTable()
    let paragraphs = try documents.map { id, text in
      Paragraph(id: id, text: text, tokens: try index.analyzedTokens(text).map { Array($0.utf8) })
    }
    return (scratch, index, paragraphs)
  }

  @Test func phraseHitsEqualABruteForceScanForExactAndFoldedSpellings() throws {
    let (scratch, index, paragraphs) = try Self.paragraphIndex()
    defer { scratch.cleanUp() }

    var tally = Tally()
    for (number, paragraph) in paragraphs.enumerated() {
      // Spans of two to four syllables at a few places in each paragraph.
      for (start, length) in [
        (0, 2), (3, 3), (paragraph.tokens.count / 2, 2), (paragraph.tokens.count - 4, 4),
        (number % 5 + 1, 3),
      ] {
        guard start >= 0, start + length <= paragraph.tokens.count else { continue }
        let exact = Array(paragraph.tokens[start..<(start + length)])
        let folded = exact.map {
          Array(Self.keys.folded([SearchField.body.rawValue] + $0).dropFirst())
        }
        for phrase in [exact, folded] {
          let query =
            "\"" + phrase.map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ") + "\""
          try tally.check(query, expecting: Self.referenceIDs(phrase, in: paragraphs), in: index)
        }
      }
    }
    // The check means something only if many phrases were tried and some recur.
    #expect(tally.checked >= 200)
    #expect(tally.multiDocument >= 20)
  }

  /// Whole articles as documents, and all five in one: a folded syllable ("chi": chi, chí,
  /// chỉ, chị) then has dozens of positions spread over several spellings, which are merged
  /// into one sorted run before the phrase is checked.
  @Test func foldedPhrasesInWholeArticlesEqualABruteForceScan() throws {
    var articles = try TestData.seeds().map { ($0.name, String(decoding: $0.bytes, as: UTF8.self)) }
    articles.append(("all", articles.map(\.1).joined(separator: "\n")))
    let (scratch, index, documents) = try Self.indexed(articles)
    defer { scratch.cleanUp() }
    var tally = Tally()
    var longRuns = 0
    for document in documents {
      for place in stride(
        from: 0, to: document.tokens.count - 3, by: max(1, document.tokens.count / 40))
      {
        let phrase = document.tokens[place..<(place + 2 + place % 2)].map {
          Array(Self.keys.folded([SearchField.body.rawValue] + $0).dropFirst())
        }
        let spread = phrase.contains { syllable in
          let found = document.tokens.filter { Self.matches($0, syllable) }
          return found.count > 32 && Set(found).count > 1
        }
        if spread { longRuns += 1 }
        let query =
          "\"" + phrase.map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ") + "\""
        try tally.check(query, expecting: Self.referenceIDs(phrase, in: documents), in: index)
      }
    }
    #expect(tally.checked >= 150)
    // Phrases with a syllable of more than 32 positions in two spellings or more.
    #expect(longRuns >= 10, "\(longRuns)")
  }

  @Test func termsWithoutQuotesMatchDocumentsHoldingEachOneAnywhere() throws {
    let (scratch, index, paragraphs) = try Self.paragraphIndex()
    defer { scratch.cleanUp() }
    var tally = Tally()
    for (number, paragraph) in paragraphs.enumerated() where paragraph.tokens.count >= 9 {
      // Syllables far apart in one paragraph, rare and common ones mixed.
      let picks = [
        [0, 4], [1, paragraph.tokens.count - 1], [2, 5, 8],
        [number % 3, paragraph.tokens.count / 2],
      ]
      for pick in picks {
        let exact = pick.map { paragraph.tokens[$0] }
        let folded = exact.map {
          Array(Self.keys.folded([SearchField.body.rawValue] + $0).dropFirst())
        }
        for words in [exact, folded] {
          let query = words.map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
          let expected = Set(
            paragraphs.filter { paragraph in
              words.allSatisfy { word in paragraph.tokens.contains { Self.matches($0, word) } }
            }.map(\.id))
          try tally.check(query, expecting: expected, in: index)
        }
      }
    }
    #expect(tally.checked >= 200)
    #expect(tally.multiDocument >= 40)
  }

  /// Syllables that fold to one key in many spellings ("doi": đổi, đội, đối, đời, đôi, đòi, dõi,
  /// dời, dối, đồi, đợi), each in a few documents, behind a syllable in most of them: the
  /// engine then looks up which spellings hold a candidate in a table built from their lists
  /// instead of advancing every spelling's list, and must find what the scan finds.
  @Test func foldedPhrasesOfManySpellingSyllablesEqualABruteForceScan() throws {
    let subjects = [
      "Ủy ban nhân dân tỉnh", "Ban Thường vụ Thành ủy", "Sở Thông tin và Truyền thông",
      "Đoàn công tác",
    ]
    let predicates = [
      "đẩy mạnh chuyển đổi số trong cơ quan nhà nước", "chuyển đội hình công tác về cơ sở",
      "ban hành chính sách chuyển đối tượng hưởng trợ cấp", "kể chuyện đời thường của đảng viên",
      "đi chuyến đò đêm sang bờ bên kia", "đôi khi chuyển đề án sang năm sau",
      "đòi chuyển dời trụ sở",
      "theo dõi chuyên đề đổi mới sinh hoạt chi bộ", "chống lừa dối khi chuyển nhượng đất đồi",
      "chuyên trách đợi ý kiến của cấp trên", "chuyển đổi mô hình tăng trưởng",
      "dời lịch chuyên đề sang quý sau",
    ]
    let documents = subjects.enumerated().flatMap { subjectNumber, subject in
      predicates.enumerated().map { number, predicate in
        ("s\(subjectNumber)p\(number)", "\(subject) \(predicate).")
      }
    }
    let (scratch, index, analyzed) = try Self.indexed(documents)
    defer { scratch.cleanUp() }
    var tally = Tally()
    var phrases = Set(
      ["chuyen doi", "chuyen doi so", "theo doi", "chuyen de"].map {
        $0.split(separator: " ").map { Array($0.utf8) }
      })
    for document in analyzed {
      for start in 0..<(document.tokens.count - 1) {
        phrases.insert(
          document.tokens[start...(start + 1)].map {
            Array(Self.keys.folded([SearchField.body.rawValue] + $0).dropFirst())
          })
      }
    }
    for phrase in phrases.sorted(by: {
      $0.lexicographicallyPrecedes($1, by: { $0.lexicographicallyPrecedes($1) })
    }) {
      let query =
        "\"" + phrase.map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ") + "\""
      try tally.check(query, expecting: Self.referenceIDs(phrase, in: analyzed), in: index)
    }
    #expect(tally.checked >= 60)
    #expect(tally.multiDocument >= 30)
  }
}
