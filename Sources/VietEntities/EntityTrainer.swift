import VietICU
import VietText

/// Trains the entity tagger's learned layer (`EntitySequenceModel`) from gold documents with an
/// averaged structured perceptron, and measures whether it helps.
///
/// Gold documents go through the same normalizer, tokenizer and rules as text at run time, and
/// their tokens through the same `EntityFeatures`, so the model learns from exactly what it will
/// see, rule proposals included. Each region is decoded with Viterbi under the current weights;
/// when the best sequence differs from the gold one, the gold features gain and the predicted
/// ones lose (Collins 2002), and the shipped weights are the average over every region seen
/// (Daumé III's trick, as in `SegmenterTrainer`). The result is deterministic: documents are
/// shuffled by a fixed-seed generator and summed in order, so the same files give the same bytes.
public struct EntityTrainer {
  /// log2 of the feature slots: 2^16 × 5 tags (655 kB) stays in cache, and held-out F1 in 5-fold
  /// CV was no lower than with 2^17.
  public var hashBits = 16
  /// Passes over the data; F1 levels off after 8–12 in 5-fold CV.
  public var epochs = 10
  /// Seeds the generator that shuffles the examples before each epoch: a fixed seed makes the
  /// same gold files give the same model bytes.
  public var seed: UInt64 = 0xE7_7171
  /// The rules alone, whose proposals are features.
  let rules: EntityTagger

  /// A trainer whose rules read `lexicon`; the learned layer it trains sits on those rules.
  public init(lexicon: EntityLexicon) { rules = EntityTagger(lexicon: lexicon, model: nil) }

  /// A gold document as the learned layer sees it.
  public struct Example: Sendable {
    let features: EntityFeatures
    /// The gold tag of every token (outside regions: always outside).
    let gold: [UInt8]
  }

  /// Counts of what preparing examples found.
  public struct PreparationReport: Sendable {
    /// Gold documents prepared.
    public var documents = 0
    /// Tokens over all prepared documents.
    public var tokens = 0
    /// Tokens in regions, the ones the model tags.
    public var regionTokens = 0
    /// Gold OFFICIAL and UNIT spans, and those the model cannot produce: a boundary inside a
    /// token, or a token outside every region.
    public var goldSpans = 0
    /// The gold spans the model cannot produce (see `goldSpans`).
    public var unreachableSpans = 0
  }

  /// Normalizes, tokenizes and tags gold documents with the rules, and labels their tokens.
  ///
  /// - Throws: `ICUError` if ICU fails to normalize.
  public func prepare(_ documents: [EntityGoldDocument]) throws(ICUError) -> (
    [Example], PreparationReport
  ) {
    var report = PreparationReport()
    var examples: [Example] = []
    for document in documents {
      let nfc = try ICU.normalize(Array(document.text.utf8), to: .nfc)
      let normalized = try rules.normalizer.normalize(validUTF8: nfc)
      let tokens = normalized.bytes.withUnsafeBufferPointer { rules.tokenizer.tokens(in: $0) }
      let text = TaggedText(bytes: normalized.bytes, tokens: tokens)
      // The rules' entities, back to token ranges (their offsets are token offsets).
      var tokenAtStart: [Int: Int] = [:]
      var tokenAtEnd: [Int: Int] = [:]
      for (index, token) in tokens.enumerated() {
        tokenAtStart[token.start] = index
        tokenAtEnd[token.end] = index
      }
      let proposals = rules.entities(inNormalized: normalized.bytes, tokens: tokens).compactMap {
        entity -> RuleSpan? in
        guard let first = tokenAtStart[entity.start], let last = tokenAtEnd[entity.end] else {
          return nil
        }
        return RuleSpan(tokens: first..<last + 1, label: entity.label)
      }
      let features = EntityFeatures(text: text, rules: proposals, lexicon: rules.lexicon)
      var inRegion = [Bool](repeating: false, count: tokens.count)
      for region in features.regions { for index in region { inRegion[index] = true } }

      // Gold spans in code points of the NFC text; tokens map back to them through the offsets.
      let starts = tokens.map { normalized.offsets.originalStart($0.start) }
      let ends = tokens.map { normalized.offsets.originalEnd($0.end) }
      var gold = [UInt8](repeating: 0, count: tokens.count)
      for span in document.entities {
        let label: EntityLabel
        switch span.label {
        case EntityLabel.official.rawValue: label = .official
        case EntityLabel.unit.rawValue: label = .unit
        default: continue
        }
        report.goldSpans += 1
        let covered = tokens.indices.filter { starts[$0] >= span.start && ends[$0] <= span.end }
        guard let first = covered.first, let last = covered.last, starts[first] == span.start,
          ends[last] == span.end,
          covered.allSatisfy({ inRegion[$0] })
        else {
          report.unreachableSpans += 1
          continue
        }
        gold[first] = UInt8(
          label == .official ? EntityTag.beginOfficial.rawValue : EntityTag.beginUnit.rawValue)
        for index in first + 1..<last + 1 {
          gold[index] = UInt8(
            label == .official ? EntityTag.insideOfficial.rawValue : EntityTag.insideUnit.rawValue)
        }
      }
      report.documents += 1
      report.tokens += tokens.count
      report.regionTokens += features.regions.reduce(0) { $0 + $1.count }
      examples.append(Example(features: features, gold: gold))
    }
    return (examples, report)
  }

