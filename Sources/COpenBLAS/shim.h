// cblas and the OpenBLAS extensions (openblas_get_corename, openblas_get_config, thread control),
// from Debian's libopenblas-dev (pkg-config "openblas").
#include <cblas.h>

// LAPACK routines that libopenblas exports (Fortran calling convention; Debian ships no
// lapack.h with libopenblas-dev, so the two prototypes used here are declared by hand).
/// QR factorisation A = QR of a column-major m x n matrix (Householder reflectors + tau).
void sgeqrf_(const int *m, const int *n, float *a, const int *lda, float *tau, float *work,
             const int *lwork, int *info);
/// Forms the m x n matrix Q with orthonormal columns from sgeqrf's reflectors.
void sorgqr_(const int *m, const int *n, const int *k, float *a, const int *lda, const float *tau,
             float *work, const int *lwork, int *info);
/// Singular values (and optionally vectors) of a column-major m x n matrix by divide and conquer.
void sgesdd_(const char *jobz, const int *m, const int *n, float *a, const int *lda, float *s, float *u,
             const int *ldu, float *vt, const int *ldvt, float *work, const int *lwork, int *iwork, int *info);
/// Eigenvalues (ascending) and optionally eigenvectors of a symmetric n x n matrix.
void dsyev_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda, double *w, double *work,
            const int *lwork, int *info);
/// Eigenvalues (real and imaginary parts) and optionally eigenvectors of a general n x n matrix.
void dgeev_(const char *jobvl, const char *jobvr, const int *n, double *a, const int *lda, double *wr, double *wi,
            double *vl, const int *ldvl, double *vr, const int *ldvr, double *work, const int *lwork, int *info);
