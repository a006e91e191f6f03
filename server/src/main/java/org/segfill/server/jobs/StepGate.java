package org.segfill.server.jobs;

import org.segfill.engine.backend.BackendKind;

/**
 * Called by a running job between two denoising steps; may hold the job there for a bounded
 * time so that interactive work (a click) gets the machine first.
 */
@FunctionalInterface
public interface StepGate {

  /** A gate that never holds a job. */
  StepGate OPEN = () -> { };

  /** Returns when the job may take its next step. */
  void awaitTurn() throws InterruptedException;

  /**
   * The gate for jobs whose graphs run on {@code backend}: {@code clicks} on the CPU
   * ({@code ort-cpu}), where a click and the generation share the cores; {@link #OPEN} on a GPU
   * ({@code tensorrt}, {@code ort-cuda}), where a click runs on its own stream and holding the
   * job between steps would only leave the device idle with no step queued.
   */
  static StepGate forBackend(BackendKind backend, StepGate clicks) {
    return backend == BackendKind.ORT_CPU ? clicks : OPEN;
  }
}
