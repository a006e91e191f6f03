package org.segfill.engine.backend.tensorrt;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a plan's network was typed when it was built: which of the ONNX graph and the builder
 * decided the precision of each layer.
 */
public enum PlanTyping {

  /**
   * Strongly typed ({@code NetworkDefinitionCreationFlag::kSTRONGLY_TYPED}): every tensor keeps
   * the type the ONNX graph gives it, so an fp16 export runs in fp16 exactly where it says and
   * fp32 graphs run in fp32 (TF32 math); no precision builder flag is set.
   */
  @JsonProperty("strong")
  STRONG,

  /**
   * Weakly typed with {@code BuilderFlag::kFP16}: the builder may pick fp16 kernels for an fp32
   * export layer by layer (deprecated since TensorRT 10.12, still honoured throughout 10.x).
   */
  @JsonProperty("weak")
  WEAK;

  /** The word written to the manifest and the build log. */
  public String label() {
    return this == STRONG ? "strong" : "weak";
  }
}
