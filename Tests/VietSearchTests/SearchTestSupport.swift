import Foundation
import SearchCore
import VietEntities
@_spi(Internals) import VietSearch

/// A fresh index folder under the temporary directory, removed by `cleanUp()`.
struct ScratchIndex {
  let path: String

  init(_ name: String = UUID().uuidString) {
    path = FileManager.default.temporaryDirectory.appendingPathComponent("vitext-index-\(name)").path
    try? FileManager.default.removeItem(atPath: path)
  }

  /// Builds the index from (id, text) pairs in one commit.
  @discardableResult
  func build(_ documents: [(String, String)], tagger: EntityTagger? = nil, flushEvery: Int? = nil) throws -> ScratchIndex {
    let writer = try SearchIndexWriter(path: path, create: true, tagger: tagger)
    if let flushEvery { writer.writer.flushThreshold = flushEvery }
    for (id, text) in documents { try writer.add(id: id, text: Array(text.utf8)) }
    try writer.commit()
    return self
  }

  func open(tagger: EntityTagger? = nil) throws -> SearchIndex { try SearchIndex(path: path, tagger: tagger) }

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
