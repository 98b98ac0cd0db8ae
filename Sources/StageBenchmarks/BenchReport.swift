import Foundation
import VitextCommandSupport

/// The results of one `vitext bench` run as a table, JSON and an SVG chart.
package struct BenchReport: Codable {
  var results: [BenchResult]
  var scaling: [ScalingPoint]
  /// Lines printed under the table: peers that could not run, datasets cut to `--max-mb`.
  package var notes: [String]
  var machine = BenchReport.describeMachine()
  var date = ISO8601DateFormatter().string(from: Date())

  init(results: [BenchResult], scaling: [ScalingPoint], notes: [String]) {
    self.results = results
    self.scaling = scaling
    self.notes = notes
  }

  /// vitext's segment speed over a peer's on the same dataset (syllables/s), against the first
  /// vitext row of the dataset (the convention of `--convention`).
  func ratio(_ result: BenchResult) -> Double? {
    guard result.system != "vitext",
      let own = results.first(where: {
        $0.system == "vitext" && $0.dataset == result.dataset && $0.stage == .segment
      })
    else { return nil }
    return own.syllablesPerSecond / result.syllablesPerSecond
  }

  /// The report as the aligned text table `vitext bench` prints, with the machine line under it.
  package func table() -> String {
    var rows = [
      [
        "dataset", "system", "stage", "MB/s", "spread", "syllables/s", "words/s", "peak MB",
        "load s", "F1", "vitext ×",
      ]
    ]
    for result in results {
      let (low, high) = result.spread
      rows.append([
        result.dataset, result.system + (result.convention.map { " (\($0))" } ?? ""),
        result.stage.rawValue, Self.number(result.megabytesPerSecond),
        "\(Self.number(low))–\(Self.number(high))", Self.count(result.syllablesPerSecond),
        result.wordsPerSecond.map(Self.count) ?? "–",
        result.peakMemoryBytes.map { String(format: "%.0f", Double($0) / 1e6) } ?? "–",
        String(format: "%.3f", result.loadSeconds),
        result.f1.map { String(format: "%.2f", $0 * 100) } ?? "–",
        ratio(result).map { String(format: "%.1f", $0) } ?? "",
      ])
    }
    var text = Self.align(rows)
    if !scaling.isEmpty {
      text += "\nscaling (\(scaling[0].stage.rawValue)):\n"
      text += Self.align(
        [["input", "MB/s", "peak MB"]]
          + scaling.map {
            [
              formatBytes($0.bytes), Self.number($0.megabytesPerSecond),
              $0.peakMemoryBytes.map { String(format: "%.0f", Double($0) / 1e6) } ?? "–",
            ]
          })
    }
    text +=
      "\n\(machine); median of \(results.first?.seconds.count ?? 0) runs after a warm-up, one thread; MB = 10^6 bytes\n"
    return text
  }

  /// The report as pretty-printed JSON with sorted keys (`vitext bench --json OUT`).
  package func json() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    return try encoder.encode(self)
  }

  // MARK: Chart

  /// Horizontal bars of MB/s on a log scale (systems differ by orders of magnitude), F1 bars,
  /// and the scaling curve: plain SVG a browser opens as it is.
  package func svg() -> String {
    let width = 860.0
    let labelWidth = 330.0
    let barArea = width - labelWidth - 90
    var y = 40.0
    var body = ""
    func heading(_ text: String) {
      body += "<text x=\"10\" y=\"\(y)\" class=\"h\">\(Self.escape(text))</text>\n"
      y += 14
    }
    func bar(_ label: String, fraction: Double, value: String, color: String) {
      let length = max(1, fraction * barArea)
      body +=
        "<text x=\"\(labelWidth - 8)\" y=\"\(y + 13)\" text-anchor=\"end\">\(Self.escape(label))</text>\n"
      body +=
        "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(String(format: "%.1f", length))\" height=\"18\" fill=\"\(color)\"/>\n"
      body +=
        "<text x=\"\(String(format: "%.1f", labelWidth + length + 6))\" y=\"\(y + 13)\">\(Self.escape(value))</text>\n"
      y += 24
    }
    func color(_ system: String) -> String {
      system == "vitext" ? "#1f77b4" : system == "pyvi" ? "#ff7f0e" : "#2ca02c"
    }

    heading("Throughput, MB/s (log scale; one thread)")
    let speeds = results.map(\.megabytesPerSecond)
    let low = log10(max(0.001, (speeds.min() ?? 1) / 2))
    let high = log10(max(0.01, (speeds.max() ?? 1) * 1.2))
    for result in results {
      let fraction = (log10(result.megabytesPerSecond) - low) / max(0.001, high - low)
      bar(
        "\(result.system) \(result.stage.rawValue) · \(result.dataset)", fraction: fraction,
        value: Self.number(result.megabytesPerSecond), color: color(result.system))
    }
    let scored = results.filter { $0.f1 != nil }
    if !scored.isEmpty {
      y += 16
      heading("Word segmentation F1 (%), scored as seg_eval.py")
      for result in scored {
        let f1 = result.f1! * 100
        bar(
          "\(result.system) · \(result.dataset)", fraction: max(0, (f1 - 80) / 20),
          value: String(format: "%.2f", f1), color: color(result.system))
      }
      body += "<text x=\"\(labelWidth)\" y=\"\(y + 4)\" class=\"s\">axis from 80 to 100</text>\n"
      y += 14
    }
    if scaling.count > 1 {
      y += 24
      heading("Scaling: \(scaling[0].stage.rawValue) MB/s by input size (flat = linear cost)")
      let top = (scaling.map(\.megabytesPerSecond).max() ?? 1) * 1.2
      let chartHeight = 160.0
      let x0 = labelWidth
      var points: [String] = []
      for (index, point) in scaling.enumerated() {
        let x = x0 + Double(index) / Double(scaling.count - 1) * barArea
        let py = y + chartHeight - point.megabytesPerSecond / top * chartHeight
        points.append(String(format: "%.1f,%.1f", x, py))
        body +=
          "<circle cx=\"\(String(format: "%.1f", x))\" cy=\"\(String(format: "%.1f", py))\" r=\"4\" fill=\"#1f77b4\"/>\n"
        body +=
          "<text x=\"\(String(format: "%.1f", x))\" y=\"\(String(format: "%.1f", py - 8))\" text-anchor=\"middle\">\(Self.number(point.megabytesPerSecond))</text>\n"
        body +=
          "<text x=\"\(String(format: "%.1f", x))\" y=\"\(y + chartHeight + 16)\" text-anchor=\"middle\">\(formatBytes(point.bytes))</text>\n"
      }
      body +=
        "<polyline points=\"\(points.joined(separator: " "))\" fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\"/>\n"
      body +=
        "<line x1=\"\(x0)\" y1=\"\(y + chartHeight)\" x2=\"\(x0 + barArea)\" y2=\"\(y + chartHeight)\" stroke=\"#888\"/>\n"
      y += chartHeight + 30
    }
    y += 10
    body += "<text x=\"10\" y=\"\(y)\" class=\"s\">\(Self.escape("\(machine) · \(date)"))</text>\n"
    return """
      <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(y + 16))" viewBox="0 0 \(Int(width)) \(Int(y + 16))" font-family="sans-serif" font-size="12">
      <style>.h { font-size: 14px; font-weight: bold } .s { fill: #666; font-size: 11px }</style>
      <rect width="100%" height="100%" fill="white"/>
      <text x="10" y="20" class="h">vitext bench</text>
      \(body)</svg>

      """
  }

  // MARK: Formatting

  static func number(_ value: Double) -> String {
    value >= 100
      ? String(format: "%.0f", value)
      : value >= 10 ? String(format: "%.1f", value) : String(format: "%.2f", value)
  }

  static func count(_ value: Double) -> String {
    value >= 1e6
      ? String(format: "%.2f M", value / 1e6)
      : value >= 1e3 ? String(format: "%.1f k", value / 1e3) : String(format: "%.0f", value)
  }

  static func align(_ rows: [[String]]) -> String {
    let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
    return rows.map { row in
      row.enumerated().map { column, cell in
        column < 3
          ? cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
          : String(repeating: " ", count: widths[column] - cell.count) + cell
      }.joined(separator: "  ")
    }.joined(separator: "\n") + "\n"
  }

  static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;")
  }

  static func describeMachine() -> String {
    var name = "unknown CPU"
    if let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
      let line = info.split(separator: "\n").first(where: { $0.hasPrefix("model name") })
    {
      name =
        line.split(separator: ":", maxSplits: 1).last.map {
          $0.trimmingCharacters(in: .whitespaces)
        } ?? name
    }
    return "\(name), \(ProcessInfo.processInfo.activeProcessorCount) cores"
  }
}
