import Foundation
import VietDocuments

/// The dates an `issued:` filter accepts, as inclusive `YYYY-MM-DD` bounds: `issued:2024` is
/// 2024-01-01…2024-12-31, `issued:2024-03` the days of March, `issued:2024-03-15` one day;
/// `FROM..TO` joins two of those (`issued:2024-03..2025-06` runs from 1 March 2024 to 30 June
/// 2025), and either side may be left open (`issued:2020..`, `issued:..2019-06`).
public struct IssuedRange: Equatable, Sendable {
  /// The first day, `YYYY-MM-DD` (which compares as text as it does as a date); nil when the
  /// range is open below.
  public var lower: String?
  /// The last day; nil when the range is open above.
  public var upper: String?

  /// Reads a filter's value; the reason it cannot, in words, when it cannot.
  public static func parse(_ text: String) -> Result<IssuedRange, Reason> {
    let parts = text.components(separatedBy: "..")
    guard parts.count <= 2 else { return .failure(Reason("write one range, FROM..TO")) }
    if parts.count == 1 {
      return bound(parts[0]).map { IssuedRange(lower: $0.first, upper: $0.last) }
    }
    guard !parts[0].isEmpty || !parts[1].isEmpty else {
      return .failure(Reason("a range needs at least one end"))
    }
    var range = IssuedRange(lower: nil, upper: nil)
    if !parts[0].isEmpty {
      switch bound(parts[0]) {
      case .success(let days): range.lower = days.first
      case .failure(let reason): return .failure(reason)
      }
    }
    if !parts[1].isEmpty {
      switch bound(parts[1]) {
      case .success(let days): range.upper = days.last
      case .failure(let reason): return .failure(reason)
      }
    }
    if let lower = range.lower, let upper = range.upper, lower > upper {
      return .failure(Reason("the range ends before it starts"))
    }
    return .success(range)
  }

  /// Whether a stored date (`YYYY-MM-DD`) lies in the range.
  public func contains(_ date: some Collection<UInt8>) -> Bool {
    let text = String(decoding: date, as: UTF8.self)
    return (lower.map { $0 <= text } ?? true) && (upper.map { text <= $0 } ?? true)
  }

  /// Why a value is no date, in words.
  public struct Reason: Error, Sendable {
    /// The explanation, e.g. "'2024-13': there is no month 13".
    public var text: String
    init(_ text: String) { self.text = text }
  }

  /// The first and last day of a year, a month or a day.
  private static func bound(_ text: String) -> Result<(first: String, last: String), Reason> {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    let widths = [4, 2, 2]
    guard (1...3).contains(parts.count),
      zip(parts, widths).allSatisfy({
        $0.count == $1 && $0.allSatisfy { $0.isASCII && $0.isNumber }
      })
    else { return .failure(Reason("'\(text)' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")) }
    let year = Int(parts[0]) ?? 0
    let month = parts.count > 1 ? Int(parts[1]) ?? 0 : nil
    let day = parts.count > 2 ? Int(parts[2]) ?? 0 : nil
    guard (1000...9999).contains(year) else {
      return .failure(Reason("year \(parts[0]) is out of range"))
    }
    if let month, !(1...12).contains(month) {
      return .failure(Reason("'\(text)': there is no month \(parts[1])"))
    }
    if let month, let day, !(1...IssueDate.days(inMonth: month, year: year)).contains(day) {
      return .failure(Reason("'\(text)': month \(parts[1]) of \(parts[0]) has no day \(parts[2])"))
    }
    let y = String(parts[0])
    guard let month else { return .success((y + "-01-01", y + "-12-31")) }
    let m = String(parts[1])
    guard day != nil else {
      let last = IssueDate.days(inMonth: month, year: year)
      return .success(
        (y + "-" + m + "-01", y + "-" + m + "-" + (last < 10 ? "0" : "") + String(last)))
    }
    return .success((text, text))
  }

}
