package org.segfill.engine.sam;

/**
 * The two SAM bundle layouts segfill loads (model contract, part 0 item 1). They share the image
 * pre-processing and the low-res logits; they differ in their decoder's prompts.
 */
public enum SamLayout {
  /**
   * Optimum's split export of {@code facebook/sam-vit-base}: {@code vision_encoder.onnx} and
   * {@code prompt_encoder_mask_decoder.onnx}. Points only; always three masks.
   */
  HF("hf", false, false),
  /**
   * An image-encoder export plus segment-anything's {@code export_onnx_model.py} decoder: points,
   * a box and refinement from the previous low-res logits.
   */
  SAM_ONNX("sam-onnx", true, true);

  private final String id;
  private final boolean box;
  private final boolean maskInput;

  SamLayout(String id, boolean box, boolean maskInput) {
    this.id = id;
    this.box = box;
    this.maskInput = maskInput;
  }

  /** The name used in bundle manifests, the CLI and the API: {@code hf} or {@code sam-onnx}. */
  public String id() {
    return id;
  }

  /** Whether the decoder takes a box prompt. */
  public boolean supportsBox() {
    return box;
  }

  /** Whether the decoder takes the previous prediction's low-res logits ({@code mask_input}). */
  public boolean supportsMaskInput() {
    return maskInput;
  }
}
