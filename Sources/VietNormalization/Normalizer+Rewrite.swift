import VietICU
import VietText

extension Normalizer {
  /// The result of the rewriting pass.
  struct Rewritten {
    var bytes: [UInt8]
    /// A removed character sat before a combining mark, so the result may no longer be NFC.
    var mayNeedRecomposition: Bool
  }

  /// ASCII byte classes for the rewriting pass.
  private enum ASCIIClass {
    static let other: UInt8 = 0
    static let consonant: UInt8 = 1
    static let vowel: UInt8 = 2
    static let upperConsonant: UInt8 = 3
    static let upperVowel: UInt8 = 4
    static let control: UInt8 = 5
    static let carriageReturn: UInt8 = 6

    static let table: [UInt8] = (0..<128).map { (b: Int) -> UInt8 in
      switch b {
      case 0x0D: return carriageReturn
      case 0x09, 0x0A: return other
      case 0..<0x20, 0x7F: return control
      case 0x61...0x7A: return "aeiouy".utf8.contains(UInt8(b)) ? vowel : consonant
      case 0x41...0x5A: return "AEIOUY".utf8.contains(UInt8(b)) ? upperVowel : upperConsonant
      default: return other
      }
    }
  }

  /// Clean-up, tone placement, folding and lowercasing in one pass over NFC bytes; nil when
  /// nothing changed. Records code-point count changes in `offsets`.
  func rewrite(_ input: UnsafeBufferPointer<UInt8>, offsets: inout OffsetMap) throws(ICUError) -> Rewritten? {
    guard let p = input.baseAddress else { return nil }
    var writer = PendingWriter(input: input)
    var word = WordState()
    var mayNeedRecomposition = false
    let lower = options.lowercase
    let fold = options.fold
    let placesTones = options.toneStyle != .keep && fold == .none
    let asciiTable = ASCIIClass.table
    let n = input.count
    var i = 0

    // Ends the current word at input offset `end`, moving its tone mark when the word needs it.
    func endWord(at end: Int) {
      guard word.start >= 0 else { return }
      if placesTones && word.mayNeedToneMove {
        writer.flush(to: end)
        if moveToneMark(in: &writer.out, from: word.start) { writer.changed = true }
      }
      word.start = -1
    }

    while i < n {
      let b = p[i]
      if b < 0x80 {
        let cls = asciiTable[Int(b)]
        switch cls {
        case ASCIIClass.consonant, ASCIIClass.vowel:
          if word.start < 0 { word.begin(at: writer.virtualOffset(i)) }
          if cls == ASCIIClass.vowel { word.vowels += 1 }
        case ASCIIClass.upperConsonant, ASCIIClass.upperVowel:
          if word.start < 0 { word.begin(at: writer.virtualOffset(i)) }
          if cls == ASCIIClass.upperVowel { word.vowels += 1 }
          if lower { writer.replace(i, length: 1, with: UInt32(b | 0x20)) }
        case ASCIIClass.control:
          writer.remove(i, length: 1)
        case ASCIIClass.carriageReturn:
          endWord(at: i)
          if i + 1 < n, p[i + 1] == 0x0A { writer.remove(i, length: 1) } else { writer.replace(i, length: 1, with: UInt32(0x0A)) }
        default:
          endWord(at: i)
        }
        i += 1
        continue
      }

      let (scalar, length) = UTF8Scanning.decode(p, at: i)
      switch classes.of(scalar) {
      case .vietnameseLetter:
        // The table covers every scalar of this class.
        let letter = alphabet.letter(scalar)!
        if word.start < 0 { word.begin(at: writer.virtualOffset(i)) }
        word.add(letter)
        let target = mapped(letter, lower: lower, fold: fold)
        if target != scalar { writer.replace(i, length: length, with: target) }
      case .otherLetter:
        if word.start < 0 { word.begin(at: writer.virtualOffset(i)) }
        word.hasForeignLetter = true
        if lower || fold != .none {
          let original = UnsafeBufferPointer(rebasing: input[i..<i + length])
          let transformed = try transformOtherLetter(original, lower: lower, fold: fold)
          if !transformed.elementsEqual(original) {
            writer.replace(i, length: length, with: transformed, codePointDelta: 1 - codePointCount(transformed))
          }
        }
      case .space:
        endWord(at: i)
        writer.replace(i, length: length, with: UInt32(0x20))
      case .lineBreak:
        endWord(at: i)
        writer.replace(i, length: length, with: UInt32(0x0A))
      case .remove:
        // Not a word boundary: "Đả\u{200B}ng" is one word once the zero-width space is gone.
        writer.remove(i, length: length)
        if i + length < n, p[i + length] >= 0x80,
          ICU.combiningClass(UTF8Scanning.decode(p, at: i + length).scalar) != 0
        {
          mayNeedRecomposition = true
        }
      case .eth:
        let upper = scalar == 0xD0
        let startsWord = word.start < 0
        let vowelFollows =
          i + length < n && alphabet.letter(UTF8Scanning.decode(p, at: i + length).scalar)?.isVowel == true
        if word.start < 0 { word.begin(at: writer.virtualOffset(i)) }
        if startsWord && vowelFollows {
          let d = alphabet.letter(upper ? 0x110 : 0x111)!
          writer.replace(i, length: length, with: mapped(d, lower: lower, fold: fold))
        } else {
          word.hasForeignLetter = true
          if lower && upper { writer.replace(i, length: length, with: UInt32(0xF0)) }
        }
      case .other:
        endWord(at: i)
      }
      i += length
    }
    endWord(at: n)

    guard writer.changed else { return nil }
    writer.flush(to: n)
    writer.recordOffsets(into: &offsets)
    return Rewritten(bytes: writer.out, mayNeedRecomposition: mayNeedRecomposition)
  }

