#if HAS_SOLUTIONS
  import ExerciseKit
  import ExerciseSolutions

  /// The solutions' functions (exercises/Solutions), under the same names as the student's.
  enum SolutionTable {
    static let implementations = Implementations(
      heStandardDeviation: { try ExerciseSolutions.heStandardDeviation(fanIn: $0) },
      xavierStandardDeviation: { try ExerciseSolutions.xavierStandardDeviation(fanIn: $0, fanOut: $1) },
      denseBackward: { try ExerciseSolutions.denseBackward(input: $0, weight: $1, upstream: $2) },
      batchNormForward: { try ExerciseSolutions.batchNormForward($0, gamma: $1, beta: $2, epsilon: $3) },
      batchNormBackward: { try ExerciseSolutions.batchNormBackward($0, gamma: $1, epsilon: $2, upstream: $3) },
      clipByGlobalNorm: { try ExerciseSolutions.clipByGlobalNorm($0, maxNorm: $1) },
      clipByValue: { try ExerciseSolutions.clipByValue($0, limit: $1) },
      residualBlockBackward: { try ExerciseSolutions.residualBlockBackward(input: $0, weight: $1, upstream: $2) },
      recurrentStepBackward: {
        try ExerciseSolutions.rnnStepBackward(
          previousHidden: $0, input: $1, recurrentWeight: $2, inputWeight: $3, upstream: $4)
      },
      tanhChi1: { try ExerciseSolutions.tanhChi1(weightVariance: $0, biasVariance: $1) },
      largestStableStepSize: { try ExerciseSolutions.largestStableStepSize(hessian: $0) })
  }
#endif
