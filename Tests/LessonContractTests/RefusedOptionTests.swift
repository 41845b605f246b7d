import LessonTestSupport
import Testing

/// Bad command lines, for every lesson: each is refused with exit status 64 and one line on
/// standard error, before any work and without writing anything (`LessonExpectations.rejects`).
/// Not serialized: every case runs in its own empty folder.
@Suite("Refused options")
struct RefusedOptionTests {
  /// Each lesson's overrides that must be refused: a value out of range, of the wrong type, an
  /// option the lesson does not take, an exercise it does not have.
  static let badOptions: [(lesson: String, arguments: [String])] = [
    // exploding
    ("exploding", ["--depth", "0"]),
    ("exploding", ["--lr", "-1"]),
    ("exploding", ["--init", "bogus"]),
    ("exploding", ["--width", "abc"]),
    ("exploding", ["--activation", "tanh"]),
    ("exploding", ["--batch-size", "5000"]),
    ("exploding", ["--exercise", "9", "--answer", "1"]),
    ("exploding", ["--exercise", "1"]),
    ("exploding", ["--solution"]),
    ("exploding", ["--exercise", "1", "--solution", "--answer", "2"]),
    ("exploding", ["--variant", "-1", "--exercise", "1", "--solution"]),
    ("exploding", ["--variant", "x"]),
    ("exploding", ["--weight-std", "0"]),
    ("exploding", ["--steps", "-3"]),
    ("exploding", ["--seed", "-1"]),
    ("exploding", ["--clip-norm", "0"]),
    ("exploding", ["--clip-value", "-1"]),
    ("exploding", ["--clip-norm", "abc"]),
    ("exploding", ["--clip-norm", "1", "--clip-value", "1"]),
    // initialization
    ("initialization", ["--depth", "2"]),
    ("initialization", ["--init", "he"]),
    ("initialization", ["--bias-variance", "-0.1"]),
    ("initialization", ["--bias-variance", "2"]),
    ("initialization", ["--bias-variance", "abc"]),
    ("initialization", ["--width", "8"]),
    ("initialization", ["--batch-size", "5000"]),
    ("initialization", ["--exercise", "6", "--answer", "1"]),
    ("initialization", ["--activation", "softmax"]),
    ("initialization", ["--lr", "0"]),
    // batchnorm
    ("batchnorm", ["--batch-size", "1"]),
    ("batchnorm", ["--batch-size", "3"]),
    ("batchnorm", ["--momentum", "-0.1"]),
    ("batchnorm", ["--momentum", "0"]),
    ("batchnorm", ["--momentum", "1.5"]),
    ("batchnorm", ["--epsilon", "-1"]),
    ("batchnorm", ["--epsilon", "nan"]),
    ("batchnorm", ["--activation", "tanh"]),
    ("batchnorm", ["--depth", "2"]),
    ("batchnorm", ["--exercise", "5", "--answer", "1"]),
    // batch-gd
    ("batch-gd", ["--batch-size", "5000"]),
    ("batch-gd", ["--lr", "0"]),
    ("batch-gd", ["--lr", "-0.1"]),
    ("batch-gd", ["--batch-size", "0"]),
    ("batch-gd", ["--depth", "50"]),
    ("batch-gd", ["--width", "1000"]),
    ("batch-gd", ["--exercise", "4", "--answer", "1"]),
    ("batch-gd", ["--steps", "abc"]),
    // clipping
    ("clipping", ["--clip-norm", "0"]),
    ("clipping", ["--clip-norm", "-1"]),
    ("clipping", ["--clip-norm", "abc"]),
    ("clipping", ["--clip-value", "0"]),
    ("clipping", ["--clip-norm", "1", "--clip-value", "0.1"]),
    ("clipping", ["--length", "1"]),
    ("clipping", ["--length", "500"]),
    ("clipping", ["--hidden", "0"]),
    ("clipping", ["--gain", "0"]),
    ("clipping", ["--gain", "-2"]),
    ("clipping", ["--gain", "nan"]),
    ("clipping", ["--activation", "relu"]),
    ("clipping", ["--steps", "50000"]),
    ("clipping", ["--exercise", "5", "--answer", "1"]),
    ("clipping", ["--lr", "0"]),
    // residual
    ("residual", ["--depth", "3"]),
    ("residual", ["--depth", "500"]),
    ("residual", ["--width", "1000"]),
    ("residual", ["--activation", "tanh"]),
    ("residual", ["--batch-size", "2"]),
    ("residual", ["--exercise", "4", "--answer", "1"]),
    ("residual", ["--lr", "-1"]),
    ("residual", ["--clip-norm", "0"]),
    ("residual", ["--steps", "x"]),
    // documents
    ("documents", ["--epochs", "0"]),
    ("documents", ["--epochs", "x"]),
    ("documents", ["--patience", "0"]),
    ("documents", ["--depth", "5"]),
    ("documents", ["--clip-value", "1"]),
    ("documents", ["--batch-size", "2"]),
    ("documents", ["--exercise", "4", "--answer", "1"]),
    ("documents", ["--evaluate", "/nonexistent/file.ckpt"]),
    ("documents", ["--evaluate", "/tmp/"]),
  ]

  @Test(arguments: badOptions)
  func aBadOptionIsRefusedInOneLineAndNothingIsWritten(lesson: String, arguments: [String]) throws {
    try LessonExpectations.rejects(lesson, arguments)
  }
}
