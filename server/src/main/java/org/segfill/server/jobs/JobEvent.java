package org.segfill.server.jobs;

import java.util.Map;
import java.util.Set;

/**
 * One server-sent event of a job: {@code queued}, {@code step}, {@code result}, then one of
 * {@code done}, {@code failed} or {@code cancelled}.
 *
 * @param id the event's sequence number within its job, or -1 for a replayed snapshot
 * @param name the event name
 * @param data its JSON payload
 */
public record JobEvent(long id, String name, Map<String, Object> data) {

  private static final Set<String> TERMINAL = Set.of("done", "failed", "cancelled");

  public JobEvent {
    data = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
  }

  /** Whether this is the job's last event. */
  public boolean terminal() {
    return TERMINAL.contains(name);
  }
}
