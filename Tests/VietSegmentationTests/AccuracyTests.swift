import Foundation
import Testing
import VietSegmentation
import VietTestSupport

/// Gold data from `../shared/data/segmentation` (skipped with a note on a user's clone).
func goldSentences(_ name: String) throws -> [GoldSentence]? {
  guard let url = try TestData.shared("data/segmentation/\(name)") else { return nil }
  return try GoldSentence.read([UInt8](try Data(contentsOf: url)), name: name)
}

/// A shipped recipe's files, read from `../shared/data/segmentation`; nil (skipped with a note)
/// when it is absent.
func recipeData(_ recipe: SegmenterRecipe) throws -> (
  training: [SegmenterTrainer.DomainSentences], development: [GoldSentence]
)? {
  guard let folder = try TestData.shared("data/segmentation") else { return nil }
  return try recipe.load { name in
    [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
  }
}

@Suite struct SegmentationAccuracyTests {
  /// Development F1 of each shipped model when it was trained (97.94 on UD VTB dev, 98.80 on the
  /// VLSP-style dev set); this fails on a drop of more than 0.3. The gold word counts pin the sets.
  @Test(arguments: [
    (SegmentationConvention.ud, 26_162, 0.9764),
    (SegmentationConvention.vlsp, 6_178, 0.9850),
  ])
  func developmentF1StaysAtTheShippedFigure(
    _ convention: SegmentationConvention, _ goldWords: Int, _ floor: Double
  )
    throws
  {
    guard let (_, development) = try recipeData(.shipped(convention)) else { return }
    let segmenter = try WordSegmenter.bundled(convention)
    let (examples, _) = try SegmenterTrainer(lexicon: segmenter.lexicon).prepare(development)
    let score = SegmenterTrainer.evaluate(segmenter, on: examples)
    #expect(score.goldWords == goldWords)
    #expect(score.f1 >= floor, "\(convention) dev F1 \(score.f1)")
  }

  /// Each convention's model beats the other's on its own development set (UD dev: 97.94 against
  /// 97.65; VLSP dev: 98.80 against 98.59): the models differ where the conventions do.
  @Test(arguments: SegmentationConvention.allCases)
  func eachModelWinsOnItsOwnConvention(_ convention: SegmentationConvention) throws {
    guard let (_, development) = try recipeData(.shipped(convention)) else { return }
    let lexicon = try WordSegmenter.bundledLexicon()
    let (examples, _) = try SegmenterTrainer(lexicon: lexicon).prepare(development)
    let own = SegmenterTrainer.evaluate(try WordSegmenter.bundled(convention), on: examples)
    for other in SegmentationConvention.allCases where other != convention {
      let theirs = SegmenterTrainer.evaluate(try WordSegmenter.bundled(other), on: examples)
      #expect(
        own.correctWords > theirs.correctWords || own.f1 > theirs.f1,
        "\(convention): \(own.f1) vs \(other): \(theirs.f1)")
    }
  }

  /// The VLSP-style development set is every 10th sentence of the VLSP 2013 training sample, and
  /// none of its sentences is trained on (by position, nor as the same text in another file).
  @Test func heldOutSentencesAreNeverTrainedOn() throws {
    for convention in SegmentationConvention.allCases {
      let recipe = SegmenterRecipe.shipped(convention)
      guard let (training, development) = try recipeData(recipe) else { return }
      let held = Set(
        ([recipe.development] + recipe.alsoHeldOut).flatMap { set in
          (try? goldSentences(set.file)).flatMap { $0.map(set.sentences(of:)) } ?? []
        }.map(\.text))
      #expect(!held.isEmpty)
      for file in training {
        #expect(file.sentences.allSatisfy { !held.contains($0.text) }, "\(file.file)")
      }
      if convention == .vlsp { #expect(development.count == 299) }
    }
  }

  /// Both shipped models are rebuilt byte for byte from their recipes (about 30 s of CPU each in
  /// a debug build).
  @Test(arguments: SegmentationConvention.allCases)
  func shippedModelEqualsARebuild(_ convention: SegmentationConvention) throws {
    let recipe = SegmenterRecipe.shipped(convention)
    guard let (training, _) = try recipeData(recipe) else { return }
    let trainer = recipe.trainer(lexicon: try WordSegmenter.bundledLexicon())
    let (examples, _) = try trainer.prepare(training, gluingFullStops: true)
    let rebuilt = trainer.train(examples, description: recipe.description).serialized()
    let shipped = [UInt8](
      try Data(
        contentsOf: TestData.packageRoot.appendingPathComponent(
          "Sources/VietSegmentation/Resources/\(convention.modelResourceName)")))
    #expect(rebuilt == shipped, "retrain: see Sources/VietSegmentation/Resources/README.md")
  }

  @Test func trainingIsDeterministicAndLearns() throws {
    guard let train = try goldSentences("vi_vtb-ud-train.conllu"),
      let dev = try goldSentences("vi_vtb-ud-dev.conllu")
    else { return }
    let lexicon = try WordSegmenter.bundledLexicon()
    var trainer = SegmenterTrainer(lexicon: lexicon)
    trainer.hashBits = 16
    trainer.epochs = 2
    let (examples, _) = try trainer.prepare(Array(train.prefix(400)), gluingFullStops: true)
    let first = trainer.train(examples, description: "test")
    let second = trainer.train(examples, description: "test")
    #expect(first.serialized() == second.serialized())
    let (devExamples, _) = try trainer.prepare(Array(dev.prefix(300)))
    let learned = SegmenterTrainer.evaluate(
      WordSegmenter(model: first, lexicon: lexicon), on: devExamples)
    // Splitting every syllable scores about 80 here; 400 sentences already teach far more.
    #expect(learned.f1 > 0.93, "F1 \(learned.f1)")
  }

  /// `lowercasedCopyEvery` adds a lower-case copy of every N-th sentence of each file, labelled
  /// like the original, and leaves the originals as they are.
  @Test func lowercasedCopiesAreAddedPerFile() throws {
    let sentences = [
      GoldSentence(words: [
        ["Đoàn"], ["đại", "biểu"], ["Trung", "Quốc"], ["sang"], ["thăm"], ["Việt", "Nam"],
      ]),
      GoldSentence(words: [["Bà"], ["Trần", "Thị", "Mai"], ["dẫn", "đầu"], ["."]]),
      GoldSentence(words: [["Ông"], ["Lộc"], ["nói"], ["."]]),
    ]
    var trainer = SegmenterTrainer(lexicon: try WordSegmenter.bundledLexicon())
    #expect(trainer.withLowercasedCopies(sentences) == sentences)
    trainer.lowercasedCopyEvery = 2
    let copied = trainer.withLowercasedCopies(sentences)
    #expect(copied.count == 4)
    #expect(Array(copied.prefix(3)) == sentences)
    #expect(copied[3].words == [["bà"], ["trần", "thị", "mai"], ["dẫn", "đầu"], ["."]])
    #expect(copied[3].text.utf8.count == sentences[1].text.utf8.count)
    // Per file: each of the two files gets its own copy.
    let file = SegmenterTrainer.DomainSentences(file: "test", inDomain: true, sentences: sentences)
    let (_, report) = try trainer.prepare([file, file])
    #expect(report.sentences == 8)
  }

  /// Marking a file as another convention changes what is learnt from it: its sentences train
  /// the shared weights but not the model's own, so the model differs from one trained on the
  /// same sentences all taken as in-domain.
  @Test func outOfDomainDataIsWeighedApart() throws {
    guard let universal = try goldSentences("vi_vtb-ud-train.conllu"),
      let vlsp = try goldSentences("vlsp2013-train-sample.txt")
    else { return }
    let lexicon = try WordSegmenter.bundledLexicon()
    var trainer = SegmenterTrainer(lexicon: lexicon)
    trainer.hashBits = 16
    trainer.epochs = 1
    let own = SegmenterTrainer.DomainSentences(
      file: "ud", inDomain: true, sentences: Array(universal.prefix(200)))
    let other = Array(vlsp.prefix(200))
    let (apart, _) = try trainer.prepare([
      own, .init(file: "vlsp", inDomain: false, sentences: other),
    ])
    let (together, _) = try trainer.prepare([
      own, .init(file: "vlsp", inDomain: true, sentences: other),
    ])
    let apartModel = trainer.train(apart, description: "test")
    #expect(apartModel.serialized() != trainer.train(together, description: "test").serialized())
    #expect(apartModel.nonZeroWeights > 1_000)
  }
}
