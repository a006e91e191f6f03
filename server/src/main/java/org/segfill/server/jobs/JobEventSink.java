package org.segfill.server.jobs;

/**
 * Receives a job's events on the job's own thread. Implementations must not block: a slow or
 * vanished subscriber must never hold up the generation.
 */
@FunctionalInterface
public interface JobEventSink {

  /** Takes one event; must return at once. */
  void accept(JobEvent event);
}
