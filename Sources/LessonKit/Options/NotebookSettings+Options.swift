import Classroom
import Foundation
import Notebook

extension NotebookSettings {
  /// The settings the shared command-line options ask for, with this build's tool versions.
  public init(_ options: LessonOptions) {
    self.init(
      seed: options.seed, quick: options.quick, plotsDir: options.plotsDir, pausesBetweenSteps: options.step,
      chartPreviews: !options.noPreview,
      variant: ExerciseVariant(options.variant), versionLines: Versions.lines, versionRecord: Versions.record)
    exam = ExamRules.find(executable: Bundle.main.executableURL)?.exam == true
  }
}
