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

/// The open connections, by channel: each one's departure flag (the channel handler that sees a
/// connection close registers it; the route answering a request on it looks it up) and whether
/// it is waiting for a request, so that a full server can make room.
///
/// At the connection cap the server stops accepting and new clients wait in the listen backlog
/// until a connection closes; 300 connections that never send a byte would hold an ordinary
/// request there for the whole header timeout. So, as nginx does with its idle keep-alive
/// connections when it runs short, a connection that brings the count to the cap closes the
/// connection that has waited longest without a request in progress (one that has not sent
/// its headers yet, or a kept-alive one between requests). A request being answered is never
/// cut short.
final class ConnectionRegistry: @unchecked Sendable {
  private struct Entry {
    let channel: any Channel
    let departure: ClientDeparture
    /// When the connection began waiting for a request (opened, or its last answer sent); nil
    /// while a request is in progress.
    var waitingSince: UInt64?
  }

  private let lock = NSLock()
  private var entries: [ObjectIdentifier: Entry] = [:]
  /// The count of open connections at which the longest-waiting one is closed.
  let cap: Int

  /// A registry for a server that keeps at most `cap` connections open.
  init(cap: Int = .max) { self.cap = max(1, cap) }

  /// Records a new connection, waiting for its first request; at the cap, closes the one that
  /// has waited longest (never `channel` itself).
  func register(_ channel: any Channel, _ flag: ClientDeparture) {
    lock.lock()
    entries[ObjectIdentifier(channel)] = Entry(
      channel: channel, departure: flag, waitingSince: DispatchTime.now().uptimeNanoseconds)
    var evicted: Entry?
    if entries.count >= cap {
      let key = ObjectIdentifier(channel)
      evicted =
        entries.filter { $0.key != key && $0.value.waitingSince != nil }.min {
          $0.value.waitingSince! < $1.value.waitingSince!
        }?.value
      if let evicted { entries[ObjectIdentifier(evicted.channel)] = nil }
    }
    lock.unlock()
    if let evicted {
      evicted.departure.markLeft()
      evicted.channel.close(promise: nil)
    }
  }

  /// Records that `channel` has a request in progress (`busy`) or waits for its next one.
  func setBusy(_ channel: any Channel, _ busy: Bool) {
    lock.lock()
    entries[ObjectIdentifier(channel)]?.waitingSince =
      busy ? nil : DispatchTime.now().uptimeNanoseconds
    lock.unlock()
  }

  func remove(_ channel: any Channel) {
    lock.lock()
    entries[ObjectIdentifier(channel)] = nil
    lock.unlock()
  }

  /// The flag of `channel`'s connection; nil where no guard runs (the router tests).
  func departure(of channel: any Channel) -> ClientDeparture? {
    lock.lock()
    defer { lock.unlock() }
    return entries[ObjectIdentifier(channel)]?.departure
  }
}

/// Closes a connection when a request's headers do not arrive within the header timeout — the
/// first request's counted from the connection's opening, each later one's from its first
/// byte — or when a request is not answered within the request timeout, and marks the
/// connection's client as gone when it half-closes or drops, so the search running for it stops.
///
/// Hummingbird's idle timeout (`HTTP1Channel.Configuration.idleTimeout`) closes connections
/// that wait between requests, but any byte resets it: a kept-alive connection dripping a
/// header byte now and then would stay open for ever. The guard sits after the HTTP decoder,
/// so such a drip never counts as progress (only a complete head does); a `RequestStartWatcher`
/// placed first in the pipeline tells it when the bytes of a next request begin.
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
  /// The previous request was answered and no byte of the next one has come yet.
  private var awaitingNextRequest = false
  private var context: ChannelHandlerContext?

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
    self.context = context
    // Before the HTTP decoder, where the bytes still arrive one read at a time.
    try? context.pipeline.syncOperations.addHandler(
      RequestStartWatcher(guard: self), position: .first)
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
    self.context = nil
    registry.remove(context.channel)
  }

  /// Bytes arrived (`RequestStartWatcher`): the first byte of a request after an answer starts
  /// that request's header timeout.
  func bytesArrived() {
    guard awaitingNextRequest, let context else { return }
    awaitingNextRequest = false
    arm(context, after: headerTimeout)
  }

  func channelInactive(context: ChannelHandlerContext) {
    departure.markLeft()
    timer?.cancel()
    timer = nil
    registry.remove(context.channel)
    context.fireChannelInactive()
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    if case .head = unwrapInboundIn(data) {
      awaitingNextRequest = false
      registry.setBusy(context.channel, true)
      arm(context, after: requestTimeout)
    }
    context.fireChannelRead(data)
  }

  func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
    if case .end = unwrapOutboundIn(data) {
      // Answered: waiting for the next request is the idle timeout's business until its first
      // byte comes (`bytesArrived`).
      timer?.cancel()
      timer = nil
      awaitingNextRequest = true
      registry.setBusy(context.channel, false)
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

/// Sees a connection's raw bytes before the HTTP decoder and tells its `ConnectionGuard`, which
/// starts the header timeout of a kept-alive connection's next request at its first byte. Both
/// run on the connection's event loop; the guard is held weakly, as the pipeline owns both.
final class RequestStartWatcher: ChannelInboundHandler, RemovableChannelHandler {
  typealias InboundIn = ByteBuffer
  typealias InboundOut = ByteBuffer

  private weak var connectionGuard: ConnectionGuard?

  init(guard connectionGuard: ConnectionGuard) { self.connectionGuard = connectionGuard }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    connectionGuard?.bytesArrived()
    context.fireChannelRead(data)
  }
}
