import Foundation

/// Saves a model's parameters to a file and loads them back, refusing anything that does not match.
///
/// Format (little-endian), hand-written because no serialization library for raw Float32 tensors
/// is available here and the format must detect corruption:
///
///     "GLCKPT02" · step: UInt64 · validation loss: Float64 · parameter count: UInt32 ·
///     per parameter: name length UInt16, UTF-8 name, rank UInt8, dims UInt32…, Float32 values ·
///     state count: UInt32 · per state tensor: rank UInt8, dims UInt32…, Float32 values ·
///     FNV-1a 64 checksum of all preceding bytes: UInt64
///
/// The state is the model's non-trainable tensors (batch norm's running statistics), so that a
/// reloaded model evaluates exactly as the saved one.
///
/// Files are written atomically (a temporary file renamed into place), so a crash never leaves a
/// half-written checkpoint under the real name.
public enum Checkpoint {
  /// Why a checkpoint was refused.
  public enum LoadError: Error, Equatable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(String)
    /// The bytes are not a valid checkpoint (truncated, wrong magic, wrong checksum).
    case corrupt(String)
    /// A valid checkpoint of another model.
    case mismatch(String)

    public var description: String {
      switch self {
      case .unreadable(let reason): "cannot read the checkpoint: \(reason)"
      case .corrupt(let reason): "the checkpoint is corrupt: \(reason)"
      case .mismatch(let reason): "the checkpoint does not fit this model: \(reason)"
      }
    }
  }

  /// What is stored besides the parameters.
  public struct Metadata: Sendable, Equatable {
    /// The training step (or epoch) at which the weights were saved.
    public var step: Int
    /// The validation loss of those weights.
    public var validationLoss: Double

    /// Metadata for a checkpoint.
    public init(step: Int, validationLoss: Double) {
      self.step = step
      self.validationLoss = validationLoss
    }
  }

  static let magic = Array("GLCKPT02".utf8)

  /// The checkpoint's bytes for `parameters` and `state`.
  public static func encode(_ parameters: [Parameter], state: [Tensor] = [], metadata: Metadata) -> Data {
    var bytes: [UInt8] = magic
    append(UInt64(metadata.step), to: &bytes)
    append(metadata.validationLoss.bitPattern, to: &bytes)
    append(UInt32(parameters.count), to: &bytes)
    for p in parameters {
      let name = Array(p.name.utf8)
      append(UInt16(name.count), to: &bytes)
      bytes += name
      appendTensor(p.value, to: &bytes)
    }
    append(UInt32(state.count), to: &bytes)
    for t in state { appendTensor(t, to: &bytes) }
    append(fnv1a(bytes), to: &bytes)
    return Data(bytes)
  }

  /// Writes the checkpoint atomically.
  public static func save(_ parameters: [Parameter], state: [Tensor] = [], metadata: Metadata, to url: URL) throws {
    try encode(parameters, state: state, metadata: metadata).write(to: url, options: .atomic)
  }

  /// Writes a model's parameters and state atomically.
  public static func save(_ model: Sequential, metadata: Metadata, to url: URL) throws {
    try save(model.parameters, state: model.state, metadata: metadata, to: url)
  }

  /// Reads a checkpoint into a model: its parameters and its state (all or nothing).
  @discardableResult
  public static func load(into model: Sequential, from url: URL) throws(LoadError) -> Metadata {
    var state = model.state
    let metadata = try decode(try read(url), into: model.parameters, state: &state)
    model.state = state
    return metadata
  }

  /// Reads a checkpoint into `parameters`, which must have the same count, names and shapes.
  /// Nothing is changed unless the whole file is valid and fits.
  @discardableResult
  public static func load(into parameters: [Parameter], from url: URL) throws(LoadError) -> Metadata {
    var none: [Tensor] = []
    return try decode(try read(url), into: parameters, state: &none)
  }

  static func read(_ url: URL) throws(LoadError) -> [UInt8] {
    do {
      return Array(try Data(contentsOf: url))
    } catch {
      throw .unreadable("\(url.path): \((error as NSError).localizedDescription)")
    }
  }

  /// Decodes checkpoint bytes into `parameters` (all or nothing); the file must hold no state.
  @discardableResult
  public static func decode(_ bytes: [UInt8], into parameters: [Parameter]) throws(LoadError) -> Metadata {
    var none: [Tensor] = []
    return try decode(bytes, into: parameters, state: &none)
  }

  /// Decodes checkpoint bytes into `parameters` and `state`, whose count and shapes the file must
  /// match (all or nothing: nothing changes unless everything fits).
  @discardableResult
  public static func decode(
    _ bytes: [UInt8], into parameters: [Parameter], state: inout [Tensor]
  ) throws(LoadError) -> Metadata {
    guard bytes.count >= magic.count + 8 + 8 + 4 + 8 else { throw .corrupt("only \(bytes.count) bytes") }
    guard Array(bytes[0..<magic.count]) == magic else { throw .corrupt("not a GradientLab checkpoint (bad magic)") }
    let body = Array(bytes[0..<(bytes.count - 8)])
    var reader = Reader(bytes: bytes, offset: bytes.count - 8)
    guard let stored = reader.read(UInt64.self), stored == fnv1a(body) else {
      throw .corrupt("checksum mismatch (the file was truncated or altered)")
    }
    reader = Reader(bytes: body, offset: magic.count)
    guard let step = reader.read(UInt64.self), let lossBits = reader.read(UInt64.self),
      let count = reader.read(UInt32.self)
    else { throw .corrupt("truncated header") }
    guard Int(count) == parameters.count else {
      throw .mismatch("it holds \(count) parameter tensors, the model has \(parameters.count)")
    }
    var values: [[Float]] = []
    for (i, p) in parameters.enumerated() {
      guard let nameLength = reader.read(UInt16.self), let nameBytes = reader.take(Int(nameLength)) else {
        throw .corrupt("truncated at parameter \(i)")
      }
      let name = String(decoding: nameBytes, as: UTF8.self)
      let shape = try reader.readShape(of: "parameter \(i)")
      guard name == p.name && shape == p.value.shape else {
        throw .mismatch("parameter \(i) is \(name) \(shape) in the file, \(p.name) \(p.value.shape) in the model")
      }
      values.append(try reader.readScalars(p.value.count, of: "parameter \(i)"))
    }
    guard let stateCount = reader.read(UInt32.self) else { throw .corrupt("truncated before the state") }
    guard Int(stateCount) == state.count else {
      throw .mismatch("it holds \(stateCount) state tensors (batch norm statistics), the model has \(state.count)")
    }
    var stateValues: [[Float]] = []
    for (i, t) in state.enumerated() {
      let shape = try reader.readShape(of: "state tensor \(i)")
      guard shape == t.shape else {
        throw .mismatch("state tensor \(i) is \(shape) in the file, \(t.shape) in the model")
      }
      stateValues.append(try reader.readScalars(t.count, of: "state tensor \(i)"))
    }
    guard reader.offset == body.count else { throw .corrupt("\(body.count - reader.offset) unexpected trailing bytes") }
    for (p, scalars) in zip(parameters, values) { p.value.scalars = scalars }
    for i in state.indices { state[i].scalars = stateValues[i] }
    return Metadata(step: Int(step), validationLoss: Double(bitPattern: lossBits))
  }

  /// FNV-1a, 64-bit.
  static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes {
      hash ^= UInt64(b)
      hash = hash &* 0x0000_0100_0000_01b3
    }
    return hash
  }

  /// One tensor record: rank UInt8, dims UInt32…, Float32 values.
  static func appendTensor(_ t: Tensor, to bytes: inout [UInt8]) {
    bytes.append(UInt8(t.shape.count))
    for d in t.shape { append(UInt32(d), to: &bytes) }
    for x in t.scalars { append(x.bitPattern, to: &bytes) }
  }

  static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
    withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
  }

  /// Reads little-endian integers from a byte array.
  struct Reader {
    let bytes: [UInt8]
    var offset: Int

    mutating func take(_ n: Int) -> ArraySlice<UInt8>? {
      guard n >= 0, offset + n <= bytes.count else { return nil }
      defer { offset += n }
      return bytes[offset..<(offset + n)]
    }

    /// A tensor record's rank and dims.
    mutating func readShape(of what: String) throws(LoadError) -> [Int] {
      guard let rank = take(1)?.first else { throw .corrupt("truncated at \(what)") }
      var shape: [Int] = []
      for _ in 0..<rank {
        guard let d = read(UInt32.self) else { throw .corrupt("truncated shape at \(what)") }
        shape.append(Int(d))
      }
      return shape
    }

    /// A tensor record's `count` Float32 values.
    mutating func readScalars(_ count: Int, of what: String) throws(LoadError) -> [Float] {
      var scalars = [Float]()
      scalars.reserveCapacity(count)
      for _ in 0..<count {
        guard let bits = read(UInt32.self) else { throw .corrupt("truncated values at \(what)") }
        scalars.append(Float(bitPattern: bits))
      }
      return scalars
    }

    mutating func read<T: FixedWidthInteger>(_: T.Type) -> T? {
      guard let slice = take(MemoryLayout<T>.size) else { return nil }
      var value: T = 0
      for (i, b) in slice.enumerated() { value |= T(b) << (8 * i) }
      return value
    }
  }
}
