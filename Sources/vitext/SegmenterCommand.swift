import ArgumentParser
import Foundation
import VietSegmentation
import VietText

struct SegmenterCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "segmenter",
    abstract: "Train or inspect the word segmenter's model.",
    subcommands: [Train.self, Evaluate.self])

  struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Train a segmenter model from gold-segmented sentences.",
      discussion: """
        Reads gold files in CoNLL-U (.conllu), BIO (syllable<TAB>B_W|I_W|O), word/TAG or `_`-joined form (detected per file), trains an averaged perceptron over the same features the segmenter uses, and writes the model. The same data and options always give the same bytes.

        Sentences that also occur in a --dev file are left out of training, so the development figure stays honest.

        The shipped model (Sources/VietSegmentation/Resources/segmenter.model) was built with:
          vitext segmenter train --data ../shared/data/segmentation/vi_vtb-ud-train.conllu \\
            --data ../shared/data/segmentation/vtb-pyvi-pos.txt \\
            --data ../shared/data/segmentation/vlsp2013-train-sample.txt \\
            --data ../shared/data/segmentation/uts-ws-sample-bio.txt \\
            --dev ../shared/data/segmentation/vi_vtb-ud-dev.conllu \\
            --out Sources/VietSegmentation/Resources/segmenter.model
        """)

    @Option(name: .customLong("data"), help: "A gold file to train on (repeat the option for several).")
    var dataFiles: [String]

    @Option(name: .customLong("dev"), help: "A gold file to report F1 on after each epoch (not trained on).")
    var developmentFiles: [String] = []

    @Option(help: "Where to write the model.")
    var out: String

    @Option(help: "Passes over the training data.")
    var epochs = 6

    @Option(help: "log2 of the number of weights (the model file is 2^bits × 2 bytes).")
    var hashBits = 20

    func validate() throws {
      guard (10...24).contains(hashBits) else { throw ValidationError("--hash-bits must be between 10 and 24") }
      guard (1...100).contains(epochs) else { throw ValidationError("--epochs must be between 1 and 100") }
    }

    func run() throws {
      try reportingErrors {
        let lexicon = try WordSegmenter.bundledLexicon()
        var trainer = SegmenterTrainer(lexicon: lexicon)
        trainer.epochs = epochs
        trainer.hashBits = hashBits
        let development = try readGoldFiles(developmentFiles)
        let held = Set(development.flatMap(\.sentences).map(\.text))
        var training: [GoldSentence] = []
        var names: [String] = []
        for (name, sentences) in try readGoldFiles(dataFiles) {
          let kept = sentences.filter { !held.contains($0.text) }
          note("\(name): " + JSONLines.count(sentences.count, "sentence") + ", \(sentences.count - kept.count) left out (in --dev)")
          training += kept
          names.append((name as NSString).lastPathComponent)
        }
        let (examples, report) = try trainer.prepare(training, gluingFullStops: true)
        note("training on " + JSONLines.count(report.sentences, "sentence") + ", " + JSONLines.count(report.tokens, "token") + "; " + JSONLines.count(report.unreachableJoins, "gold join") + (report.unreachableJoins == 1 ? " crosses" : " cross") + " punctuation, which never joins")
        let (devExamples, _) = try trainer.prepare(development.flatMap(\.sentences))
        let description =
          "averaged perceptron, \(epochs) epochs, 2^\(hashBits) weights; trained on \(names.joined(separator: ", ")); lexicons \(WordSegmenter.bundledLexiconNames.joined(separator: ", "))"
        let model = trainer.train(examples, description: description) { epoch, model in
          if devExamples.isEmpty {
            note("epoch \(epoch)")
          } else {
            let score = SegmenterTrainer.evaluate(WordSegmenter(model: model, lexicon: lexicon), on: devExamples)
            note("epoch \(epoch): dev F1 \(percent(score.f1)) (P \(percent(score.precision)), R \(percent(score.recall)))")
          }
        }
        guard FileManager.default.createFile(atPath: out, contents: Data(model.serialized())) else {
          throw CLIError.unwritable(path: out)
        }
        note("wrote \(out): \(model.nonZeroWeights) non-zero weights of \(1 << hashBits)")
      }
    }
  }

  struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Score the segmenter on gold files (precision, recall, F1 over word spans, as seg_eval.py).")

    @Argument(help: "Gold files (CoNLL-U, BIO, word/TAG or `_`-joined).")
    var files: [String]

    @Option(help: "A model file instead of the shipped one.")
    var model: String?

    func run() throws {
      try reportingErrors {
        let lexicon = try WordSegmenter.bundledLexicon()
        let segmenter =
          try model.map { path in
            WordSegmenter(model: try SegmenterModel(bytes: try readFile(path), resource: path), lexicon: lexicon)
          } ?? WordSegmenter.bundled()
        let trainer = SegmenterTrainer(lexicon: lexicon)
        for (name, sentences) in try readGoldFiles(files) {
          let (examples, _) = try trainer.prepare(sentences)
          let score = SegmenterTrainer.evaluate(segmenter, on: examples)
          print(
            "\(name)\tsentences \(sentences.count)\tgold \(score.goldWords)\tsystem \(score.systemWords)\tcorrect \(score.correctWords)\tP \(percent(score.precision))\tR \(percent(score.recall))\tF1 \(percent(score.f1))"
          )
        }
      }
    }
  }
}

private func readGoldFiles(_ paths: [String]) throws -> [(name: String, sentences: [GoldSentence])] {
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
