package org.segfill.engine.backend.tensorrt;

import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tensorrt.global.nvinfer;
import org.bytedeco.tensorrt.global.nvinfer.EngineCapability;
import org.bytedeco.tensorrt.global.nvinfer.HardwareCompatibilityLevel;
import org.bytedeco.tensorrt.nvinfer.ICudaEngine;
import org.bytedeco.tensorrt.nvinfer.IRuntime;
import org.segfill.engine.backend.BackendException;

/**
 * One TensorRT IRuntime and its logger, configured to refuse engines that carry code: host code
 * is disallowed and no plugin library is ever loaded into it (reliability.md H3).
 */
final class TrtRuntime implements AutoCloseable {

  private final TrtLogger logger;
  private final IRuntime runtime;
  private boolean closed;

  private TrtRuntime(TrtLogger logger, IRuntime runtime) {
    this.logger = logger;
    this.runtime = runtime;
  }

  /** Creates the runtime; needs libnvinfer and a CUDA device. */
  static TrtRuntime create() {
    TrtLogger logger = new TrtLogger();
    IRuntime runtime = nvinfer.createInferRuntime(logger);
    if (runtime == null || runtime.isNull()) {
      logger.deallocate();
      throw new BackendException("TensorRT: createInferRuntime failed: " + logger.drainErrors(),
          null);
    }
    // IRuntime::setEngineHostCodeAllowed(false) (also the default): deserialising a plan with
    // embedded host code, e.g. a version-compatible plan's lean runtime, fails instead of running
    // that code. We never call loadRuntime() nor initLibNvInferPlugins(), so no plugin library
    // is loaded either.
    runtime.setEngineHostCodeAllowed(false);
    return new TrtRuntime(logger, runtime);
  }

  TrtLogger logger() {
    return logger;
  }

  /**
   * Deserialises plan bytes already checked against the manifest.
   *
   * @throws BackendException with TensorRT's own error text when it refuses the plan
   */
  ICudaEngine deserialize(Path file, byte[] plan) {
    if (closed) {
      throw new IllegalStateException("TensorRT runtime used after close()");
    }
    ICudaEngine engine;
    // deserializeCudaEngine copies what it needs: the host buffer may be freed when it returns.
    try (BytePointer bytes = new BytePointer(plan)) {
      engine = runtime.deserializeCudaEngine(bytes, plan.length);
    }
    if (engine == null || engine.isNull()) {
      throw new BackendException("unable to deserialize TensorRT engine " + file + ": "
          + logger.drainErrors(), null);
    }
    // build-engines writes standard-capability, device-specific plans; anything else (a safety or
    // DLA plan, a hardware-compatible plan) was not built by us.
    if (engine.getEngineCapability().intern() != EngineCapability.kSTANDARD
        || engine.getHardwareCompatibilityLevel().intern() != HardwareCompatibilityLevel.kNONE) {
      engine.deallocate();
      throw new BackendException("TensorRT engine " + file + " is not a standard,"
          + " device-specific plan as segfill build-engines writes; refused", null);
    }
    return engine;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      // Engines must be destroyed before their runtime (NvInferRuntime.h: "the runtime must
      // outlive every engine it deserialised"); TrtBackend closes its sessions first.
      runtime.deallocate();
      logger.deallocate();
    }
  }
}
