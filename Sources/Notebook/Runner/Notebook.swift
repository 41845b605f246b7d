import Charts
import Foundation
import Theory

/// The lesson runner: a lesson is a sequence of numbered steps of prose, experiments, tables,
/// charts, theory checks and claims, ending with exercises. Each cell is shown in the terminal as
/// it runs and recorded for the executed notebook `README.md` and for `metrics.json`. Everything
/// is written into a staging folder (`workingDirectory`) and `finish()` publishes it whole as
/// `<plots-dir>/<lesson>/` (see `OutputFolder`): a run that is killed or throws leaves the previous
/// outputs as they were.
///
/// Usage, from a lesson:
///
///     let notebook = try Notebook(lesson: "exploding", title: "...", settings: settings, parameters: [...])
///     notebook.step("Backprop multiplies Jacobians") {
///       notebook.prose("...")
///       let result = notebook.experiment("products of 50 matrices", total: 20) { progress in ... }
///       notebook.table(...); notebook.chart(...); notebook.check(...)
///     }
///     let status = try notebook.finish()
public final class Notebook {
  /// The lesson's name: its executable and its output folder.
  public let lesson: String
  /// The lesson's title.
  public let title: String
  /// The seed, mode, output folder, pacing and versions it runs with.
  public let settings: NotebookSettings
  /// The parameters in effect after overrides, in display order.
  public let parameters: [(String, JSONValue)]
  /// Where outputs end up: `<plots-dir>/<lesson>/`, replaced whole by `finish()`.
  public var outputDirectory: URL { folder.destination }
  /// Where this run writes its files until `finish()` publishes them (a lesson that writes a file
  /// of its own, such as a checkpoint, writes it here).
  public var workingDirectory: URL { folder.staging }

  private let folder: OutputFolder

  private let terminal: Terminal
  private let renderer: ChartRenderer
  private let pngs: ChartQueue
  private var cells: [JupyterNotebook.Cell] = []
  private var stepNumber = 0
  private var stepOutline: Outline = []
  private var checks: [TheoryCheck] = []
  private var claimRecords: [Claim] = []
  private var runs: [(String, JSONValue)] = []
  private var chartFailures: [String] = []
  private var chartCount = 0
  /// Whether chart previews are printed: the settings', until the reader turns them off at a
  /// step's prompt.
  private var previews: Bool

  /// A notebook for `lesson`. Checks first that `--plots-dir` can hold the outputs (see
  /// `OutputFolder`) and throws `OutputFolder.Unusable` before printing anything if not.
  public init(
    lesson: String, title: String, settings: NotebookSettings, parameters: [(String, JSONValue)],
    terminal: Terminal = .standard
  ) throws(OutputFolder.Unusable) {
    folder = try OutputFolder(plotsDir: settings.plotsDir, lesson: lesson)
    previews = settings.chartPreviews
    self.lesson = lesson
    self.title = title
    self.settings = settings
    self.parameters = parameters
    self.terminal = terminal
    renderer = ChartRenderer(directory: folder.staging)
    pngs = ChartQueue(directory: folder.staging)
    let mode = settings.quick ? "quick" : "full"
    let parameterText = parameters.map { "\($0.0)=\(Notebook.plain($0.1))" }.joined(separator: ", ")
    terminal.line(terminal.bold("═══ \(title) ═══"))
    terminal.line("lesson \(lesson) · \(mode) mode · seed \(settings.seed) · \(parameterText)")
    terminal.line()
    cells.append(markdown: "# \(title)\n")
    cells.append(
      markdown:
        """
        *The executed notebook of lesson `\(lesson)`, written by `swift run -c release \(lesson)\
        \(settings.quick ? " --quick" : "")`. Mode: \(mode). Seed: \(settings.seed).*

        Parameters: \(parameters.map { "`\($0.0)` = \(Notebook.plain($0.1))" }.joined(separator: ", ")).

        Versions: \(settings.versionLines.joined(separator: "; ")).

        """)
  }

  /// The checks recorded so far.
  public var recordedChecks: [TheoryCheck] { checks }

  // MARK: - Cells

  /// Introductory prose before the first step.
  public func introduction(_ text: String) {
    terminal.line(Terminal.wrap(terminal.text(text)))
    terminal.line()
    cells.append(markdown: text + "\n")
  }

