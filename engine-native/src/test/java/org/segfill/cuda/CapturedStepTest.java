package org.segfill.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.segfill.kernels.KernelException;

/**
 * CapturedStep's decisions on a scripted stream, without a GPU: a capture that succeeds is
 * replayed; a capture that fails at any point (begin, end, instantiate, or the work queued
 * during it failing because the capture was invalidated) runs that step directly, exactly once,
 * and every later step directly too; a sticky error, or a failure of the work itself, is thrown.
 * The count that matters is how many steps ran on the "device": always one per launch.
 */
class CapturedStepTest {

  // cudart's values, as the JavaCPP preset's constants name them.
  private static final int INVALID_VALUE = 1;
  private static final int ILLEGAL_ADDRESS = 700;
  private static final int CAPTURE_UNSUPPORTED = 900;
  private static final int CAPTURE_INVALIDATED = 901;
  private static final int CAPTURE_IMPLICIT = 906;

  private static CapturedStep step(ScriptedStream stream) {
    return new CapturedStep(stream, true, stream::queueWork);
  }

  private static void launch(CapturedStep step, int times) {
    for (int k = 0; k < times; k++) {
      step.launch();
    }
  }

  @Test
  void aSuccessfulCaptureIsReplayedForEveryLaterStep() {
    ScriptedStream stream = new ScriptedStream();
    try (CapturedStep step = step(stream)) {
      launch(step, 5);
      assertTrue(step.replaying());
      assertNull(step.captureFailure());
      assertEquals(5, stream.stepsRan());
    }
    assertEquals(List.of("work", "cudaStreamBeginCapture", "work", "cudaStreamEndCapture",
        "cudaGraphInstantiate", "cudaGraphLaunch", "cudaGraphLaunch", "cudaGraphLaunch",
        "cudaGraphLaunch", "cudaGraphExecDestroy"), stream.log);
    assertFalse(stream.holdsGraphs());
  }

  @Test
  void aStepThatMayNotBeCapturedRunsDirectlyEveryTime() {
    ScriptedStream stream = new ScriptedStream();
    try (CapturedStep step = new CapturedStep(stream, false, stream::queueWork)) {
      launch(step, 3);
      assertFalse(step.replaying());
      assertNull(step.captureFailure());
    }
    assertEquals(List.of("work", "work", "work", "cudaGraphExecDestroy"), stream.log);
    assertEquals(3, stream.stepsRan());
  }

  @Test
  void aFailedEndOfCaptureRunsTheStepDirectlyFromThenOn() {
    ScriptedStream stream = new ScriptedStream().endReturns(CAPTURE_INVALIDATED);
    try (CapturedStep step = step(stream)) {
      launch(step, 4);
      assertFalse(step.replaying());
      assertEquals("cudaStreamEndCapture failed: cudaError 901 (text of 901)",
          step.captureFailure());
      assertEquals(4, stream.stepsRan());
    }
    assertEquals(List.of("work", "cudaStreamBeginCapture", "work", "cudaStreamEndCapture",
        "cudaGetLastError", "work", "work", "work", "cudaGraphExecDestroy"), stream.log);
  }

  @Test
  void anInvalidatedCaptureWhoseWorkFailedRunsThatStepOnceAndEveryLaterOneDirectly() {
    // A launch into an invalidated capture returns 901; cudaStreamEndCapture then returns 901
    // too, with no graph.
    ScriptedStream stream = new ScriptedStream().endReturns(CAPTURE_INVALIDATED)
        .workDuringCaptureThrows(new CudaException("cudaMemcpyAsync", CAPTURE_INVALIDATED,
            "operation failed due to a previous error during capture"));
    try (CapturedStep step = step(stream)) {
      step.launch();
      step.launch();
      // The step whose capture broke ran, once: its recorded work was dropped with the capture.
      assertEquals(2, stream.stepsRan());
      assertTrue(step.captureFailure().startsWith("the work queued during the capture failed:"
          + " cudaMemcpyAsync failed: cudaError 901"), step.captureFailure());
      assertTrue(step.captureFailure().endsWith("; cudaStreamEndCapture: cudaError 901"
          + " (text of 901)"), step.captureFailure());
      launch(step, 3);
      assertEquals(5, stream.stepsRan());
      assertFalse(step.replaying());
    }
    assertEquals(1, Collections.frequency(stream.log, "cudaStreamBeginCapture"));
    assertEquals(1, Collections.frequency(stream.log, "cudaStreamEndCapture"));
    assertEquals(1, Collections.frequency(stream.log, "cudaGetLastError"));
    assertEquals(6, Collections.frequency(stream.log, "work"), "1 + (1 failed + 1) + 3");
  }

