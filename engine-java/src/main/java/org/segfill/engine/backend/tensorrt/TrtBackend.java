package org.segfill.engine.backend.tensorrt;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.bytedeco.tensorrt.nvinfer.ICudaEngine;
import org.segfill.devices.CudaProbe;
import org.segfill.devices.CudaReport;
import org.segfill.devices.GpuInfo;
import org.segfill.devices.TensorRtProbe;
import org.segfill.devices.TensorRtReport;
import org.segfill.engine.backend.BackendUnavailableException;
import org.segfill.engine.backend.Session;
import org.segfill.engine.backend.SessionFactory;
import org.segfill.place.CudaPlace;
import org.segfill.place.KernelPlace;
import org.segfill.tensorrt.TrtObject;

/**
 * TensorRT for one bundle: {@link #open} takes the path of a bundle graph (as the bundle classes
 * pass it) and loads the plan {@code segfill build-engines} built from it, after checking that
 * the plan lies inside the trusted directories, hashes to the manifest's SHA-256, and was built
 * with this TensorRT version on this GPU model.
 */
public final class TrtBackend implements SessionFactory {

  private final Path bundle;
  private final Path engines;
  private final List<Path> trusted;
  private final EngineManifest manifest;
  private final RuntimeIdentity running;
  // The bundle's graphs run one at a time on one activation block (see DeviceScratch).
  private final DeviceScratch scratch = DeviceScratch.onDevice();

  /**
   * A backend serving {@code bundle}'s plans from {@code engines} (usually
   * {@link EngineManifest#defaultDir}).
   *
   * @param trusted the directories plans may be read from (canonical-path containment)
   * @throws BackendUnavailableException when TensorRT or CUDA cannot run here
   * @throws IllegalArgumentException for a missing or malformed manifest
   */
  public TrtBackend(Path bundle, Path engines, List<Path> trusted) {
    this.bundle = Objects.requireNonNull(bundle, "bundle");
    this.engines = Objects.requireNonNull(engines, "engines");
    this.trusted = List.copyOf(trusted);
    this.running = runningIdentity();
    Path manifestFile = TrustedFiles.requireInside(this.trusted,
        engines.resolve(EngineManifest.FILE), "engine manifest");
    this.manifest = EngineManifest.read(manifestFile);
  }

  /** The TensorRT version and GPU of this process, or why TensorRT cannot run. */
  public static RuntimeIdentity runningIdentity() {
    TensorRtReport trt = TensorRtProbe.probe();
    if (!trt.available()) {
      throw new BackendUnavailableException("TensorRT: " + trt.reason());
    }
    CudaReport cuda = CudaProbe.probe();
    if (!cuda.available()) {
      throw new BackendUnavailableException("CUDA: " + cuda.reason());
    }
    GpuInfo gpu = cuda.devices().get(0);
    return new RuntimeIdentity(trt.version(), gpu.name(), gpu.computeCapability());
  }

  @Override
  public String name() {
    return "tensorrt";
  }

  /** A CUDA place on the current device: TensorRT and our kernels share the GPU. */
  @Override
  public KernelPlace openKernelPlace() {
    return CudaPlace.create();
  }

  @Override
  public Session open(Path modelFile) {
    if (modelFile == null) {
      throw new IllegalArgumentException("modelFile: must not be null");
    }
    String relative = bundle.toAbsolutePath().normalize()
        .relativize(modelFile.toAbsolutePath().normalize()).toString().replace('\\', '/');
    PlanMetadata meta = manifest.forSource(relative).orElseThrow(() ->
        new IllegalArgumentException(engines + ": no plan for " + relative + " in the manifest;"
            + " rebuild with segfill build-engines --bundle " + bundle));
    meta.mismatch(running).ifPresent(reason -> {
      throw new IllegalArgumentException(engines.resolve(meta.plan()) + ": " + reason);
    });
    Path plan = engines.resolve(meta.plan());
    // Read and hashed in one pass into native memory (the UNet's plan is about 5 GB), so the
    // hash covers exactly the bytes deserialised: nothing can swap the file in between.
    TrtLogger.instance().forgetErrors();
    TrtRuntime runtime;
    TrtObject<ICudaEngine> engine;
    try (NativePlan bytes = PlanFiles.readTrusted(trusted, plan, meta.planSha256())) {
      runtime = TrtRuntime.create();
      try {
        engine = runtime.deserialize(plan, bytes);
      } catch (RuntimeException e) {
        runtime.close();
        throw e;
      }
    }
    return new TrtSession(plan, runtime, engine, meta, scratch);
  }
}