  /// Declares the lesson's steps, in the order they run (see `Outline`), so that `number(of:)`
  /// and `reference(_:)` can name a step before it has run. Call once, before the first step.
  public func outline(_ outline: Outline) { self.stepOutline = outline }

  /// The number the runner gives step `id`: its place in the outline, from 1.
  public func number(of id: StepID) -> Int { stepOutline.number(of: id) }

  /// "step 4": a reference to step `id` for prose.
  public func reference(_ id: StepID) -> String { stepOutline.reference(id) }

  /// "steps 3–4" or "steps 1, 2 and 7": a reference to several steps, in order.
  public func reference(_ ids: [StepID]) -> String { stepOutline.reference(ids) }

  /// Step `id` of the outline: a numbered heading, then whatever `body` shows. With `--step` on a
  /// terminal, waits for Enter before the next step. Steps run in outline order.
  @discardableResult
  public func step<T>(_ id: StepID, _ title: String, _ body: () throws -> T) rethrows -> T {
    precondition(
      stepNumber < stepOutline.steps.count && stepOutline.steps[stepNumber] == id,
      "\(lesson): step '\(id)' runs out of the outline's order \(stepOutline.steps)")
    stepNumber += 1
    if stepNumber > 1 && settings.pausesBetweenSteps && terminal.canPause && terminal.isInteractive {
      pause(before: title)
    }
    terminal.line(
      terminal.bold("── Step \(stepNumber) · \(title) " + String(repeating: "─", count: max(3, 70 - title.count))))
    cells.append(markdown: "## Step \(stepNumber). \(title)\n")
    let result = try body()
    terminal.line()
    return result
  }

  /// `--step`'s prompt before step `stepNumber`: Enter goes on, `n` + Enter turns the chart
  /// previews off and goes on, `q` + Enter stops the lesson here: the run's staging folder is
  /// removed, the previous outputs stay as they were, and the process exits 0.
  private func pause(before title: String) {
    if stepNumber == 2 {
      terminal.line(
        terminal.bold("Step by step: Enter: next step · n + Enter: no more chart previews · q + Enter: stop here"))
    }
    while true {
      terminal.write(terminal.bold("Next: step \(stepNumber) · \(title) [Enter/n/q] "))
      let answer = (readLine() ?? "").trimmingCharacters(in: .whitespaces).lowercased()
      switch answer {
      case "": return
      case "n":
        previews = false
        return
      case "q":
        discard()
        terminal.line(
          "Stopped before step \(stepNumber) of \(stepOutline.steps.count); \(outputDirectory.path) is as it was before this run."
        )
        exit(0)
      default:
        terminal.line("Enter goes on, n + Enter turns the chart previews off, q + Enter stops here.")
      }
    }
  }

  /// Explanatory prose (Markdown; shown wrapped in the terminal).
  public func prose(_ text: String) {
    terminal.line(Terminal.wrap(terminal.text(text)))
    terminal.line()
    cells.append(markdown: text + "\n")
  }

  /// What a before/after comparison changes and what it keeps: one line, in every lesson the same
  /// shape, so that a reader can see that the runs differ in the fix alone (or which other
  /// difference is named).
  public func comparison(differs: String, same: [String]) {
    prose(
      "**What differs between these runs:** \(differs). **The same in all of them:** \(same.joined(separator: ", ")).")
  }

  /// Runs an experiment with a progress display; `body` reports progress in units of `total`.
  public func experiment<T>(_ title: String, total: Int, _ body: (ProgressReporter) throws -> T) rethrows -> T {
    let reporter = ProgressReporter(title: title, total: total, terminal: terminal)
    let result = try body(reporter)
    reporter.finish()
    return result
  }

  /// A table with an optional caption.
  public func table(_ table: Table, caption: String? = nil) {
    if let caption { terminal.line(terminal.text(caption)) }
    terminal.line(table.text)
    terminal.line()
    if let caption { cells.append(markdown: "**\(caption)**\n") }
    cells.append(markdown: table.markdown + "\n")
  }

