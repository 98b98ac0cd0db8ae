import ArgumentParser
import Foundation
import VietEntities
import VitextCommandSupport

/// `vitext entities train`: the learned layer's model from gold files.
struct EntitiesTrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train the entity tagger's learned layer (OFFICIAL and UNIT spans) from gold files.",
    discussion: """
      Reads gold JSON Lines files ({"id", "text", "entities": [{"start", "end", "label", …}]}, code-point offsets into NFC text, as ner_eval.py reads them), runs the rules over every document, and trains an averaged structured perceptron over BIO tags for OFFICIAL and UNIT whose features include the rules' proposals. The same files and options always give the same bytes.

      --folds K first reports k-fold cross-validation over the documents (document i held out in fold i mod K), rules alone and rules with the learned layer, per label (exact spans). --cv-by-annotator instead holds out one annotator's files at a time: files whose names end in the same "-PREFIX.jsonl" (train-ga.jsonl and train2-ga.jsonl are annotator ga) form one group.

      The shipped model (Sources/VietEntities/Resources/entities.model) is rebuilt with the command in Sources/VietEntities/Resources/README.md.
      """)

  @Option(
    name: .customLong("data"), help: "A gold file to train on (repeat the option for several).")
  var dataFiles: [String]

  @Option(
    name: .customLong("cv-extra"),
    help:
      "With --folds or --cv-by-annotator: a gold file added to every fold's training, never scored (does it help?)."
  )
  var extraFiles: [String] = []

  @Option(help: "Where to write the model (omit to cross-validate only).")
  var out: String?

  @Option(help: "Cross-validate over this many folds first (0: no).")
  var folds = 0

  @Flag(
    help:
      "Cross-validate by leaving out one annotator's files at a time (the part of the name after its last '-')."
  )
  var cvByAnnotator = false

  @Option(help: "Passes over the training data.")
  var epochs = 10

  @Option(help: "log2 of the number of feature slots (the model file is 2^bits × 10 bytes).")
  var hashBits = 16

  func validate() throws {
    guard (10...22).contains(hashBits) else {
      throw ValidationError("--hash-bits must be between 10 and 22")
    }
    guard (1...100).contains(epochs) else {
      throw ValidationError("--epochs must be between 1 and 100")
    }
    guard folds == 0 || (2...50).contains(folds) else {
      throw ValidationError("--folds must be 0 or between 2 and 50")
    }
    guard folds == 0 || !cvByAnnotator else {
      throw ValidationError("give --folds or --cv-by-annotator, not both")
    }
    guard out != nil || folds > 0 || cvByAnnotator else {
      throw ValidationError("give --out, --folds, --cv-by-annotator or both")
    }
  }

  func run() throws {
    try reportingErrors {
      var trainer = EntityTrainer(lexicon: try EntityLexicon.bundled())
      trainer.epochs = epochs
      trainer.hashBits = hashBits
      var documents: [EntityGoldDocument] = []
      var names: [String] = []
      var groups: [(annotator: String, documents: [EntityGoldDocument])] = []
      for path in dataFiles {
        let read = try EntityGoldDocument.read(try readFile(path), name: path)
        note("\(path): " + JSONLines.count(read.count, "document"))
        documents += read
        let name = (path as NSString).lastPathComponent
        names.append(name)
        let annotator = String(
          (name as NSString).deletingPathExtension.split(separator: "-").last ?? "")
        if let index = groups.firstIndex(where: { $0.annotator == annotator }) {
          groups[index].documents += read
        } else {
          groups.append((annotator, read))
        }
      }
      if folds > 0 {
        let extra = try extraFiles.flatMap { path in
          try EntityGoldDocument.read(try readFile(path), name: path)
        }
        let (rules, model) = try trainer.crossValidate(documents, folds: folds, extra: extra)
        print(
          "# \(folds)-fold cross-validation over " + JSONLines.count(documents.count, "document")
            + " (+ \(extra.count) in every training fold), exact spans")
        print("## rules alone\n" + rules.table)
        print("## rules + learned layer\n" + model.table)
      }
      if cvByAnnotator {
        guard groups.count >= 2 else {
          throw ValidationError("--cv-by-annotator needs files of two annotators or more")
        }
        let extra = try extraFiles.flatMap { path in
          try EntityGoldDocument.read(try readFile(path), name: path)
        }
        let scores = try trainer.crossValidate(groups: groups.map(\.documents), extra: extra)
        var rules = EntityScore()
        var model = EntityScore()
        for (group, score) in zip(groups, scores) {
          print("# held out: annotator \(group.annotator), \(group.documents.count) documents")
          print("## rules alone\n" + score.rules.table)
          print("## rules + learned layer\n" + score.model.table)
          rules.merge(score.rules)
          model.merge(score.model)
        }
        print(
          "# leave-one-annotator-out over \(documents.count) documents in \(groups.count) groups (+ \(extra.count) in every training fold), exact spans, summed"
        )
        print("## rules alone\n" + rules.table)
        print("## rules + learned layer\n" + model.table)
      }
      guard let out else { return }
      let (examples, report) = try trainer.prepare(documents)
      note(
        "training on " + JSONLines.count(report.documents, "document") + ", "
          + JSONLines.count(report.tokens, "token")
          + " (\(report.regionTokens) in regions); \(report.unreachableSpans) of \(report.goldSpans) gold OFFICIAL/UNIT spans out of reach"
      )
      let description =
        "averaged structured perceptron, BIO over OFFICIAL and UNIT, \(epochs) epochs, 2^\(hashBits) slots; trained on \(names.joined(separator: ", "))"
      let model = trainer.train(examples, description: description)
      guard FileManager.default.createFile(atPath: out, contents: Data(model.serialized())) else {
        throw CLIError.unwritable(path: out)
      }
      note("wrote \(out): \(model.nonZeroWeights) non-zero weights of \((1 << hashBits) * 5)")
    }
  }
}

/// `vitext entities evaluate`: exact-span precision, recall and F1 per label, as ner_eval.py.
struct EntitiesEvaluateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "evaluate",
    abstract: "Score the entity tagger on gold files (exact spans per label, as ner_eval.py).",
    discussion: """
      Prints, for each file, the exact-span table ner_eval.py prints: gold, system and correct counts, precision, recall and F1 per label and micro-averaged.

      Examples:
        vitext entities evaluate Tests/EntityGold/heldout2-ha.jsonl
        vitext entities evaluate --rules-only Tests/EntityGold/heldout2-ha.jsonl
        vitext entities evaluate --model my.model Tests/EntityGold/heldout2-ha.jsonl
      """)

  @Argument(help: "Gold JSON Lines files.")
  var files: [String]

  @Option(help: "A model file instead of the shipped tagger's.")
  var model: String?

  @Flag(help: "The rules alone, without the learned layer.")
  var rulesOnly = false

  func run() throws {
    try reportingErrors {
      var tagger = try EntityTagger.bundled()
      if rulesOnly { tagger.model = nil }
      if let model {
        tagger.model = try EntitySequenceModel(bytes: try readFile(model), resource: model)
      }
      for path in files {
        let documents = try EntityGoldDocument.read(try readFile(path), name: path)
        let score = try EntityTrainer.evaluate(tagger, on: documents)
        print("# \(path): " + JSONLines.count(documents.count, "document") + ", exact span match")
        print(score.table)
      }
    }
  }
}
