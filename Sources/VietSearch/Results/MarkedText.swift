/// Text cut into runs at code-point ranges, each marked run carrying its mark: how a snippet's
/// highlights or a document's entities are drawn, on a terminal or in HTML.
public enum MarkedText {
  /// The runs of `text`, marked where `marks` say. Ranges are code-point offsets; an empty one,
  /// one past the end or one overlapping an earlier range is left out.
  public static func runs<Mark>(_ text: String, marking marks: [(Range<Int>, Mark)]) -> [(
    text: String, mark: Mark?
  )] {
    let scalars = Array(text.unicodeScalars)
    var runs: [(text: String, mark: Mark?)] = []
    var cursor = 0
    func piece(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(scalars[range])) }
    for (range, mark) in marks.sorted(by: { $0.0.lowerBound < $1.0.lowerBound })
    where range.lowerBound >= cursor && range.upperBound <= scalars.count && !range.isEmpty {
      if range.lowerBound > cursor { runs.append((piece(cursor..<range.lowerBound), nil)) }
      runs.append((piece(range), mark))
      cursor = range.upperBound
    }
    if cursor < scalars.count { runs.append((piece(cursor..<scalars.count), nil)) }
    return runs
  }
}

extension Snippet {
  /// The snippet's text in runs, the highlighted ones marked.
  public var runs: [(text: String, isHighlight: Bool)] {
    MarkedText.runs(text, marking: highlights.map { ($0, true) }).map { ($0.text, $0.mark != nil) }
  }
}