  /// Trains a model on prepared examples.
  public func train(_ examples: [Example], description: String) -> EntitySequenceModel {
    let tagCount = EntityTag.count
    let size = (1 << hashBits) * tagCount
    let shift = UInt64(64 - hashBits)
    var weights = [Double](repeating: 0, count: size)
    var transitions = [Double](repeating: 0, count: (tagCount + 1) * tagCount)
    // Σ over updates of (time of update × change): averaged = weights − totals / time.
    var timedTotals = [Double](repeating: 0, count: size)
    var timedTransitions = [Double](repeating: 0, count: transitions.count)
    var time = 1.0
    var order = Array(examples.indices)
    var generator = EntitySplitMix(state: seed)
    var scratch = ViterbiScratch()
    var hashes = [UInt64](repeating: 0, count: EntityFeatures.templateCount)
    var slots: [Int] = []
    var predicted: [UInt8] = []
    for _ in 1...max(1, epochs) {
      // Fisher–Yates with a fixed seed: the same data gives the same model.
      for index in stride(from: order.count - 1, to: 0, by: -1) {
        order.swapAt(index, Int(generator.next() % UInt64(index + 1)))
      }
      for exampleIndex in order {
        let example = examples[exampleIndex]
        let features = example.features
        predicted = example.gold
        for region in features.regions {
          scratch.reset(count: region.count)
          slots.removeAll(keepingCapacity: true)
          for offset in 0..<region.count {
            hashes.withUnsafeMutableBufferPointer {
              features.features(at: region.lowerBound + offset, into: $0.baseAddress!)
            }
            for hash in hashes {
              let slot = Int(truncatingIfNeeded: hash >> shift) * tagCount
              slots.append(slot)
              for tag in 0..<tagCount {
                scratch.emissions[offset * tagCount + tag] += weights[slot + tag]
              }
            }
          }
          scratch.decode(region, transitions: transitions, into: &predicted)
          var previousGold = tagCount
          var previousPredicted = tagCount
          for offset in 0..<region.count {
            let goldTag = Int(example.gold[region.lowerBound + offset])
            let predictedTag = Int(predicted[region.lowerBound + offset])
            if goldTag != predictedTag {
              for feature in 0..<EntityFeatures.templateCount {
                let slot = slots[offset * EntityFeatures.templateCount + feature]
                weights[slot + goldTag] += 1
                timedTotals[slot + goldTag] += time
                weights[slot + predictedTag] -= 1
                timedTotals[slot + predictedTag] -= time
              }
            }
            if goldTag != predictedTag || previousGold != previousPredicted {
              transitions[previousGold * tagCount + goldTag] += 1
              timedTransitions[previousGold * tagCount + goldTag] += time
              transitions[previousPredicted * tagCount + predictedTag] -= 1
              timedTransitions[previousPredicted * tagCount + predictedTag] -= time
            }
            previousGold = goldTag
            previousPredicted = predictedTag
          }
          time += 1
        }
      }
    }
    // The averaged weights, scaled into 16 bits.
    let averaged = zip(weights, timedTotals).map { $0 - $1 / time }
    let averagedTransitions = zip(transitions, timedTransitions).map { $0 - $1 / time }
    let largest = max(averaged.map(abs).max() ?? 0, averagedTransitions.map(abs).max() ?? 0)
    // 22 features and a transition are summed per tag; the scale keeps every sum far inside Int32.
    let scale = largest == 0 ? 1 : 32_000 / largest
    return EntitySequenceModel(
      hashBits: hashBits, emissions: averaged.map { Int16(($0 * scale).rounded()) },
      transitions: averagedTransitions.map { Int16(($0 * scale).rounded()) },
      description: description)
  }

