package org.segfill.engine.backend.tensorrt;

import java.util.Objects;

/**
 * What a TensorRT plan is tied to: plans are not portable across TensorRT versions or GPU
 * models (TensorRT developer guide, "Engine compatibility"), so each plan records the identity
 * it was built on and refuses to load anywhere else.
 *
 * @param tensorrtVersion e.g. "10.15.1"
 * @param gpuName the device name, e.g. "NVIDIA L4"
 * @param computeCapability e.g. "8.9"
 */
public record RuntimeIdentity(String tensorrtVersion, String gpuName, String computeCapability) {

  public RuntimeIdentity {
    Objects.requireNonNull(tensorrtVersion, "tensorrtVersion");
    Objects.requireNonNull(gpuName, "gpuName");
    Objects.requireNonNull(computeCapability, "computeCapability");
  }

  @Override
  public String toString() {
    return "TensorRT " + tensorrtVersion + " on " + gpuName + " (compute capability "
        + computeCapability + ")";
  }
}
