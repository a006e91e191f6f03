package org.segfill.server.jobs;

/**
 * Receives a job's events on the thread that publishes them: the job's worker, or a preview
 * encoder thread for a step whose preview it encoded and the events queued behind it (see
 * {@link JobOutbox}). Implementations must not block: a slow or vanished subscriber must never
 * hold up the generation.
 */
@FunctionalInterface
public interface JobEventSink {

  /** Takes one event; must return at once. */
  void accept(JobEvent event);
}
