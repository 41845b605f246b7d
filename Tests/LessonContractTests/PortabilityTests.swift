import Foundation
import LessonTestSupport
import Testing

/// The package builds on arm64 (an Apple-silicon laptop's Linux container or VM): x86's vector
/// flags only where the build is for x86-64, and every C and C++ source compiles for aarch64.
/// This machine cannot run an arm64 Swift build, so the C side is cross-compiled with clang
/// (Debian's arm64 cross headers, which ./setup installs) and the manifest is read.
@Suite("Portability")
struct PortabilityTests {
  static let root = ReferenceTests.root

  @Test func theManifestPassesX86FlagsOnlyForX86() throws {
    let manifest = try String(contentsOf: Self.root.appendingPathComponent("Package.swift"), encoding: .utf8)
    let flagged = manifest.split(separator: "\n").filter { $0.contains("-mavx") || $0.contains("-mfma") }
    #expect(!flagged.isEmpty)
    #expect(flagged.allSatisfy { $0.contains("x86Flags(") }, "\(flagged)")
    let helper = try #require(manifest.range(of: "func x86Flags("))
    let body = manifest[helper.upperBound...].prefix(200)
    #expect(body.contains("#if arch(x86_64)") && body.contains("#else") && body.contains("[]"), "\(body)")
  }

  /// The folder of the host's multiarch headers that holds sleef.h and OpenBLAS's cblas.h (their
  /// declarations, not their x86 code, are what the arm64 compile needs).
  static var hostHeaders: String? {
    let include = URL(fileURLWithPath: "/usr/include")
    let folders = (try? FileManager.default.contentsOfDirectory(atPath: include.path)) ?? []
    return folders.filter { $0.hasSuffix("-linux-gnu") }.map { include.appendingPathComponent($0).path }
      .first { FileManager.default.fileExists(atPath: $0 + "/sleef.h") }
  }

  @Test func everyCAndCxxSourceCompilesForAarch64() throws {
    let sysroot = "/usr/aarch64-linux-gnu/include"
    try #require(
      FileManager.default.fileExists(atPath: sysroot + "/stdio.h"),
      "Debian's libc6-dev-arm64-cross is missing: run ./setup --deps-only")
    let host = try #require(Self.hostHeaders, "sleef.h not found under /usr/include/*-linux-gnu")
    let sources = Self.root.appendingPathComponent("Sources")
    let targets = try FileManager.default.contentsOfDirectory(atPath: sources.path).filter { $0.hasPrefix("C") }
      .sorted()
    var compiled = 0
    for target in targets {
      let folder = sources.appendingPathComponent(target)
      let files = (try FileManager.default.subpathsOfDirectory(atPath: folder.path)).filter {
        $0.hasSuffix(".c") || $0.hasSuffix(".cpp")
      }
      for file in files {
        let cxx = file.hasSuffix(".cpp")
        var arguments = [
          cxx ? "clang++" : "clang", "--target=aarch64-linux-gnu", "-O2", cxx ? "-std=c++17" : "-std=gnu11",
        ]
        if cxx {
          arguments += [
            "-isystem", "/usr/aarch64-linux-gnu/include/c++/12", "-isystem",
            "/usr/aarch64-linux-gnu/include/c++/12/aarch64-linux-gnu",
          ]
        }
        arguments += ["-isystem", sysroot, "-idirafter", host, "-idirafter", "/usr/include"]
        for include in targets.map({ sources.appendingPathComponent("\($0)/include").path })
        where FileManager.default.fileExists(atPath: include) {
          arguments += ["-I", include]
        }
        arguments += ["-c", folder.appendingPathComponent(file).path, "-o", "/dev/null"]
        let result = try LessonProcess.run(program: URL(fileURLWithPath: "/usr/bin/env"), arguments)
        let error = result.stderr.split(separator: "\n").first { $0.contains("error") } ?? ""
        #expect(result.status == 0, "\(target)/\(file) does not compile for aarch64: \(error)")
        compiled += 1
      }
    }
    #expect(compiled >= 12, "\(compiled) sources in \(targets)")
  }
}
