import VietText

/// Finds citations of documents and reads their fields.
///
/// Following eyecite, the number-symbol token is the anchor (the tokenizer keeps "11-ĐA/TU" and
/// "30/2020/NĐ-CP" whole); the span grows left to the type word and "số", and right to
/// ", ngày <date>". The issuer phrase after it ("của Ban Thường vụ Thành ủy") is read into
/// `issuerName` but stays outside the span. Citations without a symbol are read from the type
/// word: short re-mentions ("Đề án 11"), plenums ("Nghị quyết Trung ương 4 khóa XII"),
/// congresses ("Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII") and named documents
/// ("Luật Giao dịch điện tử", "Điều lệ Đảng").
struct DecreeRecognizer {
  let text: TaggedText
  let lexicon: EntityLexicon
  let dates: DateRecognizer
  let units: UnitRecognizer
  var words: EntityWords { lexicon.words }

  struct Match {
    var tokens: Range<Int>
    var citation: DecreeCitation
  }

  /// Whether a citation can start at token `index`, whose key has `starts` (`EntityLexicon.starts`):
  /// a type word, "số" or a document number there, the three ways `match` begins (a cheap test
  /// that `match(at:)` is not nil).
  @inline(__always)
  func mayMatch(at index: Int, starts: UInt8) -> Bool {
    starts & KeyFlags.documentType != 0 || text.keys[index] == words.so
      || text.tokens[index].kind == .documentNumber
  }

  func match(at index: Int) -> Match? {
    if let (length, type) = lexicon.documentTypes.longestMatch(in: text.keys, at: index) {
      if let found = typed(at: index, typeLength: length, type: type) { return found }
      return nil
    }
    if text.keys[index] == words.so, let found = header(at: index) { return found }
    if text.tokens[index].kind == .documentNumber, let symbol = symbol(at: index) {
      var citation = DecreeCitation(reference: .full)
      fill(&citation, symbol: symbol, token: index, type: nil)
      return finish(citation, tokens: index..<(index + 1))
    }
    return nil
  }

  // MARK: - Shapes

