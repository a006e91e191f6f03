package org.segfill.models.engines;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.segfill.devices.CudaProbe;
import org.segfill.devices.TensorRtProbe;

/**
 * Runs the test class only where a CUDA device and TensorRT are usable; elsewhere each test is
 * skipped with the reason (e.g. "CUDA: no CUDA driver: libcuda.so.1 not found").
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresTensorRt.Condition.class)
@interface RequiresTensorRt {

  /** The condition: both probes run once per JVM. */
  final class Condition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      String reason = !CudaProbe.available() ? "CUDA: " + CudaProbe.probe().reason()
          : !TensorRtProbe.probe().available() ? "TensorRT: " + TensorRtProbe.probe().reason()
          : null;
      if (reason == null) {
        return ConditionEvaluationResult.enabled("CUDA device and TensorRT present");
      }
      String why = "GPU test skipped: " + reason;
      System.out.println("[SKIPPED] " + context.getDisplayName() + " - " + why);
      return ConditionEvaluationResult.disabled(why);
    }
  }
}
