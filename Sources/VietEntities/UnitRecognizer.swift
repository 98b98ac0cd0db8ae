import VietText

/// Finds the names of bodies: "Ban Thường vụ (BTV) Thị ủy", "Đảng bộ huyện Đà Bắc",
/// "Chi bộ Ninh Tĩnh, phường Lê Lợi", "UBND huyện", "Ban Tổ chức Trung ương", "Bộ Tài chính".
///
/// A unit is read as a small grammar over the unit words of `units.tsv`, which give the heads;
/// the names after them may be unknown, so the lists are evidence, not the boundary:
///
///     unit  := organ* core block? "Việt Nam"? "(ABBR)"? locator? term?
///     organ := Ban Thường vụ | Ban Tổ chức | Văn phòng | Ủy ban Kiểm tra | …   ("(BTV)" may follow)
///     core  := committee (body | place)? | organisation (body | level place? | name)
///            | council (level place?)? | national body? | central (Đảng | mass organisation)
///            | named name (parent | level place?)?   (Bộ Tài chính, Trường Chính trị tỉnh Nghệ An)
///     body  := a capitalised unit nested on the same line (Đảng bộ Bộ Tư pháp)
///     block := Khối … level place                    (Đảng ủy Khối các cơ quan tỉnh)
///     name  := a field from domains.tsv | an abbreviation (Bộ GD&ĐT) | capitalised syllables, each
///              with the lowercase rest of its word and a few more that are no verbs
///     place := a name from the gazetteer | capitalised syllables | a number (Quận 1)
///
/// Nested units are one span (the longest name), as the guidelines ask. Generic mentions
/// ("các chi bộ", "chi bộ cơ sở", "đảng bộ xã, phường") are not units.
struct UnitRecognizer {
  let text: TaggedText
  let lexicon: EntityLexicon
  var words: EntityWords { lexicon.words }

  struct Match {
    var tokens: Range<Int>
    /// Where the place name at the end of the unit began, if it ends in one: a caller that finds
    /// a person's name there ("Chủ tịch HĐND thành phố Lương Nguyễn Minh Triết") may cut the
    /// unit at it.
    var placeStart: Int?
  }

  /// The unit starting at token `index`, judged in running text (generic mentions rejected).
  func match(at index: Int) -> Match? {
    guard let found = parse(at: index, inTitle: false) else { return nil }
    // "Thường trực Ban Bí thư" is a post (titles.tsv), its body "Ban Bí thư".
    if let (length, role) = lexicon.titles.longestMatch(in: text.keys, at: index),
      role == .complete, length > 1
    {
      return nil
    }
    // "Thứ trưởng Thường trực Bộ …": after a title head "Thường trực" qualifies the post.
    if index > 0, matches(words.thuongTruc, at: index), followsTitleHead(index),
      !matches(words.uyVien, at: index - 2),
      !matches(words.uv, at: index - 1)
    {
      return nil
    }
    // "Cổng thông tin điện tử Đảng Cộng sản Việt Nam", "Báo Quân đội nhân dân": a portal's or a
    // newspaper's name is no unit (the guidelines, §3).
    if index >= 2, matches(words.dienTu, at: index - 2) { return nil }
    if index >= 1, text.keys[index - 1] == words.bao, text.isCapitalized(index - 1) { return nil }
    // "từ cấp Bộ Chỉ huy đến cấp đồn": a rank of bodies, not one body.
    if index >= 1, text.keys[index - 1] == words.cap, text.shapes[index - 1] == .lower,
      !text.hasLineBreak(before: index)
    {
      return nil
    }
    if isGeneric(found, start: index) { return nil }
    return found
  }

  /// The most organs one name nests ("Ban Tổ chức Văn phòng …"); with the bound on nested
  /// agencies, a text of nothing but organ words stays linear.
  static let maximumOrgans = 4

