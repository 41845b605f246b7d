#ifndef CFOLDEREXCHANGE_H
#define CFOLDEREXCHANGE_H

/// Atomically swaps the two existing paths `a` and `b` (Linux renameat2 with RENAME_EXCHANGE):
/// afterwards each name refers to what the other did, and no moment exists where either is
/// missing. Returns 0, or -1 with errno set (e.g. EINVAL or ENOSYS where the file system or kernel
/// cannot exchange).
int cfolderexchange_swap(const char *a, const char *b);

#endif
