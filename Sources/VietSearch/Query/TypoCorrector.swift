import SearchCore
import VietNormalization
import VietText

/// Forgives one slipped key in a query syllable that the index holds in (almost) no document:
/// "quyet dihn" also searches "quyết định". Edits are made on the folded key (one deletion,
/// insertion, substitution or swap of neighbouring letters), so a correction never adds a
/// diacritic by itself; a syllable typed with a tone mark is corrected only into spellings
/// with that same tone ("chó" never becomes "chè", "đảng" never "đăng").
///
/// Of the 54·n + 26 edits of a syllable of n letters, only those that are well-formed
/// Vietnamese syllables once folded (`Orthography.folded`: onset, vowel nucleus, final) are
/// looked up in the term dictionary, each a binary search per segment: a few dozen look-ups,
/// spent only on rare syllables ("qxzvbk" costs none). Loanwords and codes the index holds
/// ("covid", "online") are so never reached by a correction.
struct TypoCorrector {
  let reader: IndexReader

  /// Syllables shorter than this are never corrected: one edit of a three-letter syllable
  /// reaches dozens of real ones.
  static let minimumLetters = 4
  /// Nor are runs longer than this (no Vietnamese syllable has more than seven letters): the
  /// edits grow with the length.
  static let maximumLetters = 10
  /// A syllable held by more documents than this is taken as meant, however rare. One held by
  /// none is always corrected (as typed it matches nothing); one held by a few only when the
  /// query as typed finds nothing (`includingRare`).
  static let rareDocuments = 2
  /// A correction must be held by at least this many times the documents of the typed form.
  static let commonerFactor = 20
  /// Most corrections kept per syllable, the most frequent first.
  static let maximumCorrections = 3
  /// What a document found only through a correction scores, as a share of the typed form's
  /// score (`CoreQuery.equivalent`): corrections rank below what was typed.
  static let preference: Float = 0.5