  /// The unit starting at `index`, for use inside a title or an issuer phrase, where a bare
  /// organ ("Trưởng Ban Chỉ đạo") names a body too.
  func parse(at index: Int, inTitle: Bool, nesting: Int = 0) -> Match? {
    var position = index
    var organs = 0
    var lastOrganStandsAlone = false
    var takesSubject = false
    while organs < Self.maximumOrgans,
      let (length, word) = lexicon.units.longestMatch(in: text.keys, at: position),
      case .organ(let alone) = word.role, allows(word, at: position)
    {
      position += length
      organs += 1
      lastOrganStandsAlone = alone
      takesSubject = takesSubject || word.takesSubject
      position = skipParenthesisedAbbreviation(position)
    }
    var placeStart: Int?
    var coreEnd: Int?
    var coreIsNamed = false
    var coreTakesCentral = false
    if let (length, word) = lexicon.units.longestMatch(in: text.keys, at: position),
      allows(word, at: position)
    {
      coreTakesCentral =
        word.role == .committee || word.role == .council || word.role == .organisation
      let afterCore = position + length
      switch word.role {
      case .committee:
        if let blockEnd = block(
          at: text.keys[afterCore - 1] == words.khoi ? afterCore - 1 : afterCore)
        {
          coreEnd = blockEnd
        } else if nesting < 2, let inner = nestedBody(at: afterCore, nesting: nesting) {
          coreEnd = inner
        } else {
          let located = locate(afterCore, levelRequired: false)
          if located.end > afterCore || organs > 0 || text.isCapitalized(position) || inTitle {
            coreEnd = located.end
            placeStart = located.placeStart
          }
        }
      case .organisation:
        if let blockEnd = block(at: afterCore) {
          coreEnd = blockEnd
        } else if nesting < 2, let inner = nestedBody(at: afterCore, nesting: nesting) {
          coreEnd = inner
        } else {
          let located = locate(afterCore, levelRequired: false)
          if located.end > afterCore || organs > 0 || inTitle
            || (word.standsBare && text.isCapitalized(position))
          {
            coreEnd = located.end
            placeStart = located.placeStart
          }
        }
      case .council:
        let located = locate(afterCore, levelRequired: true)
        coreEnd = located.end
        placeStart = located.placeStart
      case .national:
        coreEnd = centralParent(after: afterCore)
        // "Ban Chấp hành Trung ương Hội Liên hiệp Phụ nữ Việt Nam": the central committee of a
        // mass organisation.
        if let end = coreEnd, end == afterCore, endsInCentral(afterCore), nesting < 2,
          let inner = nestedBody(at: end, nesting: nesting)
        {
          coreEnd = inner
        }
      case .central:
        if organs > 0 {
          coreEnd = centralParent(after: position)
        } else if nesting < 2, text.isCapitalized(position),
          let inner = nestedBody(at: afterCore, nesting: nesting),
          let (_, head) = lexicon.units.longestMatch(in: text.keys, at: afterCore),
          head.role == .council
        {
          // "Trung ương Hội Liên hiệp Phụ nữ Việt Nam": the central body of a mass organisation.
          coreEnd = inner
        }
      case .named:
        coreIsNamed = true
        if word.takesNumber, afterCore < text.count, text.tokens[afterCore].kind == .number,
          !text.hasLineBreak(before: afterCore)
        {
          // "Trung đoàn 855", "Quân khu 4": the number is the name; a place may follow.
          coreEnd = locate(afterCore + 1, levelRequired: true).end
        } else if let named = namedAgency(afterCore),
          !isPlaceOrPerson(head: position, nameEnd: named)
        {
          coreEnd = named
          placeStart = personInName(afterCore..<named)
          // "Cục Lưu trữ Văn phòng Trung ương Đảng": an agency of a parent body.
          if nesting < 2, !text.hasLineBreak(before: named),
            let parent = parse(at: named, inTitle: false, nesting: nesting + 1),
            parent.tokens.lowerBound == named
          {
            coreEnd = parent.tokens.upperBound
          } else {
            coreEnd = locate(named, levelRequired: true).end
          }
          // "Trường Chinh", "Bộ Lĩnh": one unknown capitalised syllable and nothing placing it is a
          // person's or a place's name more often than an agency's (fields of one syllable,
          // "Bộ Y tế", "Cục Thuế", come from domains.tsv).
          if coreEnd == named, named == afterCore + 1, text.tokens[afterCore].kind == .syllable,
            lexicon.domains.longestMatch(in: text.keys, at: afterCore) == nil, inTitle == false,
            organs == 0
          {
            coreEnd = nil
          }
        }
      case .organ:
        break
      }
    }
    if coreEnd == nil, organs > 0, (lastOrganStandsAlone && text.isCapitalized(index)) || inTitle {
      coreEnd = position
    }
    // "Ban Pháp chế của Hội đồng nhân dân tỉnh": "của" splits the organ from its body, and the
    // organ is a unit of its own (the guidelines, §3).
    if coreEnd == nil, organs > 0, text.isCapitalized(index), position < text.count,
      text.keys[position] == words.cua,
      nesting == 0, lexicon.units.longestMatch(in: text.keys, at: position + 1) != nil,
      parse(at: position + 1, inTitle: true, nesting: nesting + 1) != nil
    {
      coreEnd = position
    }
    guard var end = coreEnd, end > index else { return nil }
    // "Đảng ủy Công an Trung ương", "Hội đồng Đội Trung ương": a body at the central level.
    if coreTakesCentral, placeStart == nil, text.isCapitalized(end),
      !text.hasLineBreak(before: end),
      lexicon.units.allMatches(in: text.keys, at: end).contains(where: { $0.value.role == .central }
      )
    {
      end = centralParent(after: end)
    }
    // An upper-case head inside an upper-case line ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA") is a word of it.
    if organs == 0, coreIsNamed, text.shapes[index] == .upper, index > 0,
      text.shapes[index - 1] == .upper,
      text.tokens[index - 1].kind == .syllable, !text.hasLineBreak(before: index),
      lexicon.units.longestMatch(in: text.keys, at: index - 1) == nil, !followsTitleHead(index),
      text.keys[index - 1] != words.cua, text.keys[index - 1] != words.va
    {
      return nil
    }
    if let blockEnd = block(at: end) { end = blockEnd }
    if matches(words.vietNam, at: end), text.isCapitalized(end) { end += words.vietNam.count }
    if matches(words.nuocCHXHCNVN, at: end) { end += words.nuocCHXHCNVN.count }
    end = trailingAbbreviation(after: end)
    if takesSubject { end = subject(after: end) }
    end = term(after: end)
    if let located = locator(after: end) { end = located }
    if placeStart == nil, let (listStart, listEnd) = namedPlaces(after: end) {
      placeStart = listStart
      end = listEnd
    }
    if let coordinated = coordination(after: end, start: index) { end = coordinated }
    return Match(tokens: index..<end, placeStart: placeStart)
  }

