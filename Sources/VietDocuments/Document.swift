/// One document as read from a file: its text in NFC, where each page starts, and what its
/// header says about it.
///
/// `pageStarts` are offsets in Unicode code points (not bytes, not grapheme clusters) into
/// `text`, the same unit as the entity offsets of `entities/ner-dev.jsonl`, so an entity or a
/// search hit at offset `o` is on page `pageNumber(atOffset: o)`.
///
///     let document = try DocumentExtractor().read(contentsOf: url)
///     print(document.metadata.number ?? "-", document.pageNumber(atOffset: 1200))
public struct Document: Hashable, Sendable, Codable {
  /// A stable identifier: the file name without its extension, unless the caller sets one.
  public var id: String
  /// The summary line (trích yếu) or the first real heading; never a navigation line.
  public var title: String
  /// The whole text, NFC, pages separated by a blank line.
  public var text: String
  /// Number, type, issuer, place, date, summary and signer, as far as the header tells them.
  public var metadata: DocumentMetadata
  /// Code-point offsets into `text` where pages 1, 2, … start; `[0]` for formats without pages.
  public var pageStarts: [Int]
  /// The path the document was read from.
  public var source: String
  /// The format it was read as (`pdf`, `docx`, `doc`, `html`, `image`, `text`).
  public var format: DocumentFormat

  /// Makes a document; `pageStarts` must start at 0 and rise.
  public init(
    id: String, title: String, text: String, metadata: DocumentMetadata, pageStarts: [Int],
    source: String, format: DocumentFormat
  ) {
    precondition(
      pageStarts.first == 0 && zip(pageStarts, pageStarts.dropFirst()).allSatisfy { $0 <= $1 },
      "page starts must begin at 0 and never go backwards")
    self.id = id
    self.title = title
    self.text = text
    self.metadata = metadata
    self.pageStarts = pageStarts
    self.source = source
    self.format = format
  }

  /// The 1-based page that holds the code point at `offset`.
  ///
  /// - Complexity: O(log p) for p pages.
  public func pageNumber(atOffset offset: Int) -> Int {
    var low = 0
    var high = pageStarts.count
    while low < high {
      let middle = (low + high) / 2
      if pageStarts[middle] <= offset { low = middle + 1 } else { high = middle }
    }
    return max(low, 1)
  }

  enum CodingKeys: String, CodingKey {
    case id, title, text, metadata
    case pageStarts = "pages"
    case source, format
  }
}

/// What a state or Party document's header and the file's properties say about it.
///
/// Every field is typed so an index can store it and filter on it later: the issue date is a
/// calendar date (not a string), the type is the word the document calls itself by
/// ("Nghị định"), the number keeps its symbol as printed ("49/2026/NĐ-CP").
public struct DocumentMetadata: Hashable, Sendable, Codable {
  /// The number and symbol as printed after "Số:", e.g. `130/KH-UBND`, `49/2026/NĐ-CP`.
  public var number: String?
  /// The document type in words, in title case: "Nghị định", "Kế hoạch", "Quyết định".
  public var documentType: String?
  /// The issuing body as its header names it, e.g. "Chính phủ", "Ủy ban nhân dân tỉnh Bình Dương".
  public var issuer: String?
  /// The place of issue from the date line ("Hà Nội").
  public var place: String?
  /// The issue date from the date line.
  public var issueDate: IssueDate?
  /// The summary line (trích yếu) under the type, e.g. "Về việc đẩy mạnh hoạt động …".
  public var summary: String?
  /// The signer's name from the signature block, when it can be told apart from titles.
  public var signer: String?
  /// The title stored in the file's own properties (PDF Info or DOCX core.xml), if any.
  public var fileTitle: String?
  /// The author stored in the file's own properties, if any.
  public var fileAuthor: String?

  /// Makes metadata; every field is optional because headers differ.
  public init(
    number: String? = nil, documentType: String? = nil, issuer: String? = nil, place: String? = nil,
    issueDate: IssueDate? = nil, summary: String? = nil, signer: String? = nil,
    fileTitle: String? = nil, fileAuthor: String? = nil
  ) {
    self.number = number
    self.documentType = documentType
    self.issuer = issuer
    self.place = place
    self.issueDate = issueDate
    self.summary = summary
    self.signer = signer
    self.fileTitle = fileTitle
    self.fileAuthor = fileAuthor
  }

  enum CodingKeys: String, CodingKey {
    case number
    case documentType = "type"
    case issuer, place
    case issueDate = "issued"
    case summary, signer
    case
      fileTitle = "file_title"
    case fileAuthor = "file_author"
  }
}

/// A calendar date as a document prints it ("ngày 06 tháng 12 năm 2021"), encoded as
/// `"2021-12-06"` so it sorts and compares as text.
public struct IssueDate: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
  /// The year, e.g. 2021.
  public var year: Int
  /// The month, 1…12.
  public var month: Int
  /// The day, 1…31.
  public var day: Int

  /// Makes a date; nil when the month or day is out of range.
  public init?(year: Int, month: Int, day: Int) {
    guard (1900...2200).contains(year), (1...12).contains(month), (1...31).contains(day) else {
      return nil
    }
    self.year = year
    self.month = month
    self.day = day
  }

  /// ISO 8601, `YYYY-MM-DD`.
  public var description: String {
    func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    return "\(year)-\(two(month))-\(two(day))"
  }

  /// Orders by year, then month, then day.
  public static func < (lhs: IssueDate, rhs: IssueDate) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }

  /// Reads `YYYY-MM-DD` (four digits, two, two); nil for anything else or a day the month
  /// does not have ("2024-02-30").
  public init?(iso text: String) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
      let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
      let date = IssueDate(year: year, month: month, day: day),
      day <= IssueDate.days(inMonth: month, year: year)
    else { return nil }
    self = date
  }

  /// Days in `month` (1…12) of `year`, leap years counted (Gregorian).
  public static func days(inMonth month: Int, year: Int) -> Int {
    switch month {
    case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Decodes `YYYY-MM-DD`.
  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let date = IssueDate(iso: text) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "not a YYYY-MM-DD date: \(text)"))
    }
    self = date
  }

  /// Encodes as `YYYY-MM-DD`.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}
