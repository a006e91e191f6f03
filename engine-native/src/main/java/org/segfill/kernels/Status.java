package org.segfill.kernels;

import org.segfill.kernels.binding.CoreLib;

/** Turns {@code sf_*} status codes into {@link KernelException}s. */
final class Status {
  private Status() {}

  /** Throws when {@code status} is not 0, naming the entry point. */
  static void check(String operation, int status) {
    if (status != 0) {
      throw new KernelException(operation, status, CoreLib.sf_status_string(status));
    }
  }
}