  /// Unit words that are also common words count only capitalised: "Văn phòng" (the office of a
  /// body) but not "văn phòng" (an office), "Bộ" but not "bộ" (a set).
  private func allows(_ word: EntityLexicon.UnitWord, at index: Int) -> Bool {
    guard !word.cased || text.isCapitalized(index) else { return false }
    // "XÃ HỘI": the second syllable of "xã hội" (society) heads no association.
    return !(text.keys[index] == words.hoi && index > 0 && text.keys[index - 1] == words.xa)
  }

  /// "Trung ương" and "Đảng" or "Đoàn" completing a central body: "Ban Bí thư Trung ương Đảng",
  /// "Ban Chấp hành Trung ương Đảng", "Ban Tổ chức Trung ương", "Ban Bí thư Trung ương Đoàn"
  /// (the Youth Union's).
  private func centralParent(after start: Int) -> Int {
    var position = start
    if let (length, _) = lexicon.units.allMatches(in: text.keys, at: position).first(where: {
      $0.value.role == .central
    }) {
      position += length
    }
    guard position < text.count, text.isCapitalized(position),
      lexicon.units.longestMatch(in: text.keys, at: position) == nil
        || text.keys[position] == words.doan
    else { return position }
    if text.keys[position] == words.dang { return position + 1 }
    // "Đoàn" only right after "Trung ương" and as a word of its own ("Đoàn Thanh niên" is a body).
    if text.keys[position] == words.doan, endsInCentral(position),
      !text.hasLineBreak(before: position),
      lexicon.units.longestMatch(in: text.keys, at: position)?.length ?? 1 == 1
    {
      return position + 1
    }
    return position
  }

  /// A level and a place after a body ("huyện Đà Bắc"), a place alone ("Lào Cai"), or nothing.
  private func locate(_ start: Int, levelRequired: Bool) -> (end: Int, placeStart: Int?) {
    var position = start
    // "TP.HCM" before the level word "TP" could take it.
    if let end = placeAbbreviation(at: position) { return (end, position) }
    if let (length, _) = lexicon.levels.longestMatch(in: text.keys, at: position) {
      position += length
      if let end = place(at: position, afterLevel: true) { return (end, position) }
      return (position, nil)
    }
    if levelRequired {
      // "Bộ đội Biên phòng Lào Cai", "Công an Hà Nội": a province needs no level word.
      if let end = province(at: position) { return (end, position) }
      return (start, nil)
    }
    if let end = place(at: position, afterLevel: false) { return (end, position) }
    return (start, nil)
  }

  /// "TPHCM", "TP.HCM", "TP HCM": Ho Chi Minh City as news writes it, after a body
  /// ("Thành Đoàn TPHCM"). Returns its end.
  private func placeAbbreviation(at start: Int) -> Int? {
    guard start < text.count, !text.hasLineBreak(before: start) else { return nil }
    if words.cityAbbreviations.contains(text.keys[start]) { return start + 1 }
    // "TP.HCM", "TP. HCM", "TP HCM", "Tp.HCM"; the tokenizer may keep the full stop in "TP.".
    let writtenTP =
      text.keys[start] == words.tp
      || (text.endsWithFullStop(start) && text.string(start..<(start + 1)).lowercased() == "tp.")
    guard writtenTP, text.isCapitalized(start) else { return nil }
    var position = start + 1
    if text.isPunctuation(position, UInt8(ascii: ".")) { position += 1 }
    return position < text.count && text.keys[position] == words.hcm ? position + 1 : nil
  }

  /// A province's name from the gazetteer in capitalised syllables on the same line, that no
  /// further capitalised syllable continues (a person's name would).
  private func province(at start: Int) -> Int? {
    guard start < text.count, text.tokens[start].kind == .syllable, text.shapes[start] == .title,
      !text.hasLineBreak(before: start), !startsUnitOrTitle(start),
      let (length, tiers) = lexicon.places.longestMatch(in: text.keys, at: start),
      tiers & EntityLexicon.Tier.province.rawValue != 0
    else { return nil }
    let end = start + length
    guard (start..<end).allSatisfy({ text.shapes[$0] == .title }) else { return nil }
    if end < text.count, text.isCapitalized(end), text.tokens[end].kind == .syllable,
      !text.hasLineBreak(before: end)
    {
      return nil
    }
    return end
  }