  /// A type word and what follows it.
  private func typed(at index: Int, typeLength: Int, type: EntityLexicon.DocumentType) -> Match? {
    var position = index + typeLength
    switch type.kind {
    case .unique:
      // "điều lệ Đảng": case does not decide (the guidelines, §1); the body's capital does.
      guard text.isCapitalized(index) || text.isCapitalized(index + typeLength - 1) else {
        return nil
      }
      var citation = DecreeCitation(reference: .name)
      citation.type = type.name
      // "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam": the state's name is the document's.
      if matches(words.nuocCHXHCNVN, at: position) { position += words.nuocCHXHCNVN.count }
      return finish(citation, tokens: index..<position)
    case .named:
      guard text.isCapitalized(index) else { return nil }
      var citation = DecreeCitation(reference: .name)
      citation.type = type.name
      if let amending = amendingChain(typeAt: index) {
        // "Luật sửa đổi Luật Doanh nghiệp số 76/2025/QH15": the symbol after the chain is the
        // amending law's own.
        var end = amending
        let numberAt = skipSo(amending)
        if text.kind(numberAt) == .documentNumber, let symbol = symbol(at: numberAt) {
          citation.reference = .full
          fill(&citation, symbol: symbol, token: numberAt, type: type.name)
          citation.title = text.string(index..<amending).split(whereSeparator: \.isWhitespace)
            .joined(separator: " ")
          end = numberAt + 1
        }
        return finish(citation, tokens: index..<end)
      }
      var nameEnd = lawName(from: position)
      if let closed = nameClosedBySymbolOrDate(from: position, typeAt: index) {
        nameEnd = max(nameEnd, closed)
      }
      // "Luật An toàn thực phẩm (sửa đổi)": a draft that revises the law is named by it.
      if nameEnd > position, text.isPunctuation(nameEnd, UInt8(ascii: "(")),
        matches(words.suaDoi, at: nameEnd + 1),
        text.isPunctuation(nameEnd + 1 + words.suaDoi.count, UInt8(ascii: ")"))
      {
        nameEnd += words.suaDoi.count + 2
      }
      position = nameEnd
      let numberAt = skipSo(position)
      if text.kind(numberAt) == .documentNumber, let symbol = symbol(at: numberAt) {
        citation.reference = .full
        fill(&citation, symbol: symbol, token: numberAt, type: type.name)
        position = numberAt + 1
      } else if nameEnd == index + typeLength {
        return nil
      }
      return finish(citation, tokens: index..<position)
    case .numbered:
      // "Báo cáo thẩm tra số 436/BC-UBVHXH15", "Tờ trình đề nghị số …": a qualifier between the type
      // word and the number.
      if position < text.count, text.shapes[position] == .lower, text.keys[position] != words.so {
        var probe = position
        while probe < text.count, probe - position < 3, text.shapes[probe] == .lower,
          text.keys[probe] != words.so,
          text.tokens[probe].kind == .syllable
        {
          probe += 1
        }
        if probe > position, probe < text.count, text.keys[probe] == words.so,
          text.kind(skipSo(probe)) == .documentNumber
        {
          position = probe
        }
      }
      let numberAt = skipSo(position)
      if let (symbol, written, end) = joinedSymbol(at: numberAt) {
        var citation = DecreeCitation(reference: .full)
        fill(&citation, symbol: symbol, token: numberAt, type: type.name)
        citation.symbol = written
        return finish(citation, tokens: index..<end)
      }
      if text.kind(numberAt) == .documentNumber, let symbol = symbol(at: numberAt) {
        var citation = DecreeCitation(reference: .full)
        fill(&citation, symbol: symbol, token: numberAt, type: type.name)
        return finish(citation, tokens: index..<(numberAt + 1))
      }
      if let (symbol, written, end) = splitSymbol(at: numberAt) {
        var citation = DecreeCitation(reference: .full)
        fill(&citation, symbol: symbol, token: numberAt, type: type.name)
        citation.symbol = written
        return finish(citation, tokens: index..<end)
      }
      if let (number, year) = numberAndYear(at: numberAt, afterSo: numberAt > position) {
        var citation = DecreeCitation(reference: .full)
        citation.type = type.name
        citation.number = number
        citation.year = year
        citation.symbol = text.string(numberAt..<(numberAt + 1))
        // Without codes the symbol is shared by every type: the type keeps them apart.
        citation.canonicalSymbol = "\(type.name) \(number)/\(year)"
        return finish(citation, tokens: index..<(numberAt + 1))
      }
      if let number = shortNumber(at: numberAt) {
        var citation = DecreeCitation(reference: .short)
        citation.type = type.name
        citation.number = number
        return finish(citation, tokens: index..<(numberAt + 1))
      }
      if type.name == "Nghị quyết" {
        if let plenum = plenum(from: position) {
          var citation = DecreeCitation(reference: .plenum)
          citation.type = type.name
          citation.plenum = plenum.plenum
          citation.term = plenum.term
          return finish(citation, tokens: index..<plenum.end)
        }
        if let congress = congress(from: position) {
          var citation = DecreeCitation(reference: .congress)
          citation.type = type.name
          citation.congress = congress.congress
          return finish(citation, tokens: index..<congress.end)
        }
      }
      return nil
    }
  }

  /// "Số: 130/KH-UBND", "Số 09-QC/TW": a document's header, its type read from the code.
  private func header(at index: Int) -> Match? {
    let numberAt = skipSo(index)
    if numberAt > index, let (symbol, written, end) = joinedSymbol(at: numberAt) {
      var citation = DecreeCitation(reference: .full)
      fill(&citation, symbol: symbol, token: numberAt, type: nil)
      citation.symbol = written
      return finish(citation, tokens: index..<end)
    }
    guard numberAt > index, text.kind(numberAt) == .documentNumber,
      let symbol = symbol(at: numberAt)
    else { return nil }
    var citation = DecreeCitation(reference: .full)
    fill(&citation, symbol: symbol, token: numberAt, type: nil)
    return finish(citation, tokens: index..<(numberAt + 1))
  }

  /// Past "số", "Số:" or "số:".
  private func skipSo(_ position: Int) -> Int {
    guard position < text.count, text.keys[position] == words.so else { return position }
    return text.isPunctuation(position + 1, UInt8(ascii: ":")) ? position + 2 : position + 1
  }

  /// The number of a short re-mention: "Đề án 11", "Quy định số 31"; not "Kế hoạch 5 năm".
  private func shortNumber(at index: Int) -> String? {
    guard let digits = text.digits(index), digits.count <= 5 else { return nil }
    let next = index + 1
    if next < text.count {
      if text.shapes[next] == .lower, words.measureWords.contains(text.keys[next]),
        text.keys[next] != words.ngay
      {
        return nil
      }
      if text.isGlued(next), text.tokens[next].kind == .punctuation,
        !text.isPunctuation(next, UInt8(ascii: ",")),
        !text.isPunctuation(next, UInt8(ascii: ")")), !text.isPunctuation(next, UInt8(ascii: "."))
      {
        return nil
      }
    }
    return DocumentSymbol.withoutLeadingZeros(digits)
  }

