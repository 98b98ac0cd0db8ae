import Foundation
import VietSegmentation
import VitextCommandSupport

/// Runs a Python word segmenter (pyvi, underthesea) on a dataset through `bench_peer.py`, in a
/// child process of its own, and scores its output with vitext's port of seg_eval.py.
package struct PeerSegmenter {
  let system: String
  let python: String

  /// The peers `--compare` accepts, in the order their rows are printed.
  package static let known = ["pyvi", "underthesea"]

  enum Outcome {
    case measured(BenchResult)
    /// The package is not installed: the one line to tell the user.
    case missing(String)
  }

  func measure(on dataset: BenchDataset, repetitions: Int, syllables: Int) throws -> Outcome {
    guard let script = Bundle.module.url(forResource: "bench_peer", withExtension: "py") else {
      throw CLIError.unreadable(
        path: "bench_peer.py", reason: "the bundled peer script is missing from this build")
    }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vitext-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let input = folder.appendingPathComponent("in.txt")
    let output = folder.appendingPathComponent("out.txt")
    // One unit a line: units with line breaks (documents) are given line by line, as a
    // sentence-level segmenter expects; the bytes are the same.
    var text = [UInt8]()
    for unit in dataset.units {
      text += unit.map { $0 == 0x0D ? 0x20 : $0 }
      text.append(0x0A)
    }
    try Data(text).write(to: input)

    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [python, script.path, system, input.path, output.path, String(repetitions)]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch {
      return .missing(
        "\(system): cannot run \(python) (install Python 3, then: pip install \(system))")
    }
    let reply = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard let object = try? JSONSerialization.jsonObject(with: reply) as? [String: Any] else {
      return .missing("\(system): \(python) did not run it (pip install \(system))")
    }
    if object["missing"] != nil {
      return .missing("\(system) is not installed for \(python): pip install \(system)")
    }
    guard process.terminationStatus == 0, let seconds = object["seconds"] as? [Double],
      !seconds.isEmpty
    else {
      return .missing("\(system) failed: \(String(decoding: reply, as: UTF8.self).prefix(200))")
    }
    let lines = try String(contentsOf: output, encoding: .utf8).split(
      separator: "\n", omittingEmptySubsequences: false
    ).map(String.init)
    var result = BenchResult(
      dataset: dataset.name, system: system, stage: .segment, bytes: dataset.bytes,
      syllables: syllables,
      words: lines.reduce(0) { $0 + $1.split(separator: " ").count }, seconds: seconds,
      loadSeconds: object["load_s"] as? Double ?? 0,
      peakMemoryBytes: (object["peak_rss_kb"] as? Int).map { $0 * 1024 })
    if let gold = dataset.gold {
      let score = try SegmentationScorer().score(gold: gold, systemLines: lines)
      (result.precision, result.recall, result.f1) = (score.precision, score.recall, score.f1)
    }
    return .measured(result)
  }
}
