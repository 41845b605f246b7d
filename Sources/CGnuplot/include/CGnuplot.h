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

/// A gnuplot process kept open for several scripts (one chart after another), so that a lesson
/// starts gnuplot once instead of once per chart.
typedef struct cgnuplot_session cgnuplot_session;

/// Starts gnuplot as `cgnuplot_run` does (working directory, standard output and error files) and
/// keeps its standard input open; NULL when the pipe could not be opened (the reason is then
/// written to `stderr_path` if possible).
cgnuplot_session *cgnuplot_open(const char *directory, const char *stdout_path, const char *stderr_path);

/// Feeds `script` and a newline to the session's gnuplot. Returns 0, or -1 when the pipe failed
/// (gnuplot exited); never raises SIGPIPE.
int cgnuplot_send(cgnuplot_session *session, const char *script);

/// Closes gnuplot's standard input, waits for it to exit and frees the session. Returns gnuplot's
/// exit status: 0 when every script ran without an error.
int cgnuplot_close(cgnuplot_session *session);

#ifdef __cplusplus
}
#endif

#endif
