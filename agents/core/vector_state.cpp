#include "core/vector_state.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

namespace payops {

namespace {
// Compiled for AVX on its own: the rest of the build must run on CPUs without it, hence the check below.
__attribute__((target("avx"))) void zeroUpper()
{
    _mm256_zeroupper();
}
} // namespace

void clearUpperVectorState()
{
    static const bool hasAvx = __builtin_cpu_supports("avx");
    if (hasAvx)
        zeroUpper();
}

} // namespace payops

#else

namespace payops {

void clearUpperVectorState() {}

} // namespace payops

#endif
