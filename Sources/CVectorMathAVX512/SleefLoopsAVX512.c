// SLEEF's loops at AVX-512 width: 16 floats, 8 doubles. This target is built with -mavx512f
// (Package.swift), so only CVectorMath.c's AVX-512 path may call it.
#include "../CVectorMath/SleefLoops.h"

#if defined(__x86_64__)
SLEEF_LOOPS(avx512, float16, 16, double8, 8, avx512f)
#endif
