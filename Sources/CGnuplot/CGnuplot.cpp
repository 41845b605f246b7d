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

}  // namespace

extern "C" int cgnuplot_run(const char *script, const char *directory, const char *stdout_path,
                            const char *stderr_path) {
  // A gnuplot that exits early must not kill this process with SIGPIPE.
  std::signal(SIGPIPE, SIG_IGN);
  std::string statusPath = std::string(stderr_path) + ".status";
  std::remove(statusPath.c_str());
  std::string command = "cd " + shellQuote(directory) + " && gnuplot >" + shellQuote(stdout_path) +
                        " 2>" + shellQuote(stderr_path) + "; echo $? >" + shellQuote(statusPath);
  try {
    Gnuplot gp(command);
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
