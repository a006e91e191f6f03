package org.segfill.engine.sam;

import java.util.Objects;
import org.segfill.engine.segment.Prompt;

/**
 * One click-to-mask request for SAM.
 *
 * @param prompt the clicks and the optional box, in original-image pixels
 * @param previous the logits of the previous prediction on the same image to refine, or null
 *     (sam-onnx bundles only)
 * @param multimask return SAM's three multimask candidates even for several clicks; one click
 *     (or a box alone) always gets three
 */
public record SamPrompt(Prompt prompt, MaskLogits previous, boolean multimask) {

  public SamPrompt {
    Objects.requireNonNull(prompt, "prompt");
  }

  /** A first click (or clicks and box) with no previous mask and automatic token choice. */
  public static SamPrompt of(Prompt prompt) {
    return new SamPrompt(prompt, null, false);
  }
}
