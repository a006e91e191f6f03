package org.segfill.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.segfill.bench.BenchBundles;

/**
 * One stage suite through JMH's Java API (in this JVM, 1 s, on the tiny SAM bundle): the result
 * becomes a stage row with sampled percentiles and the bytes given for its floor.
 */
class SuiteRunnerTest {

  @Test
  void theClickStageBecomesARowWithSampledPercentiles() throws Exception {
    Stage click = Stage.ofId("sam.click").orElseThrow();
    SuiteRunner.Outcome outcome = new SuiteRunner(0, 1, 1, 0).run(List.of(click), false,
        Map.of("backend", List.of("ort-cpu"), "sam", List.of(BenchBundles.TINY)),
        Map.of("sam.click", 1234L));

    assertTrue(Double.isNaN(outcome.copyGbPerSecond()), "copy was not run");
    assertEquals(1, outcome.stages().size());
    StageResult row = outcome.stages().get(0);
    assertEquals("sam.click", row.stage());
    assertEquals("ort-cpu", row.backend());
    assertEquals(1234L, row.bytesPerOp());
    // A tiny-bundle click takes milliseconds, so one second holds many samples.
    assertTrue(row.samples() >= 5, row::toString);
    assertTrue(row.p50Ms() > 0.01 && row.p50Ms() < 1000, row::toString);
    assertTrue(row.p50Ms() <= row.p90Ms() && row.p90Ms() <= row.p99Ms(), row::toString);
  }
}