  /// "21- KL/TW": a Party symbol a stray space split after its hyphen, which the tokenizer reads
  /// as a number, a hyphen and the codes. Returns the symbol, as written, and its end.
  private func splitSymbol(at index: Int) -> (DocumentSymbol, String, Int)? {
    guard index + 4 < text.count, text.digits(index) != nil,
      text.isPunctuation(index + 1, UInt8(ascii: "-")),
      text.isGlued(index + 1), !text.hasLineBreak(before: index + 2),
      text.tokens[index + 2].kind == .abbreviation,
      text.isPunctuation(index + 3, UInt8(ascii: "/")), text.isGlued(index + 3),
      text.isGlued(index + 4),
      text.tokens[index + 4].kind == .abbreviation
    else { return nil }
    let joined = text.string(index..<(index + 2)) + text.string((index + 2)..<(index + 5))
    guard
      let symbol = DocumentSymbol(
        Substring(joined), isPartyIssuer: isPartyIssuer, isTypeCode: isTypeCode)
    else {
      return nil
    }
    return (symbol, text.string(index..<(index + 5)), index + 5)
  }

  /// A symbol the tokenizer split: "68/2026/NĐ-\nCP", broken at the end of a line after its
  /// hyphen (PDF text), and "66.13/2026/NQ-CP", whose number has a dot. Returns the symbol, as
  /// written without the line break, and its end.
  private func joinedSymbol(at index: Int) -> (DocumentSymbol, String, Int)? {
    guard index + 2 < text.count else { return nil }
    let joined: String
    if text.kind(index) == .documentNumber, text.isPunctuation(index + 1, UInt8(ascii: "-")),
      text.isGlued(index + 1),
      text.hasLineBreak(before: index + 2), !text.hasParagraphBreak(before: index + 2),
      text.tokens[index + 2].kind == .abbreviation || text.shapes[index + 2] == .upper
    {
      joined = text.string(index..<(index + 2)) + text.string((index + 2)..<(index + 3))
    } else if text.kind(index) == .number, text.isPunctuation(index + 1, UInt8(ascii: "/")),
      text.isGlued(index + 1),
      text.isGlued(index + 2), text.kind(index + 2) == .documentNumber
    {
      joined = text.string(index..<(index + 3))
    } else {
      return nil
    }
    guard
      let symbol = DocumentSymbol(
        Substring(joined), isPartyIssuer: isPartyIssuer, isTypeCode: isTypeCode)
    else {
      return nil
    }
    return (symbol, joined, index + 3)
  }

  private func isPartyIssuer(_ code: String) -> Bool { lexicon.issuers[code]?.isParty ?? false }
  private func isTypeCode(_ code: String) -> Bool { lexicon.typeForCode[code] != nil }

  /// "Nghị quyết số 57/2025": a number and a year without codes. A number up to 12 could be a
  /// month ("Kế hoạch 6/2025" read as June), so it counts only after "số".
  private func numberAndYear(at index: Int, afterSo: Bool) -> (String, Int)? {
    guard let kind = text.kind(index), kind == .date || kind == .number,
      let parts = dates.numericParts(index),
      parts.count == 2, (1945...2100).contains(parts[1]), parts[0] > 0, afterSo || parts[0] > 12
    else { return nil }
    let token = text.tokens[index]
    // Only a slash: "57/2025", not "6-2025" or "6.2025".
    guard text.bytes[token.byteStart..<token.byteEnd].contains(UInt8(ascii: "/")) else {
      return nil
    }
    return (String(parts[0]), parts[1])
  }

