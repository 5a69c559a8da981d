extension String {
  /// The file name a path ends in, `/` or `\` separated: reporters name the same spec relative,
  /// absolute or with Windows separators, and only its file name identifies it everywhere.
  public var fileName: String {
    split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? self
  }
}
