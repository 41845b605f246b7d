#ifndef CGNUPLOT_H
#define CGNUPLOT_H

#ifdef __cplusplus
extern "C" {
#endif

/// Runs one gnuplot session through gnuplot-iostream: feeds `script` to gnuplot's standard input,
/// with `directory` as the working directory, and waits for gnuplot to finish.
///
/// gnuplot's standard output goes to the file `stdout_path` and its standard error to
/// `stderr_path` (both created or truncated). Returns gnuplot's exit status (0 on success),
/// 127 when gnuplot could not be started, or -1 when the pipe itself failed (the reason is then
/// written to `stderr_path` if possible). Never throws and never raises SIGPIPE.
int cgnuplot_run(const char *script, const char *directory, const char *stdout_path,
                 const char *stderr_path);

#ifdef __cplusplus
}
#endif

#endif