  /// "Luật sửa đổi, bổ sung một số điều của Luật Đất đai", "Luật sửa đổi, bổ sung một số điều
  /// của Luật Quy hoạch và Luật Đầu tư": an amending law named by the laws it amends, one span
  /// (the guidelines, §4). Returns the end of the last law named.
  private func amendingChain(typeAt index: Int) -> Int? {
    var position = index + 1
    guard matches(words.suaDoi, at: position) else { return nil }
    position += words.suaDoi.count
    if text.isPunctuation(position, UInt8(ascii: ",")) { position += 1 }
    if matches(words.boSung, at: position) { position += words.boSung.count }
    if matches(words.motSoDieu, at: position) { position += words.motSoDieu.count }
    // "Luật sửa đổi Luật Doanh nghiệp" names the amended law without "của".
    if position < text.count, text.keys[position] == words.cua { position += 1 }
    // "của 37 luật có liên quan đến quy hoạch ngày 20 tháng 11 năm 2018": laws counted, not named;
    // the description runs to the date.
    if text.digits(position) != nil, position + 1 < text.count,
      text.keys[position + 1] == words.luat
    {
      var run = position + 2
      while run < text.count, run - position < 16,
        text.tokens[run].kind == .syllable || text.isPunctuation(run, UInt8(ascii: ",")),
        text.keys[run] != words.ngay, !text.hasParagraphBreak(before: run)
      {
        run += 1
      }
      return run < text.count && text.keys[run] == words.ngay && dateClause(after: run) != nil
        ? run : nil
    }
    var end: Int?
    while position < text.count,
      let (length, type) = lexicon.documentTypes.longestMatch(in: text.keys, at: position),
      type.kind == .named, text.isCapitalized(position)
    {
      var nameEnd = lawName(from: position + length)
      guard nameEnd > position + length else { break }
      // "Luật Cán bộ, công chức và Luật Viên chức": a name with a comma goes on in lowercase.
      while text.isPunctuation(nameEnd, UInt8(ascii: ",")), nameEnd + 1 < text.count,
        text.shapes[nameEnd + 1] == .lower,
        text.tokens[nameEnd + 1].kind == .syllable
      {
        var run = nameEnd + 1
        while run < text.count, run - nameEnd <= 4, text.shapes[run] == .lower,
          text.tokens[run].kind == .syllable,
          text.keys[run] != words.va, text.keys[run] != words.ngay, text.keys[run] != words.so
        {
          run += 1
        }
        nameEnd = run
      }
      end = nameEnd
      let numberAt = skipSo(nameEnd)
      // A symbol after an amended law that another follows is that law's; after the last one it is
      // the amending law's own ("Luật sửa đổi Luật Doanh nghiệp số 76/2025/QH15"), read by the caller.
      if text.kind(numberAt) == .documentNumber {
        let after = numberAt + 1
        let another =
          after + 1 < text.count
          && (text.isPunctuation(after, UInt8(ascii: ",")) || text.keys[after] == words.va)
          && lexicon.documentTypes.longestMatch(in: text.keys, at: after + 1)?.value.kind == .named
        guard another else { break }
        end = after
      }
      // ", Luật …" or "và Luật …": the next law amended.
      guard let last = end, last + 1 < text.count,
        text.isPunctuation(last, UInt8(ascii: ",")) || text.keys[last] == words.va
      else { break }
      position = last + 1
    }
    return end
  }

  /// "Trung ương 4 khóa XII", "Trung ương 6 (khóa X)", "hội nghị lần thứ X – BCH trung ương
  /// đảng khóa XI" after "Nghị quyết".
  private func plenum(from start: Int) -> (end: Int, plenum: String, term: String?)? {
    var position = start
    if matches(words.hoiNghi, at: position) { position += words.hoiNghi.count }
    let plenumAt: Int
    if let (length, word) = lexicon.units.longestMatch(in: text.keys, at: position),
      word.role == .central
    {
      plenumAt = position + length
    } else if matches(words.lanThu, at: position) {
      plenumAt = position + words.lanThu.count
    } else {
      return nil
    }
    guard let plenum = text.designation(plenumAt) else { return nil }
    let end = plenumAt + 1
    // "– BCH trung ương đảng khóa XI": the body that held the plenum, then its term.
    var probe = end
    if text.isDash(probe) || text.isPunctuation(probe, UInt8(ascii: ",")) { probe += 1 }
    if let body = units.parse(at: probe, inTitle: true) {
      // "Ban Chấp hành Trung ương Đảng (khóa XIII)": the body took its term in parentheses.
      let bodyEnd = body.tokens.upperBound
      if let inside = (probe..<bodyEnd).lazy.compactMap({ units.term(at: $0, afterComma: true) })
        .first(where: { $0.end == bodyEnd })
      {
        return (bodyEnd, plenum, inside.term)
      }
      probe = bodyEnd
    }
    guard
      let term = units.term(at: probe, afterComma: true) ?? units.term(at: end, afterComma: true)
    else {
      return (end, plenum, nil)
    }
    return (term.end, plenum, term.term)
  }

