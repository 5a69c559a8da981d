public import FinishlineCore
internal import Glibc

/// Finds and reads the CODEOWNERS file `[owners] codeowners` names (SPEC §8.2).
public enum CodeOwnersFile {
  /// Where a folder's CODEOWNERS may be, in the order GitHub looks; GitLab's own folder last.
  public static let locations = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS"]
  /// GitHub ignores a CODEOWNERS file of 3 MB or more.
  static let byteLimit = 3 << 20

  /// - Throws: `CodeOwnersFileError` naming the path and what is wrong with it.
  public static func load(_ settings: OwnerSettings) throws(CodeOwnersFileError) -> CodeOwners {
    let path = try locate(settings.codeowners)
    let bytes: [UInt8]
    do {
      let file = try FileDescriptor(opening: path, flags: O_RDONLY | O_NONBLOCK)
      guard try file.status().isRegularFile else { throw CodeOwnersFileError(path: path, problem: "is not a file") }
      guard let read = try file.readBytesToEnd(limit: byteLimit) else {
        throw CodeOwnersFileError(path: path, problem: "is 3 MB or more, which GitHub ignores too")
      }
      bytes = read
    } catch let error as CodeOwnersFileError {
      throw error
    } catch {
      throw CodeOwnersFileError(path: path, problem: "cannot be read: \(error)")
    }
    return CodeOwners.parse(String(decoding: bytes, as: UTF8.self), file: path, dialect: settings.host)
  }

  /// The file itself, or the first of `locations` in the folder.
  static func locate(_ path: String) throws(CodeOwnersFileError) -> String {
    let status: stat?
    do {
      status = try Syscall.fileStatus(atPath: path)
    } catch {
      throw CodeOwnersFileError(path: path, problem: "cannot be read: \(error)")
    }
    guard let status else { throw CodeOwnersFileError(path: path, problem: "does not exist") }
    guard status.isDirectory else { return path }
    let folder = path.hasSuffix("/") ? path : path + "/"
    for location in locations where (try? Syscall.fileStatus(atPath: folder + location))??.isRegularFile == true {
      return folder + location
    }
    throw CodeOwnersFileError(
      path: path, problem: "holds none of \(locations.joined(separator: ", ")) (set codeowners to the file)")
  }
}

/// CODEOWNERS could not be used: owners are left out of the messages, never the post.
public struct CodeOwnersFileError: Error, CustomStringConvertible {
  public var path: String
  public var problem: String

  public var description: String { "CODEOWNERS \(path) \(problem)" }
}
