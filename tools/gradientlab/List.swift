import ArgumentParser
import LessonCatalogue
import LessonKit

/// `gradientlab list`: every lesson, one line each, with its run command.
struct List: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Every lesson, one line each, with its run command.")

  func run() {
    let width = LessonCatalogue.lessons.map { $0.name.count }.max() ?? 0
    for lesson in LessonCatalogue.lessons {
      let padding = String(repeating: " ", count: width - lesson.name.count)
      print("\(lesson.name)\(padding)  swift run -c release \(lesson.name)\(padding)  \(lesson.abstract)")
    }
  }
}
