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
