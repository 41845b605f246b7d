import CSV

/// Opening a class's CSV file (a roster, an answers sheet), as yaslab/CSV.swift reads it.
enum CSVText {
  /// A reader over `text` with its fields trimmed, the header row still to come; a byte-order
  /// mark, which spreadsheets write, is skipped. `name` and `what` ("the roster") name the file
  /// in the one-line error.
  static func reader(_ text: String, name: String, what: String) throws(AssignmentError) -> CSVReader {
    let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    do {
      return try CSVReader(string: body, hasHeaderRow: false, trimFields: true)
    } catch {
      throw AssignmentError("\(name): \(what) is not CSV (\(error))")
    }
  }
}
