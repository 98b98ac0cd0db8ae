import Foundation
import VietSearch

/// The index the service answers from, and whether it is ready yet. The server starts listening
/// at once and opens (or first builds) the index in the background; until then requests get
/// 503 with a message, never a stall.
public final class IndexHolder: @unchecked Sendable {
  /// Where opening the index stands.
  public enum State: Sendable {
    /// Still opening (or building) it; requests get 503 with this message.
    case opening(String)
    /// Open: requests are answered from this index.
    case ready(SearchIndex)
    /// Opening failed; requests get 500 with this message.
    case failed(String)
  }

  private let lock = NSLock()
  private var current: State = .opening("the index is being opened")

  /// A holder whose index is still being opened.
  public init() {}

  /// The current state; safe to read from any thread while another sets it.
  public var state: State {
    lock.lock()
    defer { lock.unlock() }
    return current
  }

  /// Replaces the state; requests that arrive after it see the new one.
  public func set(_ state: State) {
    lock.lock()
    current = state
    lock.unlock()
  }
}
