import Foundation
import VietText

/// A document annotated by hand, as the gold files hold it: one JSON object a line,
/// `{"id", "text", "entities": [{"start", "end", "label", "text", "fields"}]}`, offsets in code
/// points into the NFC text (Python `str` indices), as `ner_eval.py` reads them.
public struct EntityGoldDocument: Sendable, Decodable {
  /// One annotated span.
  public struct Span: Sendable, Hashable, Decodable {
    /// Where the span starts: a code point offset into the NFC text.
    public var start: Int
    /// Where the span ends (exclusive), in code points.
    public var end: Int
    /// The entity label as the gold file spells it ("OFFICIAL", "UNIT", "DECREE", "DATE").
    public var label: String
  }

  /// The document's id in the gold file.
  public var id: String
  /// The document's text; span offsets count the code points of its NFC form.
  public var text: String
  /// The annotated spans, in the file's order.
  public var entities: [Span]

  /// Reads a JSON Lines gold file; blank lines are skipped.
  ///
  /// - Throws: `TableFormatError` naming the line of a record that is not a gold document.
  public static func read(_ bytes: [UInt8], name: String) throws(TableFormatError)
    -> [EntityGoldDocument]
  {
    var documents: [EntityGoldDocument] = []
    let decoder = JSONDecoder()
    for (number, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
      .enumerated()
    {
      guard line.contains(where: { $0 != 0x20 && $0 != 0x0D && $0 != 0x09 }) else { continue }
      do {
        documents.append(try decoder.decode(EntityGoldDocument.self, from: Data(line)))
      } catch {
        throw TableFormatError(
          resource: name, line: number + 1, reason: "not a gold document: \(error)")
      }
    }
    return documents
  }
}

/// Precision, recall and F1 per label over exact spans (same start, end and label), counted as
/// `ner_eval.py` counts them, so the figures agree with it.
public struct EntityScore: Sendable {
  /// Counts for one label.
  public struct Counts: Sendable, Hashable {
    /// System spans that match a gold span exactly.
    public var correct = 0
    /// Spans the system found.
    public var system = 0
    /// Spans in the gold annotation.
    public var gold = 0

    /// Makes counts from the three totals.
    public init(correct: Int = 0, system: Int = 0, gold: Int = 0) {
      self.correct = correct
      self.system = system
      self.gold = gold
    }

    /// Correct over system spans; 1 when the system found nothing and there was nothing to find,
    /// 0 when it found nothing but should have.
    public var precision: Double {
      system == 0 ? (gold == 0 ? 1 : 0) : Double(correct) / Double(system)
    }
    /// Correct over gold spans; 1 when there was nothing to find and nothing was found, 0 when
    /// spans were found where gold has none.
    public var recall: Double { gold == 0 ? (system == 0 ? 1 : 0) : Double(correct) / Double(gold) }
    /// The harmonic mean of precision and recall; 0 when both are 0.
    public var f1: Double {
      precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
    }
  }

  /// Counts by label name ("OFFICIAL", "UNIT", …).
  public private(set) var labels: [String: Counts] = [:]
  /// The number of documents added.
  public private(set) var documents = 0

  /// An empty score.
  public init() {}

  /// All labels together (micro average).
  public var micro: Counts {
    labels.values.reduce(into: Counts()) {
      $0.correct += $1.correct
      $0.system += $1.system
      $0.gold += $1.gold
    }
  }

  /// Adds one document: its gold spans and what the system found.
  public mutating func add(gold: [EntityGoldDocument.Span], system: [Entity]) {
    documents += 1
    var unmatched: [EntityGoldDocument.Span: Int] = [:]
    for entity in system {
      labels[entity.label.rawValue, default: Counts()].system += 1
      unmatched[
        .init(start: entity.start, end: entity.end, label: entity.label.rawValue), default: 0] += 1
    }
    for span in gold {
      labels[span.label, default: Counts()].gold += 1
      if let count = unmatched[span], count > 0 {
        unmatched[span] = count - 1
        labels[span.label, default: Counts()].correct += 1
      }
    }
  }

  /// Adds the counts of another score (folds of a cross-validation).
  public mutating func merge(_ other: EntityScore) {
    documents += other.documents
    for (label, counts) in other.labels {
      labels[label, default: Counts()].correct += counts.correct
      labels[label, default: Counts()].system += counts.system
      labels[label, default: Counts()].gold += counts.gold
    }
  }

  /// The table `ner_eval.py` prints for exact spans: label, gold, system, correct, P, R, F1.
  public var table: String {
    func row(_ name: String, _ counts: Counts) -> String {
      func cell(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
      }
      func figure(_ value: Double) -> String {
        let thousandths = Int((value * 1000).rounded())
        return "\(thousandths / 1000).\(String(thousandths % 1000 + 1000).dropFirst())"
      }
      return name.padding(toLength: 10, withPad: " ", startingAt: 0) + cell(String(counts.gold), 6)
        + cell(String(counts.system), 6) + cell(String(counts.correct), 6)
        + cell(figure(counts.precision), 8)
        + cell(figure(counts.recall), 8) + cell(figure(counts.f1), 8) + "\n"
    }
    var text = "label       gold   sys    tp       P       R      F1\n"
    for (label, counts) in labels.sorted(by: { $0.key < $1.key }) { text += row(label, counts) }
    return text + row("micro", micro)
  }
}