  /// "Đại hội đại biểu toàn quốc lần thứ XIII", "Đại hội Đảng bộ tỉnh lần thứ X", "Đại hội XIII".
  private func congress(from start: Int) -> (end: Int, congress: String)? {
    guard matches(words.daiHoi, at: start) else { return nil }
    var position = start + words.daiHoi.count
    if let direct = text.designation(position),
      text.shapes[position] == .upper || text.tokens[position].kind == .number
    {
      // "Nghị quyết Đại hội XVI Đảng bộ tỉnh": the body whose congress it was.
      if let body = units.parse(at: position + 1, inTitle: true), text.isCapitalized(position + 1) {
        return (body.tokens.upperBound, direct)
      }
      return (position + 1, direct)
    }
    if matches(words.daiBieuToanQuoc, at: position) {
      position += words.daiBieuToanQuoc.count
    } else {
      // "Đại hội đại biểu Đảng bộ tỉnh lần thứ XX": the congress of a body's delegates.
      if matches(words.daiBieu, at: position) { position += words.daiBieu.count }
      if let body = units.parse(at: position, inTitle: true) {
        // In a heading in capitals the place after the level may run on over "LẦN THỨ".
        let bodyEnd = body.tokens.upperBound
        position = (position..<bodyEnd).first { matches(words.lanThu, at: $0) } ?? bodyEnd
      } else if position < text.count, text.keys[position] == words.dang {
        position += 1
      }
    }
    guard matches(words.lanThu, at: position),
      let number = text.designation(position + words.lanThu.count)
    else { return nil }
    return (position + words.lanThu.count + 1, number)
  }

  /// The most tokens a law's name runs in a "Căn cứ" item before its symbol or date.
  static let basisNameReach = 24

  /// "Căn cứ Luật Quản lý và đầu tư vốn nhà nước tại doanh nghiệp số 68/2025/QH15;", "Căn cứ Luật
  /// Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26 tháng 11 năm 2003;": a law cited as a
  /// basis is closed by its symbol or its date, so its name runs to them whatever words it holds.
  /// Only right after "Căn cứ", where nothing but the name stands before them. Returns the end
  /// of the name.
  private func nameClosedBySymbolOrDate(from start: Int, typeAt index: Int) -> Int? {
    guard index >= 2, matches(words.canCu, at: index - 2), text.isCapitalized(start) else {
      return nil
    }
    var position = start
    while position < text.count, position - start < Self.basisNameReach,
      !text.hasParagraphBreak(before: position)
    {
      let token = text.tokens[position]
      if token.kind == .syllable {
        if text.keys[position] == words.so, text.kind(skipSo(position)) == .documentNumber {
          return position
        }
        if text.keys[position] == words.ngay, dateClause(after: position) != nil { return position }
        position += 1
      } else if text.isPunctuation(position, UInt8(ascii: ",")) || text.isDash(position) {
        position += 1
      } else {
        return nil
      }
    }
    return nil
  }

