import Theory

extension TheoryCheck {
  /// The tolerance as text: "±5%" or "±1".
  public var toleranceText: String {
    switch tolerance {
    case .relative(let t): "±\(Format.number(t * 100))%"
    case .absolute(let t): "±\(Format.number(t))"
    case .atLeast: "floor"
    case .atMost: "ceiling"
    }
  }
}
