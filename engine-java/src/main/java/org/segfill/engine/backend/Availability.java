package org.segfill.engine.backend;

import java.util.Objects;

/**
 * Whether a backend can run here, and if not, why, in one sentence a user can act on (e.g.
 * "TensorRT: libnvinfer.so.10 not found").
 *
 * @param available true when the backend can open sessions in this process
 * @param reason why not; for an available backend, what it runs on
 */
public record Availability(boolean available, String reason) {

  public Availability {
    Objects.requireNonNull(reason, "reason");
  }

  /** An available backend, with what it runs on. */
  public static Availability yes(String detail) {
    return new Availability(true, detail);
  }

  /** An unavailable backend, with the reason. */
  public static Availability no(String reason) {
    return new Availability(false, reason);
  }
}
