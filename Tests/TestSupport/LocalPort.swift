import Glibc

/// Loopback ports for tests that need "nothing listens here".
public enum LocalPort {
  public struct Failure: Error, CustomStringConvertible {
    var step: String
    var errno: Int32
    public var description: String { "\(step) failed: \(String(cString: strerror(errno)))" }
  }

  /// A port on 127.0.0.1 that was free a moment ago: the kernel picks it for a socket that is
  /// then closed, so a connection to it is refused.
  public static func unused() throws -> Int {
    let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socketDescriptor >= 0 else { throw Failure(step: "socket", errno: errno) }
    defer { close(socketDescriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(socketDescriptor, $0, length) == 0 && getsockname(socketDescriptor, $0, &length) == 0
      }
    }
    guard bound else { throw Failure(step: "bind or getsockname", errno: errno) }
    return Int(UInt16(bigEndian: address.sin_port))
  }
}
