// swift-tools-version: 6.0
import PackageDescription

/// GradientLab: notebook-style lessons that measure why deep networks' gradients explode.
///
/// Modules (one job each):
/// - `NeuralNet`: tensors, layers with forward/backward, losses, initializers, SGD, instrumentation, datasets.
/// - `Theory`: the published predictions that lessons print next to their measurements.
/// - `Charts`: chart descriptions -> gnuplot script + data, rendered through `CGnuplot`.
/// - `Notebook`: the lesson runner (steps, terminal output, Markdown export, metrics.json, exercises).
/// - `COpenBLAS` / `CBLASKernel`: cblas from Debian's OpenBLAS, and the start-up hook that picks its fast kernel.
/// - `CGnuplot`: a C header over gnuplot-iostream (C++), so Swift imports it as plain C.
/// - `CFolderExchange`: Linux's atomic exchange of two folders, to publish a lesson's outputs whole.
let package = Package(
  name: "GradientLab",
  products: [
    .executable(name: "exploding", targets: ["exploding"]),
    .executable(name: "initialization", targets: ["initialization"]),
    .executable(name: "batchnorm", targets: ["batchnorm"]),
    .executable(name: "batch-gd", targets: ["batch-gd"]),
    .executable(name: "clipping", targets: ["clipping"]),
    .executable(name: "residual", targets: ["residual"]),
    .executable(name: "documents", targets: ["documents"]),
    .executable(name: "bench", targets: ["bench"]),
    .library(name: "NeuralNet", targets: ["NeuralNet"]),
    .library(name: "Notebook", targets: ["Notebook"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
  ],
  targets: [
    // MARK: C bridges
    .systemLibrary(
      name: "COpenBLAS",
      pkgConfig: "openblas",
      providers: [.apt(["libopenblas-dev"])]
    ),
    .target(name: "CBLASKernel", dependencies: ["COpenBLAS"]),
    .target(name: "CFolderExchange"),
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
        "COpenBLAS", "CBLASKernel", .product(name: "RealModule", package: "swift-numerics"),
      ],
      resources: [.copy("Data/Resources")]
    ),
    .target(
      name: "Theory", dependencies: [.product(name: "RealModule", package: "swift-numerics")]),
    .target(name: "Charts", dependencies: ["CGnuplot"]),
    .target(
      name: "Notebook",
      dependencies: [
        "NeuralNet", "Charts", "Theory", "CFolderExchange",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "RealModule", package: "swift-numerics"),
      ]
    ),

    // MARK: Lessons
    .target(
      name: "ExplodingLesson",
      dependencies: [
        "Notebook", "NeuralNet", "Theory", "Charts",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "RealModule", package: "swift-numerics"),
      ],
      path: "lessons/01-exploding/ExplodingLesson"
    ),
    .executableTarget(
      name: "exploding",
      dependencies: ["ExplodingLesson"],
      path: "lessons/01-exploding/exploding"
    ),

    .target(
      name: "InitializationLesson",
      dependencies: [
        "Notebook", "NeuralNet", "Theory", "Charts",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "RealModule", package: "swift-numerics"),
      ],
      path: "lessons/02-initialization/InitializationLesson"
    ),
    .executableTarget(
      name: "initialization",
      dependencies: ["InitializationLesson"],
      path: "lessons/02-initialization/initialization"
    ),

    .target(
      name: "BatchNormLesson",
      dependencies: [
        "Notebook", "NeuralNet", "Theory", "Charts",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "RealModule", package: "swift-numerics"),
      ],
      path: "lessons/03-batchnorm/BatchNormLesson"
    ),
    .executableTarget(
      name: "batchnorm",
      dependencies: ["BatchNormLesson"],
      path: "lessons/03-batchnorm/batchnorm"
    ),

    .target(
      name: "BatchGDLesson",
      dependencies: [
        "Notebook", "NeuralNet", "Theory", "Charts",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "RealModule", package: "swift-numerics"),
      ],
      path: "lessons/04-batch-gd/BatchGDLesson"
    ),
    .executableTarget(
      name: "batch-gd",
      dependencies: ["BatchGDLesson"],
      path: "lessons/04-batch-gd/batch-gd"
    ),

    .target(
      name: "ClippingLesson",
      dependencies: [
        "Notebook", "NeuralNet", "Theory", "Charts",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "RealModule", package: "swift-numerics"),
      ],
      path: "lessons/05-clipping/ClippingLesson"
    ),
    .executableTarget(
      name: "clipping",
      dependencies: ["ClippingLesson"],
      path: "lessons/05-clipping/clipping"
    ),

    .target(
      name: "ResidualLesson",
      dependencies: [
        "Notebook", "NeuralNet", "Theory", "Charts",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "RealModule", package: "swift-numerics"),
      ],
      path: "lessons/06-residual/ResidualLesson"
    ),
    .executableTarget(
      name: "residual",
      dependencies: ["ResidualLesson"],
      path: "lessons/06-residual/residual"
    ),

    .target(
      name: "DocumentsLesson",
      dependencies: [
        "Notebook", "NeuralNet", "Charts",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "lessons/07-documents/DocumentsLesson"
    ),
    .executableTarget(
      name: "documents",
      dependencies: ["DocumentsLesson"],
      path: "lessons/07-documents/documents"
    ),

    // MARK: Benchmark
    .executableTarget(
      name: "bench",
      dependencies: ["NeuralNet"],
      path: "bench",
      exclude: ["peers"]
    ),

    // MARK: Tests
    .testTarget(
      name: "NeuralNetTests",
      dependencies: [
        "NeuralNet", .product(name: "Numerics", package: "swift-numerics"),
      ]
    ),
    .testTarget(
      name: "TheoryTests",
      dependencies: ["Theory", .product(name: "Numerics", package: "swift-numerics")]
    ),
    .testTarget(name: "ChartsTests", dependencies: ["Charts"]),
    .testTarget(name: "NotebookTests", dependencies: ["Notebook"]),
    .target(name: "LessonTestSupport", dependencies: ["Notebook"], path: "Tests/LessonTestSupport"),
    .testTarget(
      name: "LessonContractTests",
      dependencies: [
        "LessonTestSupport", "Notebook", "CBLASKernel",
        "exploding", "initialization", "batchnorm", "batch-gd", "clipping", "residual", "documents",
      ]
    ),
    .testTarget(
      name: "ExplodingLessonTests",
      dependencies: ["ExplodingLesson", "exploding", "Notebook", "Theory", "LessonTestSupport"],
      path: "Tests/LessonTests/ExplodingLessonTests"
    ),
    .testTarget(
      name: "BatchGDLessonTests",
      dependencies: ["BatchGDLesson", "batch-gd", "Notebook", "Theory", "LessonTestSupport"],
      path: "Tests/LessonTests/BatchGDLessonTests"
    ),
    .testTarget(
      name: "BatchNormLessonTests",
      dependencies: ["BatchNormLesson", "batchnorm", "Notebook", "Theory", "LessonTestSupport"],
      path: "Tests/LessonTests/BatchNormLessonTests"
    ),
    .testTarget(
      name: "ClippingLessonTests",
      dependencies: ["ClippingLesson", "clipping", "Notebook", "Theory", "LessonTestSupport"],
      path: "Tests/LessonTests/ClippingLessonTests"
    ),
    .testTarget(
      name: "ResidualLessonTests",
      dependencies: ["ResidualLesson", "residual", "Notebook", "Theory", "LessonTestSupport"],
      path: "Tests/LessonTests/ResidualLessonTests"
    ),
    .testTarget(
      name: "DocumentsLessonTests",
      dependencies: ["DocumentsLesson", "documents", "Notebook", "LessonTestSupport"],
      path: "Tests/LessonTests/DocumentsLessonTests"
    ),
    .testTarget(
      name: "InitializationLessonTests",
      dependencies: ["InitializationLesson", "initialization", "Notebook", "Theory", "LessonTestSupport"],
      path: "Tests/LessonTests/InitializationLessonTests"
    ),
  ],
  swiftLanguageModes: [.v6]
)
