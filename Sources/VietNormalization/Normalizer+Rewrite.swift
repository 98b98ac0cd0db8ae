import VietICU
import VietText

extension Normalizer {
  /// The result of the rewriting pass.
  enum RewriteResult {
    case unchanged
    /// `mayNeedRecomposition`: a removed character sat before a combining mark, so the result
    /// may no longer be NFC.
    case rewritten([UInt8], mayNeedRecomposition: Bool)
    /// The input is not NFC: compose it first.
    case needsComposition
  }

  /// Clean-up, tone placement, folding and lowercasing in one pass over the bytes; nil when
  /// nothing changed. Records code-point count changes in `offsets`.
  ///
  /// Unless `composed` is set, the pass also checks that the text is NFC and returns
  /// `.needsComposition` at the first code point that is not NFC-safe; the caller composes with
  /// ICU and runs the pass again. Clean input is thus read once.
  ///
  /// Most bytes need nothing: ASCII that is not a control character, and letters that the
  /// options leave alone. Word boundaries matter only for tone placement, and only around a
  /// tone mark that could be misplaced (on a vowel next to another vowel); such a word is
  /// found by looking back from the mark and is checked when it ends.
  func rewrite(_ input: UnsafeBufferPointer<UInt8>, composed: Bool, offsets: inout OffsetMap)
    throws(ICUError)
    -> RewriteResult
  {
    guard let p = input.baseAddress else { return .unchanged }
    var writer = PendingWriter(input: input)
    var mayNeedRecomposition = false
    let lower = options.lowercase
    let fold = options.fold
    let placesTones = options.toneStyle != .keep && fold == .none
    let nfcSafe = classes.nfcSafe
    let n = input.count
    var i = 0
    // A word whose tone mark is checked when the word ends: its start in the (virtual) output.
    var pendingWordStart = -1
    var pendingWordIsForeign = false

    func finishPendingWord(at end: Int) {
      if !pendingWordIsForeign {
        writer.flush(to: end)
        if moveToneMark(in: &writer.out, from: pendingWordStart) { writer.changed = true }
      }
      pendingWordStart = -1
    }

    while i < n {
      let b = p[i]
      if b < 0x80 {
        let isLetter = (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A
        if pendingWordStart >= 0 && !isLetter { finishPendingWord(at: i) }
        if b >= 0x20 && b != 0x7F {
          if lower && b >= 0x41 && b <= 0x5A {
            writer.replace(i, length: 1, with: UInt32(b | 0x20))
          }
        } else if b == 0x0D {
          if i + 1 < n, p[i + 1] == 0x0A {
            writer.remove(i, length: 1)
          } else {
            writer.replace(i, length: 1, with: UInt32(0x0A))
          }
        } else if b != 0x09 && b != 0x0A {
          // A control (NUL, BEL, DEL …) stands where a separator was, most often: a space keeps
          // the words on either side apart instead of gluing them into one.
          writer.replace(i, length: 1, with: UInt32(0x20))
        }
        i += 1
        continue
      }

      let (scalar, length) = UTF8Scanning.decode(p, at: i)
      if !composed && (scalar >= 0x10000 || nfcSafe[Int(scalar)] == 0) { return .needsComposition }
      switch classes.of(scalar) {
      case .vietnameseLetter:
        // The table covers every scalar of this class.
        let letter = alphabet.letter(scalar)!
        if lower || fold != .none {
          let target = mapped(letter, lower: lower, fold: fold)
          if target != scalar { writer.replace(i, length: length, with: target) }
        }
        if placesTones && letter.tone != 0 && pendingWordStart < 0
          && toneMayBeMisplaced(p, n, at: i, length, letter)
        {
          (pendingWordStart, pendingWordIsForeign) = wordStart(p, before: i, writer: writer)
        }
      case .otherLetter:
        if pendingWordStart >= 0 { pendingWordIsForeign = true }
        if lower || fold != .none {
          let original = UnsafeBufferPointer(rebasing: input[i..<i + length])
          let transformed = try transformOtherLetter(original, lower: lower, fold: fold)
          if !transformed.elementsEqual(original) {
            writer.replace(
              i, length: length, with: transformed, codePointDelta: 1 - codePointCount(transformed))
          }
        }
      case .space:
        if pendingWordStart >= 0 { finishPendingWord(at: i) }
        writer.replace(i, length: length, with: UInt32(0x20))
      case .lineBreak:
        if pendingWordStart >= 0 { finishPendingWord(at: i) }
        writer.replace(i, length: length, with: UInt32(0x0A))
      case .remove:
        // A zero-width joiner between pictographs is part of one emoji ("👨‍👩‍👧"): kept.
        if scalar == 0x200D && joinsPictographs(p, n, at: i) { break }
        // Not a word boundary: "Đả\u{200B}ng" is one word once the zero-width space is gone.
        writer.remove(i, length: length)
        if i + length < n, p[i + length] >= 0x80,
          ICU.combiningClass(UTF8Scanning.decode(p, at: i + length).scalar) != 0
        {
          mayNeedRecomposition = true
        }
      case .eth:
        // Đ/đ begins a syllable; Icelandic ð never does, so only a word-initial Ð/ð before a
        // vowel is taken for Đ/đ.
        let upper = scalar == 0xD0
        let vowelFollows =
          i + length < n
          && alphabet.letter(UTF8Scanning.decode(p, at: i + length).scalar)?.isVowel == true
        if vowelFollows && !isLetter(p, before: i) {
          let d = alphabet.letter(upper ? 0x110 : 0x111)!
          writer.replace(i, length: length, with: mapped(d, lower: lower, fold: fold))
        } else {
          if pendingWordStart >= 0 { pendingWordIsForeign = true }
          if lower && upper { writer.replace(i, length: length, with: UInt32(0xF0)) }
        }
      case .other:
        if pendingWordStart >= 0 { finishPendingWord(at: i) }
      }
      i += length
    }
    if pendingWordStart >= 0 { finishPendingWord(at: n) }

    guard writer.changed else { return .unchanged }
    writer.flush(to: n)
    writer.recordOffsets(into: &offsets)
    return .rewritten(writer.out, mayNeedRecomposition: mayNeedRecomposition)
  }

  /// Whether the tone mark on `letter` at `i` could be on the wrong vowel: it sits on a plain
  /// vowel next to another vowel ("hoà", "qúy"), or on a marked vowel followed by another
  /// marked vowel ("ừơ"). A mark on a lone vowel, or on the only marked vowel, is always right.
  @inline(__always)
  func toneMayBeMisplaced(
    _ p: UnsafePointer<UInt8>, _ n: Int, at i: Int, _ length: Int,
    _ letter: VietnameseAlphabet.Letter
  ) -> Bool {
    let next = i + length < n ? alphabet.letter(UTF8Scanning.decode(p, at: i + length).scalar) : nil
    if VietnameseAlphabet.hasQualityMark(letter.plain) {
      return next.map { VietnameseAlphabet.hasQualityMark($0.plain) } ?? false
    }
    if next?.isVowel == true { return true }
    guard i > 0 else { return false }
    return alphabet.letter(UTF8Scanning.decode(p, before: i).scalar)?.isVowel == true
  }

  /// Whether the zero-width joiner at `i` stands between two pictographs (emoji, or an emoji
  /// followed by its variation selector U+FE0F), as in the family and flag sequences of
  /// Unicode's emoji data, where removing it would split one emoji into several.
  func joinsPictographs(_ p: UnsafePointer<UInt8>, _ n: Int, at i: Int) -> Bool {
    guard i > 0, i + 3 < n else { return false }
    func isPictograph(_ scalar: UInt32) -> Bool { scalar >= 0x2000 && classes.of(scalar) == .other }
    let before = UTF8Scanning.decode(p, before: i).scalar
    let after = UTF8Scanning.decode(p, at: i + 3).scalar
    return (isPictograph(before) || before == 0xFE0F) && isPictograph(after)
  }

  /// Whether the code point before `i` is a letter.
  func isLetter(_ p: UnsafePointer<UInt8>, before i: Int) -> Bool {
    guard i > 0 else { return false }
    let scalar = UTF8Scanning.decode(p, before: i).scalar
    return alphabet.letter(scalar) != nil || classes.of(scalar) == .otherLetter
  }

  /// The output offset where the word holding input offset `i` begins, and whether it holds a
  /// letter outside the Vietnamese alphabet (then its tone is left alone).
  ///
  /// The word is found by walking back over letters in the input. Letters map to exactly one
  /// code point each, so where the writer has already emitted part of the word, the same number
  /// of code points is walked back in the output.
  func wordStart(_ p: UnsafePointer<UInt8>, before i: Int, writer: PendingWriter) -> (Int, Bool) {
    let (start, foreign) = inputWordStart(p, before: i)
    if start >= writer.copied { return (writer.virtualOffset(start), foreign) }
    var emitted = 0
    for k in start..<writer.copied where p[k] & 0xC0 != 0x80 { emitted += 1 }
    var position = writer.out.count
    while emitted > 0, position > 0 {
      position -= 1
      if writer.out[position] & 0xC0 != 0x80 { emitted -= 1 }
    }
    return (position, foreign)
  }

  /// The input offset where the word holding input offset `i` begins (walking back over
  /// letters), and whether the letters before `i` include one outside the Vietnamese alphabet.
  func inputWordStart(_ p: UnsafePointer<UInt8>, before i: Int) -> (start: Int, foreign: Bool) {
    var start = i
    var foreign = false
    while start > 0 {
      let (scalar, previous) = UTF8Scanning.decode(p, before: start)
      if alphabet.letter(scalar) == nil {
        guard classes.of(scalar) == .otherLetter else { break }
        foreign = true
      }
      start = previous
    }
    return (start, foreign)
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
  func transformOtherLetter(_ bytes: UnsafeBufferPointer<UInt8>, lower: Bool, fold: FoldLevel)
    throws(ICUError)
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
    // Stack buffers for up to eight letters (the longest syllable, "nghiêng", has seven). A
    // tuple of eight optionals bound to memory held only seven: its size omits the last
    // element's padding, and an eight-letter word with a tone mark trapped.
    return withUnsafeTemporaryAllocation(of: VietnameseAlphabet.Letter.self, capacity: 8) {
      stored -> Bool in
      return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 8) { plains -> Bool in
        var letterCount = 0
        var toned = -1
        let ok = out.withUnsafeBufferPointer { o -> Bool in
          var k = start
          while k < o.count {
            let (scalar, length) = UTF8Scanning.decode(o.baseAddress!, at: k)
            guard letterCount < 8, let letter = alphabet.letter(scalar) else { return false }
            if letter.tone != 0 {
              guard toned < 0 else { return false }  // two tone marks: not a syllable to fix
              toned = letterCount
            }
            plains[letterCount] = letter.plain
            stored.initializeElement(at: letterCount, to: letter)
            letterCount += 1
            k += length
          }
          return true
        }
        guard ok, toned >= 0 else { return false }
        let spelling = UnsafeBufferPointer(rebasing: plains[0..<letterCount])
        guard let parts = orthography.parts(spelling) else { return false }
        let target = orthography.tonePosition(spelling, parts: parts, style: options.toneStyle)
        guard target != toned else { return false }
        let tone = stored[toned].tone
        out.removeSubrange(start...)
        for k in 0..<letterCount {
          let letter = stored[k]
          UTF8Scanning.append(
            alphabet.scalar(
              plain: letter.plain, tone: k == target ? tone : 0, upper: letter.isUppercase),
            to: &out)
        }
        return true
      }
    }
  }

  private func codePointCount(_ bytes: [UInt8]) -> Int {
    bytes.withUnsafeBufferPointer(UTF8Scanning.codePointCount)
  }
}

/// Copies input to output lazily: nothing is copied until the first change.
struct PendingWriter {
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
  func recordOffsets(into map: inout OffsetMap) { Self.record(shifts, in: out, into: &map) }

  /// Records `shifts` — (output byte offset, original − normalized code points) — in `map`,
  /// converting byte offsets in `out` to code-point offsets.
  static func record(_ shifts: [(Int, Int)], in out: [UInt8], into map: inout OffsetMap) {
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
