import CFolderExchange
import Foundation

/// A lesson's output folder, replaced whole: a run writes into a staging folder beside it and
/// publishes it at the end in one atomic exchange, so a killed or failed run leaves the previous
/// outputs byte for byte as they were.
///
/// Layout inside `--plots-dir`:
///
///     exploding/                    the published outputs of the last completed run
///     .exploding.partial-12345/     the run of process 12345, while it runs
///
/// A staging folder whose process is gone (a run killed with SIGKILL, a machine that lost power)
/// is removed by the next run of the same lesson into the same folder.
public struct OutputFolder: Sendable {
  /// Why an output folder cannot be used, in one line naming the folder and the reason.
  public struct Unusable: Error, CustomStringConvertible, Sendable {
    public let description: String
  }

  /// Where the outputs end up: `<plots-dir>/<lesson>/`.
  public let destination: URL
  /// Where this run writes until it publishes: `<plots-dir>/.<lesson>.partial-<pid>/`.
  public let staging: URL

  /// Checks that `plotsDir` can hold `lesson`'s outputs before any work: creates it if needed,
  /// removes what killed runs left, creates this run's staging folder and writes and removes a
  /// probe file in it. Throws `Unusable` with the folder and the reason.
  public init(plotsDir: String, lesson: String) throws(Unusable) {
    let parent = URL(fileURLWithPath: plotsDir, isDirectory: true).standardizedFileURL
    destination = parent.appendingPathComponent(lesson, isDirectory: true)
    staging = parent.appendingPathComponent(".\(lesson).partial-\(getpid())", isDirectory: true)
    let manager = FileManager.default
    func unusable(_ reason: String) -> Unusable {
      Unusable(description: "--plots-dir '\(plotsDir)' cannot hold the outputs: \(reason)")
    }
    if let failure = Self.makeDirectories(parent.path) { throw unusable(failure) }
    var isDirectory: ObjCBool = false
    if manager.fileExists(atPath: destination.path, isDirectory: &isDirectory), !isDirectory.boolValue {
      throw unusable("\(destination.path) is a file, not a folder")
    }
    Self.removeAbandonedStaging(in: parent, lesson: lesson)
    try? manager.removeItem(at: staging)
    if mkdir(staging.path, 0o777) != 0 {
      throw unusable("cannot write in \(parent.path): \(String(cString: strerror(errno)))")
    }
    let probe = staging.appendingPathComponent(".probe").path
    let file = fopen(probe, "w")
    let wrote = file.map { fputs("probe\n", $0) >= 0 && fclose($0) == 0 } ?? false
    if !wrote || unlink(probe) != 0 {
      let reason = String(cString: strerror(errno))
      try? manager.removeItem(at: staging)
      throw unusable("cannot write in \(staging.path): \(reason)")
    }
  }

  /// Replaces `destination` with the staging folder in one step and removes the previous outputs.
  /// Where the file system cannot exchange two folders atomically, the old folder is first renamed
  /// aside, then the new one into place (a kill between the two renames leaves the old outputs
  /// under the staging name, and the next run removes them).
  public func publish() throws {
    let manager = FileManager.default
    if manager.fileExists(atPath: destination.path) {
      if cfolderexchange_swap(staging.path, destination.path) == 0 {
        try manager.removeItem(at: staging)  // now the previous outputs
        return
      }
      let aside = staging.deletingLastPathComponent().appendingPathComponent(staging.lastPathComponent + ".old")
      try manager.moveItem(at: destination, to: aside)
      try manager.moveItem(at: staging, to: destination)
      try manager.removeItem(at: aside)
    } else {
      try manager.moveItem(at: staging, to: destination)
    }
  }

  /// Removes the staging folder: the run did not complete, and the previous outputs stay.
  public func discard() {
    try? FileManager.default.removeItem(at: staging)
  }

  /// Removes `.<lesson>.partial-<pid>` folders (and their `.old` twins) whose process is gone.
  static func removeAbandonedStaging(in parent: URL, lesson: String) {
    let prefix = ".\(lesson).partial-"
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
    for name in names where name.hasPrefix(prefix) {
      let digits = name.dropFirst(prefix.count).prefix { $0.isNumber }
      guard let pid = Int32(digits), pid != getpid() else { continue }
      // kill(pid, 0) probes a process without signalling it: ESRCH means there is none.
      if kill(pid, 0) == 0 || errno != ESRCH { continue }
      try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
    }
  }

  /// Creates `path` and its missing parents with mkdir(2), returning nil or what failed with the
  /// system's own reason ("cannot create /proc/nope: No such file or directory"). (FileManager
  /// reports the same failures as Cocoa error codes without the reason.)
  static func makeDirectories(_ path: String) -> String? {
    var prefix = path.hasPrefix("/") ? "" : "."
    for component in path.split(separator: "/") {
      prefix += "/" + component
      if mkdir(prefix, 0o777) == 0 { continue }
      let code = errno
      var isDirectory: ObjCBool = false
      if code == EEXIST, FileManager.default.fileExists(atPath: prefix, isDirectory: &isDirectory) {
        if isDirectory.boolValue { continue }
        return "\(prefix) is a file, not a folder"
      }
      return "cannot create \(prefix): \(String(cString: strerror(code)))"
    }
    return nil
  }
}