  /// A chart: writes `NAME.gp` and `NAME.dat`, shows a text preview, queues `NAME.png` (drawn in
  /// the background, in place by `finish()`), and embeds it in the notebook. A gnuplot failure is
  /// reported in one line and makes `finish()` return 1.
  public func chart(_ chart: Chart, caption: String) {
    chartCount += 1
    do {
      let written = try renderer.write(chart, preview: previews && terminal.isEnabled)
      if let preview = written.preview { terminal.line(preview) }
      terminal.line("  chart: \(outputDirectory.path)/\(chart.name).{png,gp,dat}")
      if let failure = written.failure {
        chartFailures.append(failure)
        FileHandle.standardError.write(Data("\(lesson): \(failure)\n".utf8))
      } else {
        pngs.enqueue(chart)
      }
    } catch {
      let failure = "could not write \(chart.name) into \(outputDirectory.path): \(error.localizedDescription)"
      chartFailures.append(failure)
      FileHandle.standardError.write(Data("\(lesson): \(failure)\n".utf8))
    }
    terminal.line()
    cells.append(
      .chart(
        name: chart.name, title: chart.title, png: nil,
        caption: "*\(caption)* Re-render with `gnuplot \(chart.name).gp` "
          + "(data: [\(chart.name).dat](\(chart.name).dat)).\n"))
  }

  /// Measured-vs-predicted rows: shown as a table, recorded in metrics.json. Each row names its
  /// source, a section of the theory reference ("theory §1"), linked in the notebook.
  public func check(_ rows: [TheoryCheck]) {
    checks.append(contentsOf: rows)
    let table = Table(
      headers: ["check", "measured", "predicted", "tolerance", "result", "source"],
      rows: rows.map {
        [
          $0.name, Format.number($0.measured), Format.number($0.predicted), $0.toleranceText,
          $0.passed ? "pass" : "FAIL", $0.source,
        ]
      })
    terminal.line("Measured vs predicted:")
    for line in table.text.split(separator: "\n") {
      let text = String(line)
      terminal.line(text.contains(" FAIL ") ? terminal.colored(text, good: false) : text)
    }
    terminal.line()
    cells.append(markdown: "**Measured vs predicted:**\n\n" + table.markdown + "\n")
  }

  /// Catalogued claims with the verdicts of this run's rules: each shows its source, the original
  /// sentence, the translation, the verdict with its evidence, the rule and the measurements it
  /// read; all are recorded in metrics.json (`claims`).
  public func claims(_ claims: [Claim]) {
    claimRecords.append(contentsOf: claims)
    for claim in claims {
      let entry = claim.entry
      let basis =
        claim.basis == .measurement
        ? "Rule: \(claim.rule). Measured: \(claim.measurementsText)."
        : "Basis: the document's code."
      terminal.line("  “\(entry.quote)” (\(entry.source.label))")
      terminal.line("  = “\(entry.translation)”")
      terminal.line(
        Terminal.wrap("  Verdict: \(terminal.bold(claim.verdict.rawValue)). \(terminal.text(claim.evidence))"))
      terminal.line(Terminal.wrap("  \(terminal.text(basis))"))
      terminal.line()
      cells.append(
        markdown:
          """
          > \(entry.quote) — *\(entry.source.markdown)*\n>\n> “\(entry.translation)”\n\n**Verdict: \
          \(claim.verdict.rawValue).** \(claim.evidence)\n\n<sub>\(basis) Claim \
          `\(claim.id.rawValue)`.</sub>\n
          """
      )
    }
  }

  /// The exercises, with the command that checks an answer.
  public func exercises(_ exercises: [Exercise]) {
    let variant = settings.exerciseArguments
    for (index, exercise) in exercises.enumerated() {
      let number = index + 1
      let how = "swift run -c release \(lesson)\(variant) --exercise \(number) --answer <\(exercise.answerFormat)>"
      terminal.line(Terminal.wrap("  \(number). \(terminal.text(exercise.question))"))
      terminal.line("     check: \(how)")
      cells.append(markdown: "\(number). \(exercise.question)\n\n   Check your answer: `\(how)`\n")
    }
    terminal.line()
  }

  /// The step that judges the documents' claims (id `.claims`), the same in every lesson: where
  /// the sentences come from, then `claims()` of what `judge` returns. `source` adds to where they
  /// are quoted from, `basis` to what judges them (lesson 7: reading the code).
  public func claimsStep(
    _ title: String = "The documents' claims, measured", source: String = "", basis: String = "",
    judge: () -> [Claim]
  ) {
    step(.claims, title) {
      prose(
        """
        Each claim below is quoted from one of the five documents \
        ([docs/documents.md](../../docs/documents.md))\(source) and judged by this lesson's own \
        numbers\(basis).
        """
      )
      claims(judge())
    }
  }

