// Layout of sf_resample_u8's workspace, computed identically on the host for both backends:
// horizontal then vertical fixed-point weights and source bounds, then the intermediate image
// (the horizontal pass over every source row). Each part starts on a 256-byte boundary.
#pragma once

#include <cstdint>

#include "image/resample.h"

namespace sf {

struct ResampleLayout {
  Axis horizontal;
  Axis vertical;
  int64_t kk_h, bounds_h, kk_v, bounds_v, temp, total;  // byte offsets, total size
  bool need_h, need_v;

  static int64_t align(int64_t v) { return (v + 255) & ~int64_t{255}; }

  static ResampleLayout make(int in_w, int in_h, int out_w, int out_h, int channels, int filter) {
    ResampleLayout l{};
    l.horizontal = Axis::make(in_w, out_w, filter);
    l.vertical = Axis::make(in_h, out_h, filter);
    l.need_h = in_w != out_w;
    l.need_v = in_h != out_h;
    int64_t at = 0;
    l.kk_h = at;
    at = align(at + int64_t{4} * out_w * l.horizontal.ksize);
    l.bounds_h = at;
    at = align(at + int64_t{8} * out_w);
    l.kk_v = at;
    at = align(at + int64_t{4} * out_h * l.vertical.ksize);
    l.bounds_v = at;
    at = align(at + int64_t{8} * out_h);
    l.temp = at;
    at = align(at + (l.need_h && l.need_v ? int64_t{out_w} * in_h * channels : 0));
    l.total = at;
    return l;
  }
};

}  // namespace sf
