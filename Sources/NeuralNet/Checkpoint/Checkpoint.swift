import Foundation

/// Saves a model's parameters to a file and loads them back, refusing anything that does not match.
///
/// Format (little-endian), hand-written because no serialization library for raw Float32 tensors
/// is available here and the format must detect corruption:
///
///     "GLCKPT01" · step: UInt64 · validation loss: Float64 · parameter count: UInt32 ·
///     per parameter: name length UInt16, UTF-8 name, rank UInt8, dims UInt32…, Float32 values ·
///     FNV-1a 64 checksum of all preceding bytes: UInt64
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

  static let magic = Array("GLCKPT01".utf8)

  /// The checkpoint's bytes for `parameters`.
  public static func encode(_ parameters: [Parameter], metadata: Metadata) -> Data {
    var bytes: [UInt8] = magic
    append(UInt64(metadata.step), to: &bytes)
    append(metadata.validationLoss.bitPattern, to: &bytes)
    append(UInt32(parameters.count), to: &bytes)
    for p in parameters {
      let name = Array(p.name.utf8)
      append(UInt16(name.count), to: &bytes)
      bytes += name
      bytes.append(UInt8(p.value.shape.count))
      for d in p.value.shape { append(UInt32(d), to: &bytes) }
      for x in p.value.scalars { append(x.bitPattern, to: &bytes) }
    }
    append(fnv1a(bytes), to: &bytes)
    return Data(bytes)
  }

  /// Writes the checkpoint atomically.
  public static func save(_ parameters: [Parameter], metadata: Metadata, to url: URL) throws {
    try encode(parameters, metadata: metadata).write(to: url, options: .atomic)
  }

  /// Reads a checkpoint into `parameters`, which must have the same count, names and shapes.
  /// Nothing is changed unless the whole file is valid and fits.
  @discardableResult
  public static func load(into parameters: [Parameter], from url: URL) throws(LoadError) -> Metadata {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw .unreadable("\(url.path): \((error as NSError).localizedDescription)")
    }
    return try decode(Array(data), into: parameters)
  }

  /// Decodes checkpoint bytes into `parameters` (all or nothing).
  @discardableResult
  public static func decode(_ bytes: [UInt8], into parameters: [Parameter]) throws(LoadError) -> Metadata {
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
      guard let nameLength = reader.read(UInt16.self), let nameBytes = reader.take(Int(nameLength)),
        let rank = reader.take(1)?.first
      else { throw .corrupt("truncated at parameter \(i)") }
      let name = String(decoding: nameBytes, as: UTF8.self)
      var shape: [Int] = []
      for _ in 0..<rank {
        guard let d = reader.read(UInt32.self) else { throw .corrupt("truncated shape at parameter \(i)") }
        shape.append(Int(d))
      }
      guard name == p.name && shape == p.value.shape else {
        throw .mismatch("parameter \(i) is \(name) \(shape) in the file, \(p.name) \(p.value.shape) in the model")
      }
      var scalars = [Float]()
      scalars.reserveCapacity(p.value.count)
      for _ in 0..<p.value.count {
        guard let bits = reader.read(UInt32.self) else { throw .corrupt("truncated values at parameter \(i)") }
        scalars.append(Float(bitPattern: bits))
      }
      values.append(scalars)
    }
    guard reader.offset == body.count else { throw .corrupt("\(body.count - reader.offset) unexpected trailing bytes") }
    for (p, scalars) in zip(parameters, values) { p.value.scalars = scalars }
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

    mutating func read<T: FixedWidthInteger>(_: T.Type) -> T? {
      guard let slice = take(MemoryLayout<T>.size) else { return nil }
      var value: T = 0
      for (i, b) in slice.enumerated() { value |= T(b) << (8 * i) }
      return value
    }
  }
}
