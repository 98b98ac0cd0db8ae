import VietText

/// The weights of the entity tagger's learned layer: a first-order sequence model over BIO tags
/// for OFFICIAL and UNIT, trained as an averaged structured perceptron (`EntityTrainer`).
///
/// A token's score for a tag is the sum of its hashed features' weights for that tag (16-bit
/// weights, `1 << hashBits` slots of five tags each) plus the weight of the transition from the
/// previous token's tag; Viterbi decoding picks the best tag sequence of each region (Collins
/// 2002). Feature hashing keeps the model a flat array, as in the word segmenter's model.
///
/// File format (little-endian): the 8 bytes `VTENTMDL`, then `UInt32` format version (1), hash
/// bits, template count, tag count, the length of a UTF-8 description and the description, then
/// `(1 << hashBits) × tagCount` `Int16` emission weights and `(tagCount + 1) × tagCount` `Int16`
/// transition weights (the last row: from the start of a region).
public struct EntitySequenceModel: Sendable {
  /// log2 of the number of feature slots.
  public let hashBits: Int
  /// What the model was trained on and how.
  public let description: String
  let emissions: [Int16]
  let transitions: [Int16]

  static let magic = Array("VTENTMDL".utf8)
  static let formatVersion: UInt32 = 1

  init(hashBits: Int, emissions: [Int16], transitions: [Int16], description: String) {
    precondition(
      emissions.count == (1 << hashBits) * EntityTag.count, "one weight per slot and tag")
    precondition(
      transitions.count == (EntityTag.count + 1) * EntityTag.count, "one weight per tag pair")
    self.hashBits = hashBits
    self.emissions = emissions
    self.transitions = transitions
    self.description = description
  }

  /// The shipped model (`Resources/entities.model`), loaded once.
  ///
  /// - Throws: `TableFormatError` when the resource is missing or damaged.
  public static func bundled() throws(TableFormatError) -> EntitySequenceModel {
    try cachedBundled.get()
  }

  private static let cachedBundled = Result { () throws(TableFormatError) in
    try EntitySequenceModel(
      bytes: try BundledResource.bytes("entities.model"), resource: "entities.model")
  }

  /// Reads a model file's bytes.
  ///
  /// - Throws: `TableFormatError` when the bytes are not an entity model of this version.
  public init(bytes: [UInt8], resource: String) throws(TableFormatError) {
    var offset = 0
    func fail(_ reason: String) -> TableFormatError {
      TableFormatError(resource: resource, line: 0, reason: reason)
    }
    func read(_ count: Int) -> ArraySlice<UInt8>? {
      guard count >= 0, bytes.count - offset >= count else { return nil }
      defer { offset += count }
      return bytes[offset..<offset + count]
    }
    func readUInt32() -> UInt32? {
      guard let raw = read(4) else { return nil }
      return raw.reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }
    func readWeights(_ count: Int) -> [Int16]? {
      guard let raw = read(count * 2) else { return nil }
      let base = raw.startIndex
      return (0..<count).map {
        Int16(bitPattern: UInt16(raw[base + 2 * $0]) | UInt16(raw[base + 2 * $0 + 1]) << 8)
      }
    }
    guard read(8).map(Array.init) == Self.magic else { throw fail("not a vitext entity model") }
    guard readUInt32() == Self.formatVersion else {
      throw fail("model format version is not \(Self.formatVersion)")
    }
    guard let bits = readUInt32(), (8...24).contains(bits) else { throw fail("bad hash size") }
    guard readUInt32() == UInt32(EntityFeatures.templateCount),
      readUInt32() == UInt32(EntityTag.count)
    else {
      throw fail("model was trained with other feature templates or tags; retrain it")
    }
    guard let length = readUInt32(), let text = read(Int(length)),
      let description = String(validating: text, as: UTF8.self)
    else { throw fail("truncated description") }
    guard let emissions = readWeights((1 << Int(bits)) * EntityTag.count),
      let transitions = readWeights((EntityTag.count + 1) * EntityTag.count), offset == bytes.count
    else {
      throw fail(
        "expected \((1 << Int(bits)) * EntityTag.count) + \((EntityTag.count + 1) * EntityTag.count) weights and nothing after them"
      )
    }
    self.init(
      hashBits: Int(bits), emissions: emissions, transitions: transitions, description: description)
  }

