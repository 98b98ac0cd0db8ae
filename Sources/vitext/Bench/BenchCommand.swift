import VietDocuments
import ArgumentParser
import Foundation
import VietSegmentation
import VietText

struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Measure vitext's stages (and other segmenters) on your text: speed, memory, accuracy.",
    discussion: """
      Each stage runs from raw bytes on one thread: normalize; tokenize (normalize + tokenize); segment (… + word segmentation); entities (… + entity tagging). After a warm-up pass, every stage is timed --repeat times; the table gives the median MB/s with the slowest–fastest spread, syllables/s and words/s at the median, the stage's peak resident memory, and the time to load its tables apart from the run time.

      --gold scores word segmentation (precision, recall, F1 over word spans, as ../shared/tools/seg_eval.py scores) on the gold file's sentences, which are also timed as a dataset of their own; the option repeats, and each gold file is segmented with both conventions' models (ud and vlsp rows), the --convention one first. `vitext segmenter dev-set --convention vlsp > vlsp-dev.conllu` writes the VLSP-style development set. --convention (ud, the default, or vlsp) also chooses the model for the corpus. --compare runs peers on the same units in the same run through Python (pip install pyvi underthesea; a missing one is named, not fatal) and adds the ratio vitext/peer; with --compare the corpus is cut to --max-mb (default 2 MB), since the peers run at a fraction of a megabyte a second.

      Examples:
        vitext bench tokenize
        vitext bench segment --gold vi_vtb-ud-dev.conllu --gold vlsp-dev.conllu
        vitext bench segment --compare pyvi,underthesea   # peers on the corpus
        vitext bench tokenize --plot bench.svg        # also an SVG chart
        vitext bench all --corpus reports/ --json bench.json --scaling
      """)

  @Argument(help: "normalize, tokenize, segment, entities or all.")
  var stage: StageChoice = .all

  @Option(parsing: .upToNextOption, help: "Text files, folders, .jsonl or .jsonl.gz (default: Corpus/).")
  var corpus: [String] = []

  @Option(help: "Gold word segmentation (CoNLL-U, BIO, word/TAG or _-joined lines) to score and time (repeatable).")
  var gold: [String] = []

  @OptionGroup var convention: ConventionOption

  @Option(help: "Peers to run on the same input: pyvi, underthesea (comma-separated).")
  var compare: String?

  @Option(help: "The Python that has the peers installed.")
  var python = "python3"

  @Option(name: .customLong("repeat"), help: "Timed repetitions after the warm-up.")
  var repetitions = 5

  @Option(help: "Use only the first N MB of the corpus (default: all; 2 with --compare).")
  var maxMB: Double?

  @Flag(help: "Also time the stage at 1, 4, 16 and 64 MB of input (the corpus repeated) to show linear cost.")
  var scaling = false

  @Option(help: "Write the results as JSON to this file.")
  var json: String?

  @Option(help: "Write an SVG chart (throughput, F1, scaling) to this file.")
  var plot: String?

  enum StageChoice: String, ExpressibleByArgument, CaseIterable { case normalize, tokenize, segment, entities, all }

  func validate() throws {
    guard (1...1000).contains(repetitions) else { throw ValidationError("--repeat must be 1…1000") }
    if let compare {
      for peer in compare.split(separator: ",") where !PeerSegmenter.known.contains(String(peer)) {
        throw ValidationError("unknown peer '\(peer)': choose from \(PeerSegmenter.known.joined(separator: ", "))")
      }
    }
  }

  func run() throws {
    let out = OutputWriter()
    defer { out.flush() }
    try reportingErrors {
      let stages: [BenchStage] = stage == .all ? BenchStage.allCases : [BenchStage(rawValue: stage.rawValue)!]
      let peers = (compare ?? "").split(separator: ",").map { PeerSegmenter(system: String($0), python: python) }
      var datasets = [try loadCorpus(limitMB: maxMB ?? (peers.isEmpty ? nil : 2))]
      for gold in gold {
        let sentences = try GoldSentence.read(try readFile(gold), name: gold)
        datasets.append(BenchDataset(name: (gold as NSString).lastPathComponent, units: sentences.map { Array($0.text.utf8) }, gold: sentences))
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
            ? [convention.convention] + SegmentationConvention.allCases.filter { $0 != convention.convention }
            : [convention.convention]
          for convention in conventions {
            note("bench: \(stage.rawValue) on \(dataset.name) (\(formatBytes(dataset.bytes)))…")
            results.append(
              try vitextStages.measure(
                stage, on: dataset, repetitions: repetitions, syllables: syllables, convention: convention))
          }
        }
        if stages.contains(.segment) || stage == .tokenize {
          for peer in peers {
            note("bench: \(peer.system) on \(dataset.name)…")
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
        scalingPoints = try measureScaling(scaled, base: datasets[0], using: vitextStages)
      }
      let report = BenchReport(results: results, scaling: scalingPoints, notes: notes)
      out.write(report.table())
      for message in notes { note(message) }
      if let json { try report.json().write(to: URL(fileURLWithPath: json)) }
      if let plot { try Data(report.svg().utf8).write(to: URL(fileURLWithPath: plot)) }
    }
  }

  /// The corpus as one dataset of documents, cut at `limitMB` when given.
  private func loadCorpus(limitMB: Double?) throws -> BenchDataset {
    var paths = corpus
    if paths.isEmpty {
      guard FileManager.default.fileExists(atPath: "Corpus") else {
        throw CLIError.unreadable(path: "Corpus", reason: "no corpus given and no Corpus/ folder here: use --corpus PATH")
      }
      paths = ["Corpus"]
    }
    var units: [[UInt8]] = []
    var bytes = 0
    let limit = limitMB.map { Int($0 * 1e6) }
    try CorpusReader(paths: paths, policy: JSONLinesDocuments.Policy(maxDocumentBytes: Int.max), readsHeaders: false).forEach { document, _ in
      if let limit, bytes >= limit { return }
      units.append(document.text)
      bytes += document.text.count
    }
    guard !units.isEmpty else { throw CLIError.unreadable(path: paths.joined(separator: " "), reason: "no documents found") }
    let name = paths.count == 1 ? (paths[0] as NSString).lastPathComponent : "\(paths.count) sources"
    return BenchDataset(name: limit == nil ? name : "\(name) (first \(formatBytes(bytes)))", units: units, gold: nil)
  }

  private func measureScaling(_ stage: BenchStage, base: BenchDataset, using stages: VitextStages) throws -> [ScalingPoint] {
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
      note("bench: scaling \(stage.rawValue) at \(megabytes) MB…")
      let dataset = BenchDataset(name: "\(megabytes) MB", units: units, gold: nil)
      let result = try stages.measure(
        stage, on: dataset, repetitions: megabytes >= 16 ? 3 : repetitions, syllables: 0, convention: convention.convention)
      points.append(ScalingPoint(stage: stage, bytes: bytes, megabytesPerSecond: result.megabytesPerSecond, peakMemoryBytes: result.peakMemoryBytes))
    }
    return points
  }
}

struct ScalingPoint: Codable {
  var stage: BenchStage
  var bytes: Int
  var megabytesPerSecond: Double
  var peakMemoryBytes: Int?
}
