import ArgumentParser
import Foundation
import VietSegmentation
import VietText
import VitextCommandSupport

extension SegmentationConvention: ExpressibleByArgument {}

/// `--convention`, shared by `tokenize`, `segmenter` and `bench`.
struct ConventionOption: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Word convention: ud (Universal Dependencies VTB, the default) or vlsp (VLSP 2013, as pyvi, underthesea and VnCoreNLP).",
      discussion: "vlsp joins compounds and names that ud splits (người_dân, Nguyễn_Trãi)."))
  var convention: SegmentationConvention = .ud
}

struct SegmenterCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "segmenter",
    abstract: "Train or inspect the word segmenter's models.",
    subcommands: [Train.self, Evaluate.self, DevelopmentSet.self])

  struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Train a segmenter model from gold-segmented sentences.",
      discussion: """
        Without --data, trains the shipped model of --convention from its recipe: the gold files of ../shared/data/segmentation (--data-dir), the model's own convention in-domain and the other as out-of-domain data (feature augmentation), development sentences held out. The same data and options always give the same bytes. The shipped models were built with:
          vitext segmenter train --convention ud --out Sources/VietSegmentation/Resources/segmenter-ud.model
          vitext segmenter train --convention vlsp --out Sources/VietSegmentation/Resources/segmenter-vlsp.model

        With --data, trains on those files instead (CoNLL-U, BIO, word/TAG or `_`-joined, detected per file), --other-data as out-of-domain; sentences that also occur in a --dev file are left out of training.
        """)

    @OptionGroup var convention: ConventionOption

    @Option(help: "The folder of the recipe's gold files.")
    var dataDir = "../shared/data/segmentation"

    @Option(
      name: .customLong("data"),
      help: "A gold file of the model's convention to train on instead of the recipe (repeatable).")
    var dataFiles: [String] = []

    @Option(
      name: .customLong("other-data"),
      help: "A gold file of another convention, with --data (repeatable).")
    var otherDataFiles: [String] = []

    @Option(
      name: .customLong("dev"),
      help: "A gold file to report F1 on after each epoch, with --data (not trained on).")
    var developmentFiles: [String] = []

    @Option(help: "Where to write the model.")
    var out: String

    @Option(help: "Passes over the training data (default: the recipe's, 6).")
    var epochs: Int?

    @Option(
      help:
        "log2 of the number of weights; the model file is 2^bits × 2 bytes (default: the recipe's, 20)."
    )
    var hashBits: Int?

    @Option(
      help:
        "The seed of the training order's shuffle (default 24301, the shipped models'); other seeds show how much dev F1 moves by chance."
    )
    var seed: UInt64?

    @Option(
      help: "Also train on every N-th sentence in lower case (default: the recipe's; 0: none).")
    var lowercasedCopyEvery: Int?

    func validate() throws {
      if let lowercasedCopyEvery, lowercasedCopyEvery < 0 {
        throw ValidationError("--lowercased-copy-every must be 0 or more")
      }
      if let hashBits, !(10...24).contains(hashBits) {
        throw ValidationError("--hash-bits must be between 10 and 24")
      }
      if let epochs, !(1...100).contains(epochs) {
        throw ValidationError("--epochs must be between 1 and 100")
      }
      if dataFiles.isEmpty && !(otherDataFiles.isEmpty && developmentFiles.isEmpty) {
        throw ValidationError(
          "--other-data and --dev go with --data; without --data the recipe names the files")
      }
    }

    func run() throws {
      try reportingErrors {
        let lexicon = try WordSegmenter.bundledLexicon()
        var recipe = SegmenterRecipe.shipped(convention.convention)
        recipe.epochs = epochs ?? recipe.epochs
        recipe.hashBits = hashBits ?? recipe.hashBits
        recipe.lowercasedCopyEvery = lowercasedCopyEvery ?? recipe.lowercasedCopyEvery
        var trainer = recipe.trainer(lexicon: lexicon)
        trainer.seed = seed ?? trainer.seed
        let training: [SegmenterTrainer.DomainSentences]
        let development: [GoldSentence]
        let description: String
        if dataFiles.isEmpty {
          (training, development) = try recipe.load { name in
            try readFile((dataDir as NSString).appendingPathComponent(name))
          }
          description = recipe.description
        } else {
          development = try readGoldFiles(developmentFiles).flatMap(\.sentences)
          let held = Set(development.map(\.text))
          let files =
            try readGoldFiles(dataFiles).map { ($0, true) }
            + readGoldFiles(otherDataFiles).map { ($0, false) }
          training = files.map { file, inDomain in
            let kept = file.sentences.filter { !held.contains($0.text) }
            return SegmenterTrainer.DomainSentences(
              file: (file.name as NSString).lastPathComponent, inDomain: inDomain, sentences: kept,
              leftOut: file.sentences.count - kept.count)
          }
          description =
            "\(convention.convention.rawValue) convention; averaged perceptron, \(recipe.epochs) epochs, 2^\(recipe.hashBits) weights; "
            + (recipe.lowercasedCopyEvery > 0
              ? "every \(recipe.lowercasedCopyEvery)th sentence also in lower case; " : "")
            + "in-domain "
            + training.filter(\.inDomain).map(\.file).joined(separator: ", ")
            + "; other conventions "
            + training.filter { !$0.inDomain }.map(\.file).joined(separator: ", ")
        }
        for file in training {
          note(
            "\(file.file): " + JSONLines.count(file.sentences.count, "sentence")
              + " (\(file.inDomain ? "in-domain" : "other convention")), \(file.leftOut) held out")
        }
        let (examples, report) = try trainer.prepare(training, gluingFullStops: true)
        note(
          "training on " + JSONLines.count(report.sentences, "sentence") + ", "
            + JSONLines.count(report.tokens, "token") + "; "
            + JSONLines.count(report.unreachableJoins, "gold join")
            + (report.unreachableJoins == 1 ? " crosses" : " cross")
            + " punctuation, which never joins")
        let (devExamples, _) = try trainer.prepare(development)
        let model = trainer.train(examples, description: description) { epoch, model in
          if devExamples.isEmpty {
            note("epoch \(epoch)")
          } else {
            let score = SegmenterTrainer.evaluate(
              WordSegmenter(model: model, lexicon: lexicon), on: devExamples)
            note(
              "epoch \(epoch): dev F1 \(percent(score.f1)) (P \(percent(score.precision)), R \(percent(score.recall)))"
            )
          }
        }
        guard FileManager.default.createFile(atPath: out, contents: Data(model.serialized())) else {
          throw CLIError.unwritable(path: out)
        }
        note("wrote \(out): \(model.nonZeroWeights) non-zero weights of \(1 << recipe.hashBits)")
      }
    }
  }

  struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Score the segmenter on gold files (precision, recall, F1 over word spans, as seg_eval.py).",
      discussion: """
        Without files, scores the convention's development set (UD VTB dev for ud; every 10th sentence of the VLSP 2013 training sample for vlsp) from --data-dir.
          vitext segmenter evaluate --convention vlsp
        """)

    @Argument(help: "Gold files (CoNLL-U, BIO, word/TAG or `_`-joined).")
    var files: [String] = []

    @OptionGroup var convention: ConventionOption

    @Option(help: "The folder of the development sets' gold files, when no file is named.")
    var dataDir = "../shared/data/segmentation"

    @Option(help: "A model file instead of the shipped one.")
    var model: String?

    func run() throws {
      try reportingErrors {
        let lexicon = try WordSegmenter.bundledLexicon()
        let segmenter =
          try model.map { path in
            WordSegmenter(
              model: try SegmenterModel(bytes: try readFile(path), resource: path), lexicon: lexicon
            )
          } ?? WordSegmenter.bundled(convention.convention)
        let trainer = SegmenterTrainer(lexicon: lexicon)
        let sets =
          files.isEmpty
          ? [try developmentSet(convention.convention, dataDir: dataDir)] : try readGoldFiles(files)
        for (name, sentences) in sets {
          let (examples, _) = try trainer.prepare(sentences)
          let score = SegmenterTrainer.evaluate(segmenter, on: examples)
          print(
            "\(name)\tsentences \(sentences.count)\tgold \(score.goldWords)\tsystem \(score.systemWords)\tcorrect \(score.correctWords)\tP \(percent(score.precision))\tR \(percent(score.recall))\tF1 \(percent(score.f1))"
          )
        }
      }
    }
  }

  struct DevelopmentSet: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "dev-set",
      abstract:
        "Print a convention's development set as CoNLL-U (for seg_eval.py and bench --gold).",
      discussion: """
        ud: UD VTB dev as it is. vlsp: every 10th sentence of the VLSP 2013 training sample (0-based lines 9, 19, …; 299 of 2,995), which the vlsp model never trains on.
          vitext segmenter dev-set --convention vlsp > vlsp-dev.conllu
          python3 ../shared/tools/seg_eval.py text vlsp-dev.conllu | vitext tokenize --words --lines --convention vlsp > out.txt
          python3 ../shared/tools/seg_eval.py score vlsp-dev.conllu out.txt
        """)

    @OptionGroup var convention: ConventionOption

    @Option(help: "The folder of the recipe's gold files.")
    var dataDir = "../shared/data/segmentation"

    func run() throws {
      let out = OutputWriter()
      defer { out.flush() }
      try reportingErrors {
        for sentence in try developmentSet(convention.convention, dataDir: dataDir).sentences {
          for (index, word) in sentence.words.enumerated() {
            out.write("\(index + 1)\t\(word.joined(separator: " "))\t_\t_\t_\t_\t_\t_\t_\t_\n")
          }
          out.write("\n")
        }
      }
    }
  }
}

/// The development set of a convention's recipe, read from `dataDir`.
private func developmentSet(_ convention: SegmentationConvention, dataDir: String) throws -> (
  name: String, sentences: [GoldSentence]
) {
  let set = SegmenterRecipe.shipped(convention).development
  let path = (dataDir as NSString).appendingPathComponent(set.file)
  return (set.label, set.sentences(of: try GoldSentence.read(try readFile(path), name: path)))
}

private func readGoldFiles(_ paths: [String]) throws -> [(name: String, sentences: [GoldSentence])]
{
  try paths.map { path in (path, try GoldSentence.read(try readFile(path), name: path)) }
}

func readFile(_ path: String) throws -> [UInt8] {
  guard let data = FileManager.default.contents(atPath: path) else {
    throw CLIError.unreadable(path: path, reason: "no such file or not readable")
  }
  return [UInt8](data)
}

private func percent(_ value: Double) -> String {
  let hundredths = Int((value * 10_000).rounded())
  return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
}
