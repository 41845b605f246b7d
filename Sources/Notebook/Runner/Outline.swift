/// A lesson's steps in the order they run, by stable id. The runner numbers each step by its place
/// here, so prose, exercises, claims and the ledger refer to a step by id (`reference(.training)`
/// gives "step 4") and stay right when a step is added or moved.
public struct Outline: Sendable, Equatable, ExpressibleByArrayLiteral {
  /// The step ids, in order.
  public let steps: [StepID]

  /// An outline of `steps`, each id once.
  public init(_ steps: [StepID]) {
    precondition(Set(steps).count == steps.count, "a step id appears twice in the outline \(steps)")
    self.steps = steps
  }

  public init(arrayLiteral elements: StepID...) { self.init(elements) }

  /// The number of step `id`: its place in the outline, from 1.
  public func number(of id: StepID) -> Int {
    guard let index = steps.firstIndex(of: id) else {
      preconditionFailure("step '\(id)' is not in the outline \(steps)")
    }
    return index + 1
  }

  /// "step 4": a reference to step `id` for prose.
  public func reference(_ id: StepID) -> String { "step \(number(of: id))" }

  /// "steps 3–5" or "steps 1, 2 and 7": a reference to several steps, in order.
  public func reference(_ ids: [StepID]) -> String {
    let numbers = ids.map(number(of:)).sorted()
    guard numbers.count > 1 else { return numbers.first.map { "step \($0)" } ?? "" }
    if numbers.last! - numbers.first! == numbers.count - 1 { return "steps \(numbers.first!)–\(numbers.last!)" }
    return "steps " + numbers.dropLast().map(String.init).joined(separator: ", ") + " and \(numbers.last!)"
  }
}
