import Foundation
import HTTPTypes
import Hummingbird
import VietResponses

/// Which `Host` headers the server answers. A page on any web site can make a browser send
/// requests to 127.0.0.1 under a name its DNS points there (DNS rebinding); checking the name
/// against the listen address keeps such pages from reading a loopback server's documents.
public struct HostPolicy: Sendable {
  /// Names accepted (lower case, no port, IPv6 without brackets); nil accepts any.
  let names: Set<String>?

  static let loopbackNames: Set<String> = ["localhost", "127.0.0.1", "::1"]

  /// The names a server listening on `host` answers: the loopback names on a loopback
  /// address; the address itself on another one; any name on a wildcard address (0.0.0.0,
  /// ::) unless `allowed` names some. `allowed` is added in every case.
  public init(listeningOn host: String, allowed: [String]) {
    let listen = Self.normalized(host)
    let extra = Set(allowed.map(Self.normalized))
    if Self.isLoopback(listen) {
      names = Self.loopbackNames.union([listen]).union(extra)
    } else if listen == "0.0.0.0" || listen == "::" || listen.isEmpty {
      names = extra.isEmpty ? nil : extra.union(Self.loopbackNames)
    } else {
      names = extra.union([listen])
    }
  }

  static func isLoopback(_ host: String) -> Bool {
    loopbackNames.contains(host) || host.hasPrefix("127.") || host.hasSuffix(".localhost")
  }

  /// Lower case, brackets and trailing dot dropped: how names are compared.
  static func normalized(_ name: String) -> String {
    var name = name.lowercased()
    if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
    if name.hasSuffix(".") { name.removeLast() }
    return name
  }

  /// The host name of a `Host` header value, without its port.
  static func hostName(ofHeader value: String) -> String {
    if value.hasPrefix("["), let close = value.firstIndex(of: "]") {
      return normalized(String(value[...close]))
    }
    if let colon = value.lastIndex(of: ":"),
      value[value.index(after: colon)...].allSatisfy(\.isNumber)
    {
      return normalized(String(value[..<colon]))
    }
    return normalized(value)
  }

  /// Whether a request with this `Host` header is answered. A request without one (HTTP/1.0)
  /// is: browsers, the clients rebinding abuses, always send it.
  public func accepts(hostHeader: String?) -> Bool {
    guard let names, let hostHeader else { return true }
    return names.contains(Self.hostName(ofHeader: hostHeader))
  }
}

/// What every answer of `vitext-serve` goes through: the `Host` check, errors turned into an
/// answer (unknown routes 404 and wrong methods 405 included), and the security headers and
/// `Server: vitext/VERSION` on every response, errors too.
///
/// An error under `/api/` is the documented JSON body (`{"error": {"message": …}}`); anywhere
/// else a person with a browser asked for a page, so it is an HTML page with the same status
/// and message.
struct ServiceMiddleware<Context: RequestContext>: RouterMiddleware {
  let hosts: HostPolicy
  /// Per route prefix, the methods it answers: what turns a 404 into a 405 with `Allow`.
  let methods: [(path: String, isPrefix: Bool, methods: [HTTPRequest.Method])]
  /// Renders error pages for requests outside `/api/`.
  let pages: PageRenderer

  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    var response: Response
    let format: ServiceAnswers.ErrorFormat = Self.isAPI(request.uri.path) ? .json : .page(pages)
    if !hosts.accepts(hostHeader: request.head.authority) {
      response = ServiceAnswers.error(
        format, .misdirectedRequest,
        "this server does not answer to the host name \(request.head.authority ?? ""); start it with --allow-host NAME to add a name"
      )
    } else {
      do {
        response = try await next(request, context)
      } catch let error as HTTPError {
        response = answer(error, request, format)
      } catch let error as any HTTPResponseError {
        response = ServiceAnswers.error(format, error.status, "\(error)")
      } catch {
        response = ServiceAnswers.error(format, .internalServerError, "\(error)")
      }
    }
    for field in ServiceAnswers.securityHeaders where response.headers[field.name] == nil {
      response.headers.append(field)
    }
    response.headers[.server] = VitextVersion.serverHeader
    return response
  }

  /// Whether `path` is the API's (JSON errors) rather than a page's.
  static func isAPI(_ path: String) -> Bool { path == "/api" || path.hasPrefix("/api/") }

  /// The answer for an `HTTPError`; a 404 the router gave (no message) becomes a 405 when the
  /// path exists under another method.
  private func answer(_ error: HTTPError, _ request: Request, _ format: ServiceAnswers.ErrorFormat)
    -> Response
  {
    if let message = error.body {
      var response = ServiceAnswers.error(format, error.status, message)
      response.headers.append(contentsOf: error.headers)
      return response
    }
    if error.status == .notFound {
      let path = request.uri.path
      let allowed = methods.filter { $0.isPrefix ? path.hasPrefix($0.path) : path == $0.path }
        .flatMap(\.methods)
      if !allowed.isEmpty && !allowed.contains(request.method) {
        var response = ServiceAnswers.error(
          format, .methodNotAllowed,
          "\(request.method) is not allowed here; use \(allowed.map(\.rawValue).joined(separator: " or "))"
        )
        response.headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
        return response
      }
      return ServiceAnswers.error(format, .notFound, "no such page or API: \(path)")
    }
    return ServiceAnswers.error(format, error.status, error.status.reasonPhrase)
  }
}

