import ExerciseKit

/// Every function of this folder, for the checker (`gradientlab exercises`). Leave this file as
/// it is: exercises/Solutions/AllExercises.swift is a link to it, so both folders list the same.
public let implementations = Implementations(
  heStandardDeviation: heStandardDeviation(fanIn:), xavierStandardDeviation: xavierStandardDeviation(fanIn:fanOut:),
  denseBackward: denseBackward(input:weight:upstream:), batchNormForward: batchNormForward(_:gamma:beta:epsilon:),
  batchNormBackward: batchNormBackward(_:gamma:epsilon:upstream:), clipByGlobalNorm: clipByGlobalNorm(_:maxNorm:),
  clipByValue: clipByValue(_:limit:), residualBlockBackward: residualBlockBackward(input:weight:upstream:),
  recurrentStepBackward: rnnStepBackward(previousHidden:input:recurrentWeight:inputWeight:upstream:),
  tanhChi1: tanhChi1(weightVariance:biasVariance:), largestStableStepSize: largestStableStepSize(hessian:),
  lossScaleUpdate: updateLossScale(_:foundNonFinite:growthFactor:backoffFactor:growthInterval:))
