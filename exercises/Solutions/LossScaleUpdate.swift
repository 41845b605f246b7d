import ExerciseKit
import Foundation

/// Lesson 8 (precision), step "Dynamic loss scaling: GradScaler's rule over a whole run". Check
/// with `swift run -c release gradientlab exercises loss-scale-update`.
///
/// Dynamic loss scaling, with the rule of PyTorch's GradScaler (Micikevicius et al. 2018, §3.2).
/// After each backward pass of the loss multiplied by S, the scaler is told whether any gradient
/// was ±∞ or NaN (`foundNonFinite`):
/// - if so, the step is skipped (the weights stay as they are), S is multiplied by
///   `backoffFactor` and the count of good steps starts again from 0;
/// - otherwise the step is taken and the count grows by one; when it reaches `growthInterval`,
///   S is multiplied by `growthFactor` and the count starts again from 0.
/// Return the new state and whether to skip the step.
public func updateLossScale(
  _ state: LossScaleState, foundNonFinite: Bool, growthFactor: Double, backoffFactor: Double, growthInterval: Int
) throws -> (state: LossScaleState, skipStep: Bool) {
  if foundNonFinite {
    return (LossScaleState(scale: state.scale * backoffFactor, goodSteps: 0), true)
  }
  let good = state.goodSteps + 1
  if good == growthInterval {
    return (LossScaleState(scale: state.scale * growthFactor, goodSteps: 0), false)
  }
  return (LossScaleState(scale: state.scale, goodSteps: good), false)
}
