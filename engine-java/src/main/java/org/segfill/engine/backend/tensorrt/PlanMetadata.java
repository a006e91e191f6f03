package org.segfill.engine.backend.tensorrt;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.segfill.engine.backend.TensorSpec;

/**
 * What {@code segfill build-engines} records next to one plan.
 *
 * @param source the ONNX graph, relative to the bundle directory (e.g. {@code unet/model.onnx})
 * @param plan the plan file, relative to the engines directory (e.g. {@code unet.plan})
 * @param sourceSha256 SHA-256 of the ONNX file (external data files are hashed in
 *     {@code externalData})
 * @param externalData SHA-256 of each external-data file, as "relative/path=hex"
 * @param planSha256 SHA-256 of the plan bytes; a plan whose bytes differ is refused
 * @param builtOn the TensorRT version and GPU the plan was built on
 * @param precision the floating-point precision the plan runs in: "fp16" (an fp16 export, or an
 *     fp32 export built with kFP16), "bf16" (a bf16 export), or "tf32" (an fp32 export kept in
 *     fp32, such as a VAE that is not fp16-safe)
 * @param typing how the network was typed: strongly (the ONNX types decide) or weakly with
 *     kFP16 (the builder decides, for fp32 exports that should run in fp16)
 * @param profiles the optimisation profiles, in profile-index order
 * @param sourceInputs the ONNX graph's inputs; one the plan no longer needs (the sam-onnx
 *     decoder's {@code orig_im_size} once {@code masks} is dropped) is accepted and ignored
 * @param droppedOutputs graph outputs the plan does not produce: those segfill never reads,
 *     including the sam-onnx decoder's data-dependent {@code masks}
 */
public record PlanMetadata(String source, String plan, String sourceSha256,
    List<String> externalData, String planSha256, RuntimeIdentity builtOn, String precision,
    PlanTyping typing, List<List<InputShapes>> profiles, List<TensorSpec> sourceInputs,
    List<String> droppedOutputs) {

  public PlanMetadata {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(sourceSha256, "sourceSha256");
    externalData = List.copyOf(externalData);
    Objects.requireNonNull(planSha256, "planSha256");
    Objects.requireNonNull(builtOn, "builtOn");
    Objects.requireNonNull(precision, "precision");
    Objects.requireNonNull(typing, "typing");
    profiles = profiles.stream().map(List::copyOf).toList();
    sourceInputs = List.copyOf(sourceInputs);
    droppedOutputs = List.copyOf(droppedOutputs);
  }

  /**
   * Why this plan must not be loaded on {@code running}, with the fix; empty if it matches in
   * TensorRT version, GPU name and compute capability.
   */
  public Optional<String> mismatch(RuntimeIdentity running) {
    boolean same = builtOn.tensorrtVersion().equals(running.tensorrtVersion())
        && builtOn.gpuName().equals(running.gpuName())
        && builtOn.computeCapability().equals(running.computeCapability());
    if (same) {
      return Optional.empty();
    }
    return Optional.of(plan + " was built with " + builtOn + "; this is " + running
        + "; plans only load where they were built: rebuild with segfill build-engines");
  }
}
