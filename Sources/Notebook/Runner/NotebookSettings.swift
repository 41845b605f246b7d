/// How a notebook runs: the seed and mode it reports, where its outputs go, how it paces and
/// previews, and the versions of the tools its header and metrics.json name. The lesson kit
/// fills it from the command line (`NotebookSettings(LessonOptions)`).
public struct NotebookSettings: Sendable {
  /// The seed the lesson's numbers come from.
  public var seed: UInt64
  /// Quick mode (small sizes) or full mode.
  public var quick: Bool
  /// The folder that receives `<plotsDir>/<lesson>/`.
  public var plotsDir: String
  /// Pause for Enter between steps (only honoured in an interactive terminal).
  public var pausesBetweenSteps: Bool
  /// Print text previews of the charts in the terminal.
  public var chartPreviews: Bool
  /// The exercise variant the last step prints (`--variant K`; 0 is the default exercise).
  public var variant: ExerciseVariant
  /// " --variant K" for the commands a notebook prints, "" for variant 0.
  public var variantArgument: String { variant == .original ? "" : " --variant \(variant)" }
  /// What an exercise command adds after the lesson's name to check this notebook's exercises:
  /// `--quick` in quick mode (an exercise's sizes follow the mode) and the variant.
  public var exerciseArguments: String { (quick ? " --quick" : "") + variantArgument }
  /// The package's assignment is an exam: the exercises step does not offer worked solutions.
  public var exam = false
  /// One line per tool for the notebook's header ("GradientLab 0.1.0", "Swift 6.3", …).
  public var versionLines: [String]
  /// The same for metrics.json's `versions`.
  public var versionRecord: JSONValue

  /// Settings with every field given.
  public init(
    seed: UInt64, quick: Bool, plotsDir: String, pausesBetweenSteps: Bool = false, chartPreviews: Bool = true,
    variant: ExerciseVariant = .original, versionLines: [String] = [], versionRecord: JSONValue = .object([])
  ) {
    self.seed = seed
    self.quick = quick
    self.plotsDir = plotsDir
    self.pausesBetweenSteps = pausesBetweenSteps
    self.chartPreviews = chartPreviews
    self.variant = variant
    self.versionLines = versionLines
    self.versionRecord = versionRecord
  }
}
