package org.segfill.engine.sdxl;

/**
 * A graph of the generation produced NaN or infinite values, typically an fp16 overflow (model
 * contract B9): reported instead of a silently black or grey image (reliability F1). The
 * message names the stage and what to do about it.
 */
public class NonFiniteOutputException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public NonFiniteOutputException(String message) {
    super(message);
  }
}
