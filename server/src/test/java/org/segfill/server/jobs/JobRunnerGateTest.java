package org.segfill.server.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segfill.engine.backend.BackendKind;
import org.segfill.server.metrics.Metrics;
import org.segfill.server.store.ResultStore;

/**
 * The click gate between steps is consulted on the CPU backend only: a job on ort-cpu passes it
 * once per step, a job on tensorrt or ort-cuda never does, and both run every step to the end.
 */
class JobRunnerGateTest {

  private static final int STEPS = 7;

  @TempDir Path dir;

  @Test
  void onOrtCpuEveryStepPassesTheClickGate() {
    assertEquals(STEPS, gatePasses(BackendKind.ORT_CPU));
  }

  @Test
  void onAGpuBackendNoStepWaitsForClicks() {
    assertEquals(0, gatePasses(BackendKind.TENSORRT));
    assertEquals(0, gatePasses(BackendKind.ORT_CUDA));
  }

  @Test
  void theGateForEachBackend() {
    StepGate clicks = () -> { };
    assertSame(clicks, StepGate.forBackend(BackendKind.ORT_CPU, clicks));
    assertSame(StepGate.OPEN, StepGate.forBackend(BackendKind.TENSORRT, clicks));
    assertSame(StepGate.OPEN, StepGate.forBackend(BackendKind.ORT_CUDA, clicks));
  }

  /** How many times a job of STEPS steps on {@code backend} passed the click gate. */
  private int gatePasses(BackendKind backend) {
    AtomicInteger passes = new AtomicInteger();
    Metrics metrics = new Metrics();
    Job job = FakeEngines.job(1, false);
    try (PreviewEncoder previews = PreviewEncoder.forJobs(1, metrics.previews())) {
      JobRunner runner = new JobRunner(
          FakeEngines.ready(backend, FakeEngines.stepping(STEPS, FakeEngines::marked)),
          new ResultStore(dir.resolve(backend.id())), metrics, previews, passes::incrementAndGet);
      runner.run(job);
    }
    assertEquals(JobState.SUCCEEDED, job.state(), backend.id());
    assertEquals(STEPS, job.toJson().get("step"), backend.id() + ": every step ran");
    return passes.get();
  }
}
