package org.segfill.engine.backend;

/**
 * A failure inside an inference runtime (loading a graph, running it), as opposed to a caller
 * error, which is an {@link IllegalArgumentException} raised before any native call.
 */
public class BackendException extends RuntimeException {

  public BackendException(String message, Throwable cause) {
    super(message, cause);
  }
}
