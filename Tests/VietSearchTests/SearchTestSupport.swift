import Foundation
import SearchCore
import VietDocuments
import VietEntities
@_spi(Internals) import VietSearch
import VietTestSupport

/// A fresh index folder under the temporary directory, removed by `cleanUp()`.
struct ScratchIndex {
  let path: String

  init(_ name: String = UUID().uuidString) {
    path =
      FileManager.default.temporaryDirectory.appendingPathComponent("vitext-index-\(name)").path
    try? FileManager.default.removeItem(atPath: path)
  }

  /// Builds the index from (id, text) pairs in one commit.
  @discardableResult
  func build(_ documents: [(String, String)], tagger: EntityTagger? = nil, flushEvery: Int? = nil)
    throws -> ScratchIndex
  {
    let writer = try SearchIndexWriter(path: path, create: true, tagger: tagger)
    if let flushEvery { writer.writer.flushThreshold = flushEvery }
    for (id, text) in documents { try writer.add(id: id, text: Array(text.utf8)) }
    try writer.commit()
    return self
  }

  func open(tagger: EntityTagger? = nil) throws -> SearchIndex {
    try SearchIndex(path: path, tagger: tagger)
  }

  /// The ids of every hit of `query`, best first.
  func ids(_ query: String, tagger: EntityTagger? = nil) throws -> [String] {
    try open(tagger: tagger).search(query, limit: 1000, snippets: false).hits.map(\.id)
  }

  func cleanUp() { try? FileManager.default.removeItem(atPath: path) }
}

/// Sentences from the seed articles and Vietnamese report style, each a small document.
enum SampleDocuments {
  static let party: [(String, String)] = [
    ("party", "Đảng viên tham gia sinh hoạt chi bộ định kỳ; Đảng bộ phường lãnh đạo."),
    ("busy", "Cán bộ đang làm việc tại trụ sở, đang chuẩn bị báo cáo."),
    ("form", "Các dạng văn bản mới được ban hành theo mẫu."),
    ("plain", "Công trình còn dang dở do thiếu vốn."),
    ("post", "Thông tin được đăng trên cổng thông tin điện tử."),
  ]
}

/// An index of part of the bundled gov sample (`Corpus/gov`), built once for the tests that
/// need real legal text in numbers: every third document, and every document writing one of
/// `forms` (abbreviations and expansions the abbreviation tests look for).
enum GovSampleIndex {
  static let forms = [
    "UBND", "Ủy ban nhân dân", "NSNN", "ngân sách nhà nước", "HĐND", "Hội đồng nhân dân", "BHYT",
    "bảo hiểm y tế",
  ]

  static let built:
    Result<(index: ScratchIndex, documents: [(id: String, text: String)]), any Error> = Result {
      var documents: [(id: String, text: String)] = []
      var count = 0
      let reader = CorpusReader(
        paths: [TestData.corpus.appendingPathComponent("gov/gov-sample.jsonl.gz").path],
        policy: JSONLinesDocuments.Policy())
      try reader.forEach { document, _ in
        count += 1
        let text = String(decoding: document.text, as: UTF8.self)
        let lowered = text.lowercased().replacingOccurrences(of: "uỷ", with: "ủy")
        if count % 3 == 0
          || forms.contains(where: { text.contains($0) || lowered.contains($0.lowercased()) })
        {
          documents.append((document.id, text))
        }
      }
      let index = try ScratchIndex(name).build(documents.map { ($0.id, $0.text) })
      // Removed when the test process ends (a static has no other end).
      atexit { ScratchIndex(GovSampleIndex.name).cleanUp() }
      return (index, documents)
    }

  static let name = "gov-sample-\(UUID().uuidString)"
}
