import Foundation
import NIOCore
import NIOHTTPTypes

/// Set once a connection's client has gone (closed its side, reset, or timed out): a search
/// running for it reads this between steps (`QueryBudget.isCancelled`) and stops.
public final class ClientDeparture: @unchecked Sendable {
  private let lock = NSLock()
  private var gone = false

  /// A flag not yet set.
  public init() {}

  /// Whether the client has gone.
  public var hasLeft: Bool {
    lock.lock()
    defer { lock.unlock() }
    return gone
  }

  /// Records that the client has gone.
  public func markLeft() {
    lock.lock()
    gone = true
    lock.unlock()
  }
}

/// The departure flags of open connections, by channel: the channel handler that sees a
/// connection close registers it; the route answering a request on it looks it up.
final class ConnectionRegistry: @unchecked Sendable {
  private let lock = NSLock()
  private var flags: [ObjectIdentifier: ClientDeparture] = [:]

  func register(_ channel: any Channel, _ flag: ClientDeparture) {
    lock.lock()
    flags[ObjectIdentifier(channel)] = flag
    lock.unlock()
  }

  func remove(_ channel: any Channel) {
    lock.lock()
    flags[ObjectIdentifier(channel)] = nil
    lock.unlock()
  }

  /// The flag of `channel`'s connection; nil where no guard runs (the router tests).
  func departure(of channel: any Channel) -> ClientDeparture? {
    lock.lock()
    defer { lock.unlock() }
    return flags[ObjectIdentifier(channel)]
  }
}

/// Closes a connection whose first request's headers do not arrive within the header timeout
/// or whose request is not answered within the request timeout, and marks the connection's
/// client as gone when it half-closes or drops, so the search running for it stops.
///
/// Hummingbird's idle timeout (`HTTP1Channel.Configuration.idleTimeout`) closes connections
/// that wait between requests; this adds the two limits it lacks. It sits after the HTTP
/// decoder, so a slow drip of header bytes never counts as progress: only a complete head does.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPRequestPart
  typealias InboundOut = HTTPRequestPart
  typealias OutboundIn = HTTPResponsePart
  typealias OutboundOut = HTTPResponsePart

  private let headerTimeout: TimeAmount
  private let requestTimeout: TimeAmount
  private let registry: ConnectionRegistry
  private let departure = ClientDeparture()
  private var timer: Scheduled<Void>?
  private var registered = false

  init(headerTimeout: Duration, requestTimeout: Duration, registry: ConnectionRegistry) {
    self.headerTimeout = Self.amount(headerTimeout)
    self.requestTimeout = Self.amount(requestTimeout)
    self.registry = registry
  }

  static func amount(_ duration: Duration) -> TimeAmount {
    let (seconds, attoseconds) = duration.components
    return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
  }

  func handlerAdded(context: ChannelHandlerContext) {
    if context.channel.isActive { start(context) }
  }

  func channelActive(context: ChannelHandlerContext) {
    start(context)
    context.fireChannelActive()
  }

  private func start(_ context: ChannelHandlerContext) {
    guard !registered else { return }
    registered = true
    registry.register(context.channel, departure)
    arm(context, after: headerTimeout)
  }

  func handlerRemoved(context: ChannelHandlerContext) {
    timer?.cancel()
    timer = nil
    registry.remove(context.channel)
  }

  func channelInactive(context: ChannelHandlerContext) {
    departure.markLeft()
    timer?.cancel()
    timer = nil
    registry.remove(context.channel)
    context.fireChannelInactive()
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    if case .head = unwrapInboundIn(data) { arm(context, after: requestTimeout) }
    context.fireChannelRead(data)
  }

  func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
    if case .end = unwrapOutboundIn(data) {
      // Answered: waiting for the next request is the idle timeout's business.
      timer?.cancel()
      timer = nil
    }
    context.write(data, promise: promise)
  }

  func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
    // The server allows half-closure, so a client that goes away shows first as its input
    // closing, not as the channel closing.
    if let event = event as? ChannelEvent, event == .inputClosed { departure.markLeft() }
    context.fireUserInboundEventTriggered(event)
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    departure.markLeft()
    context.fireErrorCaught(error)
  }

  private func arm(_ context: ChannelHandlerContext, after delay: TimeAmount) {
    timer?.cancel()
    let departure = self.departure
    let channel = context.channel
    timer = context.eventLoop.scheduleTask(in: delay) {
      departure.markLeft()
      channel.close(promise: nil)
    }
  }
}