  /// A place name: the longest gazetteer name, else a run of capitalised syllables (at most
  /// four, on one line), else after a level a number ("Quận 1", "phường 3"). Returns its end.
  func place(at start: Int, afterLevel: Bool) -> Int? {
    guard start < text.count, !text.hasParagraphBreak(before: start) else { return nil }
    if afterLevel, text.tokens[start].kind == .number,
      text.tokens[start].end - text.tokens[start].start <= 2
    {
      return start + 1
    }
    if let end = placeAbbreviation(at: start) { return end }
    guard text.isCapitalized(start), text.tokens[start].kind == .syllable,
      !startsUnitOrTitle(start),
      text.keys[start] != words.dang
    else { return nil }
    if let (length, _) = lexicon.places.longestMatch(in: text.keys, at: start), length > 0,
      (start..<(start + length)).allSatisfy({
        text.shapes[$0] != .lower || text.tokens[$0].kind == .syllable
      })
    {
      return start + length
    }
    guard !text.hasLineBreak(before: start) else { return nil }
    var end = start
    // "ĐẢNG BỘ TỈNH LẦN THỨ XX" in a heading in capitals: "LẦN THỨ" is no place.
    while end < text.count, end - start < 4, text.isCapitalized(end),
      text.tokens[end].kind == .syllable,
      !startsUnitOrTitle(end), !text.hasLineBreak(before: end), !matches(words.lanThu, at: end),
      text.keys[end] != words.va
    {
      end += 1
    }
    guard end > start else { return nil }
    // "Hội Cựu chiến binh tỉnh Tham gia …" (a sentence that lost its full stop): one capitalised
    // syllable the gazetteer does not know, run on by a lowercase word, is no place.
    if end - start == 1, end < text.count, text.shapes[end] == .lower,
      text.tokens[end].kind == .syllable,
      !text.hasLineBreak(before: end)
    {
      return nil
    }
    return end
  }

  func startsUnitOrTitle(_ index: Int) -> Bool {
    lexicon.units.longestMatch(in: text.keys, at: index) != nil
      || lexicon.titles.longestMatch(in: text.keys, at: index) != nil
      || lexicon.documentTypes.longestMatch(in: text.keys, at: index) != nil
  }

  /// "Ủy ban Công tác đại biểu Nguyễn Thanh Hải": capitalised syllables after a lowercase word of
  /// an agency's name, starting with a family name and not a place, may be a person's name that
  /// follows the unit in a title; a caller that finds a name there may cut the unit at it (a
  /// school's "Trường Tiểu học Lê Lợi" stays whole elsewhere).
  private func personInName(_ name: Range<Int>) -> Int? {
    var found: Int?
    for position in name.dropFirst()
    where text.shapes[position] == .title && text.shapes[position - 1] == .lower {
      guard lexicon.surnames.contains(text.keys[position]), position + 1 < name.upperBound,
        text.shapes[position + 1] == .title
      else { continue }
      if let (length, _) = lexicon.places.longestMatch(in: text.keys, at: position),
        position + length >= name.upperBound
      {
        continue
      }
      found = position
    }
    return found
  }

  /// "Trường Sa", "Trường Sơn": a head and its name that together are a place's name.
  private func isPlaceOrPerson(head: Int, nameEnd: Int) -> Bool {
    guard let (length, _) = lexicon.places.longestMatch(in: text.keys, at: head) else {
      return false
    }
    return head + length >= nameEnd
  }

  /// Whether the unit phrase ending before `end` ends in "Trung ương" ("Ban Chấp hành Trung ương").
  private func endsInCentral(_ end: Int) -> Bool {
    for length in 1...2 where end - length >= 0 {
      if let (found, word) = lexicon.units.longestMatch(
        in: text.keys, at: end - length, limit: end), found == length,
        word.role == .central
      {
        return true
      }
    }
    return false
  }

  /// Whether a title head ends right before `index` ("Thứ trưởng", "Phó Chủ tịch").
  private func followsTitleHead(_ index: Int) -> Bool {
    for length in 1...3 where index - length >= 0 {
      if let (found, role) = lexicon.titles.longestMatch(
        in: text.keys, at: index - length, limit: index),
        found == length, role == .head || role == .complete
      {
        return true
      }
    }
    return false
  }

  /// "Khối các cơ quan tỉnh", "Khối cơ quan và doanh nghiệp tỉnh", "Khối Cơ quan - Doanh nghiệp
  /// tỉnh": the block a Party or mass organisation serves, up to its level word and place.
  private func block(at start: Int) -> Int? {
    guard start < text.count, text.keys[start] == words.khoi else { return nil }
    var position = start + 1
    while position < text.count, position - start <= 7, !text.hasParagraphBreak(before: position) {
      if lexicon.levels.longestMatch(in: text.keys, at: position) != nil {
        return locate(position, levelRequired: true).end
      }
      let token = text.tokens[position]
      guard token.kind == .syllable || text.isDash(position) else { break }
      position += 1
    }
    return nil
  }