  /// The corrections of `matcher` (a body or title syllable as `QueryCompiler` makes it), most
  /// frequent first; empty when it is short, a prefix, not plain letters, or not rare.
  func corrections(of matcher: TermMatcher, includingRare: Bool = true) -> [TermMatcher] {
    guard !matcher.isPrefix, let field = matcher.folded.first else { return [] }
    let letters = Array(matcher.folded.dropFirst())
    guard (Self.minimumLetters...Self.maximumLetters).contains(letters.count),
      letters.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A })
    else { return [] }
    // Where only syllables no document holds are corrected, one probe of the dictionary (no
    // spelling listed) settles nearly every query: its syllables are there.
    if !includingRare && isInDictionary(matcher) { return [] }
    let tone = matcher.exact.map(Self.tone(of:))
    let typed = held(by: matcher.folded, tone: tone, exact: matcher.exact)
    guard typed.documents <= (includingRare ? Self.rareDocuments : 0) else { return [] }
    var found: [(matcher: TermMatcher, documents: Int)] = []
    for edit in Self.syllableEdits(of: letters) {
      let folded = [field] + edit
      let candidate = held(by: folded, tone: tone, exact: nil)
      guard candidate.documents >= Self.commonerFactor * max(typed.documents, 1) else { continue }
      if tone == nil {
        found.append((TermMatcher(folded: folded), candidate.documents))
      } else {
        // Typed with marks: the corrected syllable in the spellings that keep its tone.
        for (exact, documents) in candidate.spellings {
          found.append((TermMatcher(folded: folded, exact: exact), documents))
        }
      }
    }
    return found.sorted { $0.documents > $1.documents }.prefix(Self.maximumCorrections).map(
      \.matcher)
  }

  /// Whether some segment's dictionary holds `matcher`'s folded key (and its exact spelling,
  /// when it has one): a binary search per segment that allocates nothing.
  func isInDictionary(_ matcher: TermMatcher) -> Bool {
    matcher.folded.withUnsafeBytes { folded in
      reader.segments.contains { segment in
        let terms = segment.reader.terms(folded: folded)
        guard let exact = matcher.exact else { return !terms.isEmpty }
        return terms.contains { term in
          exact.withUnsafeBytes { segment.reader.keys(term).exact.elementsEqual($0) }
        }
      }
    }
  }

  /// Documents holding a folded key's spellings (those of `tone` when given, `exact` alone
  /// when given), and those spellings.
  private func held(by folded: [UInt8], tone: Int?, exact: [UInt8]?) -> (
    documents: Int, spellings: [([UInt8], Int)]
  ) {
    var spellings = reader.spellings(folded: folded).map { ($0.exact, $0.documentFrequency) }
    if let exact {
      spellings = spellings.filter { $0.0 == exact }
    } else if let tone {
      spellings = spellings.filter { Self.tone(of: $0.0) == tone }
    }
    return (spellings.reduce(0) { $0 + $1.1 }, spellings)
  }

  /// The tone (0 ngang … 5 nặng) a syllable's exact key carries: that of its first marked
  /// vowel.
  static func tone(of exact: [UInt8]) -> Int {
    let alphabet = VietnameseAlphabet.shared
    var tone = 0
    String(decoding: exact.dropFirst(), as: UTF8.self).unicodeScalars.forEach { scalar in
      if tone == 0, let letter = alphabet.letter(scalar.value) { tone = letter.tone }
    }
    return tone
  }

  /// Whether folded letters (a–z) spell a well-formed Vietnamese syllable: an edit that does
  /// not is no word of the language, and the index is not asked for it.
  static func isSyllable(_ letters: [UInt8]) -> Bool {
    letters.withUnsafeBufferPointer { Orthography.folded.isSyllable(utf8: $0) }
  }

  /// Every string one edit away from `letters` over a–z (a deletion, a swap of neighbours, a
  /// substitution or an insertion) that spells a syllable once folded, without repeats or
  /// `letters` itself. Each candidate is built in one buffer and checked there: only the few
  /// syllables become arrays, not the hundreds of strings one edit away.
  static func syllableEdits(of letters: [UInt8]) -> [[UInt8]] {
    var seen: Set<[UInt8]> = [letters]
    var edits: [[UInt8]] = []
    let alphabet = UInt8(ascii: "a")...UInt8(ascii: "z")
    var buffer = [UInt8](repeating: 0, count: letters.count + 1)
    buffer.withUnsafeMutableBufferPointer { buffer in
      func consider(_ count: Int) {
        let candidate = UnsafeBufferPointer(rebasing: buffer[0..<count])
        guard Orthography.folded.isSyllable(utf8: candidate) else { return }
        let edit = Array(candidate)
        if seen.insert(edit).inserted { edits.append(edit) }
      }
      func copy(_ range: Range<Int>, to start: Int) {
        for (offset, index) in range.enumerated() { buffer[start + offset] = letters[index] }
      }
      let count = letters.count
      for index in 0..<count {
        copy(0..<index, to: 0)
        copy((index + 1)..<count, to: index)
        consider(count - 1)
        copy(0..<count, to: 0)
        if index + 1 < count {
          buffer.swapAt(index, index + 1)
          consider(count)
          buffer.swapAt(index, index + 1)
        }
        for letter in alphabet where letter != letters[index] {
          buffer[index] = letter
          consider(count)
        }
        buffer[index] = letters[index]
      }
      for index in 0...count {
        copy(0..<index, to: 0)
        copy(index..<count, to: index + 1)
        for letter in alphabet {
          buffer[index] = letter
          consider(count + 1)
        }
      }
    }
    return edits
  }

  /// `query` with each syllable that has corrections standing for itself or them (as
  /// `CoreQuery.equivalent`, the typed form first), a phrase in each corrected wording (at
  /// most `QueryCompiler.maximumAlternatives`). Filters, exclusions' insides, title bonuses and
  /// word-phrase boosts are left as they are.
  static func corrected(_ query: CoreQuery, with corrections: [TermMatcher: [TermMatcher]])
    -> CoreQuery
  {
    switch query {
    case .term(let matcher):
      guard let options = corrections[matcher] else { return query }
      return .equivalent([query] + options.map { .term($0) }, preference: preference)
    case .phrase(let matchers):
      let wordings = correctedWordings(of: matchers, with: corrections)
      return wordings.isEmpty
        ? query : .equivalent([query] + wordings.map { .phrase($0) }, preference: preference)
    case .all(let children): return .all(children.map { corrected($0, with: corrections) })
    case .any(let children): return .any(children.map { corrected($0, with: corrections) })
    case .equivalent(let children, let preference):
      return .equivalent(children.map { corrected($0, with: corrections) }, preference: preference)
    case .bonus(let child, let terms, let weight):
      return .bonus(corrected(child, with: corrections), terms: terms, weight: weight)
    case .boosted(let child, let boosts, let weight):
      return .boosted(corrected(child, with: corrections), by: boosts, weight: weight)
    case .not, .filter: return query
    }
  }

  /// The wordings of `matchers` with one or more syllables replaced by a correction, the
  /// typed wording left out; at most `QueryCompiler.maximumAlternatives`.
  static func correctedWordings(
    of matchers: [TermMatcher], with corrections: [TermMatcher: [TermMatcher]]
  ) -> [[TermMatcher]] {
    guard matchers.contains(where: { corrections[$0] != nil }) else { return [] }
    var wordings: [[TermMatcher]] = [[]]
    for matcher in matchers {
      let options = [matcher] + (corrections[matcher] ?? [])
      wordings = wordings.flatMap { wording in options.map { wording + [$0] } }
      if wordings.count > QueryCompiler.maximumAlternatives + 1 {
        wordings = Array(wordings.prefix(QueryCompiler.maximumAlternatives + 1))
      }
    }
    return Array(wordings.filter { $0 != matchers }.prefix(QueryCompiler.maximumAlternatives))
  }

  /// The body and title syllables of `query` (not inside filters or exclusions) with their
  /// corrections, for those that have some: syllables no document holds, and with
  /// `includingRare` those held by at most `rareDocuments`.
  func corrections(in query: CoreQuery, includingRare: Bool) -> [TermMatcher: [TermMatcher]] {
    var found: [TermMatcher: [TermMatcher]] = [:]
    var checked: Set<TermMatcher> = []
    func visit(_ query: CoreQuery) {
      switch query {
      case .term(let matcher): check(matcher)
      case .phrase(let matchers): matchers.forEach(check)
      case .all(let children), .any(let children), .equivalent(let children, _):
        children.forEach(visit)
      case .bonus(let child, _, _), .boosted(let child, _, _): visit(child)
      case .not, .filter: break
      }
    }
    func check(_ matcher: TermMatcher) {
      guard checked.insert(matcher).inserted else { return }
      let options = corrections(of: matcher, includingRare: includingRare)
      if !options.isEmpty { found[matcher] = options }
    }
    visit(query)
    return found
  }
}
