import Foundation

/// Progress of one experiment: a redrawn bar on a terminal, a few plain lines otherwise.
/// (`@unchecked Sendable`: a parallel sweep may report from its worker threads, one at a time;
/// `ParallelSweep` serializes its calls.)
public final class ProgressReporter: @unchecked Sendable {
  private let title: String
  private let total: Int
  private let terminal: Terminal
  private let start = Date()
  private var lastShown = -1

  init(title: String, total: Int, terminal: Terminal) {
    self.title = title
    self.total = Swift.max(total, 1)
    self.terminal = terminal
    if !terminal.isInteractive { terminal.line("  … \(title)") }
    draw(0)
  }

  /// Reports that `done` of the total units of work are finished.
  public func update(_ done: Int) {
    draw(Swift.min(done, total))
  }

  func finish(note: String? = nil) {
    let seconds = Date().timeIntervalSince(start)
    let suffix = note.map { " — \($0)" } ?? ""
    if terminal.isInteractive { terminal.write("\r\u{1B}[2K") }
    terminal.line("  ✓ \(title) (\(String(format: "%.1f", seconds)) s)\(suffix)")
  }

  private func draw(_ done: Int) {
    let percent = done * 100 / total
    if terminal.isInteractive {
      guard percent != lastShown else { return }
      lastShown = percent
      let width = 30
      let filled = done * width / total
      let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
      terminal.write("\r  \(title) \(bar) \(done)/\(total)")
    } else {
      let quarter = percent / 25
      guard quarter != lastShown, quarter > 0, quarter < 4 else { return }
      lastShown = quarter
      terminal.line("    \(percent)% (\(done)/\(total))")
    }
  }
}
