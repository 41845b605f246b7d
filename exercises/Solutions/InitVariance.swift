import ExerciseKit
import Foundation

/// Lesson 2 (initialization), step "He et al. 2015: a 30-layer ReLU net, Xavier vs He". Check with
/// `swift run -c release gradientlab exercises init-variance`.
///
/// He et al. (2015): weights N(0, σ²) with σ² = 2/n_in keep the variance of the pre-activations
/// and of the back-propagated gradient constant through ReLU layers, because ReLU sets half of
/// the units to zero and so halves their second moment.
///
/// Return the STANDARD DEVIATION σ (not the variance) for a layer with `fanIn` inputs.
public func heStandardDeviation(fanIn: Int) throws -> Double {
  (2 / Double(fanIn)).squareRoot()
}

/// Glorot & Bengio (2010): σ² = 2/(n_in + n_out), the compromise between keeping the forward
/// variance (which wants 1/n_in) and the backward variance (which wants 1/n_out) for an
/// activation with slope 1 at 0 (tanh's linear regime).
///
/// Return the standard deviation σ for a layer with `fanIn` inputs and `fanOut` outputs.
public func xavierStandardDeviation(fanIn: Int, fanOut: Int) throws -> Double {
  (2 / Double(fanIn + fanOut)).squareRoot()
}
