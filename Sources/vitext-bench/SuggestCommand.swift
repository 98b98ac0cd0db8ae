import ArgumentParser
import Foundation
import VietSearch
import VitextCommandSupport

/// Times the restored-diacritics suggestion (`SearchIndex.restoredDiacritics`) per query, in
/// one process, for Benchmarks/scripts/suggestion_share.py: the search harness times ranking
/// only, and a `vitext search` per query would time the process, not the restoration.
struct SuggestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "suggest",
    abstract:
      "Read queries a line each; print each one's suggestion and what restoring it took, as JSON lines.",
    discussion: """
      Each query is restored once to warm up, then --reps times; "nanoseconds" is the fastest.
        .build/release/vitext-bench suggest --index /tmp/gov.idx < queries.txt
      """)

  @Option(help: "The index folder.") var index: String
  @Option(help: "Timed runs per query (the fastest is printed).") var reps = 5

  func validate() throws {
    guard (1...1_000).contains(reps) else { throw ValidationError("--reps must be 1…1000") }
  }

  func run() throws {
    try reportingErrors {
      let search = try SearchIndex(path: index, tagger: nil)
      while let line = readLine(strippingNewline: true) {
        guard !line.isEmpty else { continue }
        let suggestion = search.restoredDiacritics(line)
        var fastest = UInt64.max
        for _ in 0..<reps {
          let begin = DispatchTime.now().uptimeNanoseconds
          _ = search.restoredDiacritics(line)
          fastest = min(fastest, DispatchTime.now().uptimeNanoseconds - begin)
        }
        let object: [String: Any] = [
          "query": line, "suggestion": suggestion ?? NSNull(), "nanoseconds": fastest,
        ]
        let data = try JSONSerialization.data(
          withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        print(String(decoding: data, as: UTF8.self))
      }
    }
  }
}
