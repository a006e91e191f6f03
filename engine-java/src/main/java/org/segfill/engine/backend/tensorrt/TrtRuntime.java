package org.segfill.engine.backend.tensorrt;

import java.nio.file.Path;
import org.bytedeco.tensorrt.global.nvinfer;
import org.bytedeco.tensorrt.global.nvinfer.EngineCapability;
import org.bytedeco.tensorrt.global.nvinfer.HardwareCompatibilityLevel;
import org.bytedeco.tensorrt.nvinfer.ICudaEngine;
import org.bytedeco.tensorrt.nvinfer.IRuntime;
import org.segfill.engine.backend.BackendException;
import org.segfill.tensorrt.TrtObject;

/**
 * One TensorRT IRuntime, configured to refuse engines that carry code: host code is disallowed
 * and no plugin library is ever loaded into it (reliability.md H3). It logs to the process's one
 * {@link TrtLogger}. Close it after every engine it deserialised.
 */
final class TrtRuntime implements AutoCloseable {

  private final TrtObject<IRuntime> runtime;

  private TrtRuntime(TrtObject<IRuntime> runtime) {
    this.runtime = runtime;
  }

  /** Creates the runtime; needs libnvinfer and a CUDA device. */
  static TrtRuntime create() {
    TrtLogger logger = TrtLogger.instance();
    IRuntime made = nvinfer.createInferRuntime(logger);
    if (made == null || made.isNull()) {
      throw new BackendException("TensorRT: createInferRuntime failed: " + logger.drainErrors(),
          null);
    }
    TrtObject<IRuntime> runtime = TrtObject.own(made, "IRuntime");
    // IRuntime::setEngineHostCodeAllowed(false) (also the default): deserialising a plan with
    // embedded host code, e.g. a version-compatible plan's lean runtime, fails instead of running
    // that code. We never call loadRuntime() nor initLibNvInferPlugins(), so no plugin library
    // is loaded either.
    made.setEngineHostCodeAllowed(false);
    return new TrtRuntime(runtime);
  }

  /**
   * Deserialises plan bytes already checked against the manifest; the caller owns the engine and
   * closes it before this runtime.
   *
   * @throws BackendException with TensorRT's own error text when it refuses the plan
   */
  TrtObject<ICudaEngine> deserialize(Path file, NativePlan plan) {
    // deserializeCudaEngine copies what it needs: the host bytes may be freed when it returns.
    ICudaEngine made = runtime.get().deserializeCudaEngine(plan.bytes(), plan.size());
    if (made == null || made.isNull()) {
      throw new BackendException("unable to deserialize TensorRT engine " + file + ": "
          + TrtLogger.instance().drainErrors(), null);
    }
    TrtObject<ICudaEngine> engine = TrtObject.own(made, "ICudaEngine of " + file);
    // build-engines writes standard-capability, device-specific plans; anything else (a safety or
    // DLA plan, a hardware-compatible plan) was not built by us.
    if (made.getEngineCapability().intern() != EngineCapability.kSTANDARD
        || made.getHardwareCompatibilityLevel().intern() != HardwareCompatibilityLevel.kNONE) {
      engine.close();
      throw new BackendException("TensorRT engine " + file + " is not a standard,"
          + " device-specific plan as segfill build-engines writes; refused", null);
    }
    return engine;
  }

  @Override
  public void close() {
    // The runtime must outlive every engine it deserialised (NvInferRuntime.h); TrtSession
    // closes its engine first.
    runtime.close();
  }
}
