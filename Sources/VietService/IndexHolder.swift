import Foundation
import VietSearch

/// The index the service answers from, and whether it is ready yet. The server starts listening
/// at once and opens (or first builds) the index in the background; until then requests get
/// 503 with a message, never a stall.
public final class IndexHolder: @unchecked Sendable {
  public enum State: Sendable {
    case opening(String)
    case ready(SearchIndex)
    case failed(String)
  }

  private let lock = NSLock()
  private var current: State = .opening("the index is being opened")

  public init() {}

  public var state: State {
    lock.lock()
    defer { lock.unlock() }
    return current
  }

  public func set(_ state: State) {
    lock.lock()
    current = state
    lock.unlock()
  }
}
