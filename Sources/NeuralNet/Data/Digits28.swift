/// The digits at the documents' input shape, 28×28×1 like MNIST: each 8×8 image is upsampled ×3
/// by bilinear interpolation to 24×24 and centred in a 28×28 frame with a 2-pixel zero border
/// (MNIST likewise centres a size-normalised digit in a blank 28×28 box). Pixels stay in [0, 1].
/// This is upsampling plus padding, not new detail: the information is that of the 8×8 original.
public enum Digits28 {
  /// The image shape, 28×28×1.
  public static let shape = ImageShape(height: 28, width: 28, channels: 1)
  /// The upsampling factor from 8×8.
  public static let factor = 3
  /// The zero border around the upsampled 24×24 image.
  public static let border = 2

  /// One 8×8 image (64 values, row-major) at 28×28. Bilinear interpolation with half-pixel centres
  /// (output pixel j samples the source at (j + ½)/3 − ½, clamped at the edges), as
  /// `tf.image.resize(..., "bilinear")` and OpenCV do.
  public static func upsample(_ pixels: some Collection<Float>) -> [Float] {
    let source = Array(pixels)
    precondition(source.count == 64, "an 8×8 image has 64 pixels, got \(source.count)")
    let side = 8 * factor
    var out = [Float](repeating: 0, count: shape.count)
    func coordinate(_ j: Int) -> (Int, Int, Float) {
      let x = Swift.min(Swift.max((Float(j) + 0.5) / Float(factor) - 0.5, 0), 7)
      let low = Int(x)
      let high = Swift.min(low + 1, 7)
      return (low, high, x - Float(low))
    }
    for oy in 0..<side {
      let (y0, y1, fy) = coordinate(oy)
      for ox in 0..<side {
        let (x0, x1, fx) = coordinate(ox)
        let top = source[y0 * 8 + x0] * (1 - fx) + source[y0 * 8 + x1] * fx
        let bottom = source[y1 * 8 + x0] * (1 - fx) + source[y1 * 8 + x1] * fx
        out[(oy + border) * shape.width + ox + border] = top * (1 - fy) + bottom * fy
      }
    }
    return out
  }

  /// A data set of 8×8 digits at 28×28×1 (same labels, same order).
  public static func upsampled(_ data: Dataset) -> Dataset {
    precondition(data.features == 64, "expects 8×8 digits, got \(data.features) features")
    var scalars: [Float] = []
    scalars.reserveCapacity(data.count * shape.count)
    for row in 0..<data.count {
      scalars += upsample(data.inputs.scalars[(row * 64)..<(row * 64 + 64)])
    }
    return Dataset(
      inputs: Tensor(shape: [data.count, shape.count], scalars: scalars), targets: data.targets, classes: data.classes)
  }

  /// `Digits.trainTestSplit(seed:)` at 28×28×1: the same split, upsampled.
  public static func trainTestSplit(seed: UInt64) throws -> (train: Dataset, test: Dataset) {
    let (train, test) = try Digits.trainTestSplit(seed: seed)
    return (upsampled(train), upsampled(test))
  }
}
