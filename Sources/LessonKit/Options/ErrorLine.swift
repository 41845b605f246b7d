/// Errors of a command line as one line on standard error: what the lessons and `gradientlab`
/// print before exiting with status 64.
public enum ErrorLine {
  /// ArgumentParser lists allowed values on separate "- value" lines; this folds any message into
  /// one line: "… Please provide one of the following: naive, lecun, xavier".
  public static func oneLine(_ message: String) -> String {
    var text = ""
    var listing = false
    for line in message.split(whereSeparator: \.isNewline) {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty { continue }
      if trimmed.hasPrefix("- ") {
        text += (listing ? ", " : " ") + trimmed.dropFirst(2)
        listing = true
      } else {
        text += (text.isEmpty ? "" : " ") + trimmed
        listing = false
      }
    }
    return text
  }
}
