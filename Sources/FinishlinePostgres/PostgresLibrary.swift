internal import CPQ

/// libpq's functions, looked up once with `dlopen` (see `Sources/CPQ/shim.h`): only when
/// `state_url` is configured and the state is first touched.
struct PostgresLibrary: @unchecked Sendable {
  /// Never freed: it lives as long as the process, like the library it points into.
  let api: UnsafePointer<cpq_api>

  static let shared: Result<PostgresLibrary, PostgresFailure> = {
    // Filled by cpq_load; on failure it is abandoned, never read.
    let table = UnsafeMutablePointer<cpq_api>.allocate(capacity: 1)
    if let problem = cpq_load(table) {
      return .failure(
        PostgresFailure(
          kind: .unusable,
          message: "cannot load libpq (\(String(cString: problem))); install it: apt-get install libpq5"))
    }
    return .success(PostgresLibrary(api: UnsafePointer(table)))
  }()
}
