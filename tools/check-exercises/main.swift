// check-exercises: judges the code exercises, the student's (exercises/Student, the default) or
// the solutions (exercises/Solutions, with --solutions). `gradientlab exercises` builds and runs
// it once per exercise, so that a crash in one exercise is reported and the others still run.
//
//   check-exercises [--solutions] NAME…   prints "NAME: correct|wrong|not done. reason" per
//   exercise; exit status 0 if all are correct, 1 if one is wrong, 2 if none is wrong but one
//   is not done, 64 for an unknown name.
import ExerciseKit
import Foundation
import StudentExercises

#if HAS_SOLUTIONS
  import ExerciseSolutions
#endif

var arguments = Array(CommandLine.arguments.dropFirst())
if arguments.contains(where: { $0 == "--help" || $0 == "-h" || $0 == "help" }) {
  print(
    """
    USAGE: check-exercises [--solutions] [--list] [NAME …]

    Checks the code exercises: yours in exercises/Student (the default) or the solutions in
    exercises/Solutions (--solutions). `gradientlab exercises` rebuilds this checker and runs it
    once per exercise; run that instead after editing an exercise.

    ARGUMENTS:
      NAME …        the exercises to check (default: all): \(CodeExercises.names)

    OPTIONS:
      --solutions   check exercises/Solutions instead of exercises/Student
      --list        print the chosen exercises' names, one per line, and check nothing
      -h, --help    show this help

    Exit status: 0 if every checked exercise is correct, 1 if one is wrong, 2 if none is wrong
    but one is not done, 64 for an unknown name or a missing exercises/Solutions.
    """)
  exit(0)
}
let unknownOptions = arguments.filter { $0.hasPrefix("-") && $0 != "--solutions" && $0 != "--list" }
if let option = unknownOptions.first {
  FileHandle.standardError.write(
    Data("check-exercises: error: unknown option '\(option)' (allowed: --solutions, --list, --help)\n".utf8))
  exit(64)
}
let solutions = arguments.contains("--solutions")
let listOnly = arguments.contains("--list")
arguments.removeAll { $0 == "--solutions" || $0 == "--list" }

let implementations: Implementations
if solutions {
  #if HAS_SOLUTIONS
    implementations = ExerciseSolutions.implementations
  #else
    FileHandle.standardError.write(
      Data("check-exercises: error: there is no exercises/Solutions folder to check\n".utf8))
    exit(64)
  #endif
} else {
  implementations = StudentExercises.implementations
}

let chosen: [CodeExercise]
do {
  chosen = try CodeExercises.select(arguments)
} catch {
  FileHandle.standardError.write(Data("check-exercises: error: \(error)\n".utf8))
  exit(64)
}
if listOnly {
  // `--list NAME…`: the names of the chosen exercises, one per line (for `gradientlab exercises`).
  for exercise in chosen { print(exercise.name) }
  exit(0)
}
var verdicts: [CodeExerciseVerdict] = []
for exercise in chosen {
  let verdict = exercise.check(implementations)
  verdicts.append(verdict)
  print(CodeExercises.line(exercise, verdict))
}
exit(CodeExercises.exitStatus(verdicts))
