import Foundation
import VietEntities
import VietNormalization
import VietSegmentation
import VietText
import VietTokenization

/// A stage `vitext bench` measures; each one includes the stages before it, from raw bytes.
package enum BenchStage: String, CaseIterable, Codable {
  case normalize, tokenize, segment, entities
}

/// Text to measure on: units (documents, or sentences of a gold file) as UTF-8.
struct BenchDataset {
  var name: String
  var units: [[UInt8]]
  /// Gold segmentation of the units, one sentence each (for F1).
  var gold: [GoldSentence]?
  var bytes: Int { units.reduce(0) { $0 + $1.count } }
}

/// One system on one dataset and stage: the figures of a table row.
struct BenchResult: Codable {
  var dataset: String
  var system: String
  var stage: BenchStage
  var bytes: Int
  var syllables: Int
  var words: Int?
  /// Seconds per timed repetition (after one warm-up).
  var seconds: [Double]
  var loadSeconds: Double
  var peakMemoryBytes: Int?
  var precision: Double?
  var recall: Double?
  var f1: Double?
  /// The word convention of a vitext segmentation row (ud or vlsp).
  var convention: String?

  var medianSeconds: Double { seconds.sorted()[seconds.count / 2] }
  var megabytesPerSecond: Double { Double(bytes) / 1e6 / medianSeconds }
  /// Fastest and slowest repetition, as MB/s.
  var spread: (Double, Double) {
    (Double(bytes) / 1e6 / seconds.max()!, Double(bytes) / 1e6 / seconds.min()!)
  }
  var syllablesPerSecond: Double { Double(syllables) / medianSeconds }
  var wordsPerSecond: Double? { words.map { Double($0) / medianSeconds } }
}

/// Runs vitext's own stages in this process, single-threaded.
struct VitextStages {
  let normalizer = Normalizer()
  let tokenizer = Tokenizer()

  /// Measures `stage` over `dataset`: one warm-up, then `repetitions` timed passes; writes the
  /// segmentation of the last pass when the dataset has gold sentences. `convention` chooses the
  /// segmenter's model.
  func measure(
    _ stage: BenchStage, on dataset: BenchDataset, repetitions: Int, syllables: Int,
    convention: SegmentationConvention = .ud
  ) throws -> BenchResult {
    let loadStarted = Date()
    var segmenter: WordSegmenter?
    var tagger: EntityTagger?
    switch stage {
    case .segment: segmenter = try WordSegmenter.loadBundled(convention)
    case .entities:
      // The tagger as shipped: rules and the learned layer (set VITEXT_RULES_ONLY=1 to time the rules alone).
      let rulesOnly = ProcessInfo.processInfo.environment["VITEXT_RULES_ONLY"] == "1"
      tagger = EntityTagger(
        lexicon: try EntityLexicon.load(),
        model: rulesOnly ? nil : try EntitySequenceModel.bundled())
    default: break
    }
    let load = Date().timeIntervalSince(loadStarted)
    PeakMemory.reset()
    var words = 0
    var lines: [String] = []
    func pass(keepOutput: Bool) throws {
      words = 0
      lines.removeAll(keepingCapacity: true)
      for unit in dataset.units {
        let normalized = try normalizer.normalize(validUTF8: unit).bytes
        if stage == .normalize { continue }
        if stage == .entities, let tagger {
          let tokens = normalized.withUnsafeBufferPointer { tokenizer.tokens(in: $0) }
          words += tagger.entities(inNormalized: normalized, tokens: tokens).count
          continue
        }
        if stage == .tokenize {
          words += normalized.withUnsafeBufferPointer { tokenizer.tokens(in: $0) }.count
          continue
        }
        guard let segmenter else { continue }
        // A gold sentence is one sentence (no splitting, as `tokenize --lines`); a document
        // is split into sentences first.
        let tokens: [Token]
        let found: [Word]
        if dataset.gold != nil {
          tokens = normalized.withUnsafeBufferPointer { tokenizer.tokens(in: $0) }
          found = segmenter.words(in: normalized, tokens: tokens, range: 0..<tokens.count)
        } else {
          let result = try tokenizer.tokenize(normalized)
          tokens = result.tokens
          found = segmenter.words(in: normalized, tokens: tokens, sentences: result.sentences)
        }
        words += found.count
        if keepOutput {
          lines.append(
            found.map { word in
              tokens[word.tokens].map { $0.string(in: normalized) }.joined(separator: "_")
            }
            .joined(separator: " "))
        }
      }
    }
    try pass(keepOutput: false)
    var seconds: [Double] = []
    for number in 0..<repetitions {
      let started = Date()
      try pass(keepOutput: number == repetitions - 1 && dataset.gold != nil && stage == .segment)
      seconds.append(Date().timeIntervalSince(started))
    }
    var result = BenchResult(
      dataset: dataset.name, system: "vitext", stage: stage, bytes: dataset.bytes,
      syllables: syllables,
      words: stage == .segment ? words : nil, seconds: seconds, loadSeconds: load,
      peakMemoryBytes: PeakMemory.current(),
      convention: stage == .segment ? convention.rawValue : nil)
    if let gold = dataset.gold, stage == .segment {
      let score = try SegmentationScorer().score(gold: gold, systemLines: lines)
      (result.precision, result.recall, result.f1) = (score.precision, score.recall, score.f1)
    }
    return result
  }

  /// Syllable tokens of a dataset (the common measure of every system's syllables/s).
  func syllables(in dataset: BenchDataset) throws -> Int {
    var count = 0
    for unit in dataset.units {
      let normalized = try normalizer.normalize(validUTF8: unit).bytes
      count += normalized.withUnsafeBufferPointer { tokenizer.tokens(in: $0) }.reduce(0) {
        $0 + ($1.kind == .syllable ? 1 : 0)
      }
    }
    return count
  }
}

/// The process's peak resident memory, reset between stages (Linux: /proc/self/clear_refs).
enum PeakMemory {
  static func reset() {
    try? Data("5".utf8).write(to: URL(fileURLWithPath: "/proc/self/clear_refs"))
  }

  /// VmHWM in bytes, or nil where /proc is not there.
  static func current() -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
      let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
    else { return nil }
    return kilobytes * 1024
  }
}
