import VietText

/// Finds calendar dates: "11/6", "06/12/2021", "6-12-2021", "tháng 6/2024", "27 tháng 6 năm 2025",
/// ranges "25-27/9" and "24 và 25/1". Bare years, periods ("2021 - 2025") and fractions are not
/// dates.
///
/// Digits alone cannot tell "3/4" (a fraction) from "3/4" (3 April): a day and month without a
/// year count only where the tokenizer saw a date cue before them ("Sáng 11/6", "Ngày 13-6"),
/// which it records by giving the token the `date` kind.
struct DateRecognizer {
  let text: TaggedText
  let words: EntityWords

  /// A date found at a token.
  struct Match {
    var tokens: Range<Int>
    var date: CalendarDate
  }

  /// The date starting at token `index`, if one does.
  func match(at index: Int) -> Match? {
    guard index < text.count else { return nil }
    // "quý 3/2020" is a quarter.
    if index > 0, text.keys[index - 1] == words.quy { return nil }
    let key = text.keys[index]
    if key == words.thang { return monthYear(at: index) }
    switch text.tokens[index].kind {
    case .date:
      if let range = spelledRange(at: index) { return range }
      if let range = fullDateRange(at: index) { return range }
      return numericDate(at: index)
    case .number:
      if let iso = isoDate(at: index) { return iso }
      if let range = spelledRange(at: index) { return range }
      if let range = fullDateRange(at: index) { return range }
      if let range = range(at: index) { return range }
      if let textual = textualDate(at: index) { return textual }
      // "trước ngày 15 tháng 12 hằng năm": a day and month after "ngày", no year written.
      if index > 0, text.keys[index - 1] == words.ngay, let dayMonth = textualDayMonth(at: index) {
        return dayMonth
      }
      // "Sáng nay (10-8)", "ngày 13-6": day and month split by the tokenizer at the hyphen.
      if let (day, month, end) = hyphenDayMonth(at: index), index > 0,
        words.dateCues.contains(text.keys[index - 1])
          || (text.isPunctuation(index - 1, UInt8(ascii: "(")) && index > 1
            && words.dateCues.contains(text.keys[index - 2]))
      {
        return Match(tokens: index..<end, date: CalendarDate(year: nil, month: month, day: day))
      }
      // "08/6" after a cue the tokenizer did not know ("Ngày 08/6" with a zero-padded day), also
      // in parentheses ("Tối mai (17.10)").
      if let parts = numericParts(index), parts.count == 2 || parts.count == 3, index > 0,
        words.dateCues.contains(text.keys[index - 1])
          || (text.isPunctuation(index - 1, UInt8(ascii: "(")) && index > 1
            && words.dateCues.contains(text.keys[index - 2])
            && text.isPunctuation(index + 1, UInt8(ascii: ")")))
      {
        return numericDate(at: index)
      }
      return nil
    default:
      return nil
    }
  }

  /// "2026-05-29" (ISO 8601, as a signature's time stamp writes it), which the tokenizer splits
  /// at its hyphens.
  private func isoDate(at index: Int) -> Match? {
    guard index + 4 < text.count, let year = plainNumber(index), isYear(year),
      text.tokens[index].end - text.tokens[index].start == 4,
      text.isPunctuation(index + 1, UInt8(ascii: "-")), text.isGlued(index + 1),
      text.isGlued(index + 2),
      let month = plainNumber(index + 2), (1...12).contains(month),
      text.isPunctuation(index + 3, UInt8(ascii: "-")),
      text.isGlued(index + 3), text.isGlued(index + 4), let day = plainNumber(index + 4),
      (1...31).contains(day),
      text.tokens[index + 2].end - text.tokens[index + 2].start == 2,
      text.tokens[index + 4].end - text.tokens[index + 4].start == 2
    else { return nil }
    return Match(
      tokens: index..<(index + 5), date: CalendarDate(year: year, month: month, day: day))
  }