  /// The words of a law's name after "Luật": a name from `law-names.tsv` ("Đất đai",
  /// "Giao dịch điện tử"); else, for laws the table lacks, capitalised-first words up to "số"
  /// and the symbol (at most ten), or up to three words when no symbol follows.
  private func lawName(from start: Int) -> Int {
    // "VĂN BẢN QUY PHẠM PHÁP LUẬT" over a header's "CHÍNH PHỦ": no name starts past a blank line.
    guard start < text.count, text.tokens[start].kind == .syllable,
      !text.hasParagraphBreak(before: start)
    else { return start }
    // A name the table knows counts in any case ("Luật ngân sách nhà nước"); one it does not
    // must start with a capital.
    let known = lexicon.lawNames.longestMatch(in: text.keys, at: start).map { start + $0.length }
    guard known != nil || text.isCapitalized(start) else { return start }
    var end = known ?? start
    // A line break inside the name (PDF text, "Căn cứ" lists) is allowed before a lowercase word,
    // which cannot start a new line's sentence.
    while end < text.count, end - start < 10, text.tokens[end].kind == .syllable,
      !text.hasLineBreak(before: end) || end == start
        || (text.shapes[end] == .lower && !text.hasParagraphBreak(before: end))
    {
      let key = text.keys[end]
      if key == words.so || key == words.ngay || key == words.cua { break }
      if text.shapes[end] == .lower, words.lawNameStops.contains(key) { break }
      if key == words.nam, text.kind(end + 1) == .number { break }
      if key == words.va, lexicon.documentTypes.longestMatch(in: text.keys, at: end + 1) == nil {
        break
      }
      end += 1
    }
    // "Luật Phục hồi, phá sản về việc …": a name the table lacks may list its fields with a comma,
    // the second in lowercase (one or two syllables, no verb or function word) before what ends it.
    var listed = false
    if known == nil, end > start, end - start <= 4, text.isPunctuation(end, UInt8(ascii: ",")) {
      var run = end + 1
      while run < text.count, run - end <= 2, text.tokens[run].kind == .syllable,
        text.shapes[run] == .lower,
        !words.lawNameStops.contains(text.keys[run]), !words.nameStops.contains(text.keys[run]),
        !words.nameBreaks.contains(text.keys[run]), text.keys[run] != words.va,
        !text.hasLineBreak(before: run)
      {
        run += 1
      }
      // A line break closes it only before a capital: PDF text wraps names mid-line ("Luật Phòng,
      // chống\nmua bán người").
      let closed =
        run >= text.count || text.tokens[run].kind == .punctuation
        || (text.hasLineBreak(before: run) && text.isCapitalized(run))
        || words.lawNameStops.contains(text.keys[run]) || text.keys[run] == words.so
        || text.keys[run] == words.ngay
      if run > end + 1, closed {
        end = run
        listed = true
      }
    }
    let followedBySymbol =
      end < text.count && text.keys[end] == words.so && text.kind(skipSo(end)) == .documentNumber
    // Followed by its date ("Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025") or
    // ending a "Căn cứ" line, the whole run is the name.
    let followedByDate =
      end < text.count && text.keys[end] == words.ngay && dateClause(after: end) != nil
    let endsLine =
      end < text.count
      && (text.isPunctuation(end, UInt8(ascii: ";")) || text.hasLineBreak(before: end))
    let run = followedBySymbol || followedByDate || endsLine || listed ? end : min(end, start + 3)
    // "Luật Tiếp cận thông tin mạng số 104/2016/QH13": the table's "Tiếp cận thông tin" is a
    // prefix of the name the symbol or date closes.
    guard let known else { return run }
    return followedBySymbol || followedByDate ? max(known, end) : known
  }

  // MARK: - Fields

  private func symbol(at index: Int) -> DocumentSymbol? {
    let token = text.tokens[index]
    let string = String(decoding: text.bytes[token.byteStart..<token.byteEnd], as: UTF8.self)
    // "CÔNG BÁO/Số 756/Ngày 17-6-2025": a gazette's page header, not a symbol.
    if string.hasSuffix("/Ngày") || string.hasSuffix("/ngày") || string.hasSuffix("/NGÀY") {
      return nil
    }
    return DocumentSymbol(Substring(string), isPartyIssuer: isPartyIssuer, isTypeCode: isTypeCode)
  }

  private func fill(
    _ citation: inout DecreeCitation, symbol: DocumentSymbol, token: Int, type: String?
  ) {
    citation.symbol = text.string(token..<(token + 1))
    citation.number = symbol.ordinal
    citation.year = symbol.year
    citation.typeCode = symbol.typeCode
    citation.issuerCode = symbol.issuerCode
    citation.type = type ?? symbol.typeCode.flatMap { lexicon.typeForCode[$0] }
    // "TT" is a Party thông tri ("05-TT/TW") and a state thông tư ("01/2025/TT-BLĐTBXH"): a state
    // symbol carries its year.
    if type == nil, symbol.typeCode == "TT", symbol.year != nil { citation.type = "Thông tư" }
    citation.isMalformed = symbol.isMalformed
    citation.hasNonstandardSeparator = symbol.hasNonstandardSeparator
    citation.canonicalSymbol = symbol.canonical
  }

  /// Adds the date clause to the span and reads the issuer phrase after it.
  private func finish(_ citation: DecreeCitation, tokens: Range<Int>) -> Match {
    var citation = citation
    var end = tokens.upperBound
    if citation.symbol == nil, citation.reference != .short {
      citation.title = text.string(tokens).split(whereSeparator: \.isWhitespace).joined(
        separator: " ")
    }
    if let (dateEnd, date) = dateClause(after: end) {
      end = dateEnd
      citation.issuedDate = date
      if citation.year == nil { citation.year = date.year }
    }
    let joint = citation.type?.hasSuffix("liên tịch") ?? false
    citation.issuerName = issuer(after: end, joint: joint).map(Self.foldingLineBreaks)
    citation.relation = relation(before: tokens.lowerBound)
    return Match(tokens: tokens.lowerBound..<end, citation: citation)
  }

