import Foundation
import SearchCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What one client, one connection or one query may take from `vitext-serve`: the timeouts,
/// the connection cap, the names the server answers to and the search budget.
///
/// Every default is generous for a person with a browser or a script and tight for someone
/// holding the server open: an idle or half-sent request is dropped after seconds, not kept
/// for ever, and a query that would read the whole index ends in a 422.
public struct ServiceLimits: Sendable {
  /// How long a request's headers may take: a new connection's first request from the
  /// connection's opening, a kept-alive connection's next one from its first byte.
  public var headerTimeout: Duration = .seconds(10)
  /// How long a kept-alive connection may wait between requests (and a request between its
  /// parts) before it is closed.
  public var idleTimeout: Duration = .seconds(30)
  /// How long one request may take from its headers to the end of its answer; past it the
  /// connection is closed and the request's search cancelled.
  public var requestTimeout: Duration = .seconds(60)
  /// Most connections open at once; the connection that reaches the cap closes the one that
  /// has waited longest without a request in progress (`ConnectionRegistry`). Nil: a share of
  /// the process's file-descriptor limit (`defaultMaximumConnections`).
  public var maximumConnections: Int?
  /// Host names (`Host` header, port left out) the server answers besides the ones its listen
  /// address implies: what lets a reverse proxy's name through on a loopback server.
  public var allowedHosts: [String] = []
  /// How long a search may match before it is stopped with 503.
  public var queryTimeout: Duration = .seconds(5)
  /// Most postings a search may visit (`QueryBudget`) before it is stopped with 422.
  public var maximumPostings: Int = QueryBudget.defaultMaximumPostings
  /// Searches running at once, over all clients; each runs on its own thread, away from the
  /// threads that read and write connections.
  public var concurrentSearches: Int = max(2, ProcessInfo.processInfo.activeProcessorCount)
  /// Postings (`SearchIndex.estimatedPostings`) above which a search counts as heavy: heavy
  /// searches run in a lane of their own, half of `concurrentSearches` wide, so ordinary ones
  /// never wait behind them. The heaviest of 50 realistic queries on the gov corpus would
  /// decode about 0.3 million; eight one-letter prefixes about 3 million.
  public var heavyPostings: Int = 2_000_000
  /// Searches one client may have running or waiting at once; further ones get 503 at once,
  /// so one heavy user cannot fill the queue. A client is its address, an IPv6 one's /64
  /// prefix, or behind a trusted proxy the address the proxy forwards (`ClientIdentity`).
  public var searchesPerClient: Int = 8
  /// Addresses of reverse proxies whose `X-Forwarded-For` names the client (per-client limits
  /// count by it instead of by the proxy's address). None by default: the header is the
  /// client's to forge.
  public var trustedProxies: [String] = []
  /// Searches that may wait for a slot; further ones get 503 at once.
  public var queuedSearches: Int = 64

  /// The defaults above.
  public init() {}

  /// The cap used when `maximumConnections` is nil: the soft `RLIMIT_NOFILE` less 64 for the
  /// index, logs and listening socket, at least 16. With `ulimit -n 256` that is 192, so 300
  /// idle connections cannot exhaust descriptors: each new one at the cap closes the oldest
  /// idle one.
  public static var defaultMaximumConnections: Int {
    var limit = rlimit()
    #if os(Linux)
      let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    #else
      let resource = RLIMIT_NOFILE
    #endif
    guard getrlimit(resource, &limit) == 0 else { return 256 }
    // RLIM_INFINITY is all ones (Swift cannot import the C macro's -1 cast).
    let soft = limit.rlim_cur == rlim_t.max ? 4_096 : Int(min(limit.rlim_cur, 1 << 20))
    return max(16, soft - 64)
  }

  /// `maximumConnections`, or the default share of the descriptor limit.
  public var connectionCap: Int { maximumConnections ?? Self.defaultMaximumConnections }
}
