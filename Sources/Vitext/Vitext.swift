// The umbrella: `import Vitext` brings in the modules a Swift program reading and searching
// Vietnamese documents uses, as swift-collections' `Collections` does for its structures. The
// web service (VietService, with its HTTP stack) and the export to other engines (VietExport) are
// left out: a program that wants them imports them by name.
@_exported import SearchCore
@_exported import VietDocuments
@_exported import VietEntities
@_exported import VietICU
@_exported import VietNormalization
@_exported import VietSearch
@_exported import VietSegmentation
@_exported import VietText
@_exported import VietTokenization