  /// "(NN-PTNT)", "(BĐBP)" right after a unit: its abbreviation, inside the span.
  private func trailingAbbreviation(after end: Int) -> Int {
    guard text.isPunctuation(end, UInt8(ascii: "(")), !text.hasLineBreak(before: end),
      end + 2 < text.count,
      text.tokens[end + 1].kind == .abbreviation || text.shapes[end + 1] == .upper,
      text.isPunctuation(end + 2, UInt8(ascii: ")"))
    else { return end }
    // "Đảng ủy Bộ đội Biên phòng (BĐBP) tỉnh": the level and place after it belong too.
    let located = locate(end + 3, levelRequired: true)
    return located.end
  }

  /// The body a Party committee or organisation is the committee of: "Đảng bộ Bộ Tư pháp",
  /// "Đảng ủy Viện Kiểm sát nhân dân tối cao", "Chi bộ Văn phòng Huyện ủy". Only a capitalised
  /// unit right after the head nests; a place goes to `locate`.
  private func nestedBody(at start: Int, nesting: Int) -> Int? {
    // Not across a line: headers put "BAN CHẤP HÀNH TRUNG ƯƠNG" and "ĐẢNG CỘNG SẢN VIỆT NAM" on two.
    guard start < text.count, text.isCapitalized(start), !text.hasLineBreak(before: start) else {
      return nil
    }
    if text.tokens[start].kind == .abbreviation,
      lexicon.units.longestMatch(in: text.keys, at: start) == nil,
      lexicon.levels.longestMatch(in: text.keys, at: start + 1) != nil
    {
      let located = locate(start + 1, levelRequired: true)
      return located.end > start + 1 ? located.end : nil
    }
    guard lexicon.units.longestMatch(in: text.keys, at: start) != nil,
      let inner = parse(at: start, inTitle: true, nesting: nesting + 1),
      inner.tokens.lowerBound == start
    else { return nil }
    return inner.tokens.upperBound
  }

  /// The most syllables an unknown agency name runs to ("Tiền lương và Bảo hiểm xã hội").
  static let maximumNameSyllables = 10

  /// The field or name after "Bộ", "Sở", "Trường", "Trung tâm"…: a field from `domains.tsv`, else
  /// a name by its shape. Official names capitalise the first syllable of each proper part and
  /// write the rest in lowercase ("Trường Chính trị", "Học viện Chính trị quốc gia Hồ Chí
  /// Minh"), so a name is capitalised syllables, each followed by at most five lowercase ones (the first
  /// completes the capitalised syllable's word; later ones are not verbs or function words)
  /// that are not function words or levels, joined by "và" to another capitalised part.
  private func namedAgency(_ start: Int) -> Int? {
    if let (length, _) = lexicon.domains.longestMatch(in: text.keys, at: start),
      text.isCapitalized(start)
    {
      // "Vụ Tài chính - Kinh tế ngành": a field, a dash, and more name; "Bộ Dân tộc-Tôn giáo"
      // writes the dash glued to both fields.
      var end = start + length
      // "Ủy ban Pháp luật và Tư pháp": two fields joined by "và" name one body.
      // Not when a capitalised word follows the second: "Vụ Tổ chức cán bộ và Thanh tra Bộ" are two.
      if end + 1 < text.count, text.keys[end] == words.va, text.isCapitalized(end + 1),
        let (more, _) = lexicon.domains.longestMatch(in: text.keys, at: end + 1),
        !startsCapitalisedWord(end + 1 + more)
      {
        end += 1 + more
      } else if startsCapitalisedWord(end),
        let (more, _) = lexicon.domains.longestMatch(in: text.keys, at: end),
        !startsCapitalisedWord(end + more)
      {
        // "Cục Kế hoạch Tài chính": two fields written without their dash.
        end += more
      }
      let spaced = !text.isGlued(end)
      let glued = text.isGlued(end) && text.isGlued(end + 1)
      if text.isDash(end), spaced || glued, !text.hasLineBreak(before: end + 1),
        let more = nameShape(from: end + 1)
      {
        return more
      }
      return end
    }
    // "Bộ LĐTB-XH", "Bộ NN-PTNT", "Bộ GD&ĐT": the field abbreviated; "Trường ĐH Bách khoa": a
    // kind abbreviated, then the name.
    if start < text.count, text.tokens[start].kind == .abbreviation,
      !text.hasLineBreak(before: start),
      lexicon.units.longestMatch(in: text.keys, at: start) == nil,
      lexicon.levels.longestMatch(in: text.keys, at: start) == nil
    {
      var end = start + 1
      while end + 1 < text.count, text.isGlued(end), text.isGlued(end + 1),
        text.isPunctuation(end, UInt8(ascii: "&")) || text.isDash(end),
        text.tokens[end + 1].kind == .abbreviation
      {
        end += 2
      }
      // "Sở TT&TT. Sau đó": an abbreviation with a full stop ends the sentence, and the name.
      if end < text.count, !text.endsWithFullStop(end - 1), text.tokens[end].kind == .syllable,
        text.isCapitalized(end),
        !startsUnitOrTitle(end), !text.hasLineBreak(before: end), let name = nameShape(from: end)
      {
        return name
      }
      return end
    }
    return nameShape(from: start)
  }

