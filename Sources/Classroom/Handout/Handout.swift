import Foundation
import Yams

/// A handout: a fresh copy of the package that a student can clone or unzip, without the
/// solutions and without this repository's history, carrying the assignment
/// (`ASSIGNMENT.yaml`, without the roster) and `ASSIGNMENT.md` (what to do, the commands with
/// `--variant`, how to hand in).
///
/// A package whose root holds `ASSIGNMENT.yaml` checks answers as the assignment says: in an exam
/// a check prints correct or incorrect and the named mistake, never the right value, and
/// `--solution` is refused (`ExamRules`).
public struct Handout {
  /// The file name of the assignment inside a handout.
  public static let assignmentFile = "ASSIGNMENT.yaml"

  public var assignment: Assignment
  /// The package to copy.
  public var package: URL
  /// Each code exercise's file in `exercises/Student`.
  public var files: [String: String]

  public init(assignment: Assignment, package: URL, files: [String: String]) {
    self.assignment = assignment
    self.package = package.standardizedFileURL
    self.files = files
  }

  /// Checks that `destination` can receive a handout: it does not exist (or is an empty folder)
  /// and its parent folder is writable.
  public static func validate(destination: URL) throws(AssignmentError) {
    let manager = FileManager.default
    var isFolder: ObjCBool = false
    if manager.fileExists(atPath: destination.path, isDirectory: &isFolder) {
      guard isFolder.boolValue, (try? manager.contentsOfDirectory(atPath: destination.path))?.isEmpty == true else {
        throw AssignmentError("'\(destination.path)' already exists: give a new folder for the handout")
      }
    }
    let parent = destination.deletingLastPathComponent().path
    guard manager.isWritableFile(atPath: parent) else {
      throw AssignmentError("cannot write the handout into '\(parent)': it does not exist or is not writable")
    }
  }

