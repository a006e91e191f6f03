package org.segfill.server.jobs;

import java.util.Locale;

/** A generation job's lifecycle: queued, running, then one of three terminal states. */
public enum JobState {
  QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

  /** The API name, lowercase. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether nothing more will happen to the job. */
  public boolean terminal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}
