import Foundation
import VietDocuments
import VietSegmentation
import VitextCommandSupport

/// One `vitext bench` run: vitext's stages (and Python peers) over a corpus and gold files,
/// measured in this process, one thread. The command only turns options into a `StageBenchmark`.
package struct StageBenchmark {
  /// The stages to time, each from raw bytes.
  package var stages: [BenchStage]
  /// Text files, folders, `.jsonl` or `.jsonl.gz` (empty: `Corpus/` in the working folder).
  package var corpusPaths: [String] = []
  /// Gold word segmentations to score and time as datasets of their own.
  package var goldPaths: [String] = []
  /// The segmenter model for the corpus; gold sets are scored under both, this one first.
  package var convention: SegmentationConvention = .ud
  /// Python segmenters run on the same units (`PeerSegmenter.known`).
  package var peers: [String] = []
  /// The Python that has the peers installed.
  package var python = "python3"
  /// Timed repetitions after the warm-up.
  package var repetitions = 5
  /// Only the first this many MB of the corpus (nil: all; 2 when peers run).
  package var maxMB: Double?
  /// Also time one stage at 1, 4, 16 and 64 MB of input.
  package var scaling = false

  /// A run of `stages` with the defaults above; set the other properties before `run`.
  package init(stages: [BenchStage]) { self.stages = stages }

  /// Runs every measurement; `progress` receives one line before each.
  package func run(progress: (String) -> Void) throws -> BenchReport {
    let peerRunners = peers.map { PeerSegmenter(system: $0, python: python) }
    var datasets = [try loadCorpus(limitMB: maxMB ?? (peerRunners.isEmpty ? nil : 2))]
    for gold in goldPaths {
      guard let data = FileManager.default.contents(atPath: gold) else {
        throw CLIError.unreadable(path: gold, reason: "no such file or not readable")
      }
      let sentences = try GoldSentence.read([UInt8](data), name: gold)
      datasets.append(
        BenchDataset(
          name: (gold as NSString).lastPathComponent, units: sentences.map { Array($0.text.utf8) },
          gold: sentences))
    }
    let vitextStages = VitextStages()
    var results: [BenchResult] = []
    var notes: [String] = []
    for dataset in datasets {
      let syllables = try vitextStages.syllables(in: dataset)
      for stage in stages {
        // Gold sets are scored under both conventions, the chosen one first (peers' ratios use it).
        let conventions =
          stage == .segment && dataset.gold != nil
          ? [convention] + SegmentationConvention.allCases.filter { $0 != convention }
          : [convention]
        for convention in conventions {
          progress("bench: \(stage.rawValue) on \(dataset.name) (\(formatBytes(dataset.bytes)))…")
          results.append(
            try vitextStages.measure(
              stage, on: dataset, repetitions: repetitions, syllables: syllables,
              convention: convention))
        }
      }
      if stages.contains(.segment) || stages == [.tokenize] {
        for peer in peerRunners {
          progress("bench: \(peer.system) on \(dataset.name)…")
          switch try peer.measure(on: dataset, repetitions: repetitions, syllables: syllables) {
          case .measured(let result): results.append(result)
          case .missing(let message):
            if !notes.contains(message) { notes.append(message) }
          }
        }
      }
    }
    var scalingPoints: [ScalingPoint] = []
    if scaling {
      let scaled = stages.contains(.tokenize) || stages.count > 1 ? BenchStage.tokenize : stages[0]
      scalingPoints = try measureScaling(
        scaled, base: datasets[0], using: vitextStages, progress: progress)
    }
    return BenchReport(results: results, scaling: scalingPoints, notes: notes)
  }

  /// The corpus as one dataset of documents, cut at `limitMB` when given.
  private func loadCorpus(limitMB: Double?) throws -> BenchDataset {
    var paths = corpusPaths
    if paths.isEmpty {
      guard FileManager.default.fileExists(atPath: "Corpus") else {
        throw CLIError.unreadable(
          path: "Corpus", reason: "no corpus given and no Corpus/ folder here: use --corpus PATH")
      }
      paths = ["Corpus"]
    }
    var units: [[UInt8]] = []
    var bytes = 0
    let limit = limitMB.map { Int($0 * 1e6) }
    try CorpusReader(
      paths: paths, policy: JSONLinesDocuments.Policy(maxDocumentBytes: Int.max),
      readsHeaders: false
    ).forEach { document, _ in
      if let limit, bytes >= limit { return }
      units.append(document.text)
      bytes += document.text.count
    }
    guard !units.isEmpty else {
      throw CLIError.unreadable(path: paths.joined(separator: " "), reason: "no documents found")
    }
    let name =
      paths.count == 1 ? (paths[0] as NSString).lastPathComponent : "\(paths.count) sources"
    return BenchDataset(
      name: limit == nil ? name : "\(name) (first \(formatBytes(bytes)))", units: units, gold: nil)
  }

  private func measureScaling(
    _ stage: BenchStage, base: BenchDataset, using stages: VitextStages, progress: (String) -> Void
  ) throws -> [ScalingPoint] {
    var points: [ScalingPoint] = []
    for megabytes in [1, 4, 16, 64] {
      var units: [[UInt8]] = []
      var bytes = 0
      while bytes < megabytes * 1_000_000 {
        for unit in base.units where bytes < megabytes * 1_000_000 {
          units.append(unit)
          bytes += unit.count
        }
      }
      progress("bench: scaling \(stage.rawValue) at \(megabytes) MB…")
      let dataset = BenchDataset(name: "\(megabytes) MB", units: units, gold: nil)
      let result = try stages.measure(
        stage, on: dataset, repetitions: megabytes >= 16 ? 3 : repetitions, syllables: 0,
        convention: convention)
      points.append(
        ScalingPoint(
          stage: stage, bytes: bytes, megabytesPerSecond: result.megabytesPerSecond,
          peakMemoryBytes: result.peakMemoryBytes))
    }
    return points
  }
}

/// One stage's throughput at one input size (`vitext bench --scaling`).
struct ScalingPoint: Codable {
  var stage: BenchStage
  var bytes: Int
  var megabytesPerSecond: Double
  var peakMemoryBytes: Int?
}
