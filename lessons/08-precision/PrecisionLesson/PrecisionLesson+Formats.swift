import Charts
import NeuralNet
import Notebook
import RealModule
import Theory

extension PrecisionLesson {
  // MARK: .formats

  /// Step `.formats`: each format's largest finite, smallest normal and subnormal numbers and unit
  /// roundoff, found by rounding numbers into it, against IEEE 754's definitions.
  static func stepFormats(_ config: PrecisionConfiguration, in notebook: Notebook) -> [FormatProbe.Measurement] {
    notebook.step(.formats, "Three formats, measured by rounding into them") {
      notebook.prose(
        """
        A binary floating-point format stores a sign, an exponent of e bits and a significand of p \
        bits (one implicit): Float32 has e = 8, p = 24; Float16 (IEEE binary16) e = 5, p = 11; \
        BFloat16, the upper half of a Float32, e = 8, p = 8. The exponent sets the range: the \
        largest finite number is (2 − 2^(1−p))·2^(2^(e−1)−1), the smallest normal 2^(2−2^(e−1)), \
        and below it subnormals reach down to 2^(3−2^(e−1)−p). The significand sets the precision: \
        rounding to nearest loses at most half a spacing, a relative error of at most u = 2^−p \
        (theory §14). Here each limit is found by rounding numbers into the format (Double values \
        into Float32, Float32 values into the 16-bit formats, as a mixed-precision step stores \
        them): the largest value that stays finite, the smallest that does not become 0, the first \
        binade whose relative error stays within u, and the largest relative error just above 1.
        """)
      let samples = config.formatSamples
      let seed = config.seed
      let measured = notebook.experiment("rounding into 3 formats", total: 3) { progress in
        ParallelSweep.map(NumberFormat.allCases.count, progress: progress.update) {
          FormatProbe.measure(NumberFormat.allCases[$0], samples: samples, seed: seed)
        }
      }
      notebook.table(
        Table(
          headers: [
            "format", "e, p", "largest finite", "smallest normal", "smallest subnormal", "rounds to 0 at or below",
            "u = 2^−p", "u measured",
          ],
          rows: measured.map { m in
            [
              m.format.name, "\(m.format.exponentBits), \(m.format.significandBits)", Format.number(m.largestFinite),
              Format.number(m.smallestNormal), Format.number(m.smallestSubnormal),
              Format.number(m.flushThreshold.nextDown), Format.number(m.format.unitRoundoff),
              Format.number(m.unitRoundoff),
            ]
          }),
        caption:
          """
          Every limit as measured by rounding; the checks below hold each to its definition. \
          \(samples * 4) values in [1, 1 + 4u) measure u.
          """)
      notebook.check(
        measured.flatMap { m in
          let f = m.format
          return [
            TheoryCheck(
              name: "\(f.name): largest finite", measured: m.largestFinite, predicted: f.largestFinite,
              tolerance: .relative(0), source: "theory §14"),
            TheoryCheck(
              name: "\(f.name): smallest normal (first binade with error ≤ u)", measured: m.smallestNormal,
              predicted: f.smallestNormal, tolerance: .relative(0), source: "theory §14"),
            TheoryCheck(
              name: "\(f.name): smallest subnormal", measured: m.smallestSubnormal, predicted: f.smallestSubnormal,
              tolerance: .relative(0), source: "theory §14"),
            TheoryCheck(
              name: "\(f.name): largest relative rounding error", measured: m.unitRoundoff, predicted: f.unitRoundoff,
              tolerance: .relative(0.01), source: "theory §14"),
          ]
        })
      notebook.chart(
        Chart(
          name: "rounding-error-by-binade", title: "The largest relative rounding error in each binade, 2ᵏ ≤ x < 2ᵏ⁺¹",
          xLabel: "2ᵏ", yLabel: "largest |round(x) − x| / x", logX: true, logY: true,
          series: measured.enumerated().flatMap { i, m in
            let points = m.binades.filter { $0.error > 0 }
            let x = points.map { Double(sign: .plus, exponent: $0.exponent, significand: 1) }
            return [
              Series(title: m.format.name, x: x, y: points.map(\.error), style: .linePoints, colorGroup: i),
              Series(
                title: "", x: [x.first ?? 1, x.last ?? 1], y: [m.format.unitRoundoff, m.format.unitRoundoff],
                style: .dashed, colorGroup: i),
            ]
          }),
        caption:
          """
          Dashed: u = 2^−p. Flat at u over the normal range; below the smallest normal the spacing \
          stops shrinking and the error grows to 1 where values round to 0; past the largest \
          finite number they round to ∞ (not drawn).
          """)
      let f16 = measured[1]
      let bf16 = measured[2]
      notebook.prose(
        """
        Float16 holds \(Format.number(f16.smallestSubnormal)) to \(Format.number(f16.largestFinite)), \
        about \(Format.number(Double.log10(f16.largestFinite / f16.smallestSubnormal).rounded())) decades, \
        with \(f16.format.significandBits) significant bits; BFloat16 spans \
        \(Format.number(bf16.smallestSubnormal)) to \(Format.number(bf16.largestFinite)) like Float32 \
        but rounds \(Format.number(bf16.unitRoundoff / f16.unitRoundoff)) times more coarsely than \
        Float16. The two 16-bit formats trade range for precision in opposite ways: the rest of \
        the lesson is about Float16's range.
        """)
      for m in measured {
        notebook.recordRun(
          "format_\(m.format.name.lowercased())",
          [
            ("largest_finite", m.largestFinite), ("smallest_normal", m.smallestNormal),
            ("smallest_subnormal", m.smallestSubnormal), ("unit_roundoff", m.unitRoundoff),
          ])
      }
      return measured
    }
  }
}

extension StepID {
  /// The id of this file's step (the order: `PrecisionLesson.outline`).
  static let formats: StepID = "formats"
}
