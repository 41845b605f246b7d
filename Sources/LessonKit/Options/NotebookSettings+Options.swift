import Notebook

extension NotebookSettings {
  /// The settings the shared command-line options ask for, with this build's tool versions;
  /// `exam` when the package's assignment is an exam (`ExamRules`).
  public init(_ options: LessonOptions, exam: Bool = false) {
    self.init(
      seed: options.seed, quick: options.quick, plotsDir: options.plotsDir, pausesBetweenSteps: options.step,
      chartPreviews: !options.noPreview,
      variant: ExerciseVariant(options.variant), versionLines: Versions.lines, versionRecord: Versions.record)
    self.exam = exam
  }
}
