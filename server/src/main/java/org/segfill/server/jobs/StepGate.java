package org.segfill.server.jobs;

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
}