  /// The scalar a Vietnamese letter becomes under the fold and case options.
  @inline(__always)
  func mapped(_ letter: VietnameseAlphabet.Letter, lower: Bool, fold: FoldLevel) -> UInt32 {
    let upper = letter.isUppercase && !lower
    switch fold {
    case .all:
      let base = VietnameseAlphabet.asciiBase(letter.plain)
      return UInt32(upper ? base - 32 : base)
    case .tones:
      return alphabet.scalar(plain: letter.plain, tone: 0, upper: upper)
    case .none:
      return alphabet.scalar(plain: letter.plain, tone: letter.tone, upper: upper)
    }
  }

  /// Folds and lowercases a letter outside the Vietnamese table through ICU: `.all` drops every
  /// combining mark of its NFD, `.tones` only the five Vietnamese tone marks.
  func transformOtherLetter(_ bytes: UnsafeBufferPointer<UInt8>, lower: Bool, fold: FoldLevel) throws(ICUError)
    -> [UInt8]
  {
    var result = Array(bytes)
    if fold != .none {
      let decomposed = try ICU.normalize(result, to: .nfd)
      var kept: [UInt8] = []
      decomposed.withUnsafeBufferPointer { d in
        var k = 0
        while k < d.count {
          let (scalar, length) = UTF8Scanning.decode(d.baseAddress!, at: k)
          let drop =
            fold == .all
            ? ICU.combiningClass(scalar) != 0
            : VietnameseAlphabet.toneMarks.dropFirst().contains(scalar)
          if !drop { kept.append(contentsOf: UnsafeBufferPointer(rebasing: d[k..<k + length])) }
          k += length
        }
      }
      result = try ICU.normalize(kept, to: .nfc)
    }
    if lower { result = try ICU.lowercase(result) }
    return result
  }

