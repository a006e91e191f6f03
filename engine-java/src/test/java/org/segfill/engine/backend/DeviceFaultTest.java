package org.segfill.engine.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.segfill.kernels.KernelException;

/**
 * Sticky CUDA errors are found wherever they were reported: a DeviceFault from a graph run, or a
 * kernel's own exception from the pre- and post-processing, deep in a cause chain; errors that
 * fail only one request are not.
 */
class DeviceFaultTest {

  @Test
  void aStickyDeviceFaultIsFoundInTheCauseChain() {
    DeviceFault fault = new DeviceFault("cudaEventQuery", 700, "an illegal memory access");
    RuntimeException wrapped = new RuntimeException("job failed",
        new IllegalStateException("step", fault));
    assertSame(fault, DeviceFault.stickyIn(wrapped));
    assertTrue(fault.getMessage().endsWith("the process must restart"), fault.getMessage());
  }

  @Test
  void aKernelsStickyStatusCountsAsADeviceFault() {
    KernelException kernel = new KernelException("sf_blend_u8", 719, "unspecified launch failure");
    DeviceFault found = DeviceFault.stickyIn(new RuntimeException("paste-back", kernel));
    assertEquals(719, found.status());
    assertTrue(found.sticky());
    assertSame(kernel, found.getCause());
    assertTrue(found.getMessage().startsWith("sf_blend_u8 failed: status 719"),
        found.getMessage());
  }

  @Test
  void errorsThatFailOneRequestAreNotSticky() {
    assertNull(DeviceFault.stickyIn(new DeviceFault("cudaMalloc", 2, "out of memory")));
    assertNull(DeviceFault.stickyIn(new KernelException("sf_resample_u8", 10001,
        "invalid argument")));
    assertNull(DeviceFault.stickyIn(new KernelException("sf_resample_u8", 2, "out of memory")));
    assertNull(DeviceFault.stickyIn(new IllegalArgumentException("mask: too big")));
  }
}
