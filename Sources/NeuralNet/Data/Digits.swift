import Foundation

/// The UCI "Optical Recognition of Handwritten Digits" data: 1797 images of 8×8 pixels, values
/// 0…16, classes 0…9.
///
/// Credit: E. Alpaydin, C. Kaynak (1998), Bogazici University; UCI Machine Learning Repository,
/// https://archive.ics.uci.edu/dataset/80 (CC BY 4.0). The copy shipped here is the test part as
/// distributed with scikit-learn 1.9.1 (see `Resources/DIGITS.md`).
public enum Digits {
  /// Errors reading the bundled file.
  public enum LoadError: Error, CustomStringConvertible {
    case missingResource
    case malformedRow(line: Int, reason: String)

    public var description: String {
      switch self {
      case .missingResource: "the digits data (digits.csv) is missing from the NeuralNet resources"
      case .malformedRow(let line, let reason): "digits.csv line \(line): \(reason)"
      }
    }
  }

  /// Number of pixels per image.
  public static let pixels = 64
  /// Number of classes.
  public static let classes = 10

  /// All 1797 images with pixels scaled to [0, 1] (divided by 16).
  public static func load() throws -> Dataset {
    guard
      let url = Bundle.module.url(
        forResource: "digits", withExtension: "csv", subdirectory: "Resources")
    else { throw LoadError.missingResource }
    return try parse(String(contentsOf: url, encoding: .utf8))
  }

  /// Examples in the training part of `trainTestSplit` (1797 − 359).
  public static let trainingExamples = 1438

  /// The bundled digits split 80/20 into training and test sets by `seed`: every lesson that
  /// trains on digits uses this split, so the same seed gives the same sets everywhere.
  public static func trainTestSplit(seed: UInt64) throws -> (train: Dataset, test: Dataset) {
    var rng = SeededGenerator(seed: seed, stream: "digits split")
    return try load().split(testFraction: 0.2, using: &rng)
  }

  /// Parses rows of 64 integer pixels followed by a label.
  public static func parse(_ text: String) throws -> Dataset {
    var pixelValues: [Float] = []
    var labels: [Int] = []
    for (number, line) in text.split(whereSeparator: \.isNewline).enumerated() {
      let fields = line.split(separator: ",")
      guard fields.count == pixels + 1 else {
        throw LoadError.malformedRow(line: number + 1, reason: "\(fields.count) fields, expected 65")
      }
      for field in fields.prefix(pixels) {
        guard let value = Int(field), (0...16).contains(value) else {
          throw LoadError.malformedRow(line: number + 1, reason: "pixel '\(field)' is not 0…16")
        }
        pixelValues.append(Float(value) / 16)
      }
      guard let label = Int(fields[pixels]), (0..<classes).contains(label) else {
        throw LoadError.malformedRow(line: number + 1, reason: "label '\(fields[pixels])' is not 0…9")
      }
      labels.append(label)
    }
    return Dataset(
      inputs: Tensor(shape: [labels.count, pixels], scalars: pixelValues), targets: .labels(labels),
      classes: classes)
  }
}
