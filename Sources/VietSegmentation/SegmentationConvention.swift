/// Which published convention of word boundaries the segmenter follows.
///
/// Vietnamese gold corpora disagree on what a word is. Universal Dependencies' Viet Treebank
/// (UD VTB) splits many compounds and keeps names apart ("người dân" is two words, "Nguyễn Trãi"
/// two); the VLSP 2013 word-segmentation task, the benchmark most Vietnamese segmenters report,
/// joins them ("người_dân", "Nguyễn_Trãi"). Each convention has its own shipped model, trained on
/// data of that convention (see `SegmenterRecipe`).
public enum SegmentationConvention: String, CaseIterable, Sendable {
  /// Universal Dependencies Vietnamese VTB: the default.
  case ud
  /// VLSP 2013 word segmentation (also what pyvi, underthesea and VnCoreNLP are trained on).
  case vlsp

  /// The file name of the shipped model in the module's resources.
  public var modelResourceName: String { "segmenter-\(rawValue).model" }
}
