// Backend entry points of the core kernels. No include guard: the API layer includes this
// once per backend namespace (see api/declare_backends.inc).
#include <cstdint>
#include "common/launch.h"

namespace SF_OPS_NS {
int synchronize(sf::Stream s);
int stream_copy_f32(sf::Stream s, const float* src, float* dst, int64_t n);
int stream_triad_f32(sf::Stream s, float* a, const float* b, const float* c, float k, int64_t n);
int debug_illegal_address(sf::Stream s);
const char* status_string(int status);
}  // namespace SF_OPS_NS
