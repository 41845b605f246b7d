// SLEEF's loops at AVX2 width: 8 floats, 4 doubles. This target is built with -mavx2 -mfma
// (Package.swift), so only CVectorMath.c's AVX2 and AVX-512 paths may call it.
#include "../CVectorMath/SleefLoops.h"

#if defined(__x86_64__)
SLEEF_LOOPS(avx2, float8, 8, double4, 4, avx2)
#endif
