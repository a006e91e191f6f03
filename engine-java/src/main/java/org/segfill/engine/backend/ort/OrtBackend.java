package org.segfill.engine.backend.ort;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.file.Files;
import java.nio.file.Path;
import org.segfill.engine.backend.BackendException;
import org.segfill.engine.backend.Session;
import org.segfill.engine.backend.SessionFactory;

/**
 * ONNX Runtime on the CPU, or with the CUDA execution provider ({@link #cuda}). Holds the process's {@link OrtEnvironment}; ORT allows one per process
 * and hands out that same instance from {@link OrtEnvironment#getEnvironment()}, so this class
 * keeps no static state of its own and never closes the shared environment.
 */
public final class OrtBackend implements SessionFactory {

  private final OrtEnvironment environment;
  private final int intraOpThreads;
  // The CUDA device of the CUDA execution provider, or -1 for the CPU.
  private final int cudaDevice;

  /** A backend whose sessions use one intra-op thread per available processor. */
  public OrtBackend() {
    this(Runtime.getRuntime().availableProcessors());
  }

  /**
   * A backend whose sessions use {@code intraOpThreads} threads inside each operator.
   *
   * @throws IllegalArgumentException unless {@code intraOpThreads >= 1}
   */
  public OrtBackend(int intraOpThreads) {
    this(intraOpThreads, -1);
  }

  private OrtBackend(int intraOpThreads, int cudaDevice) {
    if (intraOpThreads < 1) {
      throw new IllegalArgumentException("intraOpThreads: must be >= 1, found "
          + intraOpThreads);
    }
    this.intraOpThreads = intraOpThreads;
    this.cudaDevice = cudaDevice;
    this.environment = OrtEnvironment.getEnvironment();
  }

  /**
   * ONNX Runtime with the CUDA execution provider on {@code device}. It needs the
   * onnxruntime_gpu build (the {@code -Pcuda} profile) and its CUDA and cuDNN libraries;
   * without them {@link #open} fails with ONNX Runtime's reason. Check
   * {@code BackendProbes.availability} first for a clear refusal.
   */
  public static OrtBackend cuda(int device) {
    if (device < 0) {
      throw new IllegalArgumentException("device: must be >= 0, found " + device);
    }
    return new OrtBackend(1, device);
  }

  public int intraOpThreads() {
    return intraOpThreads;
  }

  @Override
  public String name() {
    return cudaDevice < 0 ? "onnxruntime-cpu" : "onnxruntime-cuda";
  }

  @Override
  public Session open(Path modelFile) {
    if (modelFile == null) {
      throw new IllegalArgumentException("modelFile: must not be null");
    }
    if (!Files.isRegularFile(modelFile) || !Files.isReadable(modelFile)) {
      throw new IllegalArgumentException("modelFile: " + modelFile
          + " is not a readable regular file");
    }
    // The options are copied into the native session, so they can be freed right away.
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(intraOpThreads);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      // No busy-waiting between operators: a spinning pool takes the core a click or our
      // OpenMP kernels need (the same reason as OMP_WAIT_POLICY=passive, see bench/README).
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      options.addConfigEntry("session.inter_op.allow_spinning", "0");
      if (cudaDevice >= 0) {
        // Throws OrtException when this ONNX Runtime build has no CUDA provider or its CUDA
        // and cuDNN libraries do not load; nodes CUDA cannot run fall back to the CPU.
        options.addCUDA(cudaDevice);
      }
      OrtSession session = environment.createSession(modelFile.toString(), options);
      try {
        return new OrtGraphSession(environment, session, modelFile);
      } catch (RuntimeException e) {
        session.close();
        throw e;
      }
    } catch (OrtException e) {
      throw new BackendException("ONNX Runtime could not load " + modelFile + ": "
          + e.getMessage(), e);
    }
  }
}
