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

/// The student's functions.
let student = Implementations(
  heStandardDeviation: { try StudentExercises.heStandardDeviation(fanIn: $0) },
  xavierStandardDeviation: { try StudentExercises.xavierStandardDeviation(fanIn: $0, fanOut: $1) },
  denseBackward: { try StudentExercises.denseBackward(input: $0, weight: $1, upstream: $2) },
  batchNormForward: { try StudentExercises.batchNormForward($0, gamma: $1, beta: $2, epsilon: $3) },
  batchNormBackward: { try StudentExercises.batchNormBackward($0, gamma: $1, epsilon: $2, upstream: $3) },
  clipByGlobalNorm: { try StudentExercises.clipByGlobalNorm($0, maxNorm: $1) },
  clipByValue: { try StudentExercises.clipByValue($0, limit: $1) },
  residualBlockBackward: { try StudentExercises.residualBlockBackward(input: $0, weight: $1, upstream: $2) },
  recurrentStepBackward: {
    try StudentExercises.rnnStepBackward(
      previousHidden: $0, input: $1, recurrentWeight: $2, inputWeight: $3, upstream: $4)
  },
  tanhChi1: { try StudentExercises.tanhChi1(weightVariance: $0, biasVariance: $1) },
  largestStableStepSize: { try StudentExercises.largestStableStepSize(hessian: $0) })

var arguments = Array(CommandLine.arguments.dropFirst())
let solutions = arguments.contains("--solutions")
let listOnly = arguments.contains("--list")
arguments.removeAll { $0 == "--solutions" || $0 == "--list" }

let implementations: Implementations
if solutions {
  #if HAS_SOLUTIONS
    implementations = SolutionTable.implementations
  #else
    FileHandle.standardError.write(
      Data("check-exercises: error: there is no exercises/Solutions folder to check\n".utf8))
    exit(64)
  #endif
} else {
  implementations = student
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
