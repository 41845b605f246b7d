import Foundation
import PackagePlugin

/// Writes the list of lessons for `LessonCatalogue` from the targets it depends on, so that the
/// one line per lesson in Package.swift's `lessons` is the only place a lesson is listed.
///
/// Every dependency of the target whose name ends in "Lesson" is a lesson's library (declared by
/// `LessonTargets`, in the order of Package.swift's `lessons`); the generated file imports each and
/// lists its type, `<Module>.self`, in that order. The file is written by `/bin/sh` (a build
/// tool plugin returns commands; it does not write files itself), and is written again whenever
/// the list changes, since the list is part of the command.
@main
struct LessonList: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let modules = target.dependencies.compactMap { dependency -> String? in
      guard case .target(let lesson) = dependency, lesson.name.hasSuffix("Lesson") else { return nil }
      return lesson.name
    }
    let source = """
      // Written by the LessonList plugin (Plugins/LessonList) from Package.swift's `lessons`: do not edit.
      import LessonKit
      \(modules.map { "import \($0)" }.joined(separator: "\n"))

      extension LessonCatalogue {
        /// The lesson types, in the order of the course (Package.swift's `lessons`). Computed: a
        /// stored array of metatypes is not Sendable.
        package static var lessons: [any Lesson.Type] {
          [\(modules.map { "\($0).self" }.joined(separator: ", "))]
        }
      }

      """
    let output = context.pluginWorkDirectoryURL.appending(path: "LessonCatalogue+Lessons.swift")
    return [
      .buildCommand(
        displayName: "Listing the lessons for LessonCatalogue",
        executable: URL(fileURLWithPath: "/bin/sh"),
        arguments: ["-c", "printf '%s' \"$1\" > \"$2\"", "sh", source, output.path],
        inputFiles: [], outputFiles: [output])
    ]
  }
}
