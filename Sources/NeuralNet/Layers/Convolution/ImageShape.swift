/// The shape of one image in a batch. Images are stored channel-last (NHWC) and flattened: a batch
/// is a `[batch, height·width·channels]` tensor whose row holds pixel (y, x), channel c at
/// `(y·width + x)·channels + c`. With this layout a convolution's im2col output times Wᵀ is already
/// the next NHWC batch, and flattening before a dense layer is the identity.
public struct ImageShape: Sendable, Equatable, CustomStringConvertible {
  /// Rows of pixels.
  public var height: Int
  /// Columns of pixels.
  public var width: Int
  /// Channels per pixel.
  public var channels: Int

  /// A shape; every size must be positive.
  public init(height: Int, width: Int, channels: Int) {
    precondition(height > 0 && width > 0 && channels > 0, "image sizes must be positive")
    self.height = height
    self.width = width
    self.channels = channels
  }

  /// Pixels per channel, height·width.
  public var pixels: Int { height * width }
  /// Scalars per image, height·width·channels.
  public var count: Int { height * width * channels }

  public var description: String { "\(height)×\(width)×\(channels)" }

  /// The number of images in `batch`, a `[batch, count]` tensor of this shape; stops with "LAYER
  /// expects H×W×C images (N values), got M" when its rows are not images of this shape.
  func images(in batch: Tensor, layer: String) -> Int {
    precondition(batch.columns == count, "\(layer) expects \(self) images (\(count) values), got \(batch.columns)")
    return batch.rows
  }
}
