import VietResponses

/// The body of `POST /api/analyze` (the other replies are `VietResponses`' types, shared
/// with the CLI). Offsets are code points (Python `str` indices) into `normalized`.
struct AnalyzeReply: Encodable {
  struct Span: Encodable {
    var start: Int
    var end: Int
    var text: String
  }

  var normalized: String
  var sentences: [Span]
  var words: [Span]
  var entities: [EntityReply]
}
