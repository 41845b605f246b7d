import Theory

extension TheoryCheck {
  /// The tolerance as text: "±5%", "±1" or "×÷1.6" (within a factor 1.6 either way).
  public var toleranceText: String {
    switch tolerance {
    case .relative(let t): "±\(Format.number(t * 100))%"
    case .absolute(let t): "±\(Format.number(t))"
    case .factor(let t): "×÷\(Format.number(t))"
    case .atLeast: "floor"
    case .atMost: "ceiling"
    }
  }
}
