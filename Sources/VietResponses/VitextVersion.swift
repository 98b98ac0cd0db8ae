/// vitext's version, written in this one place: `vitext --version` prints it and every answer
/// of `vitext-serve` names it in its `Server` header.
public enum VitextVersion {
  /// The version, semantic-versioning style.
  public static let current = "0.1.0"

  /// The `Server` header of the web service's answers: `vitext/0.1.0`.
  public static var serverHeader: String { "vitext/\(current)" }
}
