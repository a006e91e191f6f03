package org.segfill.devices;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.tensorrt.global.nvinfer;

/** Checks whether TensorRT's runtime library (libnvinfer.so.10) loads in this process. */
public final class TensorRtProbe {
  private TensorRtProbe() {}

  /** Probes TensorRT; never throws. */
  public static TensorRtReport probe() {
    try {
      Loader.load(nvinfer.class);
      int v = nvinfer.getInferLibVersion();
      // TensorRT 10 encodes MAJOR * 10000 + MINOR * 100 + PATCH.
      String version = (v / 10000) + "." + (v / 100) % 100 + "." + v % 100;
      return new TensorRtReport(true, null, version);
    } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
      return new TensorRtReport(
          false,
          "libnvinfer.so.10 not found (" + CudaProbe.rootMessage(e) + ")",
          null);
    }
  }
}