  /// The last step of every lesson (id `.exercises`): each exercise with the command that checks
  /// an answer against `checkedAgainst`.
  public func exercisesStep(
    checkedAgainst: String = "a real run or the theory", codeExercises: [CodeExerciseReference] = [],
    variations: [ExerciseVariation] = [], _ exercises: () -> [Exercise]
  ) {
    step(.exercises, "Exercises") {
      let variant = settings.exerciseArguments
      if settings.exam {
        prose(
          """
          Answer with a number; the lesson checks it against \(checkedAgainst) and says whether it is \
          correct. This assignment is an exam: the checks name a common mistake but never the right \
          value, and there are no worked solutions (see ASSIGNMENT.md).
          """
        )
      } else {
        prose(
          """
          Answer with a number; the lesson checks it against \(checkedAgainst) and says why. Stuck? \
          `swift run -c release \(lesson)\(variant) --exercise N --solution` prints a worked solution.
          """
        )
      }
      if settings.variant != .original {
        prose("These are variant \(settings.variant)'s numbers; the checks and solutions above use the same variant.")
        if let note = ExerciseVariation.sharedNote(variations) { prose(note + ".") }
      }
      self.exercises(exercises())
      if !codeExercises.isEmpty {
        prose(
          "Code exercises of this lesson: write the function in `exercises/Student/`, then check it with `swift run -c release gradientlab exercises NAME`."
        )
        table(
          Table(
            headers: ["exercise", "file", "what to write", "step"],
            rows: codeExercises.map { [$0.name, $0.file, $0.title, "\($0.step)"] }))
      }
    }
  }

  /// The footer's advice on comparing: the reference (`plots/`, full mode) with a run of the
  /// reader's, or this run with the reference; a quick run with a quick run of the defaults.
  package static func compareAdvice(lesson: String, plotsDir: String, quick: Bool) -> String {
    let isReference =
      URL(fileURLWithPath: plotsDir).standardizedFileURL.path == URL(fileURLWithPath: "plots").standardizedFileURL.path
    let compare = "swift run -c release gradientlab compare"
    if isReference && !quick {
      return "To draw a run of yours together with this one: `\(compare) plots/\(lesson) <your plots-dir>/\(lesson)`."
    }
    if quick {
      return
        """
        To draw this quick run together with a quick run of the defaults: `swift run -c release \
        \(lesson) --quick --plots-dir quick-reference`, then `\(compare) quick-reference/\(lesson) \
        \(plotsDir)/\(lesson)`.
        """
    }
    return "To draw this run together with the reference: `\(compare) plots/\(lesson) \(plotsDir)/\(lesson)`."
  }

  /// Records a run's summary numbers for metrics.json (non-finite values become null + note).
  public func recordRun(_ name: String, _ values: [(String, Double?)], extra: [(String, JSONValue)] = []) {
    guard case .object(let pairs) = JSONValue.record(values) else { return }
    runs.append((name, .object(pairs + extra)))
  }

  // MARK: - Finish

