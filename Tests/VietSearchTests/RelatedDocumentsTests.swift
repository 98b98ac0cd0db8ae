import Foundation
import SearchCore
import Testing
import VietDocuments
import VietEntities
import VietTestSupport

@testable import VietSearch

/// Issue 25, point 4: a document's related documents, read from what the index holds: the
/// documents it cites and those citing it (by the tagger's citations and the documents' own
/// numbers), and those sharing its most distinctive terms.
@Suite struct RelatedDocumentsTests {
  /// Gazette texts of the bundled gov sample that cite each other, the small gazette texts, and
  /// the Pháp điển articles of two subjects (20.2: labour; 33.13: export duties) with every
  /// thirtieth other document, indexed with the tagger (which gives documents their `cites` keys).
  static let built: Result<ScratchIndex, any Error> = Result {
    let linked: Set<String> = [
      "congbao:nghi-dinh-so-138-2026-nd-cp-469380", "congbao:nghi-dinh-so-182-2026-nd-cp-469623",
      "congbao:nghi-quyet-so-45-2019-qh14-30232", "congbao:luat-so-58-2014-qh13-15355",
      "congbao:van-ban-hop-nhat-so-22-vbhn-vpqh-44464",
    ]
    var documents: [CorpusDocument] = []
    var count = 0
    let reader = CorpusReader(
      paths: [TestData.corpus.appendingPathComponent("gov/gov-sample.jsonl.gz").path],
      policy: JSONLinesDocuments.Policy())
    try reader.forEach { document, _ in
      count += 1
      let id = document.id
      let keep =
        linked.contains(id) || (id.hasPrefix("congbao:") && document.text.count < 30_000)
        || id.hasPrefix("phapdien:20.2.") || id.hasPrefix("phapdien:33.13.") || count % 30 == 0
      if keep { documents.append(document) }
    }
    let index = ScratchIndex("related-\(UUID().uuidString)")
    let writer = try SearchIndexWriter(
      path: index.path, create: true, tagger: try EntityTagger.bundled())
    // With the records' titles and the metadata their headers give (their own numbers), as
    // `vitext index build` adds them.
    for document in documents {
      try writer.add(
        id: document.id, title: document.title, text: document.text, metadata: document.metadata)
    }
    try writer.commit()
    atexit { RelatedDocumentsTests.cleanUp() }
    return index
  }

  static func cleanUp() { if case .success(let index) = built { index.cleanUp() } }

  static func open() throws -> SearchIndex {
    try built.get().open(tagger: try EntityTagger.bundled())
  }

  @Test func aDecreeListsTheLawsItCitesThatAreInTheIndex() throws {
    let index = try Self.open()
    let decree = try #require(try index.related(to: "congbao:nghi-dinh-so-138-2026-nd-cp-469380"))
    // Decree 138/2026/NĐ-CP cites 45/2019/QH14; the document numbered so is in the index.
    let cited = decree.cites.first { $0.metadata?.number == "45/2019/QH14" }
    #expect(cited?.id == "congbao:nghi-quyet-so-45-2019-qh14-30232")
    #expect(cited?.reason == "45/2019/QH14")
    // Never itself, though it writes its own number in its text.
    #expect(!decree.cites.contains { $0.id == decree.id })
    #expect(
      !decree.citedBy.contains { $0.id == decree.id }
        && !decree.similar.contains { $0.id == decree.id })
  }

  @Test func aLawListsTheDocumentsCitingItNewestFirst() throws {
    let index = try Self.open()
    let law = try #require(try index.related(to: "congbao:luat-so-58-2014-qh13-15355", limit: 50))
    let citing = Set(
      try index.search("cites:\"58/2014/QH13\"", limit: 100, snippets: false).hits.map(\.id)
    )
    .subtracting([law.id])
    #expect(citing.contains("congbao:van-ban-hop-nhat-so-22-vbhn-vpqh-44464"))
    #expect(Set(law.citedBy.map(\.id)) == citing && law.citedByTotal == citing.count)
    let dates = law.citedBy.compactMap { $0.metadata?.issueDate?.description }
    #expect(dates == dates.sorted(by: >))
    // A limit bounds every list; the total still counts them all.
    let one = try #require(try index.related(to: law.id, limit: 1))
    #expect(one.citedBy.count == 1 && one.citedByTotal == citing.count && one.similar.count <= 1)
  }

  @Test func similarDocumentsShareTheMostDistinctiveTermsOfTheSameSubject() throws {
    let index = try Self.open()
    let article = "phapdien:33.13.NĐ.26.4"
    let related = try #require(try index.related(to: article, limit: 5))
    #expect(related.distinctiveTerms.count == SearchIndex.similarTermCount)
    #expect(related.similar.count == 5)
    // Each shares some of the terms, and most are articles on the same subject (export duties).
    for entry in related.similar {
      let shared = entry.reason.split(separator: ", ").map(String.init)
      #expect(
        !shared.isEmpty && Set(shared).isSubset(of: related.distinctiveTerms),
        "\(entry.id): \(entry.reason)")
    }
    #expect(
      related.similar.filter { $0.id.hasPrefix("phapdien:33.13.") }.count >= 3,
      "\(related.similar.map(\.id))")
    // The same document gives the same answer.
    #expect(
      try index.related(to: article, limit: 5)?.similar.map(\.id) == related.similar.map(\.id))
  }

  @Test func anUnknownIdHasNoRelatedDocuments() throws {
    let index = try Self.open()
    #expect(try index.related(to: "no-such-document") == nil)
    #expect(try index.related(to: "") == nil)
  }
}
