import Testing

@testable import SearchCore

/// The position code of index format 4 (`RiceCode`): what the writer appends, the reader must
/// give back, whether it decodes a document's positions or passes over them; and a cut stream
/// is reported, never read past.
@Suite struct RiceCodeTests {
  /// One term's positions in a run of documents: (document length, positions).
  static let lists: [(length: UInt32, positions: [UInt32])] = [
    (1, [0]),
    (3_000, [0, 1, 2, 3]),
    (3_000, [2_999]),
    // Positions far past the length (a title's, an entity field's): quotients of hundreds of
    // zeros, across several loads of the unary stream.
    (40, [5, 9_000, 9_001, 70_000]),
    (560, Array(stride(from: 7, to: 560, by: 11))),
    (100_000, [99_999]),
    (2, [0, 1]),
    (900, (0..<900).map { UInt32($0) }),
    (17, [16]),
  ]

  static func encoded() -> [UInt8] {
    var unary = BitStream()
    var remainders = BitStream()
    for list in lists {
      list.positions.withUnsafeBufferPointer {
        BitStream.appendPositions($0, length: list.length, unary: &unary, remainders: &remainders)
      }
    }
    var region: [UInt8] = []
    VarInt.append(UInt32(unary.byteCount), to: &region)
    return region + unary.finishedBytes + remainders.finishedBytes
  }

  @Test func theParameterIsTheLargestKWithFrequencyPlusOneTimesTwoToTheKWithinTheLength() {
    for length in [0, 1, 2, 3, 4, 7, 8, 9, 100, 559, 560, 561, 65_535, 1 << 20, Int(UInt32.max)] {
      for frequency in [1, 2, 3, 7, 8, 100, 1_000, 1 << 19] {
        var expected = 0
        while (frequency + 1) << (expected + 1) <= length { expected += 1 }
        #expect(
          RiceCode.parameter(length: UInt32(length), frequency: UInt32(frequency)) == expected,
          "L \(length) f \(frequency)")
      }
    }
  }

  @Test func everyDocumentsPositionsReadBackAfterReadingOrSkippingTheOnesBefore() {
    let region = Self.encoded()
    region.withUnsafeBytes { region in
      // Read list `target` after skipping every list before it, for each target.
      for target in Self.lists.indices {
        var reader = RicePositionReader(region: region)
        var values = 0
        var bits = 0
        for list in Self.lists[..<target] {
          let k = RiceCode.parameter(length: list.length, frequency: UInt32(list.positions.count))
          values += list.positions.count
          bits += k * list.positions.count
        }
        let skipped = reader.skip(values: values, remainderBits: bits)
        #expect(skipped)
        let list = Self.lists[target]
        let k = RiceCode.parameter(length: list.length, frequency: UInt32(list.positions.count))
        var decoded = [UInt32](repeating: 0, count: list.positions.count)
        let read = reader.read(decoded.count, parameter: k, into: &decoded)
        #expect(read)
        #expect(decoded == list.positions, "list \(target)")
        #expect(!reader.isDamaged)
      }
      // And all of them in one pass, gap by gap, as a phrase check reads them: the remainders
      // checked once per document.
      var reader = RicePositionReader(region: region)
      for list in Self.lists {
        let k = RiceCode.parameter(length: list.length, frequency: UInt32(list.positions.count))
        #expect(reader.holdsRemainders(list.positions.count, parameter: k))
        var position = UInt32.max
        var decoded: [UInt32] = []
        for _ in list.positions {
          position = position &+ reader.nextGapInBounds(parameter: k)! &+ 1
          decoded.append(position)
        }
        #expect(decoded == list.positions)
      }
    }
  }

  @Test func aCutStreamIsReportedAsDamageAtEveryLength() {
    let region = Self.encoded()
    let total = Self.lists.reduce(0) { $0 + $1.positions.count }
    for cut in 0..<region.count {
      Array(region[..<cut]).withUnsafeBytes { region in
        var reader = RicePositionReader(region: region)
        var decoded = [UInt32](repeating: 0, count: 1)
        var complete = true
        for list in Self.lists where complete {
          let k = RiceCode.parameter(length: list.length, frequency: UInt32(list.positions.count))
          for _ in list.positions where complete {
            complete = reader.read(1, parameter: k, into: &decoded)
          }
        }
        // Cutting the last bytes may cut only the padding of the final byte; anything else
        // reads short.
        #expect(!complete || cut >= region.count - 1, "cut at \(cut) read all \(total) positions")
        if !complete { #expect(reader.isDamaged) }
        var skipping = RicePositionReader(region: region)
        if !skipping.skip(values: total, remainderBits: 0) { #expect(skipping.isDamaged) }
      }
    }
  }
}
