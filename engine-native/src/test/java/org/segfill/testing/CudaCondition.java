package org.segfill.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.segfill.devices.CudaProbe;
import org.segfill.devices.CudaReport;

/** The condition behind {@link RequiresCuda}: probes CUDA once per JVM. */
public final class CudaCondition implements ExecutionCondition {
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
