import Benchmark
import BenchmarkCorpus
import VietSearch

/// How fast positions decode in index format 3's byte code (LEB128 varints: the first position,
/// then gaps) and in a Rice code with the parameter taken from the document's length L and the
/// term's frequency f (the largest k with (f + 1) · 2^k ≤ L, known to the reader, so never
/// stored): the study behind format 4, which stores positions that way (quotients and
/// remainders in two streams, `RiceCode` in SearchCore) and brought the gov benchmark index from
/// 0.29 to 0.245 of the text. This suite's Rice stream interleaves quotient and remainder, a
/// model of the code rather than the index's reader; phrase queries over the real index are
/// measured in SearchBenchmarks. The positions are the real ones: every term of the first
/// 20 MB of gov-corpus documents, analyzed by vitext's own chain, one list per term and
/// document, as a phrase query reads them.
let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .throughput], maxDuration: .seconds(10), maxIterations: 50)

  let lists = PositionLists(BenchmarkCorpus.govDocuments(megabytes: 20))
  let varints = lists.varintEncoded()
  let rice = lists.riceEncoded()
  print(
    "gov 20 MB: \(lists.counts.count) term-document lists, \(lists.positionCount) positions; "
      + "varints \(varints.count) bytes, Rice \(rice.words.count * 8) bytes "
      + "(\(String(format: "%.2f", Double(rice.words.count * 8) / Double(varints.count))) of the varints)")
  precondition(
    lists.decodedSum(varints) == lists.checksum && lists.decodedSum(rice) == lists.checksum, "codes disagree")

  Benchmark("decode positions: LEB128 varints (format 3)") { benchmark in
    for _ in benchmark.scaledIterations { blackHole(lists.decodedSum(varints)) }
  }

  Benchmark("decode positions: Rice, parameter from L and f") { benchmark in
    for _ in benchmark.scaledIterations { blackHole(lists.decodedSum(rice)) }
  }
}

/// Every term's positions in every document, with the document's length in positions: flat
/// arrays, so the decoders' loops pay for decoding and nothing else.
struct PositionLists {
  /// Per list (one term in one document): how many positions, and the document's length.
  var counts: [UInt32] = []
  var lengths: [UInt32] = []
  /// All positions, list after list.
  var positions: [UInt32] = []
  var positionCount: Int { positions.count }
  /// The sum of all positions: what both decoders must return.
  var checksum: UInt64 = 0

  init(_ documents: [(id: String, text: [UInt8])]) {
    let analyzer = SearchAnalyzer()
    for document in documents {
      guard let analysis = try? analyzer.analyze(document.text) else { continue }
      var byTerm: [[UInt8]: [UInt32]] = [:]
      let length = analyzer.forEachTerm(in: analysis, field: .body) { key, position, _ in
        byTerm[Array(key), default: []].append(position)
      }
      for found in byTerm.values {
        counts.append(UInt32(found.count))
        lengths.append(length)
        positions += found
        checksum = found.reduce(checksum) { $0 &+ UInt64($1) }
      }
    }
  }

  /// Calls `body` with each list's position count and Rice parameter.
  @inline(__always)
  func forEachList(_ body: (_ count: Int, _ parameter: Int) -> Void) {
    counts.withUnsafeBufferPointer { counts in
      lengths.withUnsafeBufferPointer { lengths in
        for list in 0..<counts.count {
          body(Int(counts[list]), Self.parameter(length: lengths[list], frequency: Int(counts[list])))
        }
      }
    }
  }

  /// The Rice parameter of a list, as format 4 defines it: the largest k with
  /// (f + 1) · 2^k ≤ L, or 0.
  @inline(__always)
  static func parameter(length: UInt32, frequency: Int) -> Int {
    let slots = UInt64(frequency) + 1
    let length = UInt64(length)
    guard length >= slots << 1 else { return 0 }
    let k = slots.leadingZeroBitCount - length.leadingZeroBitCount
    return slots << UInt64(k) > length ? k - 1 : k
  }

  func varintEncoded() -> [UInt8] {
    var bytes: [UInt8] = []
    var next = 0
    forEachList { count, _ in
      var previous: UInt32 = 0
      for index in 0..<count {
        let position = positions[next + index]
        var value = index == 0 ? position : position - previous
        previous = position
        while value >= 0x80 {
          bytes.append(UInt8(value & 0x7F) | 0x80)
          value >>= 7
        }
        bytes.append(UInt8(value))
      }
      next += count
    }
    return bytes
  }

