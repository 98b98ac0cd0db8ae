import VietText

/// Finds officials: a person's name with at least one title, in one contiguous mention.
///
///     title-first: title (sep title)* name (sep title)*   "Bí thư Quận ủy Tây Hồ Lê Thị Thu Hằng"
///     name-first:  name sep title (sep title)*            "Bàn Văn Bình, Phó Bí thư Thường trực Đảng ủy thị trấn Đà Bắc"
///     title := prefix* (head suffix* unit? suffix* | complete unit? | member)
///     sep   := "," | "–" | "-"
///
/// A name is two to five capitalised syllables beginning with a family name (`surnames.txt`),
/// optionally after a rank ("TS.", "Đại tá"). A title whose body ends in capitalised syllables
/// ("Chủ tịch HĐND thành phố Lương Nguyễn Minh Triết") may give them up to the name that follows.
struct OfficialRecognizer {
  let text: TaggedText
  let lexicon: EntityLexicon
  let units: UnitRecognizer
  var words: EntityWords { lexicon.words }

  struct Match {
    var tokens: Range<Int>
    var official: Official
  }

  /// The most titles one mention chains; real ones hold up to five or six. The bound keeps a
  /// text made of nothing but titles ("Phó Bí thư, Phó Bí thư, …") linear.
  static let maximumTitles = 8

  /// A title: its tokens, and the body it names, or the committee a member title stands for.
  struct Title {
    var tokens: Range<Int>
    var unitTokens: Range<Int>?
    var committee: String?
    /// Where the place name ending the body began, if it ends in one.
    var placeStart: Int?

    /// The title given up from `cut` on, where a person's name begins.
    func cut(at cut: Int) -> Title {
      let unit = unitTokens.map { $0.lowerBound..<min($0.upperBound, cut) }
      return Title(
        tokens: tokens.lowerBound..<cut, unitTokens: unit?.isEmpty == false ? unit : nil,
        committee: committee)
    }
  }

  /// Whether an official can start at a token whose key has `starts` (`EntityLexicon.starts`): a
  /// title word (a rank, prefix or head) or a family name there, as `titleFirst` and `nameFirst`
  /// begin (a cheap test that `match(at:)` is not nil).
  @inline(__always)
  static func mayMatch(starts: UInt8) -> Bool { starts & (KeyFlags.title | KeyFlags.surname) != 0 }

  func match(at index: Int) -> Match? {
    if let found = titleFirst(at: index) { return found }
    return nameFirst(at: index)
  }

  private func titleFirst(at index: Int) -> Match? {
    if index > 0, words.titleObjectVerbs.contains(text.keys[index - 1]) { return nil }
    guard var title = title(at: index) else { return nil }
    var titles: [Title] = []
    while true {
      if let name = name(at: title.tokens.upperBound) {
        titles.append(title)
        return assemble(nameRange: name, before: titles, start: index)
      }
      // The body's place run may be the start of the name; so may capitalised syllables after
      // a lowercase word of an agency's name, when a verb follows the name ("Chủ nhiệm Ủy ban
      // Công tác đại biểu Nguyễn Thanh Hải trình …").
      if let run = title.placeStart {
        for cut in run..<title.tokens.upperBound {
          if let name = name(at: cut),
            name.upperBound >= title.tokens.upperBound
              || (text.shapes[name.upperBound] == .lower
                && text.tokens[name.upperBound].kind == .syllable)
          {
            titles.append(title.cut(at: cut))
            return assemble(nameRange: name, before: titles, start: index)
          }
        }
      }
      titles.append(title)
      // "Ủy viên Bộ Chính trị, Bộ trưởng Bộ Quốc phòng, Đại tướng Phan Văn Giang": after a comma,
      // a rank starts the name.
      let end = title.tokens.upperBound
      if text.isPunctuation(end, UInt8(ascii: ",")), let ranked = name(at: end + 1),
        lexicon.titles.longestMatch(in: text.keys, at: end + 1)?.value == .rank
      {
        return assemble(nameRange: ranked, before: titles, start: index)
      }
      guard titles.count < Self.maximumTitles, let next = separatorThenTitle(after: end) else {
        return nil
      }
      title = next
    }
  }

  private func nameFirst(at index: Int) -> Match? {
    guard let name = name(at: index), separatorThenTitle(after: name.upperBound) != nil else {
      return nil
    }
    // "Huyện Đoàn Sa Pa": a family name that is the last word of a unit word is no name.
    for back in 1...2 where index - back >= 0 {
      if let (length, _) = lexicon.units.longestMatch(in: text.keys, at: index - back),
        index - back + length > index
      {
        return nil
      }
    }
    return assemble(nameRange: name, before: [], start: index)
  }

