import NeuralNet

extension CodeExercises {
  /// GradScaler's settings in one check of `updateLossScale`.
  typealias LossScaleRule = (growthFactor: Double, backoffFactor: Double, growthInterval: Int)

  /// Checks GradScaler's update against the engine's `LossScaler` (the reference implementation
  /// of PyTorch's rule) on sequences of overflowing and finite steps, step by step.
  ///
  /// On an overflow: skip, S·backoff, count 0. Otherwise: take the step, count + 1, and at the
  /// growth interval S·growth and count 0.
  static func checkLossScaleUpdate(_ impl: Implementations) throws -> String {
    var rng = SeededGenerator(seed: 41)
    let rules: [LossScaleRule] = [(2, 0.5, 2000), (2, 0.5, 3), (4, 0.25, 1), (1.5, 0.7, 10)]
    var checked = 0
    for (r, rule) in rules.enumerated() {
      // Long runs of good steps (to reach the interval) between bursts of overflows.
      let long = rule.growthInterval >= 1000
      let sequence = (0..<(long ? 6000 : 300)).map { _ in Double.random(in: 0..<1, using: &rng) < (long ? 0.0003 : 0.2)
      }
      var reference = LossScaler(
        scale: 65536, growthFactor: rule.growthFactor, backoffFactor: rule.backoffFactor,
        growthInterval: rule.growthInterval)
      var state = LossScaleState(scale: 65536, goodSteps: 0)
      for (step, overflow) in sequence.enumerated() {
        let before = state
        let update = try Attempt.call("updateLossScale") {
          try impl.lossScaleUpdate(state, overflow, rule.growthFactor, rule.backoffFactor, rule.growthInterval)
        }
        let skip = reference.update(foundNonFinite: overflow) == .skip
        let expected = LossScaleState(scale: reference.scale, goodSteps: reference.goodSteps)
        guard update.state == expected && update.skipStep == skip else {
          let context =
            """
            rule \(r + 1) (growth ×\(rule.growthFactor) every \(rule.growthInterval), back-off \
            ×\(rule.backoffFactor)), step \(step)
            """
          throw diagnoseLossScale(
            before: before, overflow: overflow, rule: rule, got: update, expected: (expected, skip), context: context)
        }
        state = update.state
        checked += 1
      }
    }
    return "the same scale, count and skip as GradScaler's rule on \(checked) steps of \(rules.count) rules"
  }

  /// Names a known mistake of one update, or says what was expected.
  static func diagnoseLossScale(
    before: LossScaleState, overflow: Bool, rule: LossScaleRule, got: (state: LossScaleState, skipStep: Bool),
    expected: (state: LossScaleState, skipStep: Bool), context: String
  ) -> Mistake {
    if overflow && !got.skipStep {
      return Mistake("\(context): the gradient overflowed, so the step must be skipped (skipStep = true)")
    }
    if !overflow && got.skipStep { return Mistake("\(context): a finite gradient's step is taken (skipStep = false)") }
    if overflow && got.state.scale == before.scale / rule.backoffFactor {
      return Mistake("\(context): back off by multiplying S by backoffFactor, not dividing")
    }
    if overflow && got.state.scale == expected.state.scale && got.state.goodSteps != 0 {
      return Mistake("\(context): an overflow starts the count of good steps again from 0")
    }
    if !overflow && before.goodSteps + 1 == rule.growthInterval && got.state.scale == before.scale {
      return Mistake(
        "\(context): the \(rule.growthInterval)th good step in a row grows S (count == growthInterval, not >)")
    }
    if !overflow && got.state.scale == expected.state.scale && got.state.goodSteps == before.goodSteps + 1 {
      return Mistake("\(context): after growing S the count of good steps starts again from 0")
    }
    return Mistake(
      """
      \(context): from \(before) and \(overflow ? "an overflow" : "a finite gradient"), expected \
      \(expected.state) and skipStep = \(expected.skipStep), got \(got.state) and skipStep = \(got.skipStep)
      """)
  }
}
