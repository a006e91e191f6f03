package org.segfill.engine.backend;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.segfill.devices.CudaProbe;
import org.segfill.devices.CudaReport;
import org.segfill.devices.TensorRtProbe;
import org.segfill.devices.TensorRtReport;
import org.segfill.engine.backend.tensorrt.EngineManifest;

/**
 * Asks this process which backends can run, with the reason for each that cannot. The device
 * probes run once per process (see {@link CudaProbe}); the engine check reads the file system.
 */
public final class BackendProbes {

  private BackendProbes() {}

  /**
   * Whether {@code kind} can serve graphs from {@code bundles} here.
   *
   * @param bundles the configured bundle directories; TensorRT needs plans built for each
   */
  public static Availability availability(BackendKind kind, List<Path> bundles) {
    return switch (kind) {
      case ORT_CPU -> Availability.yes("ONNX Runtime on the CPU");
      case ORT_CUDA -> ortCuda();
      case TENSORRT -> tensorRt(bundles);
    };
  }

  private static Availability ortCuda() {
    CudaReport cuda = CudaProbe.probe();
    List<String> reasons = new ArrayList<>();
    if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
      reasons.add("ONNX Runtime: this build has no CUDA execution provider (the CPU"
          + " onnxruntime jar; build with -Pcuda for onnxruntime_gpu)");
    }
    if (!cuda.available()) {
      reasons.add("CUDA: " + cuda.reason());
    }
    return reasons.isEmpty()
        ? Availability.yes("ONNX Runtime CUDA on " + cuda.devices().get(0).name())
        : Availability.no(String.join("; ", reasons));
  }

  private static Availability tensorRt(List<Path> bundles) {
    TensorRtReport trt = TensorRtProbe.probe();
    CudaReport cuda = CudaProbe.probe();
    List<String> reasons = new ArrayList<>();
    if (!trt.available()) {
      reasons.add("TensorRT: " + trt.reason());
    }
    if (!cuda.available()) {
      reasons.add("CUDA: " + cuda.reason());
    }
    for (Path bundle : bundles) {
      Path manifest = EngineManifest.defaultFile(bundle);
      if (!Files.isRegularFile(manifest)) {
        reasons.add("TensorRT: no engines for " + bundle + " (" + manifest + " missing; run"
            + " segfill build-engines --bundle " + bundle + ")");
      }
    }
    return reasons.isEmpty()
        ? Availability.yes("TensorRT " + trt.version() + " on " + cuda.devices().get(0).name())
        : Availability.no(String.join("; ", reasons));
  }
}
