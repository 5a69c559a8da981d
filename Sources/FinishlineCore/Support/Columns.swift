/// Plain-text tables (`status`, `explain`, an email's machine table): each cell padded to its
/// column's widest, columns two spaces apart, so they line up in a terminal or a mail client.
enum Columns {
  /// One line per row. The last column is left unpadded; `decorate` may wrap a padded cell
  /// (in colour, say) without its escape codes counting towards the width.
  static func align(
    _ rows: [[String]], rightAligned: PartialRangeFrom<Int>? = nil,
    decorate: (_ row: Int, _ column: Int, _ padded: String) -> String = { _, _, padded in padded }
  ) -> [String] {
    guard let columns = rows.map(\.count).max() else { return [] }
    let widths = (0..<columns).map { column in rows.map { $0.count > column ? $0[column].count : 0 }.max() ?? 0 }
    return rows.enumerated().map { index, row in
      row.enumerated().map { column, value in
        let padding = String(repeating: " ", count: max(0, widths[column] - value.count))
        let padded =
          rightAligned?.contains(column) == true
          ? padding + value : column == row.count - 1 ? value : value + padding
        return decorate(index, column, padded)
      }.joined(separator: "  ")
    }
  }
}
