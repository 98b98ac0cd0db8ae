import ArgumentParser
import Foundation
import StageBenchmarks
import VietSegmentation
import VitextCommandSupport

struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract:
      "Measure vitext's stages (and other segmenters) on your text: speed, memory, accuracy.",
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

  @Option(
    parsing: .upToNextOption, help: "Text files, folders, .jsonl or .jsonl.gz (default: Corpus/).")
  var corpus: [String] = []

  @Option(
    help:
      "Gold word segmentation (CoNLL-U, BIO, word/TAG or _-joined lines) to score and time (repeatable)."
  )
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

  @Flag(
    help:
      "Also time the stage at 1, 4, 16 and 64 MB of input (the corpus repeated) to show linear cost."
  )
  var scaling = false

  @Option(help: "Write the results as JSON to this file.")
  var json: String?

  @Option(help: "Write an SVG chart (throughput, F1, scaling) to this file.")
  var plot: String?

  enum StageChoice: String, ExpressibleByArgument, CaseIterable {
    case normalize, tokenize, segment, entities, all
  }

  func validate() throws {
    guard (1...1000).contains(repetitions) else { throw ValidationError("--repeat must be 1…1000") }
    if let compare {
      for peer in compare.split(separator: ",") where !PeerSegmenter.known.contains(String(peer)) {
        throw ValidationError(
          "unknown peer '\(peer)': choose from \(PeerSegmenter.known.joined(separator: ", "))")
      }
    }
  }

  func run() throws {
    let out = OutputWriter()
    defer { out.flush() }
    try reportingErrors {
      var benchmark = StageBenchmark(
        stages: stage == .all ? BenchStage.allCases : [BenchStage(rawValue: stage.rawValue)!])
      benchmark.corpusPaths = corpus
      benchmark.goldPaths = gold
      benchmark.convention = convention.convention
      benchmark.peers = (compare ?? "").split(separator: ",").map(String.init)
      benchmark.python = python
      benchmark.repetitions = repetitions
      benchmark.maxMB = maxMB
      benchmark.scaling = scaling
      let report = try benchmark.run(progress: note)
      out.write(report.table())
      for message in report.notes { note(message) }
      if let json { try report.json().write(to: URL(fileURLWithPath: json)) }
      if let plot { try Data(report.svg().utf8).write(to: URL(fileURLWithPath: plot)) }
    }
  }
}
