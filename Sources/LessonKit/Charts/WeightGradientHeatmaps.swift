import Charts
import NeuralNet
import Notebook
import RealModule

/// Heatmaps of log10 ‖∂L/∂W_l‖ by hidden layer (rows) and training step (columns), one per run,
/// sharing one color scale so that runs compared side by side read alike. Non-finite or zero
/// norms are left blank.
public enum WeightGradientHeatmaps {
  /// One chart per run, named `chartNames[i]`, over the first `hiddenLayers` dense layers.
  public static func charts(
    _ runs: [(name: String, history: TrainingHistory)], chartNames: [String], hiddenLayers: Int
  ) -> [Chart] {
    precondition(chartNames.count == runs.count, "one chart name per run")
    let maps = runs.map { run in
      (0..<hiddenLayers).map { l in
        run.history.steps.map { step in
          let norm = step.denseLayers[l].weightGradientNorm ?? .nan
          return norm.isFinite && norm > 0 ? Double.log10(norm) : .nan
        }
      }
    }
    let cells = maps.joined().joined().filter(\.isFinite)
    let sharedRange = cells.isEmpty ? nil : cells.min()!...cells.max()!
    return zip(runs, zip(chartNames, maps)).map { run, named in
      Chart(
        name: named.0, title: "log10 ‖∂L/∂W_l‖ by layer and step: \(run.name)", xLabel: "SGD step",
        yLabel: "hidden layer l",
        heatmap: Heatmap(
          xValues: run.history.steps.map { Double($0.step) }, yValues: (1...hiddenLayers).map(Double.init),
          values: named.1, colorLabel: "log10 ‖∂L/∂W_l‖", colorRange: sharedRange))
    }
  }
}