  /// The model file's bytes.
  public func serialized() -> [UInt8] {
    var bytes = Self.magic
    func append(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
    append(Self.formatVersion)
    append(UInt32(hashBits))
    append(UInt32(EntityFeatures.templateCount))
    append(UInt32(EntityTag.count))
    let text = Array(description.utf8)
    append(UInt32(text.count))
    bytes += text
    bytes.reserveCapacity(bytes.count + (emissions.count + transitions.count) * 2)
    for weight in emissions + transitions {
      let bits = UInt16(bitPattern: weight)
      bytes.append(UInt8(truncatingIfNeeded: bits))
      bytes.append(UInt8(truncatingIfNeeded: bits >> 8))
    }
    return bytes
  }

  /// The number of weights that are not zero.
  public var nonZeroWeights: Int { emissions.reduce(0) { $0 + ($1 != 0 ? 1 : 0) } }

  /// The best tags for every token of `features`' regions (outside them: `.outside`).
  func tags(_ features: EntityFeatures) -> [UInt8] {
    var tags = [UInt8](repeating: 0, count: features.text.count)
    let shift = UInt64(64 - hashBits)
    let transitionScores = transitions.map(Double.init)
    var scratch = ViterbiScratch()
    var hashes = [UInt64](repeating: 0, count: EntityFeatures.templateCount)
    emissions.withUnsafeBufferPointer { weights in
      for region in features.regions {
        scratch.reset(count: region.count)
        for offset in 0..<region.count {
          hashes.withUnsafeMutableBufferPointer {
            features.features(at: region.lowerBound + offset, into: $0.baseAddress!)
          }
          var sums: (Int32, Int32, Int32, Int32, Int32) = (0, 0, 0, 0, 0)
          for hash in hashes {
            let base = Int(truncatingIfNeeded: hash >> shift) &* EntityTag.count
            sums.0 &+= Int32(weights[base])
            sums.1 &+= Int32(weights[base + 1])
            sums.2 &+= Int32(weights[base + 2])
            sums.3 &+= Int32(weights[base + 3])
            sums.4 &+= Int32(weights[base + 4])
          }
          let base = offset * EntityTag.count
          scratch.emissions[base] = Double(sums.0)
          scratch.emissions[base + 1] = Double(sums.1)
          scratch.emissions[base + 2] = Double(sums.2)
          scratch.emissions[base + 3] = Double(sums.3)
          scratch.emissions[base + 4] = Double(sums.4)
        }
        scratch.decode(region, transitions: transitionScores, into: &tags)
      }
    }
    return tags
  }
}

/// Viterbi decoding over one region, shared by the tagger (16-bit weights) and the trainer
/// (floating-point weights being learned): callers fill each token's emission scores, then decode.
struct ViterbiScratch {
  /// Emission scores, `EntityTag.count` per token of the region: `emissions[offset * 5 + tag]`.
  var emissions: [Double] = []
  private var scores: [Double] = []
  private var back: [UInt8] = []

  /// Makes room for a region of `count` tokens, every score zero.
  mutating func reset(count: Int) {
    emissions.removeAll(keepingCapacity: true)
    emissions.append(contentsOf: repeatElement(0, count: count * EntityTag.count))
  }

  /// Fills `tags[region]` with the best sequence under the emissions set and `transitions`
  /// (`(EntityTag.count + 1) × EntityTag.count`, the last row from the region's start).
  mutating func decode(_ region: Range<Int>, transitions: [Double], into tags: inout [UInt8]) {
    let tagCount = EntityTag.count
    let n = region.count
    guard n > 0 else { return }
    scores.removeAll(keepingCapacity: true)
    scores.append(contentsOf: repeatElement(-Double.infinity, count: n * tagCount))
    back.removeAll(keepingCapacity: true)
    back.append(contentsOf: repeatElement(0, count: n * tagCount))
    for tag in 0..<tagCount where EntityTag.allowed(tag, after: nil) {
      scores[tag] = emissions[tag] + transitions[tagCount * tagCount + tag]
    }
    if n > 1 {
      for offset in 1..<n {
        for tag in 0..<tagCount {
          var best = -Double.infinity
          var bestPrevious = 0
          for previous in 0..<tagCount where EntityTag.allowed(tag, after: previous) {
            let total =
              scores[(offset - 1) * tagCount + previous] + transitions[previous * tagCount + tag]
            if total > best {
              best = total
              bestPrevious = previous
            }
          }
          scores[offset * tagCount + tag] = best + emissions[offset * tagCount + tag]
          back[offset * tagCount + tag] = UInt8(bestPrevious)
        }
      }
    }
    var tag = 0
    for candidate in 1..<tagCount
    where scores[(n - 1) * tagCount + candidate] > scores[(n - 1) * tagCount + tag] {
      tag = candidate
    }
    for offset in stride(from: n - 1, through: 0, by: -1) {
      tags[region.lowerBound + offset] = UInt8(tag)
      tag = Int(back[offset * tagCount + tag])
    }
  }
}
