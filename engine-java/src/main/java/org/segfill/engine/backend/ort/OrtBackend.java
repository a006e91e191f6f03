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
 * ONNX Runtime on the CPU. Holds the process's {@link OrtEnvironment}; ORT allows one per process
 * and hands out that same instance from {@link OrtEnvironment#getEnvironment()}, so this class
 * keeps no static state of its own and never closes the shared environment.
 */
public final class OrtBackend implements SessionFactory {

  private final OrtEnvironment environment;
  private final int intraOpThreads;

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
    if (intraOpThreads < 1) {
      throw new IllegalArgumentException("intraOpThreads: must be >= 1, found "
          + intraOpThreads);
    }
    this.intraOpThreads = intraOpThreads;
    this.environment = OrtEnvironment.getEnvironment();
  }

  public int intraOpThreads() {
    return intraOpThreads;
  }

  @Override
  public String name() {
    return "onnxruntime-cpu";
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
