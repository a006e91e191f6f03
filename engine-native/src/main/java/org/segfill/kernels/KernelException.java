package org.segfill.kernels;

/**
 * A kernel call failed inside native code: a CUDA error or a library status. Carries the entry
 * point, the numeric status and its text, e.g. {@code sf_blend_u8 failed: status 700 (an illegal
 * memory access was encountered)}.
 */
public class KernelException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String operation;
  private final int status;

  public KernelException(String operation, int status, String statusText) {
    super(operation + " failed: status " + status + " (" + statusText + ")");
    this.operation = operation;
    this.status = status;
  }

  /** The {@code sf_*} entry point that failed. */
  public String operation() {
    return operation;
  }

  /** The status it returned: a cudaError_t value, or an {@code SF_ERR_*} code. */
  public int status() {
    return status;
  }
}
