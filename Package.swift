// swift-tools-version: 6.0
import Foundation
import PackageDescription

/// The lessons, one line each: `lessons/<folder>/<Module>` is the lesson (a library),
/// `lessons/<folder>/<name>/main.swift` its executable (one line: `LessonCommand<Module>.runAsLesson()`),
/// and `Tests/LessonTests/<Module>Tests` its tests.
let lessons: [LessonTargets] = [
  .init(folder: "01-exploding", name: "exploding", module: "ExplodingLesson"),
  .init(folder: "02-initialization", name: "initialization", module: "InitializationLesson"),
  .init(folder: "03-batchnorm", name: "batchnorm", module: "BatchNormLesson"),
  .init(folder: "04-batch-gd", name: "batch-gd", module: "BatchGDLesson"),
  .init(folder: "05-clipping", name: "clipping", module: "ClippingLesson"),
  .init(folder: "06-residual", name: "residual", module: "ResidualLesson"),
  .init(folder: "07-documents", name: "documents", module: "DocumentsLesson"),
  .init(folder: "08-precision", name: "precision", module: "PrecisionLesson"),
]

/// Whether `exercises/Solutions` is there: a handout (`gradientlab handout`) leaves it out, and the
/// package then builds without it (the checker's `--solutions` says it is missing). SwiftPM keeps
/// the manifest it evaluated, so deleting the folder in an already built checkout is not enough.
let hasSolutions = FileManager.default.fileExists(atPath: Context.packageDirectory + "/exercises/Solutions")
let solutionTargets: [Target.Dependency] = hasSolutions ? ["ExerciseSolutions"] : []
let solutionSettings: [SwiftSetting] = hasSolutions ? [.define("HAS_SOLUTIONS")] : []