  /// Builds the official from its titles before the name, the name, and the titles after it.
  private func assemble(nameRange: Range<Int>, before: [Title], start: Int) -> Match? {
    var titles = before
    var end = nameRange.upperBound
    while titles.count < Self.maximumTitles, let next = separatorThenTitle(after: end) {
      // "Tổng Bí thư Tô Lâm, Thường trực Ban Bí thư Trần Cẩm Tú": a title with a name after it
      // begins the next official of a list.
      if hasOwnName(next) { break }
      titles.append(next)
      end = next.tokens.upperBound
    }
    guard !titles.isEmpty else { return nil }
    let official = Official(
      name: text.string(nameRange),
      titles: titles.map { text.string($0.tokens) },
      unit: titles.lazy.compactMap { $0.committee ?? $0.unitTokens.map(text.string) }.first)
    return Match(tokens: start..<end, official: official)
  }

  /// Whether a person's name follows a title, right after it or from inside the place run that
  /// ends its body ("Chủ tịch UBND tỉnh Lò Thị Hạnh"): the title then heads an official of its own.
  private func hasOwnName(_ title: Title) -> Bool {
    if name(at: title.tokens.upperBound) != nil { return true }
    guard let run = title.placeStart else { return false }
    return (run..<title.tokens.upperBound).contains { cut in
      name(at: cut).map { $0.upperBound >= title.tokens.upperBound } ?? false
    }
  }

  /// ", title", " – title", " - title" after `end`.
  private func separatorThenTitle(after end: Int) -> Title? {
    guard end < text.count else { return nil }
    guard text.isPunctuation(end, UInt8(ascii: ",")) || text.isDash(end) else { return nil }
    return title(at: end + 1)
  }

  /// A title starting at `index`.
  func title(at index: Int) -> Title? {
    var position = index
    var sawPrefix = false
    while position - index < 4,
      let (length, role) = lexicon.titles.longestMatch(in: text.keys, at: position), role == .prefix
    {
      position += length
      sawPrefix = true
    }
    // "Trưởng Ban Chỉ đạo": the head "Trưởng ban" would leave "Chỉ đạo"; try every head length.
    var best: Title?
    for (length, role) in lexicon.titles.allMatches(in: text.keys, at: position) {
      if let title = title(
        from: index, head: position, length: length, role: role, sawPrefix: sawPrefix),
        title.tokens.upperBound > (best?.tokens.upperBound ?? 0)
      {
        best = title
      }
    }
    return best
  }

  private func title(
    from index: Int, head: Int, length: Int, role: EntityLexicon.TitleRole, sawPrefix: Bool
  ) -> Title? {
    var position = head + length
    switch role {
    case .member(let committee):
      return Title(tokens: index..<position, committee: committee)
    case .head, .complete:
      position = suffixes(position)
      let body = units.parse(at: position, inTitle: true)
      if let body {
        position = suffixes(body.tokens.upperBound)
      } else if role == .head,
        let (fieldLength, _) = lexicon.domains.longestMatch(in: text.keys, at: position),
        text.isCapitalized(position)
      {
        // "Bộ trưởng Nội vụ": the ministry named by its field alone.
        position += fieldLength
      } else if role == .head, let paperEnd = newspaper(at: position) {
        // "Tổng Biên tập Báo Nông nghiệp Việt Nam": a newspaper is no unit, but the post is its.
        position = paperEnd
      } else if role == .head, let provinceEnd = province(at: position) {
        // "nguyên Bí thư Tuyên Quang": a province stands for its Party committee or council.
        position = provinceEnd
      } else if role == .complete, let term = units.term(at: position, afterComma: false) {
        // "Đại biểu Quốc hội khóa XV tỉnh Tuyên Quang": the term, and the province elected in.
        position = term.end
        if let (levelLength, _) = lexicon.levels.longestMatch(in: text.keys, at: position),
          let placeEnd = units.place(at: position + levelLength, afterLevel: true)
        {
          position = placeEnd
        }
      }
      if role == .head, body == nil, !sawPrefix, !text.isCapitalized(index) {
        // A lowercase bare head ("chủ tịch") is too often a common noun to start a title alone.
        guard index > 0, text.isPunctuation(index - 1, UInt8(ascii: ",")) else { return nil }
      }
      return Title(tokens: index..<position, unitTokens: body?.tokens, placeStart: body?.placeStart)
    case .prefix, .suffix, .rank:
      return nil
    }
  }

  /// "Thường trực", "dự khuyết" after a head. In a title "Thường trực" qualifies the post
  /// ("Phó Bí thư Thường trực Thị ủy": the body is "Thị ủy"), though elsewhere it is an organ.
  private func suffixes(_ start: Int) -> Int {
    var position = start
    while position - start < 4,
      let (length, role) = lexicon.titles.longestMatch(in: text.keys, at: position), role == .suffix
    {
      position += length
    }
    return position
  }

