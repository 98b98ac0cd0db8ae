import VietICU
import VietNormalization
import VietText
import VietTokenization

/// Trains the segmenter's weights from gold-segmented sentences with an averaged perceptron.
///
/// Gold sentences go through the same normalizer and tokenizer as text at run time, and their
/// gaps through the same `BoundaryFeatures`, so the model learns exactly what it will see. The
/// result is deterministic: examples are shuffled by a fixed-seed generator and summed in order.
///
/// The perceptron is the averaged variant (Collins 2002; the averaging trick of Daumé III):
/// the shipped weights are the mean of the weights after every example, which keeps late,
/// noisy updates from dominating.
///
/// Data of another word convention is used through feature augmentation (Daumé III 2007,
/// "Frustratingly easy domain adaptation"): every feature has a shared weight, an in-domain
/// weight and an out-of-domain weight. An in-domain example is scored by shared + in-domain, an
/// out-of-domain one by shared + out-of-domain; the shipped model is shared + in-domain. The
/// three copies share the feature's hash slot, so the shipped model is one table of the same
/// size and the segmenter pays nothing for it.
public struct SegmenterTrainer {
  /// log2 of the model's weight slots: the trained model holds `1 << hashBits` 16-bit weights.
  public var hashBits = 20
  /// Passes over the training examples.
  public var epochs = 6
  /// Seeds the generator that shuffles the examples before each epoch: a fixed seed makes the
  /// same data give the same model bytes.
  public var seed: UInt64 = 0x5EED
  /// When N > 0, every N-th sentence of every file is also trained on in lower case, as a second
  /// example. Names and other proper nouns are learnt with their capitals, which the shape
  /// features weigh heavily; text written without them ("lý bỉnh sâm", "muay thái", "trung
  /// quốc") was then split even where the syllable pair was a known word. The copies teach the
  /// syllable features to carry such words alone. 0 trains on the sentences as they are.
  public var lowercasedCopyEvery = 0
  let lexicon: SegmentationLexicon
  let normalizer = Normalizer()
  let tokenizer = Tokenizer()

  /// A trainer whose features look words up in `lexicon`; the segmenter that runs the model
  /// should use the same lexicon, since its matches are features the weights were learnt on.
  public init(lexicon: SegmentationLexicon) { self.lexicon = lexicon }

  /// A gold sentence as the segmenter sees it.
  public struct Example: Sendable {
    var text: [UInt8]
    var tokens: [Token]
    /// For each token, whether it continues the gold word of the token before it.
    var joins: [Bool]
    /// Gold word spans in code points of the sentence text.
    var goldSpans: [Range<Int>]
    var offsets: OffsetMap
    /// Whether the sentence follows the convention of the model being trained.
    public var inDomain = true
  }

  /// The sentences of one training file, and whether they follow the model's convention.
  public struct DomainSentences: Sendable {
    /// The file they come from (for reports).
    public var file: String
    /// Whether the file follows the convention of the model being trained.
    public var inDomain: Bool
    /// The sentences trained on.
    public var sentences: [GoldSentence]
    /// How many of the file's sentences were held out.
    public var leftOut: Int

    /// - Parameters:
    ///   - file: where the sentences come from.
    ///   - inDomain: whether they follow the model's convention.
    ///   - sentences: the sentences to train on.
    ///   - leftOut: how many of the file's sentences were held out.
    public init(file: String, inDomain: Bool, sentences: [GoldSentence], leftOut: Int = 0) {
      self.file = file
      self.inDomain = inDomain
      self.sentences = sentences
      self.leftOut = leftOut
    }
  }

  /// Prepares the sentences of several files, each example marked in-domain or not.
  public func prepare(_ files: [DomainSentences], gluingFullStops: Bool = false) throws(ICUError)
    -> ([Example], PreparationReport)
  {
    var examples: [Example] = []
    var report = PreparationReport()
    for file in files {
      var (prepared, fileReport) = try prepare(
        withLowercasedCopies(file.sentences), gluingFullStops: gluingFullStops)
      for index in prepared.indices { prepared[index].inDomain = file.inDomain }
      examples += prepared
      report.sentences += fileReport.sentences
      report.tokens += fileReport.tokens
      report.unreachableJoins += fileReport.unreachableJoins
    }
    return (examples, report)
  }

