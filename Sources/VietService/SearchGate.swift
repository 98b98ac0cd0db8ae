import Dispatch
import Foundation
import Hummingbird

/// Runs searches on their own threads, a few at a time, and at most a few per client.
///
/// A search is CPU work without a suspension point: run on the async request handlers'
/// threads (two on a two-core machine) four heavy searches held every other request back
/// (issue 21: an ordinary search waited 39 s). Here each runs on a dispatch thread, at most
/// `concurrentSearches` at once; further ones wait, at most `queuedSearches` of them, and one
/// client address gets at most `searchesPerClient` running or waiting. A freed slot goes to
/// the waiting search whose client has the fewest running, so a client with a backlog of heavy
/// queries does not keep the others waiting behind it. Past those limits the answer is 503 at
/// once, with `Retry-After`.
final class SearchGate: @unchecked Sendable {
  private let lock = NSLock()
  private let limits: ServiceLimits
  private let queue = DispatchQueue(label: "vitext.search", attributes: .concurrent)
  private var running = 0
  private var waiting: [(client: String, continuation: CheckedContinuation<Void, Never>)] = []
  /// Searches running or waiting, per client address.
  private var perClient: [String: Int] = [:]
  /// Searches running, per client address.
  private var runningPerClient: [String: Int] = [:]

  init(limits: ServiceLimits) {
    self.limits = limits
  }

  /// Runs `work` on a search thread once a slot is free, for the client at `client`.
  ///
  /// - Throws: `HTTPError` 503 when the client or the queue is over its limit; whatever
  ///   `work` throws.
  func run<Result: Sendable>(client: String, _ work: @escaping @Sendable () throws -> Result)
    async throws -> Result
  {
    try admit(client)
    defer { release(client) }
    await acquireSlot(client)
    defer { releaseSlot(client) }
    return try await withCheckedThrowingContinuation { continuation in
      queue.async { continuation.resume(with: Swift.Result { try work() }) }
    }
  }

  private func admit(_ client: String) throws {
    lock.lock()
    defer { lock.unlock() }
    if perClient[client, default: 0] >= limits.searchesPerClient {
      throw Self.busy(
        "too many searches from your address at once (at most \(limits.searchesPerClient)); wait for one to finish"
      )
    }
    if running >= limits.concurrentSearches && waiting.count >= limits.queuedSearches {
      throw Self.busy("the server is busy with other searches; try again in a moment")
    }
    perClient[client, default: 0] += 1
  }

  private func release(_ client: String) {
    lock.lock()
    let left = perClient[client, default: 1] - 1
    perClient[client] = left > 0 ? left : nil
    lock.unlock()
  }

  private func acquireSlot(_ client: String) async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      lock.lock()
      if running < limits.concurrentSearches {
        running += 1
        runningPerClient[client, default: 0] += 1
        lock.unlock()
        continuation.resume()
      } else {
        waiting.append((client, continuation))
        lock.unlock()
      }
    }
  }

  private func releaseSlot(_ client: String) {
    lock.lock()
    let left = runningPerClient[client, default: 1] - 1
    runningPerClient[client] = left > 0 ? left : nil
    guard !waiting.isEmpty else {
      running -= 1
      lock.unlock()
      return
    }
    // The slot passes straight to a waiter (`running` stays the same): the longest waiting of
    // the clients with the fewest searches running.
    var chosen = 0
    for index in waiting.indices.dropFirst()
    where runningPerClient[waiting[index].client, default: 0]
      < runningPerClient[waiting[chosen].client, default: 0]
    {
      chosen = index
    }
    let next = waiting.remove(at: chosen)
    runningPerClient[next.client, default: 0] += 1
    lock.unlock()
    next.continuation.resume()
  }

  static func busy(_ message: String) -> HTTPError {
    HTTPError(.serviceUnavailable, headers: [.retryAfter: "1"], message: message)
  }
}
