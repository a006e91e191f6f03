package org.segfill.engine.backend;

import java.util.Set;

/**
 * A CUDA error raised while running a graph or a kernel. A sticky error (an illegal address, a
 * failed launch, an ECC error...) leaves the CUDA context unusable for the rest of the process
 * (CUDA Runtime API, "Error Handling"), so the server must stop being live and exit for its
 * supervisor to restart it; any other error fails only the request that met it.
 */
public class DeviceFault extends BackendException {

  private static final long serialVersionUID = 1L;

  // cudaError_t values the CUDA runtime documents as leaving the context corrupted: 214 ECC
  // uncorrectable, 700 illegal address, 710 device assert, 714 hardware stack error,
  // 715 illegal instruction, 716 misaligned address, 717 invalid address space, 718 invalid PC,
  // 719 launch failure, 999 unknown.
  private static final Set<Integer> STICKY = Set.of(214, 700, 710, 714, 715, 716, 717, 718, 719,
      999);

  private final int status;

  public DeviceFault(String operation, int status, String text) {
    super(operation + " failed: cudaError " + status + " (" + text + ")"
        + (isSticky(status) ? "; the CUDA context is lost, the process must restart" : ""),
        null);
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

  /** Whether {@code status} is one of the sticky cudaError_t values. */
  public static boolean isSticky(int status) {
    return STICKY.contains(status);
  }

  /** The first sticky DeviceFault in {@code error}'s cause chain, or null. */
  public static DeviceFault stickyIn(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof DeviceFault f && f.sticky()) {
        return f;
      }
    }
    return null;
  }
}