  /// Scores a tagger on gold documents (exact spans, every label).
  ///
  /// - Throws: `ICUError` if ICU fails to normalize.
  public static func evaluate(_ tagger: EntityTagger, on documents: [EntityGoldDocument])
    throws(ICUError) -> EntityScore
  {
    var score = EntityScore()
    for document in documents {
      score.add(
        gold: document.entities, system: try tagger.entities(inUTF8: Array(document.text.utf8)))
    }
    return score
  }

  /// k-fold cross-validation: document `i` is held out in fold `i % folds`; each fold's model
  /// is trained on the other folds (and on `extra`, which is never scored) and scored on the
  /// held documents, beside the rules alone on the same documents. Counts are summed over folds.
  ///
  /// - Throws: `ICUError` if ICU fails to normalize.
  public func crossValidate(
    _ documents: [EntityGoldDocument], folds: Int, extra: [EntityGoldDocument] = []
  )
    throws(ICUError) -> (rules: EntityScore, model: EntityScore)
  {
    precondition(folds >= 2, "cross-validation needs two folds or more")
    let groups = (0..<folds).map { fold in
      documents.indices.filter { $0 % folds == fold }.map { documents[$0] }
    }
    let scores = try crossValidate(groups: groups, extra: extra)
    return scores.reduce(into: (EntityScore(), EntityScore())) {
      $0.0.merge($1.rules)
      $0.1.merge($1.model)
    }
  }

  /// Leave-one-group-out cross-validation: each group of documents (one annotator's files, say)
  /// is held out in turn, scored by a model trained on every other group (and on `extra`, which
  /// is never scored) and by the rules alone. Groups written by different people from different
  /// sources say more about text never seen than folds that split one annotator's documents.
  ///
  /// - Returns: the scores of each held-out group, in the order of `groups`.
  /// - Throws: `ICUError` if ICU fails to normalize.
  public func crossValidate(groups: [[EntityGoldDocument]], extra: [EntityGoldDocument] = [])
    throws(ICUError) -> [(rules: EntityScore, model: EntityScore)]
  {
    precondition(groups.count >= 2, "cross-validation needs two groups or more")
    var prepared: [[Example]] = []
    for group in groups { prepared.append(try prepare(group).0) }
    let (extraExamples, _) = try prepare(extra)
    var scores: [(rules: EntityScore, model: EntityScore)] = []
    for (held, documents) in groups.enumerated() {
      let training = prepared.indices.filter { $0 != held }.flatMap { prepared[$0] } + extraExamples
      let model = train(training, description: "without group \(held)")
      scores.append(
        (
          try Self.evaluate(rules, on: documents),
          try Self.evaluate(EntityTagger(lexicon: rules.lexicon, model: model), on: documents)
        ))
    }
    return scores
  }
}

/// A small deterministic generator (SplitMix64), so training does not depend on the platform's
/// random source.
struct EntitySplitMix: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return entityMix(state)
  }
}
