/// libFuzzer target: any bytes as one JSON Lines record, read by the CLI's `JSONRecord`
/// (compiled together with it by `.ci/fuzz`, since it lives in the `vitext` executable target
/// and SwiftPM cannot link an executable target's code into another executable). Anything that is
/// not one flat JSON object must be refused (nil), never trap or read past the line.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONRecord(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let line = ArraySlice(UnsafeBufferPointer(start: data, count: size))
  if let record = JSONRecord(line, keys: ["id", "title", "text", "n"]) {
    for key in ["id", "title", "text", "n"] { _ = record[key]?.count }
  }
  // The same bytes inside a longer buffer: a slice that does not start at 0.
  let padded = [UInt8](repeating: 0x20, count: 3) + line + [0x0A]
  _ = JSONRecord(padded[3..<(3 + size)], keys: ["text"])
  return 0
}
