import Foundation
import Hummingbird
import Logging
import VietEntities
import VietSearch

/// `vitext serve`: the pages and the API on one address, the index opened in the background.
public struct SearchService {
  public var host: String
  public var port: Int
  public var indexPath: String
  /// Readies the index before it is opened (the CLI passes one that builds the default index
  /// from Corpus/ when it is missing or out of date).
  public var prepare: (@Sendable () throws -> Void)?

  public init(host: String, port: Int, indexPath: String, prepare: (@Sendable () throws -> Void)? = nil) {
    self.host = host
    self.port = port
    self.indexPath = indexPath
    self.prepare = prepare
  }

  /// The application, ready to run; the index opens on a background task.
  public func application() throws -> some ApplicationProtocol {
    let holder = IndexHolder()
    let routes = try ServiceRoutes(holder: holder)
    let path = indexPath
    let prepare = self.prepare
    Thread.detachNewThread {
      do {
        if let prepare {
          holder.set(.opening("the index is being opened (built from Corpus/ first when missing)"))
          try prepare()
        }
        holder.set(.ready(try SearchIndex(path: path, tagger: try EntityTagger.bundled())))
      } catch {
        holder.set(.failed("the index could not be opened: \(error)"))
      }
    }
    var logger = Logger(label: "vitext.serve")
    logger.logLevel = .warning
    return Application(
      router: routes.router(),
      configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "vitext"),
      logger: logger)
  }
}
