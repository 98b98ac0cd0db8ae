import Foundation
import Testing
import VietEntities
import VietTestSupport

@Suite struct EntityModelTests {
  static let lexicon = try! EntityLexicon.bundled()

  static func gold(_ relativePath: String) throws -> [EntityGoldDocument] {
    let url = TestData.packageRoot.appendingPathComponent(relativePath)
    return try EntityGoldDocument.read([UInt8](try Data(contentsOf: url)), name: relativePath)
  }

  /// Sentences the model never saw, whose units the rule layer before its grammar stopped at
  /// the first lower-case word ("Đảng ủy Quân"), split in two ("Đảng ủy" + "Công an tỉnh Bắc
  /// Giang") or left without their organ ("Thường trực Ủy ban MTTQ …" without "Ban"). The
  /// rules now find them whole; the learned layer, which redraws every OFFICIAL and UNIT span
  /// around the rules' proposals, must keep them so.
  @Test(arguments: [
    ("Ngày 12/3, Đảng ủy Quân sự tỉnh Lào Cai tổ chức hội nghị tổng kết công tác năm 2024.", "Đảng ủy Quân sự tỉnh Lào Cai"),
    ("Chiều 5/6, Đảng bộ Công an tỉnh Nghệ An tổ chức Đại hội đại biểu lần thứ XXII.", "Đảng bộ Công an tỉnh Nghệ An"),
    ("Đảng ủy Công an tỉnh Bắc Giang ban hành nghị quyết.", "Đảng ủy Công an tỉnh Bắc Giang"),
    ("Sáng 8/4, Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Hà Tĩnh tổ chức hội nghị.", "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Hà Tĩnh"),
  ])
  func learnedLayerKeepsWholeUnits(_ sentence: String, _ unit: String) throws {
    let tagger = try EntityTagger.bundled()
    #expect(tagger.model != nil)
    let units = try tagger.entities(in: sentence).filter { $0.label == .unit }.map(\.text.bytes)
    #expect(units == [unit.bytes])
    let rulesOnly = EntityTagger(lexicon: Self.lexicon, model: nil)
    #expect(try rulesOnly.entities(in: sentence).filter { $0.label == .unit }.map(\.text.bytes) == [unit.bytes])
  }

  @Test func decreesAndDatesStayWithTheRulesAndKeepTheirFields() throws {
    let text = "Đề án số 11-ĐA/TU, ngày 06/12/2021 của Ban Thường vụ Thành ủy; sáng 11/6 Đảng ủy Quân sự tỉnh họp."
    let withModel = try EntityTagger.bundled().entities(in: text)
    let rulesOnly = try EntityTagger(lexicon: Self.lexicon, model: nil).entities(in: text)
    let decrees = withModel.filter { $0.label == .decree || $0.label == .date }
    #expect(decrees == rulesOnly.filter { $0.label == .decree || $0.label == .date })
    #expect(decrees.first?.decree?.issuerName == "Ban Thường vụ Thành ủy")
  }

  @Test func trainingTwiceGivesTheSameBytesAndTheModelReadsBack() throws {
    let documents = Array(try Self.gold("Tests/EntityGold/train-nc.jsonl").prefix(4))
    var trainer = EntityTrainer(lexicon: Self.lexicon)
    trainer.hashBits = 12
    trainer.epochs = 3
    let (examples, report) = try trainer.prepare(documents)
    #expect(report.documents == 4 && report.goldSpans > 20)
    let first = trainer.train(examples, description: "test").serialized()
    let second = trainer.train(try trainer.prepare(documents).0, description: "test").serialized()
    #expect(first == second)
    #expect(try EntitySequenceModel(bytes: first, resource: "test").serialized() == first)
    #expect(first.count == 8 + 4 * 5 + 4 + ((1 << 12) * 5 + 6 * 5) * 2)
  }

  /// The shipped model is what `vitext entities train` makes of its training files (command in
  /// Sources/VietEntities/Resources/README.md). Fails when the rules change (their proposals are
  /// features): retrain then.
  @Test func shippedModelEqualsARebuild() throws {
    guard let dev = try TestData.shared("data/entities/ner-dev.jsonl") else { return }
    let documents =
      try ["train-ga", "train-nc", "train-pb", "train2-ga", "train2-nc", "train2-pb"].flatMap { try Self.gold("Tests/EntityGold/\($0).jsonl") }
      + EntityGoldDocument.read([UInt8](try Data(contentsOf: dev)), name: "ner-dev.jsonl")
    let trainer = EntityTrainer(lexicon: Self.lexicon)
    let (examples, _) = try trainer.prepare(documents)
    let description =
      "averaged structured perceptron, BIO over OFFICIAL and UNIT, 10 epochs, 2^16 slots; trained on train-ga.jsonl, train-nc.jsonl, train-pb.jsonl, train2-ga.jsonl, train2-nc.jsonl, train2-pb.jsonl, ner-dev.jsonl"
    let rebuilt = trainer.train(examples, description: description).serialized()
    let shipped = [UInt8](
      try Data(contentsOf: TestData.packageRoot.appendingPathComponent("Sources/VietEntities/Resources/entities.model")))
    #expect(rebuilt == shipped, "retrain: see Sources/VietEntities/Resources/README.md")
  }

  /// `EntityScore` counts exact spans as ner_eval.py does: same start, end and label, each gold
  /// span matched once; a span off by a word is a miss and a false alarm.
  @Test func scoreCountsExactSpansAsNerEval() throws {
    let line = """
      {"id": "x", "text": "Đề án số 11-ĐA/TU, ngày 06/12/2021 của Ban Thường vụ Thành ủy", "entities": [\
      {"start": 0, "end": 34, "label": "DECREE"}, {"start": 39, "end": 52, "label": "UNIT"}, \
      {"start": 53, "end": 61, "label": "UNIT"}]}
      """
    let documents = try EntityGoldDocument.read(Array(line.utf8), name: "inline")
    let score = try EntityTrainer.evaluate(EntityTagger(lexicon: Self.lexicon, model: nil), on: documents)
    #expect(score.labels["DECREE"] == EntityScore.Counts(correct: 1, system: 1, gold: 1))
    #expect(score.labels["UNIT"] == EntityScore.Counts(correct: 0, system: 1, gold: 2))
    #expect(score.table.contains("UNIT           2     1     0   0.000   0.000   0.000"))
    #expect(score.table.contains("micro          3     2     1   0.500   0.333   0.400"))
  }
}
