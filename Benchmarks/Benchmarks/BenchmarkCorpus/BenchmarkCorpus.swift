import Foundation
import VietICU

/// The text every benchmark runs on: the seed articles of `Corpus/seeds`, repeated to about
/// 9 MB (the size the ICU anchor figures in the issue tracker were measured on).
public enum BenchmarkCorpus {
  /// UTF-8 bytes of the repeated seeds, NFC as shipped.
  public static let seeds9MB: [UInt8] = {
    let folder = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Corpus/seeds")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.filter { $0.hasSuffix(".txt") }
      .sorted() ?? []
    var seeds: [UInt8] = []
    for name in names {
      seeds += (try? Data(contentsOf: folder.appendingPathComponent(name))).map { [UInt8]($0) } ?? []
      seeds.append(0x0A)
    }
    precondition(!seeds.isEmpty, "Corpus/seeds not found at \(folder.path)")
    var text: [UInt8] = []
    text.reserveCapacity(9_500_000)
    while text.count < 9_000_000 { text += seeds }
    return text
  }()

  /// The same text decomposed (NFD), as text from some keyboards, OCR and PDF tools arrives.
  /// Made by ICU: Foundation's `decomposedStringWithCanonicalMapping` takes minutes on 9 MB
  /// (it moves memory quadratically), and every benchmark process builds this at start.
  public static let seeds9MBDecomposed: [UInt8] = try! ICU.normalize(seeds9MB, to: .nfd)

  /// Megabytes (10^6 bytes) of `bytes`.
  public static func megabytes(_ bytes: [UInt8]) -> Double { Double(bytes.count) / 1_000_000 }
}

extension BenchmarkCorpus {
  /// `../shared` beside the project (developers' machines and CI only).
  static var shared: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared")
  }

  /// The raw text of UD VTB dev (syllables separated by spaces, one sentence a line, as
  /// `seg_eval.py text` writes it), repeated to about 9 MB.
  public static let udDevRepeated: [UInt8] = {
    let path = shared.appendingPathComponent("data/segmentation/vi_vtb-ud-dev.conllu").path
    guard let data = FileManager.default.contents(atPath: path) else { fatalError("\(path) is needed") }
    var once: [UInt8] = []
    var sentence: [String] = []
    for line in String(decoding: data, as: UTF8.self).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
      if line.isEmpty {
        if !sentence.isEmpty { once += Array((sentence.joined(separator: " ") + "\n").utf8) }
        sentence = []
        continue
      }
      if line.hasPrefix("#") { continue }
      let columns = line.split(separator: "\t")
      if columns.count > 1, !columns[0].contains("-"), !columns[0].contains(".") { sentence.append(String(columns[1])) }
    }
    var text: [UInt8] = []
    while text.count < 9_000_000 { text += once }
    return text
  }()

  /// The first 9 MB of document texts of the gov corpus (`../shared/tools/corpus gov`).
  public static let gov9MB: [UInt8] = {
    var text: [UInt8] = []
    for document in govDocuments(megabytes: 9) {
      text += document.text
      text.append(0x0A)
    }
    return text
  }()

  /// The first documents of the gov corpus, in file order, up to `megabytes` (10^6 bytes) of
  /// text: id and UTF-8 text (NFC, as the corpus ships).
  public static func govDocuments(megabytes: Int) -> [(id: String, text: [UInt8])] {
    let tool = Process()
    tool.executableURL = shared.appendingPathComponent("tools/corpus")
    tool.arguments = ["gov"]
    let pipe = Pipe()
    tool.standardOutput = pipe
    try! tool.run()
    let path = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      .trimmingCharacters(in: .whitespacesAndNewlines)
    tool.waitUntilExit()
    guard let handle = FileHandle(forReadingAtPath: path) else { fatalError("gov corpus not found at \(path)") }
    let data = handle.readData(ofLength: megabytes * 4_500_000)
    var documents: [(id: String, text: [UInt8])] = []
    var size = 0
    for line in data.split(separator: 0x0A) {
      guard size < megabytes * 1_000_000,
        let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
        let body = object["text"] as? String
      else { continue }
      documents.append((object["id"] as? String ?? String(documents.count), Array(body.utf8)))
      size += documents[documents.count - 1].text.count
    }
    return documents
  }

  /// One query of `../shared/tools/queries-vi.json`: its text and how its words combine
  /// (`term`, `and`, `or`, `phrase`; a query typed without diacritics takes its `op`).
  public struct Query: Sendable {
    public var id: String
    public var text: String
    public var mode: String
  }

  /// The 50 benchmark queries of the search anchor harness.
  public static let searchQueries: [Query] = {
    let path = shared.appendingPathComponent("tools/queries-vi.json").path
    guard let data = FileManager.default.contents(atPath: path),
      let list = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]]
    else { fatalError("\(path) is needed") }
    return list.map { entry in
      let kind = entry["kind"] as? String ?? "term"
      return Query(
        id: entry["id"] as? String ?? "", text: entry["q"] as? String ?? "",
        mode: kind == "nodiacritics" ? entry["op"] as? String ?? "and" : kind)
    }
  }()
}
