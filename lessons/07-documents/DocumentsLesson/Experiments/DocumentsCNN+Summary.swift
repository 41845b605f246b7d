import NeuralNet

extension DocumentsCNN {
  /// One row of the model summary Keras' `model.summary()` prints: a layer, the numbers it
  /// outputs per image, and its trainable parameters.
  package struct SummaryRow: Sendable, Equatable {
    /// The layer, as the engine names it ("convolution 1", "dense 2").
    package var layer: String
    /// Values per image after this layer (26·26·32 = 21632 after the convolution).
    package var outputsPerImage: Int
    /// Trainable scalars of the layer (weights and biases).
    package var parameters: Int
  }

  /// The summary of `model` as measured: one image is pushed through layer by layer and each
  /// output counted; activation layers, which keep the shape and hold no parameters, are left out
  /// as Keras folds them into the layer before.
  package static func summary(of model: Sequential, image: Tensor) -> [SummaryRow] {
    var x = image
    var rows: [SummaryRow] = []
    for (layer, name) in zip(model.layers, model.layerNames) {
      x = layer.forward(x)
      if layer is ActivationLayer { continue }
      rows.append(
        SummaryRow(
          layer: name, outputsPerImage: x.columns, parameters: layer.parameters.reduce(0) { $0 + $1.value.count }))
    }
    return rows
  }

  /// The same rows by arithmetic, for the documents' model (what Keras prints for it):
  /// Conv2D(32, 3×3) on 28×28×1, "valid" padding: output (28 − 3 + 1)²·32, parameters
  /// 3·3·1·32 + 32; GlobalAveragePooling2D: 32 outputs, none; Dense(64): 32·64 + 64;
  /// Dense(10): 64·10 + 10.
  package static func expectedSummary() -> [(name: String, outputsPerImage: Int, parameters: Int)] {
    let (side, kernel, channels, filters) = (input.height, 3, input.channels, 32)
    let convSide = side - kernel + 1
    return [
      ("Conv2D(32, 3×3)", convSide * convSide * filters, kernel * kernel * channels * filters + filters),
      ("GlobalAveragePooling2D", filters, 0),
      ("Dense(64)", 64, filters * 64 + 64),
      ("Dense(10)", 10, 64 * 10 + 10),
    ]
  }
}
