package org.segfill.engine.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.segfill.devices.CudaProbe;
import org.segfill.devices.CudaReport;

/**
 * Runs the test class or method only where a CUDA device is usable; elsewhere it is skipped with
 * the reason. (engine-native's test annotation of the same name is not on this module's test
 * class path.)
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresCuda.Condition.class)
public @interface RequiresCuda {

  /** The condition: probes CUDA once per JVM. */
  final class Condition implements ExecutionCondition {
    private static final CudaReport REPORT = CudaProbe.probe();

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      if (REPORT.available()) {
        return ConditionEvaluationResult.enabled("CUDA device present");
      }
      String reason = "GPU test skipped: " + REPORT.reason();
      System.out.println("[SKIPPED] " + context.getDisplayName() + " - " + reason);
      return ConditionEvaluationResult.disabled(reason);
    }
  }
}