/// GradientLab: notebook-style lessons that measure why deep networks' gradients explode.
///
/// Modules (one job each):
/// - `NeuralNet`: tensors, layers with forward/backward, losses, initializers, SGD, instrumentation, datasets.
/// - `Nonlinearity`: the one type the engine and the theory share, `Activation` (φ, φ' and their names).
/// - `Theory`: the published predictions that lessons print next to their measurements.
/// - `ExperimentKit`: what the lessons' experiments share on top of the engine and the theory: the
///   same experiment over seeds (`SeedRuns`), on both cores (`SeedRuns.parallel`).
/// - `Charts`: chart descriptions -> gnuplot script + data, rendered through `CGnuplot`.
/// - `Claims`: the documents' claims the lessons judge: each sentence, its translation and source
///   (`ClaimCatalogue`, `ClaimID`, `Document`); which lessons judge one, their records say.
/// - `Notebook`: the lesson runner (steps, cells, terminal output, Markdown export, metrics.json, a
///   judged claim's record) and what reads its outputs back (`RunFolder`, `RunComparison` for
///   `gradientlab compare`, `ClaimLedger`).
/// - `ExerciseKit`: the code exercises' types (`Matrix`, the gradients they return) and their
///   checks; `exercises/Student` (`StudentExercises`) and `exercises/Solutions` (`ExerciseSolutions`)
///   are the functions they judge, and `check-exercises` the checker `gradientlab exercises` runs.
/// - `Classroom`: a class's assignment (YAML, through Yams), roster and variants, grading its
///   numeric answers and its code (built and checked contained), Gradescope's results, handouts.
/// - `LessonCatalogue`: every lesson in order, for the tools and tests that work across lessons;
///   the list is written from `lessons` below by the `LessonList` plugin.
/// - `LessonKit`: what lessons share on top of the engine: the `Lesson` protocol and its one
///   generic command line, the shared options, the initializer choice, engine-aware charts, versions.
/// - `COpenBLAS` / `CBLASKernel`: cblas from Debian's OpenBLAS, and the start-up hook that picks its fast kernel.
/// - `CVectorMath`: tanh, sigmoid and the Box–Muller transform over arrays, through SLEEF's
///   deterministic vector functions (Debian's libsleef-dev), whose loops `CVectorMathAVX2` and
///   `CVectorMathAVX512` compile for their width; the engine's other elementwise passes and
///   reductions at the widest width the CPU runs.
/// - `CGnuplot`: a C header over gnuplot-iostream (C++), so Swift imports it as plain C.
/// - `CFolderExchange`: Linux's atomic exchange of two folders, to publish a lesson's outputs whole.
/// - `CMallocTuning`: glibc's malloc set to reuse what a training step frees instead of faulting in
///   fresh pages for the next step.
let package = Package(
  name: "GradientLab",
  products: [
    // One executable per lesson: `lessons` below.
    .executable(name: "bench", targets: ["bench"]),
    .executable(name: "gradientlab", targets: ["gradientlab"]),
    .executable(name: "check-exercises", targets: ["check-exercises"]),
    .library(name: "NeuralNet", targets: ["NeuralNet"]),
    .library(name: "Notebook", targets: ["Notebook"]),
    .library(name: "LessonKit", targets: ["LessonKit"]),
  ] + lessons.map { .executable(name: $0.name, targets: [$0.name]) },
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
    .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
  ],
  targets: [
    // MARK: C bridges
    .systemLibrary(
      name: "COpenBLAS",
      pkgConfig: "openblas",
      providers: [.apt(["libopenblas-dev"])]
    ),
    .target(name: "CBLASKernel", dependencies: ["COpenBLAS"]),
    .target(
      name: "CVectorMath", dependencies: ["CVectorMathAVX2", "CVectorMathAVX512"],
      linkerSettings: [.linkedLibrary("sleef")]),
    // SLEEF's vector loops, each built for its width (CVectorMath/SleefLoops.h says why); only
    // CVectorMath calls them, on a CPU that runs that width, and declares them (SleefLoops.h), so
    // they have no public header.
    .target(name: "CVectorMathAVX2", publicHeadersPath: ".", cSettings: x86Flags(["-mavx2", "-mfma"])),
    .target(name: "CVectorMathAVX512", publicHeadersPath: ".", cSettings: x86Flags(["-mavx512f"])),
    .target(name: "CFolderExchange"),
    .target(name: "CMallocTuning"),
    .target(
      name: "CGnuplot",
      linkerSettings: [
        .linkedLibrary("boost_iostreams"),
        .linkedLibrary("boost_filesystem"),
        .linkedLibrary("boost_system"),
      ]
    ),

    // MARK: Libraries
    .target(
      name: "NeuralNet",
      dependencies: [
        "COpenBLAS", "CBLASKernel", "CVectorMath", "CMallocTuning", "Nonlinearity",
        .product(name: "RealModule", package: "swift-numerics"),
      ],
      resources: [.copy("Data/Resources")]
    ),
    .target(name: "Nonlinearity", dependencies: [.product(name: "RealModule", package: "swift-numerics")]),
    .target(
      name: "Theory", dependencies: ["Nonlinearity", .product(name: "RealModule", package: "swift-numerics")]),
    .target(name: "ExperimentKit", dependencies: ["NeuralNet", "Theory"]),
    .target(name: "Charts", dependencies: ["CGnuplot"]),
    .target(name: "Claims"),
    .target(name: "Notebook", dependencies: ["Charts", "Theory", "Claims", "CFolderExchange"]),
    .target(
      name: "Classroom",
      dependencies: [
        "Notebook", .product(name: "Yams", package: "Yams"), .product(name: "CSV", package: "CSV.swift"),
      ]),
    .target(
      name: "LessonKit",
      dependencies: [
        "Notebook", "NeuralNet", "Nonlinearity", "Charts", "Theory", "ExerciseKit", "Classroom",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "RealModule", package: "swift-numerics"),
      ]
    ),

    .target(
      name: "LessonCatalogue",
      dependencies: [
        "LessonKit", "Notebook", "Classroom", "ExerciseKit", .product(name: "CSV", package: "CSV.swift"),
      ]
        + lessons.map { .target(name: $0.module) },
      plugins: ["LessonList"]),
    // Writes LessonCatalogue.lessons from the lesson targets above (Plugins/LessonList).
    .plugin(name: "LessonList", capability: .buildTool()),

    // MARK: Code exercises
    .target(
      name: "ExerciseKit",
      dependencies: ["NeuralNet", "Theory", .product(name: "RealModule", package: "swift-numerics")]),
    .target(name: "StudentExercises", dependencies: ["ExerciseKit"], path: "exercises/Student"),
    .executableTarget(
      name: "check-exercises", dependencies: ["ExerciseKit", "StudentExercises"] + solutionTargets,
      path: "tools/check-exercises", swiftSettings: solutionSettings),

    // MARK: Tools
    .executableTarget(
      name: "gradientlab",
      dependencies: [
        "LessonCatalogue", "LessonKit", "Notebook", "Classroom", "ExerciseKit",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "tools/gradientlab"
    ),

    // MARK: Benchmark
    .executableTarget(
      name: "bench",
      dependencies: ["NeuralNet", "COpenBLAS"],
      path: "bench",
      exclude: ["peers", "lessons"]
    ),

    // MARK: Tests
    .testTarget(
      name: "NeuralNetTests",
      dependencies: [
        "NeuralNet", "Nonlinearity", "Theory", .product(name: "Numerics", package: "swift-numerics"),
      ]
    ),
    .testTarget(
      name: "TheoryTests",
      dependencies: ["Theory", .product(name: "Numerics", package: "swift-numerics")]
    ),
    .testTarget(name: "ChartsTests", dependencies: ["Charts"]),
    .testTarget(name: "LessonCatalogueTests", dependencies: ["LessonCatalogue", "Notebook"]),
    .testTarget(
      name: "ClassroomTests",
      dependencies: ["Classroom", "Notebook", "LessonCatalogue", "LessonTestSupport", "ExerciseKit"]),
    .testTarget(
      name: "ExerciseKitTests",
      dependencies: ["ExerciseKit", "StudentExercises", "LessonTestSupport"] + solutionTargets,
      swiftSettings: solutionSettings),
    .testTarget(name: "NotebookTests", dependencies: ["Notebook", "Claims", "LessonKit", "Theory", "Charts"]),
    .target(name: "LessonTestSupport", dependencies: ["LessonKit", "Notebook"], path: "Tests/LessonTestSupport"),
    .testTarget(
      name: "LessonContractTests",
      dependencies: [
        "LessonTestSupport", "Notebook", "Claims", "LessonKit", "LessonCatalogue", "CBLASKernel", "ExerciseKit",
      ] + lessons.map { .target(name: $0.name) }
    ),
  ] + lessons.flatMap(\.targets)
    + (hasSolutions
      ? [.target(name: "ExerciseSolutions", dependencies: ["ExerciseKit"], path: "exercises/Solutions")] : []),
  swiftLanguageModes: [.v6]
)

