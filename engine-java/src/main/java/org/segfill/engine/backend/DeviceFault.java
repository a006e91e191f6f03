package org.segfill.engine.backend;

import org.segfill.cuda.CudaErrors;
import org.segfill.cuda.CudaException;
import org.segfill.kernels.KernelException;

/**
 * A CUDA error raised while running a graph or a kernel. A sticky error (an illegal address, a
 * failed launch, an ECC error...) leaves the CUDA context unusable for the rest of the process
 * (CUDA Runtime API, "Error Handling"), so the server must stop being live and exit for its
 * supervisor to restart it; any other error fails only the request that met it.
 */
public class DeviceFault extends BackendException {

  private static final long serialVersionUID = 1L;

  private final int status;

  public DeviceFault(String operation, int status, String text) {
    super(operation + " failed: cudaError " + status + " (" + text + ")"
        + (isSticky(status) ? "; the CUDA context is lost, the process must restart" : ""),
        null);
    this.status = status;
  }

  // A sticky CUDA error our kernels or CUDA memory calls reported with their own exception type.
  private DeviceFault(RuntimeException reported, int status) {
    super(reported.getMessage() + "; the CUDA context is lost, the process must restart",
        reported);
    this.status = status;
  }

  /** The cudaError_t value. */
  public int status() {
    return status;
  }

  /** Whether this error poisons the CUDA context for the rest of the process. */
  public boolean sticky() {
    return isSticky(status);
  }

  /** Whether {@code status} is one of the sticky cudaError_t values ({@link CudaErrors}). */
  public static boolean isSticky(int status) {
    return CudaErrors.sticky(status);
  }

  /**
   * The first sticky CUDA error in {@code error}'s cause chain, or null: a sticky DeviceFault, or
   * a {@link CudaException} or {@link KernelException} (the pre- and post-processing kernels and
   * buffers) carrying a sticky status, as a DeviceFault.
   */
  public static DeviceFault stickyIn(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof DeviceFault f && f.sticky()) {
        return f;
      }
      if (t instanceof CudaException c && isSticky(c.status())) {
        return new DeviceFault(c, c.status());
      }
      if (t instanceof KernelException k && isSticky(k.status())) {
        return new DeviceFault(k, k.status());
      }
    }
    return null;
  }
}
