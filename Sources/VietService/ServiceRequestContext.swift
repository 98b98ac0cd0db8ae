import Hummingbird
import NIOCore

/// The request context of `vitext-serve`: Hummingbird's basic one plus the connection the
/// request came on, for the client's address (per-client search limits) and for noticing
/// that the client has gone (`ConnectionRegistry`).
public struct ServiceRequestContext: RequestContext {
  /// Hummingbird's per-request storage (parameters, logger, endpoint).
  public var coreContext: CoreRequestContextStorage
  /// The connection the request arrived on.
  public let channel: any Channel

  /// A context for a request on `source.channel`.
  public init(source: ApplicationRequestContextSource) {
    coreContext = .init(source: source)
    channel = source.channel
  }

  /// The peer's IP address (no port), from which `ClientIdentity` finds the client. Empty when
  /// unknown.
  var clientAddress: String { channel.remoteAddress?.ipAddress ?? "" }
}
