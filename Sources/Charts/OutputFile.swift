import Foundation

/// Writes output files atomically: the bytes go to a temporary file in the same folder, which is
/// then renamed over the target, so a reader never sees half a file and an interrupted run never
/// destroys the previous output.
public enum OutputFile {
  /// Writes `text` as UTF-8 to `url` atomically, creating the folder if needed.
  public static func write(_ text: String, to url: URL) throws {
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url, options: .atomic)
  }
}