  /// "tháng 6/2024", "tháng 4 năm 2015".
  private func monthYear(at index: Int) -> Match? {
    let next = index + 1
    guard next < text.count else { return nil }
    if text.tokens[next].kind == .date || text.tokens[next].kind == .number,
      let parts = numericParts(next),
      parts.count == 2, let month = parts.first, (1...12).contains(month), isYear(parts[1])
    {
      return Match(
        tokens: index..<(next + 1), date: CalendarDate(year: parts[1], month: month, day: nil))
    }
    if let month = plainNumber(next), (1...12).contains(month), next + 2 < text.count,
      text.keys[next + 1] == words.nam, let year = plainNumber(next + 2), isYear(year)
    {
      return Match(
        tokens: index..<(next + 3), date: CalendarDate(year: year, month: month, day: nil))
    }
    return nil
  }

  /// "27 tháng 6 năm 2025", "05 tháng 01 năm 2026", and the dateline form "27 Tháng 6, 2022".
  func textualDate(at index: Int) -> Match? {
    guard let day = plainNumber(index), (1...31).contains(day), index + 4 < text.count,
      text.keys[index + 1] == words.thang, let month = plainNumber(index + 2),
      (1...12).contains(month),
      text.keys[index + 3] == words.nam || text.isPunctuation(index + 3, UInt8(ascii: ",")),
      let year = plainNumber(index + 4), isYear(year)
    else { return nil }
    return Match(
      tokens: index..<(index + 5), date: CalendarDate(year: year, month: month, day: day))
  }

  /// "15 tháng 12" with no year after it (a yearly deadline: "trước ngày 15 tháng 12 hằng năm"),
  /// within one paragraph.
  private func textualDayMonth(at index: Int) -> Match? {
    guard let day = plainNumber(index), (1...31).contains(day), index + 2 < text.count,
      text.keys[index + 1] == words.thang,
      let month = plainNumber(index + 2), (1...12).contains(month),
      !text.hasParagraphBreak(before: index + 2),
      index + 3 >= text.count
        || (text.keys[index + 3] != words.nam && !text.isPunctuation(index + 3, UInt8(ascii: "/")))
    else { return nil }
    return Match(tokens: index..<(index + 3), date: CalendarDate(year: nil, month: month, day: day))
  }

  /// "10-8" split by the tokenizer into "10", "-", "8", written without spaces: day, month, end.
  func hyphenDayMonth(at index: Int) -> (Int, Int, Int)? {
    guard text.isPunctuation(index + 1, UInt8(ascii: "-")), let day = plainNumber(index),
      (1...31).contains(day), text.isPunctuation(index + 1, UInt8(ascii: "-")),
      text.isGlued(index + 1), text.isGlued(index + 2), let month = plainNumber(index + 2),
      (1...12).contains(month),
      !text.isPunctuation(index + 3, UInt8(ascii: "-")),
      !text.isPunctuation(index + 3, UInt8(ascii: "/"))
    else { return nil }
    return (day, month, index + 3)
  }

  /// "19/5/1890 - 19/5/2022", "6/12/1989 – 6/12/2023", "(15/8/1955-15/8/2025)": two full dates
  /// joined by a dash.
  private func fullDateRange(at index: Int) -> Match? {
    // The dash comes after the first date's token, after its split-off year ("1/5/ 1890 -"), or
    // after the five pieces the tokenizer makes of a date glued to the dash.
    guard text.isDash(index + 1) || text.isDash(index + 3) || text.isDash(index + 5),
      let first = numericDate(at: index) ?? gluedNumericDate(at: index), first.date.year != nil,
      first.date.day != nil,
      text.isDash(first.tokens.upperBound),
      let last = numericDate(at: first.tokens.upperBound + 1), let lastYear = last.date.year,
      let lastDay = last.date.day
    else { return nil }
    let end = CalendarDate.CalendarDateEnd(year: lastYear, month: last.date.month, day: lastDay)
    var date = first.date
    date.through = end
    return Match(tokens: index..<last.tokens.upperBound, date: date)
  }

