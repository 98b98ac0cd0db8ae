import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import VietEntities
import VietResponses
import VietSearch

/// `vitext-serve`: the pages and the API on one address, the index opened in the background
/// unless the caller opened it first.
public struct SearchService {
  /// The address to listen on ("127.0.0.1" keeps the service to this machine).
  public var host: String
  /// The TCP port to listen on.
  public var port: Int
  /// The index folder to open when `index` is nil.
  public var indexPath: String
  /// Readies the index before it is opened (the CLI passes one that builds the default index
  /// from Corpus/ when it is missing or out of date).
  public var prepare: (@Sendable () throws -> Void)?
  /// The index, when the caller opened it before starting (so a missing or damaged index is
  /// reported before the server listens); nil opens `indexPath` in the background.
  public var index: SearchIndex?
  /// Timeouts, connection cap, accepted host names and the search budget.
  public var limits: ServiceLimits
  /// A user's abbreviations and expansions, added to the bundled table of an index this
  /// service opens (`vitext-serve --synonyms`); an index passed in keeps its own.
  public var synonyms: SynonymTable?

  /// A service on `host`:`port` answering from `index`, or from the index at `indexPath` opened
  /// in the background (after `prepare`) when `index` is nil.
  public init(
    host: String, port: Int, indexPath: String, prepare: (@Sendable () throws -> Void)? = nil,
    index: SearchIndex? = nil,
    limits: ServiceLimits = ServiceLimits()
  ) {
    self.host = host
    self.port = port
    self.indexPath = indexPath
    self.prepare = prepare
    self.index = index
    self.limits = limits
  }

  /// The application, ready to run; the index opens on a background task unless given.
  public func application() throws -> some ApplicationProtocol {
    let holder = IndexHolder()
    let limits = self.limits
    let connections = ConnectionRegistry(cap: limits.connectionCap)
    let routes = try ServiceRoutes(
      holder: holder, limits: limits,
      hosts: HostPolicy(listeningOn: host, allowed: limits.allowedHosts), connections: connections)
    if let index {
      holder.set(.ready(index))
    } else {
      let path = indexPath
      let prepare = self.prepare
      let synonyms = self.synonyms
      Thread.detachNewThread {
        do {
          if let prepare {
            holder.set(
              .opening("the index is being opened (built from Corpus/ first when missing)"))
            try prepare()
          }
          let index = try SearchIndex(path: path, tagger: try EntityTagger.bundled())
          if let synonyms { index.synonyms = index.synonyms.adding(synonyms) }
          holder.set(.ready(index))
        } catch {
          holder.set(.failed("the index could not be opened: \(error)"))
        }
      }
    }
    var logger = Logger(label: "vitext.serve")
    logger.logLevel = .warning
    return Application(
      router: routes.router(),
      server: .http1(
        configuration: .init(
          additionalChannelHandlers: [
            ConnectionGuard(
              headerTimeout: limits.headerTimeout, requestTimeout: limits.requestTimeout,
              registry: connections)
          ],
          idleTimeout: ConnectionGuard.amount(limits.idleTimeout))),
      configuration: ApplicationConfiguration(
        address: .hostname(host, port: port), serverName: VitextVersion.serverHeader,
        availableConnectionsDelegate: MaximumAvailableConnections(limits.connectionCap)),
      logger: logger)
  }
}
