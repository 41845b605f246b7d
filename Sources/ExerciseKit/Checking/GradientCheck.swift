/// One gradient an answer returned, beside its central-difference value and the mistakes it may
/// match: the unit of a backward-pass exercise's check.
struct GradientCheck {
  /// Its name in messages ("∂L/∂x").
  var name: String
  /// What the student's code returned.
  var answer: [Double]
  /// The finite-difference value (`NumericalGradient`).
  var numerical: [Double]
  /// The formula it should follow, said after the report when no mistake matches ("g·Wᵀ"); empty
  /// for none.
  var rule: String = ""
  /// The values of the usual mistakes with their hints, computed only when the check fails.
  var mistakes: () -> [(value: [Double], hint: String)] = { [] }
}

extension GradientCheck {
  /// A check whose usual mistakes are the two slips of any backward pass: the gradient with the
  /// wrong sign, and the gradient divided by the batch size (`notAveraged` says why it is not).
  static func signAndBatchSlips(
    name: String, answer: [Double], numerical: [Double], rule: String, batch: Int, notAveraged: String
  ) -> GradientCheck {
    GradientCheck(
      name: name, answer: answer, numerical: numerical, rule: rule,
      mistakes: {
        [
          (numerical.map { -$0 }, "\(name) has the wrong sign: \(name) = +\(rule)"),
          (numerical.map { $0 / Double(batch) }, "\(name) is divided by the batch size: \(notAveraged)"),
        ]
      })
  }
}

extension Expect {
  /// Compares every answered gradient with its finite-difference value (CS231n's relative error,
  /// below `gradientThreshold`) and returns the report "relative errors against finite differences:
  /// ∂L/∂x 2.1e-11, … (threshold 1.0e-07)"; for the first gradient over the threshold, throws the
  /// hint of the mistake it matches, else "∂L/∂x is wrong: REPORT[. It is RULE]".
  static func gradients(_ checks: [GradientCheck]) throws -> String {
    let errors = checks.map { RelativeError.of($0.answer, $0.numerical) }
    let measured = zip(checks, errors).map { "\($0.name) \(RelativeError.text($1))" }
    let report =
      "relative errors against finite differences: \(measured.joined(separator: ", ")) (threshold \(RelativeError.text(gradientThreshold)))"
    for (check, error) in zip(checks, errors) where error > gradientThreshold {
      let rule = check.rule.isEmpty ? "" : ". It is \(check.rule)"
      throw diagnose(check.answer, check.mistakes(), otherwise: "\(check.name) is wrong: \(report)\(rule)")
    }
    return report
  }
}
