import Foundation
import VietText

/// Which syllables are well-formed Vietnamese and where their tone mark belongs.
///
/// A written syllable is onset + vowel nucleus + final ("ngh" + "iê" + "ng"). The parts come from
/// `Resources/orthography.txt`; the placement rule is the standard one:
///
/// 1. a vowel with a quality mark (ă â ê ô ơ ư) takes the tone — the last one, as in "người";
/// 2. otherwise, with a final consonant, the last vowel of the nucleus ("hoàn", "huỳnh");
/// 3. otherwise the middle of three vowels ("khoái", "khuỷu");
/// 4. otherwise the first of two ("mùa", "hòa"), except that the *new* style puts it on the
///    second vowel of oa, oe, uy ("hoà", "khoẻ", "thuỷ").
public struct Orthography: Sendable {
  /// Sorted spelling keys; a binary search over a few dozen integers beats hashing them.
  let onsets: SpellingSet
  let finals: SpellingSet
  let nuclei: SpellingSet
  /// Nuclei that end the syllable ("ai", "khuya"): no final consonant follows them.
  let noFinal: SpellingSet
  let newStyleSecond: SpellingSet

  /// The bundled orthography, loaded once.
  public static let bundled: Orthography = {
    do { return try Orthography(resourceBytes: BundledResource.bytes("orthography.txt")) } catch {
      fatalError("vitext: bundled resource is damaged: \(error)")
    }
  }()

  /// The bundled orthography with quality marks and the stroke of đ folded away (ă â → a,
  /// ê → e, ô ơ → o, ư → u, đ → d): which strings of plain letters can be a syllable's folded
  /// search key ("nghieng" for "nghiêng", "quyet" for "quyết"). A folded nucleus takes no
  /// final only when none of the nuclei it folds from takes one ("ua" of "của" folds with "uâ"
  /// of "tuân", so "tuan" stays a syllable).
  public static let folded: Orthography = {
    do {
      let map: [Character: Character] = [
        "ă": "a", "â": "a", "ê": "e", "ô": "o", "ơ": "o", "ư": "u", "đ": "d",
      ]
      func fold(_ spellings: [Substring]) -> Set<String> {
        Set(spellings.map { String($0.map { map[$0] ?? $0 }) })
      }
      var parts: [String: [Substring]] = [:]
      let text = String(decoding: try BundledResource.bytes("orthography.txt"), as: UTF8.self)
      for line in text.split(separator: "\n") where !line.hasPrefix("#") {
        let fields = line.split(separator: "\t", maxSplits: 1)
        guard fields.count == 2 else { continue }
        parts[String(fields[0]), default: []] += fields[1].split(separator: " ")
      }
      let nuclei = parts["nucleus"] ?? []
      let noFinal = parts["no-final"] ?? []
      let closing = fold(nuclei.filter { !noFinal.contains($0) })
      let rows = [
        ("onset", fold(parts["onset"] ?? [])), ("final", fold(parts["final"] ?? [])),
        ("nucleus", fold(nuclei)),
        ("no-final", fold(noFinal).subtracting(closing)),
        ("new-style-second", fold(parts["new-style-second"] ?? [])),
      ]
      let table = rows.filter { !$0.1.isEmpty }.map {
        "\($0.0)\t\($0.1.sorted().joined(separator: " "))"
      }.joined(separator: "\n")
      return try Orthography(resourceBytes: Array(table.utf8), resource: "orthography.txt (folded)")
    } catch {
      fatalError("vitext: bundled resource is damaged: \(error)")
    }
  }()

  /// Parses an orthography table (see `Resources/orthography.txt` for the format).
  public init(resourceBytes: [UInt8], resource: String = "orthography.txt") throws(TableFormatError)
  {
    var onsets = Set<UInt32>()
    var finals = Set<UInt32>()
    var nuclei = Set<UInt32>()
    var second = Set<UInt32>()
    var noFinal = Set<UInt32>()
    for (line, fields) in try TableFile.rows(resourceBytes, resource: resource, columns: 2...2) {
      let keys = try fields[1].split(separator: " ").map {
        (spelling) throws(TableFormatError) -> UInt32 in
        guard let key = Self.key(String(spelling)) else {
          throw TableFormatError(
            resource: resource, line: line, reason: "not a spelling: \(spelling)")
        }
        return key
      }
      switch fields[0] {
      case "onset": onsets.formUnion(keys)
      case "final": finals.formUnion(keys)
      case "nucleus": nuclei.formUnion(keys)
      case "no-final": noFinal.formUnion(keys)
      case "new-style-second": second.formUnion(keys)
      default:
        throw TableFormatError(resource: resource, line: line, reason: "unknown part \(fields[0])")
      }
    }
    self.onsets = SpellingSet(onsets)
    self.finals = SpellingSet(finals)
    self.nuclei = SpellingSet(nuclei)
    self.noFinal = SpellingSet(noFinal)
    self.newStyleSecond = SpellingSet(second)
  }