  /// The files of the package to copy, relative to it: git's tracked files when the package is a
  /// git checkout (so nothing ignored or local leaks), otherwise every file outside build
  /// folders; never `exercises/Solutions` nor an assignment file.
  public func packageFiles() throws -> [String] {
    let manager = FileManager.default
    var files: [String]
    if manager.fileExists(atPath: package.appendingPathComponent(".git").path),
      let listed = Self.gitFiles(package)
    {
      files = listed
    } else {
      files = []
      let enumerator = manager.enumerator(at: package, includingPropertiesForKeys: [.isDirectoryKey])
      while let url = enumerator?.nextObject() as? URL {
        let relative = String(url.standardizedFileURL.path.dropFirst(package.path.count + 1))
        let first = relative.split(separator: "/").first.map(String.init) ?? relative
        if first.hasPrefix(".build") || first == ".git" || first == ".swiftpm" || first == "Package.resolved" {
          enumerator?.skipDescendants()
          continue
        }
        if (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == false { files.append(relative) }
      }
    }
    return files.filter {
      !$0.hasPrefix("exercises/Solutions/") && $0 != Self.assignmentFile && $0 != "ASSIGNMENT.md"
    }.sorted()
  }

  /// Writes the handout into `destination` (staged beside it and moved into place whole).
  public func write(to destination: URL) throws {
    try Self.validate(destination: destination)
    let manager = FileManager.default
    let staging = destination.deletingLastPathComponent().appendingPathComponent(
      ".\(destination.lastPathComponent).partial-\(getpid())")
    try? manager.removeItem(at: staging)
    try manager.createDirectory(at: staging, withIntermediateDirectories: true)
    do {
      for file in try packageFiles() {
        let source = package.appendingPathComponent(file)
        let target = staging.appendingPathComponent(file)
        try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        if let link = try? manager.destinationOfSymbolicLink(atPath: source.path) {
          try manager.createSymbolicLink(atPath: target.path, withDestinationPath: link)
        } else {
          try manager.copyItem(at: source, to: target)
        }
      }
      try Data(assignmentYAML.utf8).write(to: staging.appendingPathComponent(Self.assignmentFile))
      try Data(instructions.utf8).write(to: staging.appendingPathComponent("ASSIGNMENT.md"))
      if manager.fileExists(atPath: destination.path) { try manager.removeItem(at: destination) }
      try manager.moveItem(at: staging, to: destination)
    } catch {
      try? manager.removeItem(at: staging)
      throw error
    }
  }

  /// The assignment as the handout carries it: the teacher's settings and exercises, no roster.
  public var assignmentYAML: String {
    var lines = [
      "# \(assignment.title): the assignment this copy of GradientLab checks answers for.",
      "# The lessons read it: with exam: true they never print a right value and refuse --solution.",
      "title: \(Self.quoted(assignment.title))",
      "mode: \(assignment.mode.rawValue)",
      "exam: \(assignment.exam)",
      "exercises:",
    ]
    for entry in assignment.entries {
      switch entry.item {
      case .numeric(let lesson, let exercise):
        lines.append("  - {lesson: \(lesson), exercise: \(exercise), points: \(ClassReport.points(entry.points))}")
      case .code(let name):
        lines.append("  - {code: \(name), points: \(ClassReport.points(entry.points))}")
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// ASSIGNMENT.md: what to do, the commands, how to hand in.
  public var instructions: String {
    let quick = assignment.mode == .quick ? " --quick" : ""
    var text = """
      # \(assignment.title)

      This copy of GradientLab is your assignment. Set it up once with `./setup` (it installs what is
      missing and runs lesson 1), then work through the exercises below.

      **Your variant.** Your teacher gives you a variant number K. Use it in every command below
      (`--variant K`): the exercises then have your own numbers, different from your classmates'.
      Answers to another variant are graded as wrong.

      """
    if assignment.exam {
      text += """

        **This is an exam.** A check says whether your answer is correct or incorrect (and names a
        common mistake when it recognises one), never the right value, and `--solution` is not
        available.

        """
    }
    text += "\n## Exercises (\(ClassReport.points(assignment.maximum)) points)\n\n"
    text += "| exercise | points | read it in | check your answer |\n| --- | --- | --- | --- |\n"
    for entry in assignment.entries {
      switch entry.item {
      case .numeric(let lesson, let exercise):
        text +=
          """
          | \(lesson) \(exercise) | \(ClassReport.points(entry.points)) | `swift run -c release \
          \(lesson)\(quick) --variant K` (its last step) | `swift run -c release \(lesson)\(quick) \
          --variant K --exercise \(exercise) --answer X` |\n
          """
      case .code(let name):
        let file = files[name] ?? "?"
        text +=
          """
          | \(name) | \(ClassReport.points(entry.points)) | `exercises/Student/\(file)` (its doc comment) \
          | `swift run -c release gradientlab exercises \(name)` |\n
          """
      }
    }
    let numeric = assignment.numericEntries
    let code = assignment.codeEntries
    text += "\n## Handing in\n\n"
    if !numeric.isEmpty {
      text += """
        Numbers: a CSV file `answers.csv` with the header `student,lesson,exercise,variant,answer` and one
        row per exercise, your id in the first column and your variant K in the fourth, e.g.:

        ```
        student,lesson,exercise,variant,answer

        """
      for entry in numeric {
        if case .numeric(let lesson, let exercise) = entry.item { text += "your-id,\(lesson),\(exercise),K,1.234\n" }
      }
      text += "```\n\nWrite plain numbers (`1.54`, not `about 1.54`): anything else scores 0.\n\n"
    }
    if !code.isEmpty {
      let names = code.compactMap { entry -> String? in
        if case .code(let name) = entry.item { return files[name].map { "`exercises/Student/\($0)`" } }
        return nil
      }
      text += """
        Code: the file\(names.count == 1 ? "" : "s") \(names.joined(separator: ", ")), as they are in your copy, in a
        folder named after your id (the grader copies them into a fresh copy of the package, builds
        and checks each exercise on its own: a file that does not compile fails only its exercise).
        Keep each function's signature as the stub has it.

        """
    }
    return text
  }

  /// A YAML double-quoted scalar (JSON's string syntax, which YAML reads).
  static func quoted(_ text: String) -> String {
    let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
    return String(decoding: data, as: UTF8.self)
  }

  /// `git ls-files` of `folder`, or nil when git cannot list it.
  static func gitFiles(_ folder: URL) -> [String]? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "-C", folder.path, "ls-files", "-z"]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    let files = String(decoding: data, as: UTF8.self).split(separator: "\0").map(String.init)
    // Tracked files deleted in the working copy are left out.
    return files.filter { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }
  }
}

/// What an assignment in a package's root (`ASSIGNMENT.yaml`) changes in its lessons' checks.
public struct ExamRules: Sendable {
  public var title: String
  /// Checks print correct/incorrect and the named mistake only; `--solution` is refused.
  public var exam: Bool

  /// The rules of the package that holds `executable` (the nearest folder above it with
  /// Package.swift), or of the current folder's package; nil when neither has an assignment.
  /// An unreadable assignment file counts as an exam (a broken file must not reveal answers).
  public static func find(executable: URL?) -> ExamRules? {
    let manager = FileManager.default
    var starts: [URL] = [URL(fileURLWithPath: manager.currentDirectoryPath)]
    if let executable { starts.insert(executable.resolvingSymlinksInPath().deletingLastPathComponent(), at: 0) }
    for start in starts {
      var folder = start.standardizedFileURL
      while folder.path != "/" {
        if manager.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
          let file = folder.appendingPathComponent(Handout.assignmentFile)
          guard let text = try? String(contentsOf: file, encoding: .utf8) else { break }
          return rules(yaml: text)
        }
        folder.deleteLastPathComponent()
      }
    }
    return nil
  }

  /// The rules in an assignment's YAML text (title and exam only; the rest is the grader's).
  public static func rules(yaml: String) -> ExamRules {
    let parsed = (try? Yams.load(yaml: yaml)) as? [String: Any]
    let title = parsed?["title"] as? String ?? "this assignment"
    let exam = parsed.map { ($0["exam"] as? Bool) ?? false } ?? true
    return ExamRules(title: title, exam: exam)
  }
}