/// The headers and error bodies every answer of the service shares.
enum ServiceAnswers {
  /// The page's only inline code is its `<style>` block; no script runs, nothing is framed,
  /// forms post to the server itself.
  static let contentSecurityPolicy =
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

  static let securityHeaders: HTTPFields = [
    .xContentTypeOptions: "nosniff",
    .contentSecurityPolicy: contentSecurityPolicy,
    fieldName("X-Frame-Options"): "DENY",
    fieldName("Referrer-Policy"): "no-referrer",
  ]

  /// A header name HTTPTypes has no constant for.
  static func fieldName(_ text: String) -> HTTPField.Name {
    guard let name = HTTPField.Name(text) else {
      preconditionFailure("\(text) is not a valid header name")
    }
    return name
  }

  /// How an error is answered: the API's JSON body, or a page.
  enum ErrorFormat {
    case json
    case page(PageRenderer)
  }

  /// An error answer with `status`: the documented JSON body, or the message page with a
  /// Vietnamese heading for the status.
  static func error(_ format: ErrorFormat, _ status: HTTPResponse.Status, _ message: String)
    -> Response
  {
    guard case .page(let pages) = format else { return error(status, message) }
    let heading = pageHeading(status)
    return Response(
      status: status, headers: [.contentType: "text/html; charset=utf-8"],
      body: ResponseBody(
        byteBuffer: ByteBuffer(
          string: pages.render(
            "message", ["pageTitle": heading, "heading": heading, "message": message]))))
  }

  /// The heading of an error page.
  static func pageHeading(_ status: HTTPResponse.Status) -> String {
    switch status {
    case .serviceUnavailable: "Đang mở chỉ mục"
    case .notFound: "Không tìm thấy"
    case .internalServerError: "Không mở được chỉ mục"
    case .unprocessableContent: "Truy vấn quá nặng"
    case .badRequest: "Yêu cầu không hợp lệ"
    case .methodNotAllowed: "Phương thức không được phép"
    case .misdirectedRequest: "Sai tên máy chủ"
    default: "Lỗi"
    }
  }

  /// The documented error body (`ErrorReply`) with `status`.
  static func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
    // An error body always encodes (it holds one string); the fallback is never sent.
    (try? json(ErrorReply(message: message), status: status)) ?? Response(status: status)
  }

  /// `value` as the JSON body every API answer shares (`ResponseEncoder`: members in declared
  /// order, slashes unescaped), byte for byte what `vitext search --format json` prints.
  static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
    Response(
      status: status, headers: [.contentType: "application/json; charset=utf-8"],
      body: ResponseBody(byteBuffer: ByteBuffer(bytes: try ResponseEncoder().encode(value))))
  }
}
