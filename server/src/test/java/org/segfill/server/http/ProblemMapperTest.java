package org.segfill.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.segfill.engine.backend.DeviceFault;
import org.segfill.engine.sdxl.NonFiniteOutputException;

/**
 * The failures of a generation that are neither the caller's nor a bug have problem types of
 * their own: a graph's NaN output (reliability F1) and a lost GPU context (A6), even when
 * wrapped by the job that met them.
 */
class ProblemMapperTest {

  private final ProblemMapper mapper = new ProblemMapper();

  @Test
  void nonFiniteOutputIsANumericalError() {
    Problem p = Problem.of(mapper.toApiException(
        new NonFiniteOutputException("the VAE decoder's image: 3 of 12 values are NaN")));
    assertEquals(500, p.status());
    assertEquals(Problem.TYPE_PREFIX + "numerical-error", p.type());
    assertEquals("the VAE decoder's image: 3 of 12 values are NaN", p.detail());
  }

  @Test
  void aStickyFaultInsideAJobFailureIsCudaFatal() {
    Problem p = Problem.of(mapper.toApiException(new IllegalStateException("job",
        new DeviceFault("cudaGraphLaunch", 700, "an illegal memory access"))));
    assertEquals(500, p.status());
    assertEquals(Problem.TYPE_PREFIX + "cuda-fatal", p.type());
  }
}