  private func nameShape(from start: Int) -> Int? {
    guard start < text.count, text.isCapitalized(start), text.tokens[start].kind == .syllable,
      !startsUnitOrTitle(start)
    else { return nil }
    var end = start
    var lowerRun = 0
    while end < text.count, end - start < Self.maximumNameSyllables,
      text.tokens[end].kind == .syllable,
      !text.hasLineBreak(before: end) || end == start
        || (text.shapes[end] == .lower && !text.hasParagraphBreak(before: end))
    {
      let key = text.keys[end]
      // A level word starts the locality when a place or number follows ("Trường Chính trị tỉnh
      // Nghệ An", "Trung tâm Dữ liệu tỉnh."); "xã" in "Bảo hiểm xã hội" is a word of the name.
      if end > start, let (length, _) = lexicon.levels.longestMatch(in: text.keys, at: end) {
        let after = end + length
        if after >= text.count || text.isCapitalized(after) || text.kind(after) != .syllable
          || words.nameStops.contains(text.keys[after])
          || words.lawNameStops.contains(text.keys[after])
        {
          break
        }
      }
      if text.isCapitalized(end) {
        // A capitalised body word after the name starts the parent, not more name.
        if end > start, lexicon.units.longestMatch(in: text.keys, at: end) != nil { break }
        if end > start, let (length, role) = lexicon.titles.longestMatch(in: text.keys, at: end) {
          // "Nguyên" is a prefix of titles and a syllable of names ("Đại học Thái Nguyên").
          if role != .prefix { break }
          if let (_, next) = lexicon.titles.longestMatch(in: text.keys, at: end + length),
            next == .head || next == .complete
          {
            break
          }
        }
        // "Cục Hàng hải Việt Nam công bố": "Việt Nam" ends a name.
        if matches(words.vietNam, at: end) {
          end += words.vietNam.count
          break
        }
        lowerRun = 0
        end += 1
        continue
      }
      if key == words.va, end + 1 < text.count, text.isCapitalized(end + 1),
        text.tokens[end + 1].kind == .syllable,
        !startsUnitOrTitle(end + 1)
      {
        end += 1
        lowerRun = 0
        continue
      }
      if let tail = words.nameTails.first(where: { matches($0, at: end) }) {
        end += tail.count
        continue
      }
      guard key != words.cua, key != words.va, key != words.so, key != words.ngay,
        !words.quantifiers.contains(key),
        !words.nameBreaks.contains(key)
      else { break }
      // The syllable right after a capitalised one completes its word ("Hàng không", "Tình báo",
      // "Viễn thông"); later ones must not be verbs or function words.
      if lowerRun > 0 {
        guard lowerRun < 5, !words.nameStops.contains(key), !words.lawNameStops.contains(key) else {
          break
        }
      }
      lowerRun += 1
      end += 1
    }
    return end > start ? end : nil
  }

  /// Whether a field from domains.tsv ends right before `end` after a head that starts at
  /// `start` ("Sở Tài chính"); a body named by a field alone ("Công an") shares no head.
  private func endsInField(_ end: Int, after start: Int) -> Bool {
    (1...4).contains { back in
      end - back > start
        && lexicon.domains.longestMatch(in: text.keys, at: end - back, limit: end)?.length == back
    }
  }

  /// Whether a capitalised syllable on the same line starts at `index`.
  private func startsCapitalisedWord(_ index: Int) -> Bool {
    index < text.count && text.isCapitalized(index) && text.tokens[index].kind == .syllable
      && !text.hasLineBreak(before: index)
  }

  /// "(BTV)" after an organ, inside the name: "Ban Thường vụ (BTV) Thị ủy".
  private func skipParenthesisedAbbreviation(_ position: Int) -> Int {
    guard text.isPunctuation(position, UInt8(ascii: "(")), position + 2 < text.count,
      text.tokens[position + 1].kind == .abbreviation || text.shapes[position + 1] == .upper,
      text.isPunctuation(position + 2, UInt8(ascii: ")"))
    else { return position }
    // Only when a body follows; otherwise the parenthesis closes the unit ("Ủy ban Kiểm tra (UBKT)").
    return lexicon.units.longestMatch(in: text.keys, at: position + 3) != nil
      ? position + 3 : position
  }

  /// "khóa XII", "(khóa X)" after a body: the term belongs to its name.
  private func term(after end: Int) -> Int { term(at: end, afterComma: false)?.end ?? end }