/// `flags` where the package is built for x86-64, none elsewhere (arm64: the wide loops compile to
/// nothing there, `#if defined(__x86_64__)`, and the baseline C paths run). SwiftPM's conditions
/// name platforms, not architectures, so this asks the compiler that evaluates the manifest, which
/// runs on the machine it builds for (a native build; cross-compiling from x86-64 is not supported).
func x86Flags(_ flags: [String]) -> [CSetting] {
  #if arch(x86_64)
    [.unsafeFlags(flags)]
  #else
    []
  #endif
}

/// The three targets of one lesson, declared in one line (in the manner of swift-collections'
/// target helper): its library, its executable and its test target, each with the
/// dependencies every lesson has.
struct LessonTargets {
  /// The folder under `lessons/`, e.g. "01-exploding".
  var folder: String
  /// The executable and output folder, e.g. "exploding".
  var name: String
  /// The library module, e.g. "ExplodingLesson".
  var module: String

  var targets: [Target] {
    [
      .target(
        name: module,
        dependencies: [
          "LessonKit", "Notebook", "Claims", "NeuralNet", "Nonlinearity", "Theory", "ExperimentKit", "Charts",
          .product(name: "ArgumentParser", package: "swift-argument-parser"),
          .product(name: "RealModule", package: "swift-numerics"),
        ],
        path: "lessons/\(folder)/\(module)"
      ),
      .executableTarget(
        name: name, dependencies: [.target(name: module), "Notebook"], path: "lessons/\(folder)/\(name)"),
      .testTarget(
        name: "\(module)Tests",
        dependencies: [
          .target(name: module), .target(name: name), "LessonKit", "Notebook", "Claims", "Nonlinearity", "Theory",
          "LessonTestSupport",
        ],
        path: "Tests/LessonTests/\(module)Tests"
      ),
    ]
  }
}
