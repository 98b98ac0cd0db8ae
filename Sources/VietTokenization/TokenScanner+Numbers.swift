import VietText

extension TokenScanner {
  /// Scans a token that starts with a digit: a number ("10.630", "15,56"), a percentage, a date
  /// ("06/12/2021", "6-12-2021", "6/2024", and "11/6" after a date cue such as "ngày"), a time
  /// ("08:39", "8h30"), or a document number ("11-ĐA/TU", "30/2020/NĐ-CP").
  ///
  /// The whole candidate (letters, digits, and . , / - : between them) is read first and then
  /// classified; what matches no shape is cut back to its leading number.
  mutating func scanNumeric() {
    let start = (byte: i, cp: cp)
    var end = i
    var hasLetter = false
    var separators = 0
    var endsWithPercent = false
    while end < n {
      let c = peek(end)
      if c.cls == .digit {
        end += c.length
      } else if c.cls == .letter {
        hasLetter = true
        end += c.length
      } else if Self.isNumericSeparator(p[end]), isAlnum(end + 1) {
        separators += 1
        end += 1
      } else if p[end] == UInt8(ascii: "%") {
        endsWithPercent = true
        end += 1
        break
      } else {
        break
      }
    }
    let candidate = UnsafeBufferPointer(start: p + i, count: end - i)
    let kind: TokenKind?
    if endsWithPercent {
      kind =
        NumberShape.isNumber(UnsafeBufferPointer(rebasing: candidate.dropLast())) ? .percent : nil
    } else if hasLetter {
      kind =
        separators > 0 && NumberShape.isDocumentNumber(candidate)
        ? .documentNumber
        : NumberShape.isClockTime(candidate) ? .time : nil
    } else if let dateKind = NumberShape.dateShape(candidate),
      dateKind != .dayMonth || followsDateCue()
    {
      kind = .date
    } else if NumberShape.isClockTime(candidate) {
      kind = .time
    } else if NumberShape.isNumber(candidate) || NumberShape.isFraction(candidate) {
      kind = .number
    } else {
      kind = nil
    }
    if let kind {
      advance(bytes: end - i)
      emit(kind, from: start)
      return
    }
    // Cut back to the leading number: "2021-2025" → "2021", "-", "2025"; "3km" → "3", "km".
    var numberEnd = i
    while numberEnd < end, p[numberEnd] >= 0x30, p[numberEnd] <= 0x39 { numberEnd += 1 }
    var k = numberEnd
    while k + 1 < end, p[k] == UInt8(ascii: ".") || p[k] == UInt8(ascii: ","), p[k + 1] >= 0x30,
      p[k + 1] <= 0x39
    {
      k += 1
      while k < end, p[k] >= 0x30, p[k] <= 0x39 { k += 1 }
      if NumberShape.isNumber(UnsafeBufferPointer(start: p + i, count: k - i)) { numberEnd = k }
    }
    // A number in other digits ("𝟏", "١٢") has no ASCII prefix: take its first digit, so the
    // scanner always moves on (a zero-length token here once looped until memory ran out).
    if numberEnd == i { numberEnd = i + peek(i).length }
    advance(bytes: numberEnd - i)
    emit(.number, from: start)
  }

  @inline(__always)
  static func isNumericSeparator(_ b: UInt8) -> Bool {
    b == UInt8(ascii: ".") || b == UInt8(ascii: ",") || b == UInt8(ascii: "/")
      || b == UInt8(ascii: "-")
      || b == UInt8(ascii: ":")
  }

  /// Whether the current token follows a word such as "ngày" or "sáng" that introduces a day
  /// and month, or a link word ("và", "đến") right after another date.
  func followsDateCue() -> Bool {
    guard let previous = tokens.last, previous.kind == .syllable,
      previous.byteEnd - previous.byteStart <= 8
    else {
      return false
    }
    var word = Array(
      UnsafeBufferPointer(
        start: p + previous.byteStart, count: previous.byteEnd - previous.byteStart))
    if let first = word.first, first >= 0x41, first <= 0x5A { word[0] = first | 0x20 }
    let table = tokenizer.abbreviations
    if table.dateCues.contains(word) { return true }
    return table.dateLinks.contains(word) && tokens.count >= 2
      && tokens[tokens.count - 2].kind == .date
  }
}

/// Shapes of digit tokens, checked on ASCII bytes.
enum NumberShape {
  enum DateShape { case full, dayMonth, monthYear }

  /// The lengths of the digit groups of a token split at `separator`, without allocating
  /// (numbers, dates and times have at most four groups that matter here).
  struct Groups: Equatable {
    var count = 0
    var lengths: (Int, Int, Int, Int) = (0, 0, 0, 0)

    subscript(index: Int) -> Int {
      switch index {
      case 0: lengths.0
      case 1: lengths.1
      case 2: lengths.2
      default: lengths.3
      }
    }

    /// Whether every group from the second on has `length` digits.
    func restHave(length: Int) -> Bool {
      (1..<min(count, 4)).allSatisfy { self[$0] == length } && count <= 4
    }

    static func == (a: Groups, b: [Int]) -> Bool {
      a.count == b.count && b.indices.allSatisfy { a[$0] == b[$0] }
    }
    static func == (a: Groups, b: Groups) -> Bool {
      a.count == b.count && (0..<min(a.count, 4)).allSatisfy { a[$0] == b[$0] }
    }
  }

