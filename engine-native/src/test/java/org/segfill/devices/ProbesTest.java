package org.segfill.devices;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The probes answer on every machine: a report with devices, or a reason, never an exception. */
class ProbesTest {

  @Test
  void cudaReportIsConsistent() {
    CudaReport cuda = CudaProbe.probe();
    System.out.println("cuda: " + cuda);
    if (cuda.available()) {
      assertNull(cuda.reason());
      assertFalse(cuda.devices().isEmpty());
    } else {
      assertNotNull(cuda.reason());
      assertFalse(cuda.reason().isBlank());
      assertTrue(cuda.devices().isEmpty());
    }
  }

  @Test
  void tensorRtReportIsConsistent() {
    TensorRtReport trt = TensorRtProbe.probe();
    System.out.println("tensorrt: " + trt);
    if (trt.available()) {
      assertNotNull(trt.version());
    } else {
      assertNotNull(trt.reason());
      assertTrue(trt.reason().contains("libnvinfer.so.10"), trt.reason());
    }
  }
}
