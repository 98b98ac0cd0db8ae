/// What a shipped segmenter model is trained on, and how: the data files, which of them follow
/// the model's convention, the development set and the training options. `vitext segmenter
/// train --convention X` follows `SegmenterRecipe.shipped(X)`, and a test rebuilds each shipped
/// model from its recipe and compares the bytes.
///
/// Files of the model's own convention are *in-domain*; the others are still used, through
/// feature augmentation (`SegmenterTrainer`): what the conventions share is learnt from all
/// of them, what they disagree on only from the model's own.
public struct SegmenterRecipe: Sendable, Hashable {
  /// The convention the model follows.
  public var convention: SegmentationConvention
  /// Gold files of the model's convention (names inside the data folder).
  public var inDomainFiles: [String]
  /// Gold files of another convention.
  public var outOfDomainFiles: [String]
  /// The development set: never trained on.
  public var development: DevelopmentSet
  /// Sentences of these held-out sets are left out of training too, so that every development
  /// figure vitext reports stays honest whichever model it is measured on.
  public var alsoHeldOut: [DevelopmentSet]
  /// Passes over the training data (`SegmenterTrainer.epochs`).
  public var epochs: Int
  /// log2 of the model's weight slots (`SegmenterTrainer.hashBits`): the model holds
  /// `1 << hashBits` weights.
  public var hashBits: Int
  /// Every N-th training sentence is also trained on in lower case (0: none); see
  /// `SegmenterTrainer.lowercasedCopyEvery`.
  public var lowercasedCopyEvery = 0

  /// A development set: a whole gold file, or every `every`-th sentence of one (the 10th, 20th, …;
  /// 0-based indices `every-1`, `2·every-1`, …), whose other sentences may be trained on.
  public struct DevelopmentSet: Sendable, Hashable {
    /// The gold file, inside the data folder.
    public var file: String
    /// 1 for the whole file; 10 holds out one sentence in ten.
    public var every: Int

    /// - Parameters:
    ///   - file: the gold file's name inside the data folder.
    ///   - every: 1 for the whole file, N for every N-th sentence.
    public init(file: String, every: Int = 1) {
      precondition(every >= 1, "a development set holds out at least every sentence in `every`")
      self.file = file
      self.every = every
    }

    /// Whether sentence `index` (0-based, in file order) of `file` belongs to the set.
    public func contains(index: Int) -> Bool { index % every == every - 1 }

    /// The held-out sentences of the file's sentences.
    public func sentences(of all: [GoldSentence]) -> [GoldSentence] {
      all.indices.filter(contains(index:)).map { all[$0] }
    }

    /// A short description, e.g. "every 10th sentence of vlsp2013-train-sample.txt".
    public var label: String { every == 1 ? file : "every \(every)th sentence of \(file)" }
  }

  /// The recipe of the shipped model of a convention.
  public static func shipped(_ convention: SegmentationConvention) -> SegmenterRecipe {
    let universal = DevelopmentSet(file: "vi_vtb-ud-dev.conllu")
    // VLSP 2013's own test set is not in ../shared; one sentence in ten of its training sample
    // (299 of 2,995) serves as the VLSP-style development set.
    let vlsp = DevelopmentSet(file: "vlsp2013-train-sample.txt", every: 10)
    // UD VTB was converted from the Viet Treebank, so the Treebank copy counts as UD-style: as
    // in-domain it moved UD dev F1 from 97.51 to 97.66; the BIO sample as in-domain lowered it to
    // 97.49. For VLSP the Treebank copy as in-domain data scored 98.72 against 98.60 without.
    switch convention {
    case .ud:
      return SegmenterRecipe(
        convention: .ud, inDomainFiles: ["vi_vtb-ud-train.conllu", "vtb-pyvi-pos.txt"],
        outOfDomainFiles: ["vlsp2013-train-sample.txt", "uts-ws-sample-bio.txt"],
        development: universal, alsoHeldOut: [vlsp], epochs: 8, hashBits: 20, lowercasedCopyEvery: 4
      )
    case .vlsp:
      return SegmenterRecipe(
        convention: .vlsp,
        inDomainFiles: ["vlsp2013-train-sample.txt", "vtb-pyvi-pos.txt", "uts-ws-sample-bio.txt"],
        outOfDomainFiles: ["vi_vtb-ud-train.conllu"],
        development: vlsp, alsoHeldOut: [universal], epochs: 8, hashBits: 20, lowercasedCopyEvery: 4
      )
    }
  }

  /// A trainer set up with the recipe's options.
  public func trainer(lexicon: SegmentationLexicon) -> SegmenterTrainer {
    var trainer = SegmenterTrainer(lexicon: lexicon)
    trainer.epochs = epochs
    trainer.hashBits = hashBits
    trainer.lowercasedCopyEvery = lowercasedCopyEvery
    return trainer
  }

  /// The training and development sentences, read through `read` (a file name in the data
  /// folder → its bytes): the algorithm never opens files itself.
  ///
  /// Training leaves out every sentence of a held-out set, by position in its own file and, in
  /// the other files, by text (2 UD train and 9 Viet Treebank sentences are also in UD dev).
  ///
  /// - Throws: what `read` throws, and `TableFormatError` for a malformed gold file.
  public func load(_ read: (String) throws -> [UInt8]) throws -> (
    training: [SegmenterTrainer.DomainSentences], development: [GoldSentence]
  ) {
    var cache: [String: [GoldSentence]] = [:]
    func sentences(_ file: String) throws -> [GoldSentence] {
      if let cached = cache[file] { return cached }
      let read = try GoldSentence.read(try read(file), name: file)
      cache[file] = read
      return read
    }
    let heldOutSets = [development] + alsoHeldOut
    var heldTexts = Set<String>()
    for set in heldOutSets {
      heldTexts.formUnion(set.sentences(of: try sentences(set.file)).map(\.text))
    }
    var training: [SegmenterTrainer.DomainSentences] = []
    for (file, inDomain) in inDomainFiles.map({ ($0, true) })
      + outOfDomainFiles.map({ ($0, false) })
    {
      let all = try sentences(file)
      let sets = heldOutSets.filter { $0.file == file }
      let kept = all.indices.filter { index in
        !sets.contains { $0.contains(index: index) } && !heldTexts.contains(all[index].text)
      }.map { all[$0] }
      training.append(
        SegmenterTrainer.DomainSentences(
          file: file, inDomain: inDomain, sentences: kept, leftOut: all.count - kept.count))
    }
    return (training, development.sentences(of: try sentences(development.file)))
  }

  /// The model's description: what it was trained on and how (stored in the model file).
  public var description: String {
    "\(convention.rawValue) convention; averaged perceptron, \(epochs) epochs, 2^\(hashBits) weights; "
      + (lowercasedCopyEvery > 0
        ? "every \(lowercasedCopyEvery)th sentence also in lower case; " : "") + "in-domain "
      + inDomainFiles.joined(separator: ", ") + "; other conventions "
      + outOfDomainFiles.joined(separator: ", ")
      + "; held out " + ([development] + alsoHeldOut).map(\.label).joined(separator: ", ")
  }
}