  /// The sentences, followed by a lower-case copy of every `lowercasedCopyEvery`-th of them (the
  /// `lowercasedCopyEvery`-th, the 2·`lowercasedCopyEvery`-th, …); the sentences alone when it is 0.
  public func withLowercasedCopies(_ sentences: [GoldSentence]) -> [GoldSentence] {
    guard lowercasedCopyEvery > 0 else { return sentences }
    return sentences
      + sentences.indices.filter { $0 % lowercasedCopyEvery == lowercasedCopyEvery - 1 }.map {
        sentences[$0].lowercased()
      }
  }

  /// Counts of what preparing examples found.
  public struct PreparationReport: Sendable {
    /// Gold sentences prepared.
    public var sentences = 0
    /// Tokens over all prepared sentences.
    public var tokens = 0
    /// Gold joins the segmenter can never make: across punctuation that is not glued inside a word.
    public var unreachableJoins = 0
  }

  /// Normalizes and tokenizes gold sentences and labels each token gap.
  ///
  /// Gold corpora set every punctuation mark off by spaces, but real text glues the full stop to
  /// the last word ("quốc gia."), while initials and abbreviations keep theirs ("TP.", "H.").
  /// With `gluingFullStops`, every other sentence that ends in " ." is given as "….", so the
  /// model learns both.
  public func prepare(_ sentences: [GoldSentence], gluingFullStops: Bool = false) throws(ICUError)
    -> ([Example], PreparationReport)
  {
    var examples: [Example] = []
    var report = PreparationReport()
    var features = BoundaryFeatures()
    for (sentenceIndex, sentence) in sentences.enumerated() {
      var raw: [UInt8] = []
      var spans: [Range<Int>] = []
      var codePoints = 0
      let glueLast =
        gluingFullStops && sentenceIndex % 2 == 1 && sentence.words.count >= 2
        && sentence.words.last == ["."]
        && sentence.words[sentence.words.count - 2].last?.last?.isLetter == true
      for (index, word) in sentence.words.enumerated() {
        if index > 0 && !(glueLast && index == sentence.words.count - 1) {
          raw.append(0x20)
          codePoints += 1
        }
        let start = codePoints
        for (position, syllable) in word.enumerated() {
          if position > 0 {
            raw.append(0x20)
            codePoints += 1
          }
          raw += syllable.utf8
          codePoints += syllable.unicodeScalars.count
        }
        spans.append(start..<codePoints)
      }
      let output = try normalizer.normalize(validUTF8: raw)
      let tokens = output.bytes.withUnsafeBufferPointer { tokenizer.tokens(in: $0) }
      guard !tokens.isEmpty else { continue }
      // The gold word holding each token's first code point.
      var joins = [Bool](repeating: false, count: tokens.count)
      var wordIndex = 0
      var previousWord = -1
      for (index, token) in tokens.enumerated() {
        let start = output.offsets.originalStart(token.start)
        while wordIndex + 1 < spans.count, spans[wordIndex].upperBound <= start { wordIndex += 1 }
        joins[index] = index > 0 && wordIndex == previousWord
        previousWord = wordIndex
      }
      output.bytes.withUnsafeBufferPointer { features.load($0, tokens[...], lexicon: lexicon) }
      for gap in 1..<max(1, tokens.count) where joins[gap] && features.isForcedBoundary(gap) {
        report.unreachableJoins += 1
      }
      report.sentences += 1
      report.tokens += tokens.count
      examples.append(
        Example(
          text: output.bytes, tokens: tokens, joins: joins, goldSpans: spans,
          offsets: output.offsets))
    }
    return (examples, report)
  }

