// The C face of gnuplot-iostream (Debian's libgnuplot-iostream-dev), so that Swift targets can
// import it as plain C, without Swift's C++ interoperability mode.
#include "CGnuplot.h"

#include <csignal>
#include <cstdio>
#include <fstream>
#include <string>

#include "gnuplot-iostream.h"

namespace {

/// Quotes `text` for a POSIX shell: 'text', with embedded single quotes escaped.
std::string shellQuote(const std::string &text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'') quoted += "'\\''";
    else quoted += c;
  }
  return quoted + "'";
}

int readStatus(const std::string &path) {
  std::ifstream in(path);
  int status = -1;
  if (in >> status) return status;
  return -1;
}

/// The shell command that runs gnuplot in `directory` with its output in the two files and its
/// exit status in `statusPath`.
std::string command(const char *directory, const char *stdout_path, const char *stderr_path,
                    const std::string &statusPath) {
  return "cd " + shellQuote(directory) + " && gnuplot >" + shellQuote(stdout_path) + " 2>" +
         shellQuote(stderr_path) + "; echo $? >" + shellQuote(statusPath);
}

}  // namespace

struct cgnuplot_session {
  Gnuplot *gnuplot;
  std::string statusPath;
};

extern "C" cgnuplot_session *cgnuplot_open(const char *directory, const char *stdout_path,
                                           const char *stderr_path) {
  std::signal(SIGPIPE, SIG_IGN);
  std::string statusPath = std::string(stderr_path) + ".status";
  std::remove(statusPath.c_str());
  try {
    Gnuplot *gnuplot = new Gnuplot(command(directory, stdout_path, stderr_path, statusPath));
    return new cgnuplot_session{gnuplot, statusPath};
  } catch (const std::exception &error) {
    std::ofstream err(stderr_path, std::ios::app);
    err << "gnuplot-iostream: " << error.what() << "\n";
    return nullptr;
  }
}

extern "C" int cgnuplot_send(cgnuplot_session *session, const char *script) {
  *session->gnuplot << script << "\n";
  session->gnuplot->flush();
  return session->gnuplot->good() ? 0 : -1;
}

extern "C" int cgnuplot_close(cgnuplot_session *session) {
  delete session->gnuplot;  // closes the pipe with pclose, which waits for gnuplot to exit
  int status = readStatus(session->statusPath);
  std::remove(session->statusPath.c_str());
  delete session;
  return status;
}

extern "C" int cgnuplot_run(const char *script, const char *directory, const char *stdout_path,
                            const char *stderr_path) {
  // A gnuplot that exits early must not kill this process with SIGPIPE.
  std::signal(SIGPIPE, SIG_IGN);
  std::string statusPath = std::string(stderr_path) + ".status";
  std::remove(statusPath.c_str());
  try {
    Gnuplot gp(command(directory, stdout_path, stderr_path, statusPath));
    gp << script << "\n";
    gp.flush();
    // The destructor closes the pipe with pclose, which waits for gnuplot to exit.
  } catch (const std::exception &error) {
    std::ofstream err(stderr_path, std::ios::app);
    err << "gnuplot-iostream: " << error.what() << "\n";
    return -1;
  }
  int status = readStatus(statusPath);
  std::remove(statusPath.c_str());
  return status;
}