  /// Digit groups split at `separator`, or nil when a byte is neither or a group is empty.
  static func groups(_ bytes: UnsafeBufferPointer<UInt8>, separator: UInt8) -> Groups? {
    var groups = Groups()
    var current = 0
    func close() -> Bool {
      guard current > 0 else { return false }
      switch groups.count {
      case 0: groups.lengths.0 = current
      case 1: groups.lengths.1 = current
      case 2: groups.lengths.2 = current
      case 3: groups.lengths.3 = current
      default: break
      }
      groups.count += 1
      current = 0
      return true
    }
    for b in bytes {
      if b == separator {
        guard close() else { return nil }
      } else if b >= 0x30 && b <= 0x39 {
        current += 1
      } else {
        return nil
      }
    }
    guard close() else { return nil }
    return groups
  }

  /// The number in group `group` of `bytes`, capped at 100,000: the groups are compared with
  /// days, months and years only, and a group of 19 or more digits ("99999999999999999999/1",
  /// found by FuzzQueryParser) must not overflow.
  static func value(_ bytes: UnsafeBufferPointer<UInt8>, group: Int, separator: UInt8) -> Int {
    var index = 0
    var value = 0
    for b in bytes {
      if b == separator {
        index += 1
        continue
      }
      if index == group && value < 100_000 { value = value * 10 + Int(b &- 0x30) }
    }
    return value
  }

  /// "06/12/2021", "6-12-2021", "6.12.2021" (full); "11/6", "13-6" (day and month); "6/2024"
  /// (month and year), with the day, month and year in range.
  static func dateShape(_ bytes: UnsafeBufferPointer<UInt8>) -> DateShape? {
    for separator in "/-.".utf8 {
      guard let lengths = groups(bytes, separator: separator), lengths.count >= 2 else { continue }
      let first = value(bytes, group: 0, separator: separator)
      let second = value(bytes, group: 1, separator: separator)
      if lengths == [1, 4] || lengths == [2, 4] {
        let year = value(bytes, group: 1, separator: separator)
        return (1...12).contains(first) && (1000...2999).contains(year)
          && separator != UInt8(ascii: ".") ? .monthYear : nil
      }
      guard lengths[0] <= 2, lengths[1] <= 2, (1...31).contains(first), (1...12).contains(second)
      else { return nil }
      if lengths.count == 2 { return separator == UInt8(ascii: ".") ? nil : .dayMonth }
      let year = value(bytes, group: 2, separator: separator)
      return lengths.count == 3 && lengths[2] == 4 && (1000...2999).contains(year) ? .full : nil
    }
    return nil
  }

  /// Vietnamese notation: "." groups thousands, "," starts decimals ("10.630", "1.234,5",
  /// "15,56"); a plain digit string; and, leniently, "3.5".
  static func isNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard !bytes.isEmpty else { return false }
    let comma = bytes.firstIndex(of: UInt8(ascii: ","))
    var integerEnd = bytes.count
    if let comma {
      let decimals = bytes[(comma + 1)...]
      guard !decimals.isEmpty, decimals.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
        return false
      }
      integerEnd = comma
    }
    guard
      let lengths = groups(
        UnsafeBufferPointer(rebasing: bytes[..<integerEnd]), separator: UInt8(ascii: "."))
    else { return false }
    if lengths.count == 1 { return true }
    if lengths.count == 2 && comma == nil { return true }  // "3.5"
    return lengths[0] <= 3 && lengths.restHave(length: 3)
  }

  /// "1/3": a fraction.
  static func isFraction(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    groups(bytes, separator: UInt8(ascii: "/"))?.count == 2
  }

  /// "08:39", "8:05:30", "8h30", "8h", "14g30".
  static func isClockTime(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    if let lengths = groups(bytes, separator: UInt8(ascii: ":")), (2...3).contains(lengths.count),
      lengths[0] <= 2, lengths.restHave(length: 2)
    {
      return value(bytes, group: 0, separator: UInt8(ascii: ":")) <= 24
        && value(bytes, group: 1, separator: UInt8(ascii: ":")) < 60
    }
    guard let mark = bytes.firstIndex(where: { $0 == UInt8(ascii: "h") || $0 == UInt8(ascii: "g") })
    else { return false }
    let hour = UnsafeBufferPointer(rebasing: bytes[..<mark])
    let minute = UnsafeBufferPointer(rebasing: bytes[(mark + 1)...])
    guard (1...2).contains(hour.count), hour.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
      minute.isEmpty || (minute.count == 2 && minute.allSatisfy { $0 >= 0x30 && $0 <= 0x39 })
    else { return false }
    let h = hour.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    let m = minute.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    return h <= 24 && m < 60
  }

  /// Số hiệu văn bản: digits, then segments joined by "-" or "/" of which at least one holds a
  /// letter ("11-ĐA/TU", "30/2020/NĐ-CP", "05-HD-TU", "80/2015/QH13").
  static func isDocumentNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let first = bytes.first, first >= 0x30, first <= 0x39 else { return false }
    var sawSeparator = false
    var letterAfterSeparator = false
    for b in bytes {
      switch b {
      case UInt8(ascii: "-"), UInt8(ascii: "/"): sawSeparator = true
      case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ":"): return false
      case 0x30...0x39: break
      default: if sawSeparator { letterAfterSeparator = true }
      }
    }
    return sawSeparator && letterAfterSeparator
  }
}
