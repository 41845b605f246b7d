/// The functions of the code exercises, as one value: the student's (module `StudentExercises`)
/// or the solutions (module `ExerciseSolutions`), so that one checker judges either.
public struct Implementations: Sendable {
  public var heStandardDeviation: @Sendable (_ fanIn: Int) throws -> Double
  public var xavierStandardDeviation: @Sendable (_ fanIn: Int, _ fanOut: Int) throws -> Double
  public var denseBackward: @Sendable (_ input: Matrix, _ weight: Matrix, _ upstream: Matrix) throws -> DenseGradients
  public var batchNormForward:
    @Sendable (_ x: Matrix, _ gamma: [Double], _ beta: [Double], _ epsilon: Double) throws -> Matrix
  public var batchNormBackward:
    @Sendable (_ x: Matrix, _ gamma: [Double], _ epsilon: Double, _ upstream: Matrix) throws -> BatchNormGradients
  public var clipByGlobalNorm: @Sendable (_ gradients: [[Double]], _ maxNorm: Double) throws -> [[Double]]
  public var clipByValue: @Sendable (_ gradients: [[Double]], _ limit: Double) throws -> [[Double]]
  public var residualBlockBackward:
    @Sendable (_ input: Matrix, _ weight: Matrix, _ upstream: Matrix) throws -> ResidualGradients
  public var recurrentStepBackward:
    @Sendable (
      _ previousHidden: Matrix, _ input: Matrix, _ recurrentWeight: Matrix, _ inputWeight: Matrix, _ upstream: Matrix
    ) throws -> RecurrentStepGradients
  public var tanhChi1: @Sendable (_ weightVariance: Double, _ biasVariance: Double) throws -> Double
  public var largestStableStepSize: @Sendable (_ hessian: Matrix) throws -> Double
  public var lossScaleUpdate:
    @Sendable (
      _ state: LossScaleState, _ foundNonFinite: Bool, _ growthFactor: Double, _ backoffFactor: Double,
      _ growthInterval: Int
    ) throws -> (state: LossScaleState, skipStep: Bool)

  /// Every function given.
  public init(
    heStandardDeviation: @escaping @Sendable (Int) throws -> Double,
    xavierStandardDeviation: @escaping @Sendable (Int, Int) throws -> Double,
    denseBackward: @escaping @Sendable (Matrix, Matrix, Matrix) throws -> DenseGradients,
    batchNormForward: @escaping @Sendable (Matrix, [Double], [Double], Double) throws -> Matrix,
    batchNormBackward: @escaping @Sendable (Matrix, [Double], Double, Matrix) throws -> BatchNormGradients,
    clipByGlobalNorm: @escaping @Sendable ([[Double]], Double) throws -> [[Double]],
    clipByValue: @escaping @Sendable ([[Double]], Double) throws -> [[Double]],
    residualBlockBackward: @escaping @Sendable (Matrix, Matrix, Matrix) throws -> ResidualGradients,
    recurrentStepBackward:
      @escaping @Sendable (Matrix, Matrix, Matrix, Matrix, Matrix) throws -> RecurrentStepGradients,
    tanhChi1: @escaping @Sendable (Double, Double) throws -> Double,
    largestStableStepSize: @escaping @Sendable (Matrix) throws -> Double,
    lossScaleUpdate:
      @escaping @Sendable (LossScaleState, Bool, Double, Double, Int) throws -> (state: LossScaleState, skipStep: Bool)
  ) {
    self.heStandardDeviation = heStandardDeviation
    self.xavierStandardDeviation = xavierStandardDeviation
    self.denseBackward = denseBackward
    self.batchNormForward = batchNormForward
    self.batchNormBackward = batchNormBackward
    self.clipByGlobalNorm = clipByGlobalNorm
    self.clipByValue = clipByValue
    self.residualBlockBackward = residualBlockBackward
    self.recurrentStepBackward = recurrentStepBackward
    self.tanhChi1 = tanhChi1
    self.largestStableStepSize = largestStableStepSize
    self.lossScaleUpdate = lossScaleUpdate
  }

  /// Every function a stub that throws `NotImplemented`: the starting point for a test that
  /// replaces one of them.
  public static let notImplemented = Implementations(
    heStandardDeviation: { _ in throw NotImplemented() }, xavierStandardDeviation: { _, _ in throw NotImplemented() },
    denseBackward: { _, _, _ in throw NotImplemented() }, batchNormForward: { _, _, _, _ in throw NotImplemented() },
    batchNormBackward: { _, _, _, _ in throw NotImplemented() }, clipByGlobalNorm: { _, _ in throw NotImplemented() },
    clipByValue: { _, _ in throw NotImplemented() }, residualBlockBackward: { _, _, _ in throw NotImplemented() },
    recurrentStepBackward: { _, _, _, _, _ in throw NotImplemented() }, tanhChi1: { _, _ in throw NotImplemented() },
    largestStableStepSize: { _ in throw NotImplemented() }, lossScaleUpdate: { _, _, _, _, _ in throw NotImplemented() }
  )
}
