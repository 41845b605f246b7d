// A C bridge for one system call. Swift's Glibc module does not declare renameat2 (glibc
// declares it only under _GNU_SOURCE), and Foundation has no atomic exchange of two folders, which
// is what publishing a lesson's output folder whole needs: the old folder and the new one trade
// names in one step, so a run killed at any moment leaves one complete set of outputs in place.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>

#include "CFolderExchange.h"

int cfolderexchange_swap(const char *a, const char *b) {
#ifdef RENAME_EXCHANGE
  return renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
#else
  errno = ENOSYS;
  return -1;
#endif
}