  @Test
  void aKernelFailingWithACaptureStatusFallsBackEvenIfTheEndOfCaptureSucceeds() {
    ScriptedStream stream = new ScriptedStream().workDuringCaptureThrows(
        new KernelException("sf_sampler_step_planned", CAPTURE_IMPLICIT, "implicit dependency"));
    try (CapturedStep step = step(stream)) {
      launch(step, 3);
      assertTrue(step.captureFailure().contains("status 906"), step.captureFailure());
      assertEquals(3, stream.stepsRan());
    }
    // The graph the capture ended with holds a partial step: destroyed, never instantiated.
    assertEquals(List.of("work", "cudaStreamBeginCapture", "work", "cudaStreamEndCapture",
        "cudaGraphDestroy", "cudaGetLastError", "work", "work", "cudaGraphExecDestroy"),
        stream.log);
  }

  @Test
  void workThatFailsWithoutAStatusFallsBackWhenTheCaptureWasInvalidated() {
    // TensorRT's enqueueV3 reports only false: the end of the capture says what broke.
    ScriptedStream stream = new ScriptedStream().endReturns(CAPTURE_INVALIDATED)
        .workDuringCaptureThrows(new IllegalStateException("enqueueV3 failed"));
    try (CapturedStep step = step(stream)) {
      launch(step, 3);
      assertEquals(3, stream.stepsRan());
      assertTrue(step.captureFailure().contains("enqueueV3 failed"), step.captureFailure());
    }
  }

  @Test
  void workThatFailsOnItsOwnDuringACaptureIsThrownAfterTheCaptureEnds() {
    IllegalStateException own = new IllegalStateException("enqueueV3 failed: bad shapes");
    ScriptedStream stream = new ScriptedStream().workDuringCaptureThrows(own);
    try (CapturedStep step = step(stream)) {
      step.launch();
      assertSame(own, assertThrows(IllegalStateException.class, step::launch));
      assertNull(step.captureFailure());
      assertEquals(1, stream.stepsRan());
    }
    assertEquals(List.of("work", "cudaStreamBeginCapture", "work", "cudaStreamEndCapture",
        "cudaGraphDestroy", "cudaGraphExecDestroy"), stream.log);
  }

  @Test
  void aStickyErrorOfTheWorkDuringTheCaptureIsThrown() {
    KernelException sticky = new KernelException("sf_unet_input_planned", ILLEGAL_ADDRESS,
        "an illegal memory access was encountered");
    ScriptedStream stream = new ScriptedStream().endReturns(ILLEGAL_ADDRESS)
        .workDuringCaptureThrows(sticky);
    try (CapturedStep step = step(stream)) {
      step.launch();
      assertSame(sticky, assertThrows(KernelException.class, step::launch));
      assertNull(step.captureFailure());
    }
    assertEquals(1, Collections.frequency(stream.log, "cudaStreamEndCapture"),
        "the stream left capture mode");
    assertFalse(stream.log.contains("cudaGetLastError"), "a sticky error cannot be cleared");
  }

  @Test
  void aStickyErrorAtTheEndOfTheCaptureIsThrown() {
    ScriptedStream stream = new ScriptedStream().endReturns(ILLEGAL_ADDRESS);
    try (CapturedStep step = step(stream)) {
      step.launch();
      CudaException e = assertThrows(CudaException.class, step::launch);
      assertEquals(ILLEGAL_ADDRESS, e.status());
      assertEquals("cudaStreamEndCapture failed: cudaError 700 (text of 700)", e.getMessage());
      assertNull(step.captureFailure());
    }
  }

  @Test
  void aCaptureThatCannotBeginRunsTheStepDirectly() {
    ScriptedStream stream = new ScriptedStream().beginReturns(CAPTURE_UNSUPPORTED);
    try (CapturedStep step = step(stream)) {
      launch(step, 3);
      assertEquals("cudaStreamBeginCapture failed: cudaError 900 (text of 900)",
          step.captureFailure());
      assertEquals(3, stream.stepsRan());
    }
    assertFalse(stream.log.contains("cudaStreamEndCapture"), "no capture was opened");
  }

  @Test
  void aGraphThatCannotBeInstantiatedRunsTheStepDirectly() {
    ScriptedStream stream = new ScriptedStream().instantiateReturns(INVALID_VALUE);
    try (CapturedStep step = step(stream)) {
      launch(step, 3);
      assertEquals("cudaGraphInstantiate failed: cudaError 1 (text of 1)",
          step.captureFailure());
      assertFalse(step.replaying());
      assertEquals(3, stream.stepsRan());
    }
    assertFalse(stream.log.contains("cudaGraphLaunch"));
  }

  @Test
  void aClosedStepRefusesToLaunch() {
    ScriptedStream stream = new ScriptedStream();
    CapturedStep step = step(stream);
    step.close();
    step.close();
    assertThrows(IllegalStateException.class, step::launch);
    assertEquals(List.of("cudaGraphExecDestroy"), stream.log);
  }
}