  /// Moves the tone mark of the word at `out[start...]` to its canonical letter, when the word
  /// is a well-formed Vietnamese syllable with exactly one tone mark. Returns whether it moved.
  func moveToneMark(in out: inout [UInt8], from start: Int) -> Bool {
    let count = out.count - start
    guard count > 0, count <= 32 else { return false }
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 8) { plains -> Bool in
      var letters: [VietnameseAlphabet.Letter] = []
      letters.reserveCapacity(8)
      let ok = out.withUnsafeBufferPointer { o -> Bool in
        var k = start
        while k < o.count {
          let (scalar, length) = UTF8Scanning.decode(o.baseAddress!, at: k)
          guard letters.count < 8, let letter = alphabet.letter(scalar) else { return false }
          plains[letters.count] = letter.plain
          letters.append(letter)
          k += length
        }
        return true
      }
      guard ok else { return false }
      let spelling = UnsafeBufferPointer(rebasing: plains[0..<letters.count])
      guard let toned = letters.firstIndex(where: { $0.tone != 0 }),
        letters.lastIndex(where: { $0.tone != 0 }) == toned,
        let parts = orthography.parts(spelling)
      else { return false }
      let target = orthography.tonePosition(spelling, parts: parts, style: options.toneStyle)
      guard target != toned else { return false }
      let tone = letters[toned].tone
      out.removeSubrange(start...)
      for (k, letter) in letters.enumerated() {
        let scalar = alphabet.scalar(plain: letter.plain, tone: k == target ? tone : 0, upper: letter.isUppercase)
        UTF8Scanning.append(scalar, to: &out)
      }
      return true
    }
  }

  private func codePointCount(_ bytes: [UInt8]) -> Int { bytes.withUnsafeBufferPointer(UTF8Scanning.codePointCount) }
}

/// What the rewriting pass knows about the word it is in.
private struct WordState {
  /// Offset of the word in the (virtual) output, or -1 outside a word.
  var start = -1
  var vowels = 0
  var tones = 0
  var tonedPlainVowel = false
  var qualityVowels = 0
  var hasForeignLetter = false

  mutating func begin(at offset: Int) {
    self = WordState()
    start = offset
  }

  @inline(__always)
  mutating func add(_ letter: VietnameseAlphabet.Letter) {
    guard letter.isVowel else { return }
    vowels += 1
    let quality = VietnameseAlphabet.hasQualityMark(letter.plain)
    if quality { qualityVowels += 1 }
    if letter.tone != 0 {
      tones += 1
      if !quality { tonedPlainVowel = true }
    }
  }

  /// Only a word whose one tone mark sits on a plain vowel next to others, or on one of several
  /// marked vowels, can have it in the wrong place; the rest (most words) are skipped.
  var mayNeedToneMove: Bool {
    !hasForeignLetter && tones == 1 && vowels >= 2 && (tonedPlainVowel || qualityVowels >= 2)
  }
}

/// Copies input to output lazily: nothing is copied until the first change.
private struct PendingWriter {
  let input: UnsafeBufferPointer<UInt8>
  var out: [UInt8] = []
  /// Input bytes before this offset are in `out` (copied or replaced).
  var copied = 0
  var changed = false
  /// (output byte offset, original − normalized code points) for each count change.
  var shifts: [(Int, Int)] = []

  init(input: UnsafeBufferPointer<UInt8>) { self.input = input }

  /// Where input offset `offset` (not yet copied) lands in the output.
  @inline(__always)
  func virtualOffset(_ offset: Int) -> Int { out.count + (offset - copied) }

  @inline(__always)
  mutating func flush(to offset: Int) {
    guard offset > copied else { return }
    if out.isEmpty { out.reserveCapacity(input.count + 16) }
    out.append(contentsOf: UnsafeBufferPointer(rebasing: input[copied..<offset]))
    copied = offset
  }

  @inline(__always)
  mutating func replace(_ offset: Int, length: Int, with scalar: UInt32) {
    flush(to: offset)
    UTF8Scanning.append(scalar, to: &out)
    copied = offset + length
    changed = true
  }

  mutating func replace(_ offset: Int, length: Int, with bytes: [UInt8], codePointDelta: Int) {
    flush(to: offset)
    out.append(contentsOf: bytes)
    copied = offset + length
    changed = true
    if codePointDelta != 0 { shifts.append((out.count, codePointDelta)) }
  }

  mutating func remove(_ offset: Int, length: Int) {
    flush(to: offset)
    copied = offset + length
    changed = true
    shifts.append((out.count, 1))
  }

  /// Converts the recorded byte offsets to code-point offsets (one scan, only when needed).
  func recordOffsets(into map: inout OffsetMap) {
    guard !shifts.isEmpty else { return }
    out.withUnsafeBufferPointer { o in
      var codePoints = 0
      var scanned = 0
      for (byteOffset, delta) in shifts {
        while scanned < byteOffset {
          if o[scanned] & 0xC0 != 0x80 { codePoints += 1 }
          scanned += 1
        }
        map.recordRemoval(at: codePoints, count: delta)
      }
    }
  }
}