  /// "15/8/1955" as five glued tokens (day, slash, month, slash, year): the tokenizer splits a
  /// date glued to a dash ("15/8/1955-15/8/2025") this way.
  private func gluedNumericDate(at index: Int) -> Match? {
    guard index + 4 < text.count, text.isPunctuation(index + 1, UInt8(ascii: "/")),
      text.isPunctuation(index + 3, UInt8(ascii: "/")),
      ((index + 1)...(index + 4)).allSatisfy({ text.isGlued($0) }),
      let day = plainNumber(index), let month = plainNumber(index + 2),
      let year = plainNumber(index + 4)
    else { return nil }
    return numericDate([day, month, year], tokens: index..<(index + 5))
  }

  /// A numeric date at `index`, also when a stray space splits off its year ("25/7/ 2017", as
  /// PDF extraction and hasty typing leave it).
  func numericDate(at index: Int) -> Match? {
    guard index < text.count,
      text.tokens[index].kind == .date || text.tokens[index].kind == .number,
      let parts = numericParts(index)
    else { return nil }
    if parts.count == 2, text.isPunctuation(index + 1, UInt8(ascii: "/")), text.isGlued(index + 1),
      let year = plainNumber(index + 2), isYear(year), !text.hasLineBreak(before: index + 2)
    {
      return numericDate(parts + [year], tokens: index..<(index + 3))
    }
    return numericDate(parts, tokens: index..<(index + 1))
  }

  /// A full date at `index`, numeric or spelled out ("3/7/2025", "3 tháng 7 năm 2025").
  func anyDate(at index: Int) -> Match? {
    if let textual = textualDate(at: index) { return textual }
    return numericDate(at: index)
  }

  /// "từ ngày 1 đến ngày 3/7/2025", "từ ngày 28/6 đến ngày 3/7/2025": one date, the range. The
  /// first end takes the month and year it leaves out from the second, so the value is
  /// "2025-07-01..2025-07-03". `ngày` before either end stays outside the span at the start and
  /// inside it in the middle.
  private func spelledRange(at index: Int) -> Match? {
    guard index > 0 else { return nil }
    let before = text.keys[index - 1]
    guard
      before == words.tu || (before == words.ngay && index > 1 && text.keys[index - 2] == words.tu)
    else { return nil }
    let first: CalendarDate
    var position: Int
    if let found = anyDate(at: index) ?? textualDayMonth(at: index), found.date.day != nil {
      first = found.date
      position = found.tokens.upperBound
    } else if let (day, month, end) = hyphenDayMonth(at: index) {
      first = CalendarDate(year: nil, month: month, day: day)
      position = end
    } else if let day = plainNumber(index), (1...31).contains(day) {
      first = CalendarDate(year: nil, month: nil, day: day)
      position = index + 1
    } else {
      return nil
    }
    guard position < text.count,
      text.keys[position] == words.den || text.keys[position] == words.toi
    else { return nil }
    position += 1
    // "đến hết ngày 30 tháng 6 năm 2026": through the end of that day.
    if position < text.count, text.keys[position] == words.het { position += 1 }
    if position < text.count, text.keys[position] == words.ngay { position += 1 }
    guard let last = anyDate(at: position) ?? textualDayMonth(at: position),
      let lastDay = last.date.day,
      let lastMonth = last.date.month
    else { return nil }
    let month = first.month ?? lastMonth
    // "từ 28/12 đến 3/1/2025" crosses a year end.
    let year = first.year ?? last.date.year.map { month > lastMonth ? $0 - 1 : $0 }
    if first.month == nil, let firstDay = first.day, firstDay > lastDay { return nil }
    let end = CalendarDate.CalendarDateEnd(year: last.date.year, month: lastMonth, day: lastDay)
    return Match(
      tokens: index..<last.tokens.upperBound,
      date: CalendarDate(year: year, month: month, day: first.day, through: end))
  }