  /// The most tokens between a relation cue and its citation ("sửa đổi, bổ sung khoản 2 Điều 5
  /// của Nghị định …").
  static let relationReach = 10

  /// The relation the words right before a citation state: "Căn cứ", "Thực hiện",
  /// "thay thế khoản 2 Điều 5 của", "hướng dẫn thi hành một số điều của". Between the cue and the
  /// citation stand only glue words, numbers and pin cites; a cue ending a line with ":"
  /// governs the list below it.
  func relation(before start: Int) -> String? {
    if let clause = clauseCue(before: start) { return clause }
    var position = start - 1
    var steps = 0
    while position >= 0, steps < Self.relationReach {
      if text.hasParagraphBreak(before: position + 1) { return nil }
      if lexicon.relationEnds.contains(text.keys[position]), let cue = cue(endingAt: position) {
        return cue
      }
      let token = text.tokens[position]
      if token.kind == .punctuation {
        if text.isPunctuation(position, UInt8(ascii: ":")) || text.isDash(position)
          || text.isPunctuation(position, UInt8(ascii: "+"))
        {
          position -= 1
          steps += 1
          continue
        }
        return nil
      }
      let key = text.keys[position]
      guard
        token.kind == .number || words.relationGlue.contains(key)
          || (key == words.dieu && text.isCapitalized(position))
      else { return nil }
      position -= 1
      steps += 1
    }
    return nil
  }

  /// The most tokens a "Căn cứ" clause runs before a citation it governs.
  static let clauseReach = 80

  /// "Căn cứ Nghị định số 115/2015/NĐ-CP … quy định chi tiết một số điều của Luật Bảo hiểm xã
  /// hội;": every document a "Căn cứ" clause names is a basis of the text, whatever the clause
  /// says of it on the way. The clause runs from "Căn cứ" to ";", ".", ":" or a blank line.
  private func clauseCue(before start: Int) -> String? {
    var position = start - 1
    while position >= 0, start - position <= Self.clauseReach {
      if text.hasParagraphBreak(before: position + 1) { return nil }
      if text.tokens[position].kind == .punctuation,
        text.isPunctuation(position, UInt8(ascii: ";"))
          || text.isPunctuation(position, UInt8(ascii: "."))
          || text.isPunctuation(position, UInt8(ascii: ":"))
      {
        return nil
      }
      // Keys first: this runs back over up to 80 tokens for every citation of a gazette text.
      if text.keys[position] == words.canCu[0], position + 1 < start,
        text.keys[position + 1] == words.canCu[1],
        text.isCapitalized(position),
        !text.isCapitalized(position + 1) || text.shapes[position] == .upper
      {
        return "căn cứ"
      }
      position -= 1
    }
    return nil
  }

  /// A relation phrase whose last token is `end`, the longest ("hướng dẫn thi hành" over
  /// "thi hành", "sửa đổi, bổ sung" over "bổ sung").
  private func cue(endingAt end: Int) -> String? {
    var best: String?
    for length in 1...4 {
      let start = end - length + 1
      guard start >= 0 else { break }
      if let (found, relation) = lexicon.relations.longestMatch(
        in: text.keys, at: start, limit: end + 1), found == length
      {
        best = relation
      }
    }
    return best
  }

  /// ", ngày 06/12/2021", "ngày 6-12-2021", "ngày 14 tháng 12 năm 2018".
  private func dateClause(after end: Int) -> (Int, CalendarDate)? {
    var position = end
    if text.isPunctuation(position, UInt8(ascii: ",")) { position += 1 }
    guard position + 1 < text.count, text.keys[position] == words.ngay else { return nil }
    let dateAt = position + 1
    if let textual = dates.textualDate(at: dateAt) {
      return (textual.tokens.upperBound, textual.date)
    }
    // "Quyết định số 2136-QĐNS/TW ngày 20/5": a day and month without the year are the date too.
    guard let match = dates.numericDate(at: dateAt), match.date.day != nil else { return nil }
    return (match.tokens.upperBound, match.date)
  }

  /// An issuer as the gold files write it: "Bộ trưởng Bộ Tài\nchính" is "Bộ trưởng Bộ Tài chính".
  static func foldingLineBreaks(_ name: String) -> String {
    name.split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }

