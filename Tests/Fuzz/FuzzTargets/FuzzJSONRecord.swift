import VietDocuments

/// Fuzz target: any bytes as one JSON Lines record, read by `JSONRecord`. Anything that is not
/// one flat JSON object must be refused with a `SyntaxError` whose offset lies inside the line,
/// never trap or read past it; the same bytes inside a longer buffer (a slice that does not
/// start at 0) must be read the same way.
public func fuzzJSONRecord(_ input: UnsafeBufferPointer<UInt8>) {
  let line = ArraySlice(input)
  let keys: Set<String> = ["id", "title", "text", "n"]
  let direct = Result { () throws(JSONRecord.SyntaxError) in try JSONRecord(line, keys: keys) }
  let padded = [UInt8](repeating: 0x20, count: 3) + line + [0x0A]
  let shifted = Result { () throws(JSONRecord.SyntaxError) in
    try JSONRecord(padded[3..<(3 + input.count)], keys: keys)
  }
  switch (direct, shifted) {
  case (.success(let record), .success(let again)):
    precondition(
      record.members == again.members, "a record read differently at another start index")
  case (.failure(let error), .failure(let again)):
    precondition(error == again, "a record refused at a different offset at another start index")
    precondition(
      error.byteOffset >= 0 && error.byteOffset <= input.count,
      "syntax error offset outside the line")
  default:
    preconditionFailure("a record accepted at one start index and refused at another")
  }
}