  /// Rice codes, least significant bit first: the quotient gap >> k as that many zeros and a
  /// one, then the k low bits. Gaps count from one past the previous position (so the first
  /// position is a gap from -1 and no gap is negative).
  struct Rice {
    var words: [UInt64] = []
  }

  func riceEncoded() -> Rice {
    var words: [UInt64] = [0]
    var bit = 0
    func append(_ value: UInt64, bits: Int) {
      guard bits > 0 else { return }
      words[words.count - 1] |= value << UInt64(bit)
      if bit + bits >= 64 {
        let written = 64 - bit
        words.append(written < 64 ? value >> UInt64(written) : 0)
        bit = bit + bits - 64
      } else {
        bit += bits
      }
    }
    var next = 0
    forEachList { count, k in
      var previous: Int64 = -1
      for position in positions[next..<(next + count)] {
        let gap = UInt64(Int64(position) - previous - 1)
        previous = Int64(position)
        var quotient = gap >> UInt64(k)
        while quotient >= 32 {
          append(0, bits: 32)
          quotient -= 32
        }
        append(1 << quotient, bits: Int(quotient) + 1)
        append(gap & ((1 << UInt64(k)) - 1), bits: k)
      }
      next += count
    }
    words.append(0)
    return Rice(words: words)
  }

  /// Decodes every list of the varint stream; the sum of the positions. Like the Rice decoder,
  /// no closure captures its state.
  func decodedSum(_ bytes: [UInt8]) -> UInt64 {
    var sum: UInt64 = 0
    bytes.withUnsafeBufferPointer { bytes in
      counts.withUnsafeBufferPointer { counts in
        var offset = 0
        for list in 0..<counts.count {
          var position: UInt32 = 0
          for _ in 0..<Int(counts[list]) {
            var value = UInt32(bytes[offset])
            offset += 1
            if value >= 0x80 {
              value &= 0x7F
              var shift: UInt32 = 7
              while true {
                let byte = UInt32(bytes[offset])
                offset += 1
                value |= (byte & 0x7F) << shift
                if byte < 0x80 { break }
                shift += 7
              }
            }
            position &+= value
            sum &+= UInt64(position)
          }
        }
      }
    }
    return sum
  }

  /// Decodes every list of the Rice stream through a bit buffer kept in a register and
  /// refilled 32 bits at a time: the quotient is its trailing zeros, the remainder its next k
  /// bits.
  func decodedSum(_ rice: Rice) -> UInt64 {
    var sum: UInt64 = 0
    // No closure captures the decoder's state, so it stays in registers.
    rice.words.withUnsafeBufferPointer { words in
      counts.withUnsafeBufferPointer { counts in
        lengths.withUnsafeBufferPointer { lengths in
          let halves = UnsafeRawPointer(words.baseAddress!).assumingMemoryBound(to: UInt32.self)
          var next = 0
          var buffer: UInt64 = 0
          var available = 0
          for list in 0..<counts.count {
            let count = Int(counts[list])
            let k = Self.parameter(length: lengths[list], frequency: count)
            let mask: UInt64 = (1 << UInt64(k)) - 1
            var position: Int64 = -1
            for _ in 0..<count {
              if available <= 32 {
                buffer |= UInt64(halves[next]) << UInt64(available)
                next += 1
                available += 32
              }
              var quotient: UInt64 = 0
              while buffer == 0 {
                // A quotient of 32 or more: every buffered bit is a zero of it.
                quotient += UInt64(available)
                available = 0
                while available <= 32 {
                  buffer |= UInt64(halves[next]) << UInt64(available)
                  next += 1
                  available += 32
                }
              }
              let zeros = buffer.trailingZeroBitCount
              quotient += UInt64(zeros)
              buffer >>= UInt64(zeros + 1)
              available -= zeros + 1
              if available < k {
                buffer |= UInt64(halves[next]) << UInt64(available)
                next += 1
                available += 32
              }
              let remainder = buffer & mask
              buffer >>= UInt64(k)
              available -= k
              position += Int64(quotient << UInt64(k) | remainder) + 1
              sum &+= UInt64(position)
            }
          }
        }
      }
    }
    return sum
  }
}
