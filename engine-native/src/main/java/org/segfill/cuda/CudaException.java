package org.segfill.cuda;

import org.bytedeco.cuda.global.cudart;

/** A CUDA runtime call failed; carries the call, the cudaError_t value and its text. */
public class CudaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  public CudaException(String operation, int status) {
    this(operation, status, cudart.cudaGetErrorString(status).getString());
  }

  /** The same, with the status text already known (cudaGetErrorString's). */
  public CudaException(String operation, int status, String statusText) {
    super(operation + " failed: cudaError " + status + " (" + statusText + ")");
    this.status = status;
  }

  /** The cudaError_t value. */
  public int status() {
    return status;
  }

  /** Throws when {@code status} is not cudaSuccess. */
  public static void check(String operation, int status) {
    if (status != 0) {
      throw new CudaException(operation, status);
    }
  }
}
