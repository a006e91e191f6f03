// Routes an extern "C" entry point to the CPU twin (namespace sf_cpu) or the CUDA build
// (namespace sf_cuda). Both namespaces are compiled from the same *_ops.cpp sources.
#pragma once

#include "common/launch.h"
#include "segfill/kernels.h"

#define SF_DISPATCH(device, fn, ...)                                   \
  ((device) == SF_DEVICE_CUDA  ? sf_cuda::fn(__VA_ARGS__)              \
   : (device) == SF_DEVICE_CPU ? sf_cpu::fn(__VA_ARGS__)               \
                               : static_cast<int>(SF_ERR_INVALID_ARGUMENT))
