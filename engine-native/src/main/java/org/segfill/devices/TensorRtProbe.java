package org.segfill.devices;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.tensorrt.global.nvinfer;

/** Checks whether TensorRT's runtime library (libnvinfer.so.10) loads in this process. */
public final class TensorRtProbe {
  private TensorRtProbe() {}

  private static final String LIBRARY = "libnvinfer.so.10";

  /** Probes TensorRT once per process (see {@link CudaProbe#probe()}); never throws. */
  public static TensorRtReport probe() {
    return Holder.REPORT;
  }

  private static final class Holder {
    static final TensorRtReport REPORT = probeNow();
  }

  private static TensorRtReport probeNow() {
    // nvinfer's presets load the CUDA runtime first, and JavaCPP keeps only the first failure's
    // cause: probing CUDA before lets CudaProbe say what is missing (e.g. libcuda.so.1).
    CudaProbe.probe();
    try {
      Loader.load(nvinfer.class);
      int v = nvinfer.getInferLibVersion();
      // TensorRT 10 encodes MAJOR * 10000 + MINOR * 100 + PATCH.
      String version = (v / 10000) + "." + (v / 100) % 100 + "." + v % 100;
      return new TensorRtReport(true, null, version);
    } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
      return new TensorRtReport(false, reason(e), null);
    }
  }

  private static String reason(Throwable e) {
    if (!MissingLibrary.onSearchPath(LIBRARY)) {
      return LIBRARY + " not found";
    }
    String missing = MissingLibrary.unresolved(e);
    return missing != null
        ? LIBRARY + " found but " + missing + " is missing"
        : LIBRARY + " failed to load: " + MissingLibrary.rootMessage(e);
  }
}