  /// "25-27/9", "24 và 25/1": a day, a hyphen or "và", then a full date.
  private func range(at index: Int) -> Match? {
    guard let first = plainNumber(index), (1...31).contains(first), index + 2 < text.count else {
      return nil
    }
    let link = index + 1
    let isHyphen = text.isDash(link)
    guard isHyphen || text.keys[link] == words.va else { return nil }
    let second = index + 2
    var found: Match?
    if let (day, month, end) = hyphenDayMonth(at: second) {
      found = Match(tokens: second..<end, date: CalendarDate(year: nil, month: month, day: day))
    } else if text.tokens[second].kind == .date || text.tokens[second].kind == .number,
      let parts = numericParts(second),
      parts.count >= 2
    {
      found = numericDate(parts, tokens: second..<(second + 1))
    }
    guard let last = found, let lastDay = last.date.day, first < lastDay else { return nil }
    // Without a cue ("Từ ngày 25-27/9"), "15-20/100" would read as a range: require one, or "và".
    guard
      text.keys[link] == words.va || (index > 0 && words.dateCues.contains(text.keys[index - 1]))
    else { return nil }
    let end = CalendarDate.CalendarDateEnd(
      year: last.date.year, month: last.date.month, day: lastDay)
    return Match(
      tokens: index..<last.tokens.upperBound,
      date: CalendarDate(year: last.date.year, month: last.date.month, day: first, through: end))
  }

  /// A date from the numbers of one token: d/m/y, d/m, or m/yyyy.
  func numericDate(_ parts: [Int], tokens: Range<Int>) -> Match? {
    switch parts.count {
    case 3:
      guard (1...31).contains(parts[0]), (1...12).contains(parts[1]), isYear(parts[2]) else {
        return nil
      }
      return Match(
        tokens: tokens, date: CalendarDate(year: parts[2], month: parts[1], day: parts[0]))
    case 2:
      if isYear(parts[1]), (1...12).contains(parts[0]) {
        return Match(tokens: tokens, date: CalendarDate(year: parts[1], month: parts[0], day: nil))
      }
      guard (1...31).contains(parts[0]), (1...12).contains(parts[1]) else { return nil }
      return Match(tokens: tokens, date: CalendarDate(year: nil, month: parts[1], day: parts[0]))
    default:
      return nil
    }
  }

  /// The numbers in a token such as "06/12/2021", "6-12-2021" or "6.12.2021"; nil if anything
  /// else is in it or a number has more than four digits.
  func numericParts(_ index: Int) -> [Int]? {
    let token = text.tokens[index]
    var parts: [Int] = []
    var value = 0
    var digits = 0
    var separator: UInt8 = 0
    for byte in text.bytes[token.byteStart..<token.byteEnd] {
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        value = value * 10 + Int(byte - UInt8(ascii: "0"))
        digits += 1
        if digits > 4 { return nil }
      case UInt8(ascii: "/"), UInt8(ascii: "-"), UInt8(ascii: "."):
        guard digits > 0, separator == 0 || separator == byte else { return nil }
        separator = byte
        parts.append(value)
        value = 0
        digits = 0
      default:
        return nil
      }
    }
    guard digits > 0 else { return nil }
    parts.append(value)
    return parts
  }

  /// The value of a token of one to four digits.
  func plainNumber(_ index: Int) -> Int? {
    guard index < text.count, text.tokens[index].kind == .number, let parts = numericParts(index),
      parts.count == 1
    else {
      return nil
    }
    return parts[0]
  }

  /// Years of the documents and anniversaries reports name ("19/5/1890", Hồ Chí Minh's birth).
  private func isYear(_ value: Int) -> Bool { (1800...2100).contains(value) }
}