  /// Trains a model; `afterEpoch` sees each epoch's averaged model (to watch a development set).
  public func train(
    _ examples: [Example], description: String,
    afterEpoch: (Int, SegmenterModel) -> Void = { _, _ in }
  ) -> SegmenterModel {
    let size = 1 << hashBits
    let shift = UInt64(64 - hashBits)
    // Shared, in-domain and out-of-domain weights of each slot, side by side.
    var weights = [Float](repeating: 0, count: 3 * size)
    // Σ over updates of (time of update × change): averaged = weights − totals / time.
    var timedTotals = [Double](repeating: 0, count: 3 * size)
    var time = 1.0
    var order = Array(examples.indices)
    var generator = SplitMix(state: seed)
    var features = BoundaryFeatures()
    var hashes = [UInt64](repeating: 0, count: BoundaryFeatures.templateCount)
    var model = SegmenterModel(
      hashBits: hashBits, weights: [Int16](repeating: 0, count: size), description: description)
    for epoch in 1...max(1, epochs) {
      // Fisher–Yates with a fixed seed: the same data gives the same model.
      for index in stride(from: order.count - 1, to: 0, by: -1) {
        order.swapAt(index, Int(generator.next() % UInt64(index + 1)))
      }
      for exampleIndex in order {
        let example = examples[exampleIndex]
        let domain = example.inDomain ? 1 : 2
        example.text.withUnsafeBufferPointer {
          features.load($0, example.tokens[...], lexicon: lexicon)
        }
        // Decoded greedily, as the segmenter does: the previous gap's feature is the model's own
        // decision, not the gold one, so training sees the mistakes it will have to live with.
        var predictedJoin = false
        for gap in 1..<max(1, example.tokens.count) {
          let previousJoins = predictedJoin
          predictedJoin = false
          if features.isForcedBoundary(gap) { continue }
          hashes.withUnsafeMutableBufferPointer {
            features.features(at: gap, previousJoins: previousJoins, into: $0.baseAddress!)
          }
          var score: Float = 0
          for hash in hashes {
            let slot = 3 * Int(hash >> shift)
            score += weights[slot] + weights[slot + domain]
          }
          predictedJoin = score > 0
          let gold = example.joins[gap]
          if predictedJoin != gold {
            let change: Float = gold ? 1 : -1
            for hash in hashes {
              let slot = 3 * Int(hash >> shift)
              weights[slot] += change
              timedTotals[slot] += time * Double(change)
              weights[slot + domain] += change
              timedTotals[slot + domain] += time * Double(change)
            }
          }
          time += 1
        }
      }
      model = quantized(weights, timedTotals, time, description)
      afterEpoch(epoch, model)
    }
    return model
  }

  /// The averaged shared + in-domain weights, scaled into 16 bits.
  private func quantized(
    _ weights: [Float], _ timedTotals: [Double], _ time: Double, _ description: String
  )
    -> SegmenterModel
  {
    let size = weights.count / 3
    var averaged = [Double](repeating: 0, count: size)
    var largest = 0.0
    for index in 0..<size {
      let shared = Double(weights[3 * index]) - timedTotals[3 * index] / time
      let own = Double(weights[3 * index + 1]) - timedTotals[3 * index + 1] / time
      averaged[index] = shared + own
      largest = max(largest, abs(averaged[index]))
    }
    // Twenty-four weights are summed per gap; the scale keeps every sum inside Int32 with room.
    let scale = largest == 0 ? 1 : 32_000 / largest
    let quantized = averaged.map { Int16(($0 * scale).rounded()) }
    return SegmenterModel(hashBits: hashBits, weights: quantized, description: description)
  }

  /// Scores a segmenter on prepared examples.
  public static func evaluate(_ segmenter: WordSegmenter, on examples: [Example])
    -> SegmentationScore
  {
    var score = SegmentationScore()
    for example in examples {
      let words = segmenter.words(
        in: example.text, tokens: example.tokens, range: 0..<example.tokens.count)
      let system = words.map { word in
        example.offsets.originalStart(
          example.tokens[word.tokens.lowerBound].start)..<example.offsets.originalEnd(
            example.tokens[word.tokens.upperBound - 1].end)
      }
      score.add(gold: example.goldSpans, system: system)
    }
    return score
  }
}

/// A small deterministic generator (SplitMix64), so training does not depend on the platform's
/// random source.
struct SplitMix: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return mix(state &- 0x9E37_79B9_7F4A_7C15)
  }
}
