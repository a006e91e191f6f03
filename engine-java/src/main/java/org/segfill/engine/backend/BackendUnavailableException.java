package org.segfill.engine.backend;

/**
 * A backend asked for by name cannot run here (no GPU, a missing library, no engines built). The
 * message is the whole story, so callers print it without a stack trace.
 */
public class BackendUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public BackendUnavailableException(String message) {
    super(message);
  }
}