  /// "của Ban Thường vụ Thành ủy", "ban hành bởi Tỉnh Ủy Kiên Giang", a body written right after
  /// the citation, "của Đảng" after a congress, "của Đại hội Đảng bộ tỉnh lần thứ XX"; with
  /// `joint` (a joint resolution or circular) every issuer of a list ("của Ủy ban Thường vụ
  /// Quốc hội, Chính phủ và Đoàn Chủ tịch …").
  private func issuer(after end: Int, joint: Bool) -> String? {
    var position = end
    if text.isPunctuation(position, UInt8(ascii: ",")) { position += 1 }
    var introduced = false
    if position < text.count, text.keys[position] == words.cua {
      position += 1
      introduced = true
    } else if matches(words.banHanh, at: position), position + 2 < text.count,
      text.keys[position + 2] == words.boi
    {
      position += 3
      introduced = true
    } else if position != end {
      return nil
    }
    guard position < text.count else { return nil }
    if introduced, let phraseEnd = issuerPhrase(at: position) {
      return text.string(position..<phraseEnd)
    }
    if introduced, text.isCapitalized(position), let congressEnd = congressIssuer(at: position) {
      return text.string(position..<congressEnd)
    }
    if let body = units.parse(at: position, inTitle: true),
      introduced || text.isCapitalized(position)
    {
      var end = issuerTail(after: body.tokens.upperBound)
      // Joint issuers: ", Chính phủ và Đoàn Chủ tịch …".
      while joint, end + 1 < text.count,
        text.isPunctuation(end, UInt8(ascii: ",")) || text.keys[end] == words.va,
        let next = units.parse(at: end + 1, inTitle: true), text.isCapitalized(end + 1)
      {
        end = next.tokens.upperBound
      }
      return text.string(position..<end)
    }
    if introduced, text.keys[position] == words.dang, text.isCapitalized(position) {
      return text.string(position..<(position + 1))
    }
    return nil
  }

  /// "Đại hội Đảng bộ tỉnh Hà Tĩnh lần thứ XX" as the issuer of its resolution. Returns the end.
  private func congressIssuer(at start: Int) -> Int? {
    guard matches(words.daiHoi, at: start) else { return nil }
    var position = start + words.daiHoi.count
    if matches(words.daiBieu, at: position) { position += words.daiBieu.count }
    guard let body = units.parse(at: position, inTitle: true) else { return nil }
    position =
      (position..<body.tokens.upperBound).first { matches(words.lanThu, at: $0) }
      ?? body.tokens.upperBound
    guard matches(words.lanThu, at: position),
      text.designation(position + words.lanThu.count) != nil
    else { return nil }
    return position + words.lanThu.count + 1
  }

  /// A title and its body ("Bộ trưởng Bộ Tài chính"), a title shared by a post that names the
  /// body ("Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ"), and joint issuers ("… và Bộ trưởng Bộ
  /// Giao thông vận tải"). Returns the end.
  private func issuerPhrase(at start: Int) -> Int? {
    guard let (length, role) = lexicon.titles.longestMatch(in: text.keys, at: start),
      role == .head || role == .complete
    else {
      return nil
    }
    var bodyAt = start + length
    // "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ": two posts of one person, the body after the second.
    if text.isPunctuation(bodyAt, UInt8(ascii: ",")),
      let (second, secondRole) = lexicon.titles.longestMatch(in: text.keys, at: bodyAt + 1),
      secondRole == .head || secondRole == .complete,
      units.parse(at: bodyAt + 1 + second, inTitle: true) != nil
    {
      bodyAt += 1 + second
    }
    guard let body = units.parse(at: bodyAt, inTitle: true) else { return nil }
    var end = issuerTail(after: body.tokens.upperBound)
    if end < text.count, text.keys[end] == words.va, let more = issuerPhrase(at: end + 1) {
      end = more
    }
    return end
  }

  /// "Ban Pháp chế của Hội đồng nhân dân tỉnh": an organ's issuer phrase runs through the body it
  /// belongs to.
  private func issuerTail(after end: Int) -> Int {
    guard end + 1 < text.count, text.keys[end] == words.cua,
      lexicon.units.longestMatch(in: text.keys, at: end + 1) != nil,
      let body = units.parse(at: end + 1, inTitle: true)
    else { return end }
    return body.tokens.upperBound
  }

  private func matches(_ phrase: [UInt64], at index: Int) -> Bool {
    guard index + phrase.count <= text.count else { return false }
    for (offset, key) in phrase.enumerated() where text.keys[index + offset] != key { return false }
    return true
  }
}