  /// Packs up to four plain codes into a key.
  @inline(__always)
  static func key(_ plains: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt32 {
    var key: UInt32 = 0
    for i in range { key = key << 8 | UInt32(plains[i]) }
    return key
  }

  static func key(_ spelling: String) -> UInt32? {
    let alphabet = VietnameseAlphabet.shared
    var plains: [UInt8] = []
    for scalar in spelling.unicodeScalars {
      guard let letter = alphabet.letter(scalar.value), letter.tone == 0, !letter.isUppercase else {
        return nil
      }
      plains.append(letter.plain)
    }
    guard (1...4).contains(plains.count) else { return nil }
    return plains.withUnsafeBufferPointer { key($0, 0..<$0.count) }
  }

  /// Whether both tables list the same spellings. Copies of one orthography share their key
  /// arrays, so for them this costs a few identity checks and no allocation.
  func hasSameSpellings(as other: Orthography) -> Bool {
    onsets == other.onsets && finals == other.finals && nuclei == other.nuclei
      && noFinal == other.noFinal
      && newStyleSecond == other.newStyleSecond
  }

  /// What tone placement needs to know of a syllable's parts: where its vowels lie and whether
  /// a final consonant follows them.
  public struct Parts: Hashable, Sendable {
    /// The letter positions of the vowel nucleus, glide included ("oa" in "hoàng").
    public var nucleus: Range<Int>
    /// Whether a final consonant follows the nucleus ("ng" in "hoàng").
    public var hasFinal: Bool
  }

  /// Splits a lowercase plain-code spelling into its parts, or nil when it is not a well-formed
  /// Vietnamese syllable.
  public func parts(_ plains: UnsafeBufferPointer<UInt8>) -> Parts? {
    let n = plains.count
    guard n > 0, n <= 8 else { return nil }
    var onsetEnd = 0
    if !VietnameseAlphabet.isVowel(plains[0]) {
      // The longest onset that leaves a vowel next: "gi" and "qu" need a vowel after them, so
      // "gìn" is g + i + n while "giữ" is gi + ư.
      for length in stride(from: min(3, n - 1), through: 1, by: -1)
      where onsets.contains(Self.key(plains, 0..<length))
        && VietnameseAlphabet.isVowel(plains[length])
      {
        onsetEnd = length
        break
      }
      if onsetEnd == 0 { return nil }
    }
    var nucleusEnd = onsetEnd
    while nucleusEnd < n, VietnameseAlphabet.isVowel(plains[nucleusEnd]) { nucleusEnd += 1 }
    let nucleusLength = nucleusEnd - onsetEnd
    guard nucleusLength >= 1, nucleusLength <= 3,
      nuclei.contains(Self.key(plains, onsetEnd..<nucleusEnd))
    else { return nil }
    if nucleusEnd < n {
      guard n - nucleusEnd <= 2, finals.contains(Self.key(plains, nucleusEnd..<n)),
        !noFinal.contains(Self.key(plains, onsetEnd..<nucleusEnd))
      else { return nil }
    }
    return Parts(nucleus: onsetEnd..<nucleusEnd, hasFinal: nucleusEnd < n)
  }

  /// Whether a lowercase plain-code spelling is a well-formed Vietnamese syllable.
  public func isSyllable(_ plains: UnsafeBufferPointer<UInt8>) -> Bool { parts(plains) != nil }

  /// Whether a UTF-8 word (NFC, any case) is a well-formed Vietnamese syllable.
  public func isSyllable(utf8 word: UnsafeBufferPointer<UInt8>) -> Bool {
    guard word.count <= 32, let base = word.baseAddress else { return false }
    let alphabet = VietnameseAlphabet.shared
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 8) { plains in
      var count = 0
      var i = 0
      while i < word.count {
        let (scalar, length) = UTF8Scanning.decode(base, at: i)
        guard count < 8, let letter = alphabet.letter(scalar) else { return false }
        plains[count] = letter.plain
        count += 1
        i += length
      }
      return parts(UnsafeBufferPointer(rebasing: plains[0..<count])) != nil
    }
  }

  /// The letter position that should carry the tone mark.
  public func tonePosition(_ plains: UnsafeBufferPointer<UInt8>, parts: Parts, style: ToneStyle)
    -> Int
  {
    let nucleus = parts.nucleus
    if let marked = nucleus.last(where: { VietnameseAlphabet.hasQualityMark(plains[$0]) }) {
      return marked
    }
    if parts.hasFinal { return nucleus.upperBound - 1 }
    switch nucleus.count {
    case 3: return nucleus.lowerBound + 1
    case 2:
      let second = style == .new && newStyleSecond.contains(Self.key(plains, nucleus))
      return second ? nucleus.lowerBound + 1 : nucleus.lowerBound
    default: return nucleus.lowerBound
    }
  }
}

/// A small set of spelling keys, sorted for binary search.
struct SpellingSet: Sendable, Equatable {
  let keys: [UInt32]

  init(_ keys: Set<UInt32>) { self.keys = keys.sorted() }

  /// The spellings as plain codes, unpacked from their keys.
  var spellings: [[UInt8]] {
    keys.map { key in
      var plains: [UInt8] = []
      var rest = key
      while rest != 0 {
        plains.insert(UInt8(truncatingIfNeeded: rest), at: 0)
        rest >>= 8
      }
      return plains
    }
  }

  var count: Int { keys.count }

  @inline(__always)
  func contains(_ key: UInt32) -> Bool {
    var low = 0
    var high = keys.count
    while low < high {
      let mid = (low + high) >> 1
      let value = keys[mid]
      if value == key { return true }
      if value < key { low = mid + 1 } else { high = mid }
    }
    return false
  }
}

/// Loads files from this module's resource bundle.
enum BundledResource {
  static func bytes(_ name: String) throws(TableFormatError) -> [UInt8] {
    let path = Bundle.module.path(forResource: name, ofType: nil, inDirectory: "Resources")
    return try TableFile.contents(ofFile: path, resource: name)
  }
}
