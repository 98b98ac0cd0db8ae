import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Who a request counts against for the per-client search limit (`ServiceLimits.searchesPerClient`).
///
/// The connection's peer address is the client, with two exceptions. Behind a reverse proxy
/// every request comes from the proxy's address, so one heavy user would use up the limit of
/// everyone: when the peer is a proxy named in `trustedProxies`, the client is the address the
/// proxy appended to `X-Forwarded-For` (the rightmost one that is not itself a trusted proxy;
/// addresses further left are written by the client and could be anything). And one IPv6 host
/// usually holds a whole /64 and may pick any address in it, so IPv6 clients are counted by
/// their /64 prefix.
struct ClientIdentity: Sendable {
  /// Peer addresses whose `X-Forwarded-For` is believed, normalized (`Self.normalized`).
  let trustedProxies: Set<String>

  init(trustedProxies: [String]) { self.trustedProxies = Set(trustedProxies.map(Self.normalized)) }

  /// The key of a request from `peer` (an IP address, no port) with `forwardedFor`, the
  /// `X-Forwarded-For` header's value if any.
  func key(peer: String, forwardedFor: String?) -> String {
    var client = Self.normalized(peer)
    if trustedProxies.contains(client), let forwardedFor {
      let hops = forwardedFor.split(separator: ",").map { Self.normalized(String($0)) }.filter {
        !$0.isEmpty
      }
      if let nearest = hops.last(where: { !trustedProxies.contains($0) }) ?? hops.first {
        client = nearest
      }
    }
    return Self.group(client)
  }

  /// Lower case, without spaces, brackets or a zone; at most 64 characters (a forwarded value
  /// is the client's to write).
  static func normalized(_ address: String) -> String {
    var text = address.trimmingCharacters(in: .whitespaces)
    if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
      text = String(text[text.index(after: text.startIndex)..<close])
    }
    if let zone = text.firstIndex(of: "%") { text = String(text[..<zone]) }
    return String(text.lowercased().prefix(64))
  }

  /// An IPv6 address as its /64 prefix (`2001:db8:1:2::/64`); an IPv4 one, also when mapped
  /// into IPv6 (`::ffff:10.0.0.1`), as it is; anything else unchanged.
  static func group(_ address: String) -> String {
    var bytes = [UInt8](repeating: 0, count: 16)
    guard address.contains(":"), inet_pton(AF_INET6, address, &bytes) == 1 else { return address }
    if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF {
      return bytes[12..<16].map(String.init).joined(separator: ".")
    }
    let groups = stride(from: 0, to: 8, by: 2).map {
      String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16)
    }
    return groups.joined(separator: ":") + "::/64"
  }
}