  /// A term designation at `start`: "khóa XII", "(khóa X)", and with `afterComma` ", khóa X"
  /// (how citations write the term of the plenum they name).
  func term(at start: Int, afterComma: Bool) -> (end: Int, term: String)? {
    var position = start
    if afterComma, text.isPunctuation(position, UInt8(ascii: ",")) { position += 1 }
    let opened = text.isPunctuation(position, UInt8(ascii: "("))
    if opened { position += 1 }
    guard position + 1 < text.count, text.keys[position] == words.khoa,
      let term = text.designation(position + 1)
    else {
      return nil
    }
    position += 2
    if opened {
      guard text.isPunctuation(position, UInt8(ascii: ")")) else { return nil }
      position += 1
    }
    return (position, term)
  }

  /// ", phường Lê Lợi" after a unit: the locator that places it.
  private func locator(after end: Int) -> Int? {
    guard text.isPunctuation(end, UInt8(ascii: ",")),
      let (length, _) = lexicon.levels.longestMatch(in: text.keys, at: end + 1),
      let placeEnd = place(at: end + 1 + length, afterLevel: true)
    else { return nil }
    return placeEnd
  }

  /// "HĐND các tỉnh Thái Bình, Nam Định, Ninh Bình": a plural level whose places are named, two
  /// or more, is one unit (the guidelines' generic plural names none). Returns where the first
  /// place starts and where the first ends; `coordination` takes the rest.
  private func namedPlaces(after end: Int) -> (Int, Int)? {
    guard end + 2 < text.count, text.keys[end] == words.cac, !text.hasLineBreak(before: end + 1),
      let (levelLength, _) = lexicon.levels.longestMatch(in: text.keys, at: end + 1)
    else { return nil }
    let first = end + 1 + levelLength
    guard let placeEnd = place(at: first, afterLevel: true), text.isCapitalized(first),
      placeEnd < text.count,
      text.isPunctuation(placeEnd, UInt8(ascii: ",")) || text.keys[placeEnd] == words.va,
      lexicon.places.longestMatch(in: text.keys, at: placeEnd + 1) != nil,
      text.isCapitalized(placeEnd + 1)
    else { return nil }
    return (first, placeEnd)
  }

  /// "Tỉnh ủy Lâm Đồng và An Giang", "Tỉnh ủy Vĩnh Phúc, Tuyên Quang, Bình Dương": places that
  /// share one body; "Sở Tài chính, Xây dựng, Nội vụ": fields that share one head.
  private func coordination(after end: Int, start: Int) -> Int? {
    guard end > 0 else { return nil }
    let endsInPlace =
      text.isCapitalized(end - 1) && lexicon.levels.longestMatch(in: text.keys, at: end - 1) == nil
    var last: Int?
    var position = end
    for _ in 0..<12 {
      guard position + 1 < text.count,
        text.keys[position] == words.va || text.isPunctuation(position, UInt8(ascii: ",")),
        !text.hasParagraphBreak(before: position + 1), text.isCapitalized(position + 1),
        text.tokens[position + 1].kind == .syllable
      else { break }
      let item = position + 1
      let length: Int
      if endsInPlace,
        let (placeLength, tiers) = lexicon.places.longestMatch(in: text.keys, at: item),
        tiers & EntityLexicon.Tier.province.rawValue != 0 || text.keys[position] == words.va
      {
        length = placeLength
      } else if last != nil || endsInField(end, after: start),
        let (fieldLength, _) = lexicon.domains.longestMatch(in: text.keys, at: item)
      {
        length = fieldLength
      } else {
        break
      }
      let after = item + length
      // Only when nothing body-like follows ("và UBND tỉnh" is a second unit, not a place).
      if startsUnitOrTitle(after) || lexicon.levels.longestMatch(in: text.keys, at: after) != nil
        || (after < text.count && text.isCapitalized(after) && text.tokens[after].kind == .syllable
          && !text.hasLineBreak(before: after))
      {
        break
      }
      last = after
      if text.keys[position] == words.va { break }
      position = after
    }
    return last
  }

  /// "Ban Chỉ đạo Trung ương về phát triển khoa học, công nghệ…": a steering committee's name
  /// runs through its subject to the end of the clause.
  private func subject(after end: Int) -> Int {
    guard end < text.count, text.keys[end] == words.ve else { return end }
    var position = end + 1
    var last = end
    while position < text.count, position - end < 40 {
      let token = text.tokens[position]
      if token.kind == .punctuation, !text.isPunctuation(position, UInt8(ascii: ",")) { break }
      if text.hasLineBreak(before: position) || text.keys[position] == words.cua
        || text.keys[position] == words.ngay
        || text.keys[position] == words.ve
      {
        break
      }
      if token.kind != .punctuation { last = position + 1 }
      position += 1
    }
    return last
  }

