package org.segfill.models.engines;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.segfill.engine.backend.tensorrt.PlanTyping;
import org.segfill.models.onnx.OnnxFloatTypes;

/**
 * How one graph's plan is typed and in which precision it runs, decided from the ONNX file
 * before any TensorRT call. An export that already carries 16-bit types is built strongly typed,
 * so TensorRT keeps them exactly as exported; an fp32 export whose plan should run in fp16 is
 * built weakly typed with {@code BuilderFlag::kFP16} (deprecated since TensorRT 10.12, honoured
 * throughout 10.x); an fp32 export that must stay fp32 (a VAE that is not fp16-safe) is built
 * strongly typed in fp32 with TF32. An fp16 graph whose plan must not run in fp16 is refused, and
 * so is a graph with bf16 inputs or outputs (bf16 weights behind fp16 or fp32 I/O are fine).
 *
 * @param typing strong or weak
 * @param precision the manifest's precision: "fp16", "bf16", "fp16+bf16" or "tf32"
 * @param why one phrase for the build log saying why this typing was chosen
 */
public record PlanPrecision(PlanTyping typing, String precision, String why) {

  /**
   * The typing of the plan built from {@code source} under {@code plan}.
   *
   * @param source the ONNX file, named in the refusal
   * @param types the float types of its inputs and weights
   * @throws IllegalArgumentException for a graph with bf16 inputs or outputs, or an fp16 graph
   *     whose plan must not run in fp16 (the VAE of a bundle whose VAE is not known to be
   *     fp16-safe, contract part 0 item 9)
   */
  public static PlanPrecision decide(Path source, GraphPlan plan, OnnxFloatTypes types) {
    if (types.bf16Io()) {
      throw new IllegalArgumentException(source + ": " + bf16Io(types) + " bfloat16. A plan"
          + " keeps its graph's input and output types (a strongly typed build infers every"
          + " other type from them and the graph's own Casts), and segfill's TensorRT runtime"
          + " feeds and reads plan inputs and outputs only as fp32 or fp16 (fp16 ones converted"
          + " on the GPU), so this plan could not be run. Export the graph with fp16 or fp32"
          + " inputs and outputs (optimum-cli --dtype fp16, or without --dtype); bf16 weights"
          + " inside the graph are fine, they build strongly typed behind Casts");
    }
    if (types.fp16() && !plan.fp16()) {
      throw new IllegalArgumentException(source + ": an fp16 graph, but " + plan.plan()
          + " must not run in fp16: the bundle's VAE is not known to be fp16-safe"
          + " (vae_decoder/config.json says force_upcast: true, or has no force_upcast; model"
          + " contract part 0 item 9), and a plan built from this graph would run in fp16 as"
          + " exported (NaNs, black images). Replace vae_encoder/ and vae_decoder/ with an fp32"
          + " export (optimum-cli without --dtype), or, if this is the fp16-fix VAE"
          + " (madebyollin/sdxl-vae-fp16-fix), set \"force_upcast\": false in"
          + " vae_decoder/config.json (models/README.md)");
    }
    if (types.reduced()) {
      return new PlanPrecision(PlanTyping.STRONG, types.reducedLabel(),
          "strongly typed, keeping the export's " + types.reducedLabel() + " types");
    }
    if (plan.fp16()) {
      return new PlanPrecision(PlanTyping.WEAK, "fp16", "weakly typed with kFP16: an fp32"
          + " export (deprecated since TensorRT 10.12; an fp16 export, optimum-cli --dtype fp16,"
          + " would build strongly typed)");
    }
    return new PlanPrecision(PlanTyping.STRONG, "tf32",
        "strongly typed, keeping the fp32 export in fp32 with TF32");
  }

  // "input 'x' is", "inputs 'a', 'b' and output 'y' are".
  private static String bf16Io(OnnxFloatTypes types) {
    List<String> parts = new ArrayList<>();
    if (!types.bf16Inputs().isEmpty()) {
      parts.add(named(types.bf16Inputs().size() == 1 ? "input" : "inputs", types.bf16Inputs()));
    }
    if (!types.bf16Outputs().isEmpty()) {
      parts.add(named(types.bf16Outputs().size() == 1 ? "output" : "outputs",
          types.bf16Outputs()));
    }
    int count = types.bf16Inputs().size() + types.bf16Outputs().size();
    return String.join(" and ", parts) + (count == 1 ? " is" : " are");
  }

  private static String named(String role, List<String> names) {
    return role + " " + String.join(", ", names.stream().map(n -> "'" + n + "'").toList());
  }
}
