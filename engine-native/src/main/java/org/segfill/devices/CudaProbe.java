package org.segfill.devices;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.cuda.cudart.cudaDeviceProp;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.Loader;

/** Asks the CUDA runtime (through the org.bytedeco cuda presets) what devices exist. */
public final class CudaProbe {
  private CudaProbe() {}

  /**
   * Probes CUDA once per process and returns the same report afterwards: a failed native load is
   * cached by JavaCPP without its cause, so only the first attempt can say what is missing.
   */
  public static CudaReport probe() {
    return Holder.REPORT;
  }

  private static final class Holder {
    static final CudaReport REPORT = probeNow();
  }

  private static CudaReport probeNow() {
    try {
      Loader.load(cudart.class);
    } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
      String missing = MissingLibrary.unresolved(e);
      String reason = "libcuda.so.1".equals(missing)
          ? "no CUDA driver: libcuda.so.1 not found"
          : "CUDA runtime not loadable: "
              + (missing != null ? missing + " not found" : MissingLibrary.rootMessage(e));
      return new CudaReport(false, reason, null, null, List.of());
    }
    int[] value = new int[1];
    String runtime = cudart.cudaRuntimeGetVersion(value) == 0 ? version(value[0]) : null;
    String driver =
        cudart.cudaDriverGetVersion(value) == 0 && value[0] > 0 ? version(value[0]) : null;
    int status = cudart.cudaGetDeviceCount(value);
    if (status != 0) {
      String what = driver == null ? "no CUDA driver" : "no usable CUDA device";
      return new CudaReport(
          false,
          what + ": cudaGetDeviceCount returned " + status + " (" + errorString(status) + ")",
          driver, runtime, List.of());
    }
    if (value[0] == 0) {
      return new CudaReport(false, "no CUDA device: cudaGetDeviceCount found 0", driver, runtime,
          List.of());
    }
    List<GpuInfo> gpus = new ArrayList<>();
    for (int i = 0; i < value[0]; i++) {
      try (cudaDeviceProp prop = new cudaDeviceProp()) {
        int propStatus = cudart.cudaGetDeviceProperties(prop, i);
        if (propStatus != 0) {
          continue;
        }
        gpus.add(new GpuInfo(i, prop.name().getString(), prop.major() + "." + prop.minor(),
            prop.totalGlobalMem(), prop.multiProcessorCount()));
      }
    }
    return new CudaReport(true, null, driver, runtime, List.copyOf(gpus));
  }

  /** True when a CUDA device is usable (cheap enough for test conditions). */
  public static boolean available() {
    return probe().available();
  }

  private static String errorString(int status) {
    try {
      return cudart.cudaGetErrorString(status).getString();
    } catch (RuntimeException e) {
      return "unknown error";
    }
  }

  /** CUDA encodes versions as 1000 * major + 10 * minor. */
  private static String version(int encoded) {
    return (encoded / 1000) + "." + (encoded % 1000) / 10;
  }
}