  /// Plural and generic mentions: "các chi bộ", "một số Đảng bộ", "chi bộ cơ sở",
  /// "đảng bộ xã, phường".
  /// Whether a capitalised syllable follows the match's first: a named body, not a head alone.
  private func hasCapitalisedName(_ match: Match) -> Bool {
    match.tokens.dropFirst().contains { text.isCapitalized($0) }
  }

  private func isGeneric(_ match: Match, start: Int) -> Bool {
    if start > 0, words.quantifiers.contains(text.keys[start - 1]) { return true }
    if isBareHead(match, start: start), listedAfterQuantifier(start) { return true }
    let end = match.tokens.upperBound
    // "đảng bộ trực thuộc", "chi bộ cơ sở": a head alone before these words is generic; a head
    // with a capitalised name is one body ("Đảng bộ Chính phủ trực thuộc Ban Chấp hành …").
    if end < text.count, words.genericFollowers.contains(text.keys[end]), !hasCapitalisedName(match)
    {
      return true
    }
    if end + 1 < text.count, text.keys[end] == words.cap,
      lexicon.levels.longestMatch(in: text.keys, at: end + 1) != nil
        || words.genericFollowers.contains(text.keys[end + 1])
    {
      return true
    }
    // "Ban Chấp hành công đoàn", "Ban Thường vụ cấp ủy cùng cấp", "Ban Thường vụ Lào Cai": an
    // organ alone before a body or place it did not take belongs to that body; alone it is
    // generic or cut short, so no unit. ("Ban cán sự đảng Bộ …" ends in "đảng": the ministry's.)
    if isBareOrgan(match, start: start), text.keys[end - 1] != words.dang, end < text.count,
      !text.hasLineBreak(before: end),
      text.tokens[end].kind == .syllable,
      text.isCapitalized(end) || text.keys[end] == words.cap
        || lexicon.units.longestMatch(in: text.keys, at: end) != nil
    {
      return true
    }
    // "HĐND các cấp", "Đảng bộ các trường học": a body word before a plural; not "Số 09-QC/TW" on
    // the line under a header.
    if end < text.count, match.placeStart == nil, words.quantifiers.contains(text.keys[end]),
      !text.hasLineBreak(before: end)
    {
      return true
    }
    // "đảng bộ xã, phường": a level followed by another level.
    if end + 1 < text.count,
      text.isPunctuation(end, UInt8(ascii: ",")) || text.keys[end] == words.va,
      lexicon.levels.longestMatch(in: text.keys, at: end - 1) != nil,
      lexicon.levels.longestMatch(in: text.keys, at: end + 1) != nil
    {
      return true
    }
    return false
  }
}

extension UnitRecognizer {
  /// Whether the match is an organ alone ("Ban Chấp hành"), without the body it belongs to.
  private func isBareOrgan(_ match: Match, start: Int) -> Bool {
    guard let (length, word) = lexicon.units.longestMatch(in: text.keys, at: start),
      case .organ = word.role
    else { return false }
    return length == match.tokens.count
  }

  /// Whether the match is a unit word alone ("Thị ủy"), without a name or a place.
  private func isBareHead(_ match: Match, start: Int) -> Bool {
    lexicon.units.longestMatch(in: text.keys, at: start)?.length == match.tokens.count
  }

  /// "các Huyện ủy, Thị ủy, Thành ủy": a quantifier before a list of bare unit words makes each
  /// of them generic, not only the first. Walks back over ", head" items to the quantifier.
  private func listedAfterQuantifier(_ start: Int) -> Bool {
    var item = start
    for _ in 0..<8 {
      let comma = item - 1
      guard comma > 0, text.isPunctuation(comma, UInt8(ascii: ",")) else { return false }
      guard
        let previous = (max(0, comma - 4)..<comma).first(where: { position in
          text.isCapitalized(position)
            && lexicon.units.longestMatch(in: text.keys, at: position)?.length == comma - position
        })
      else { return false }
      if previous > 0, words.quantifiers.contains(text.keys[previous - 1]) { return true }
      item = previous
    }
    return false
  }

  func matches(_ phrase: [UInt64], at index: Int) -> Bool {
    guard index + phrase.count <= text.count else { return false }
    for (offset, key) in phrase.enumerated() where text.keys[index + offset] != key { return false }
    return true
  }
}

/// Roman numerals as terms and plenums are written: "X", "XII", "XIII".
enum RomanNumeral {
  static func value(_ bytes: some Collection<UInt8>) -> Int? {
    guard !bytes.isEmpty, bytes.count <= 7 else { return nil }
    var total = 0
    var previous = 0
    for byte in bytes.reversed() {
      let value: Int
      switch byte {
      case UInt8(ascii: "I"): value = 1
      case UInt8(ascii: "V"): value = 5
      case UInt8(ascii: "X"): value = 10
      case UInt8(ascii: "L"): value = 50
      default: return nil
      }
      total += value < previous ? -value : value
      previous = max(previous, value)
    }
    return total > 0 ? total : nil
  }
}