  /// A person's name at `index`: an optional rank, a family name, then one to four more
  /// capitalised syllables.
  func name(at index: Int) -> Range<Int>? {
    var position = index
    while position - index < 4,
      let (length, role) = lexicon.titles.longestMatch(in: text.keys, at: position), role == .rank
    {
      position += length
    }
    guard position < text.count, text.tokens[position].kind == .syllable,
      text.isCapitalized(position),
      lexicon.surnames.contains(text.keys[position])
    else { return nil }
    var end = position + 1
    while end < text.count, end - position < 5, text.tokens[end].kind == .syllable,
      text.isCapitalized(end),
      !text.hasLineBreak(before: end), lexicon.titles.longestMatch(in: text.keys, at: end) == nil,
      !startsUnitWord(end)
    {
      end += 1
    }
    guard end - position >= 2 else { return nil }
    // "CÔNG BÁO/Số 55" under a signature's "THỨ TRƯỞNG": names are written in title case; a run
    // in capitals is a heading.
    if (position..<end).allSatisfy({ text.shapes[$0] == .upper }) { return nil }
    // "Hồ Chí Minh" after "Thành phố", "Hà Giang" after "Tỉnh ủy", "Đồng Hỷ" after "Huyện ủy": a
    // place's name right after a level or a body is the place, even when it starts with a family
    // name; so is a province's two-syllable name anywhere ("Hà Nội, Phó Thủ tướng" is a dateline
    // or a list, 7 of 300 news articles). ("Chủ tịch Hồ Chí Minh" is the person: the train files
    // mark him.)
    if let (length, tiers) = lexicon.places.longestMatch(in: text.keys, at: position, limit: end),
      position + length == end,
      tiers != 0,
      endsLevelOrUnit(before: position)
        || (length == 2 && tiers & EntityLexicon.Tier.province.rawValue != 0)
    {
      return nil
    }
    return index..<end
  }

  /// "Báo Nông nghiệp Việt Nam": "Báo" and the newspaper's name, capitalised syllables each with
  /// at most one lowercase syllable completing its word. Returns its end.
  private func newspaper(at start: Int) -> Int? {
    guard start + 1 < text.count, text.keys[start] == words.bao, text.shapes[start] == .title,
      text.shapes[start + 1] == .title, !text.hasLineBreak(before: start + 1)
    else { return nil }
    var end = start + 1
    var lowerRun = 0
    while end < text.count, end - start <= 8, text.tokens[end].kind == .syllable,
      !text.hasLineBreak(before: end)
    {
      if text.shapes[end] == .title {
        if lexicon.titles.longestMatch(in: text.keys, at: end) != nil
          || lexicon.surnames.contains(text.keys[end]) && lowerRun == 0
            && end > start + 1
        {
          break
        }
        lowerRun = 0
      } else if text.shapes[end] == .lower, lowerRun == 0,
        !words.nameBreaks.contains(text.keys[end])
      {
        lowerRun = 1
      } else {
        break
      }
      end += 1
    }
    return end
  }

  /// A province's name in capitalised syllables that is not also a person's name ("Tuyên
  /// Quang", not "Hồ Chí Minh" after "Chủ tịch"). Returns its end.
  private func province(at start: Int) -> Int? {
    guard start < text.count, text.shapes[start] == .title, text.tokens[start].kind == .syllable,
      !text.hasLineBreak(before: start), name(at: start) == nil,
      let (length, tiers) = lexicon.places.longestMatch(in: text.keys, at: start),
      tiers & EntityLexicon.Tier.province.rawValue != 0,
      (start..<(start + length)).allSatisfy({ text.shapes[$0] == .title })
    else { return nil }
    return start + length
  }

  /// A unit word a name stops at: one-syllable heads ("Trường", "Hội", "Bộ") are also given
  /// names ("Trịnh Xuân Trường"), so they stop it only before another capitalised word.
  private func startsUnitWord(_ index: Int) -> Bool {
    guard let (length, word) = lexicon.units.longestMatch(in: text.keys, at: index) else {
      return false
    }
    if length == 1, word.role == .named {
      return index + 1 < text.count && text.isCapitalized(index + 1)
        && text.tokens[index + 1].kind == .syllable
        && !text.hasLineBreak(before: index + 1)
    }
    return true
  }

  /// Whether a level word or a unit word ends right before `index`.
  private func endsLevelOrUnit(before index: Int) -> Bool {
    for back in 1...3 where index - back >= 0 {
      if let (length, _) = lexicon.levels.longestMatch(
        in: text.keys, at: index - back, limit: index), length == back
      {
        return true
      }
      if let (length, _) = lexicon.units.longestMatch(
        in: text.keys, at: index - back, limit: index), length == back
      {
        return true
      }
    }
    return false
  }
}
