import Foundation

/// The fuzz targets, one per parser of outside bytes, by the name their seed folder
/// (`Tests/Fuzz/Seeds/<name>`), their libFuzzer executable (`.ci/fuzz`) and `FuzzReplayTests`
/// use. A target takes any bytes; any outcome but a trap (or a failed precondition stating one of
/// its invariants) is a pass.
public enum FuzzTarget: String, CaseIterable, Sendable {
  case queryParser = "FuzzQueryParser"
  case jsonRecord = "FuzzJSONRecord"
  case legacyDecoder = "FuzzLegacyDecoder"
  case normalizer = "FuzzNormalizer"
  case segmentReader = "FuzzSegmentReader"

  /// Runs the target on one input.
  public func run(_ input: UnsafeBufferPointer<UInt8>) {
    switch self {
    case .queryParser: fuzzQuery(input)
    case .jsonRecord: fuzzJSONRecord(input)
    case .legacyDecoder: fuzzLegacyDecoder(input)
    case .normalizer: fuzzNormalizer(input)
    case .segmentReader: fuzzSegmentReader(input)
    }
  }

  /// Builds what the target builds once per process (the seed index, the seed segment) before
  /// the first input, so libFuzzer's per-input timeout measures inputs, not start-up: on a
  /// loaded machine the query target's set-up took longer than the 10 s timeout and the first
  /// long run "timed out" on its first, empty input.
  public func prepare() {
    switch self {
    case .queryParser: _ = SeedIndex.shared
    case .segmentReader: _ = SeedSegment.shared
    default: break
    }
  }

  /// Removes the scratch index the query and segment targets build once per process (in
  /// `/dev/shm` or the temporary folder, named by process id), so test runs leave nothing
  /// behind. The target must not run again in this process afterwards.
  public func removeScratchIndex() {
    switch self {
    case .queryParser: try? FileManager.default.removeItem(atPath: SeedIndex.path)
    case .segmentReader: try? FileManager.default.removeItem(atPath: SeedSegment.scratchPath)
    default: break
    }
  }
}