  /// Writes `README.md` and `metrics.json`, publishes the run's folder whole as
  /// `<plots-dir>/<lesson>/`, prints a summary, and returns the exit status: 0 when every check
  /// passed and every chart rendered, 1 otherwise. (A completed run is published even when a
  /// check failed: the notebook shows what failed.)
  @discardableResult
  public func finish() throws -> Int32 {
    let failed = checks.filter { !$0.passed }
    let metrics = JSONValue.object([
      ("lesson", .string(lesson)),
      ("mode", .string(settings.quick ? "quick" : "full")),
      ("seed", .integer(Int(truncatingIfNeeded: settings.seed))),
      ("parameters", .object(parameters)),
      ("versions", settings.versionRecord),
      (
        "checks",
        .array(
          checks.map { check in
            var pairs: [(String, JSONValue)] = [
              ("name", .string(check.name)), ("measured", .finite(check.measured)),
            ]
            if !check.measured.isFinite {
              pairs.append(("measured_note", .string(Format.number(check.measured))))
            }
            pairs += [
              ("predicted", .finite(check.predicted)), ("tolerance", .number(check.tolerance.value)),
              ("tolerance_kind", .string(check.tolerance.kind)),
              ("source", .string(check.source)), ("passed", .bool(check.passed)),
            ]
            return .object(pairs)
          })
      ),
      ("claims", .array(claimRecords.map(claimRecord))),
      ("runs", .object(runs)),
    ])
    try OutputFile.write(metrics.serialized() + "\n", to: workingDirectory.appendingPathComponent("metrics.json"))
    for failure in pngs.finish() {
      chartFailures.append(failure)
      FileHandle.standardError.write(Data("\(lesson): \(failure)\n".utf8))
    }
    let peakMemory = Self.peakMemoryMegabytes()  // by then every experiment has run
    cells.append(
      markdown: "---\n\n\(checks.count - failed.count) of \(checks.count) checks passed. "
        + "Peak memory: \(peakMemory) MB. "
        + "Numbers: [metrics.json](metrics.json). "
        + Self.compareAdvice(lesson: lesson, plotsDir: settings.plotsDir, quick: settings.quick) + "\n")
    let document = cells.map { cell in
      switch cell {
      case .markdown(let text): text
      case .chart(let name, let title, _, let caption): "![\(title)](\(name).png)\n\n" + caption
      }
    }
    try OutputFile.write(
      TheoryLinks.linked(document.joined(separator: "\n")), to: workingDirectory.appendingPathComponent("README.md"))
    let jupyter = JupyterNotebook(
      cells: cells.map { cell in
        switch cell {
        case .markdown(let text): .markdown(TheoryLinks.linked(text))
        case .chart(let name, let title, _, let caption):
          .chart(
            name: name, title: title,
            png: try? Data(contentsOf: workingDirectory.appendingPathComponent("\(name).png")),
            caption: TheoryLinks.linked(caption))
        }
      },
      metadata: .object([
        ("lesson", .string(lesson)), ("title", .string(title)), ("mode", .string(settings.quick ? "quick" : "full")),
        ("seed", .integer(Int(truncatingIfNeeded: settings.seed))), ("parameters", .object(parameters)),
        ("versions", settings.versionRecord),
      ]))
    try OutputFile.write(jupyter.serialized(), to: workingDirectory.appendingPathComponent("\(lesson).ipynb"))
    try folder.publish()

    let summary =
      """
      \(checks.count - failed.count)/\(checks.count) checks passed · \(chartCount) charts · peak \
      memory \(peakMemory) MB · notebook: \(outputDirectory.path)/README.md · metrics: \
      \(outputDirectory.path)/metrics.json
      """
    terminal.line(terminal.colored(summary, good: failed.isEmpty && chartFailures.isEmpty))
    for check in failed {
      FileHandle.standardError.write(
        Data(
          """
          \(lesson): check failed: \(check.name): measured \(Format.number(check.measured)), predicted \
          \(Format.number(check.predicted)) \(check.toleranceText)\n
          """
          .utf8))
    }
    if !chartFailures.isEmpty {
      FileHandle.standardError.write(
        Data("\(lesson): \(chartFailures.count) chart(s) could not be drawn; see above\n".utf8))
    }
    return failed.isEmpty && chartFailures.isEmpty ? 0 : 1
  }

  /// Abandons the run: removes its staging folder and keeps the previous outputs.
  public func discard() {
    pngs.abandon()
    folder.discard()
  }

  /// A claim as metrics.json records it.
  private func claimRecord(_ claim: Claim) -> JSONValue {
    .object([
      ("id", .string(claim.id.rawValue)), ("document", .string(claim.entry.source.key)),
      ("verdict", .string(claim.verdict.rawValue)), ("rule", .string(claim.rule)),
      ("basis", .string(claim.basis.rawValue)),
      ("measurements", .object(claim.measurements.map { ($0.name, JSONValue.finite($0.value)) })),
      ("step", .integer(number(of: claim.step))), ("step_id", .string(claim.step.rawValue)),
      ("evidence", .string(claim.evidence)),
    ])
  }

  /// The process's peak resident memory so far, in MB (getrusage's `ru_maxrss`, which Linux
  /// gives in kilobytes).
  static func peakMemoryMegabytes() -> Int {
    var usage = rusage()
    guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
    return (Int(usage.ru_maxrss) + 512) / 1024
  }

  /// A parameter value as plain text: "0.01", "relu", "2,5,10".
  public static func plain(_ value: JSONValue) -> String {
    switch value {
    case .string(let text): text
    case .number(let number): Format.number(number)
    default: value.serialized()
    }
  }
}
