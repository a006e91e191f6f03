package org.segfill.engine.sam;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.segfill.kernels.KernelTarget;
import org.segfill.kernels.MaskKernels;

/**
 * SAM mask post-processing (contract A5) in the {@code sf_sam_mask_postprocess} kernel: upsample
 * to 1024, crop to the resized size, resize to the original size and threshold at 0, in one pass.
 */
final class KernelPostprocess implements SamSteps.Postprocess {

  /** SAM's {@code mask_threshold}, applied to logits. */
  static final float THRESHOLD = 0f;

  private final MaskKernels kernels = new MaskKernels(KernelTarget.cpu());

  @Override
  public byte[] toMask(float[] lowResLogits, SamFrame frame) {
    byte[] mask = new byte[Math.toIntExact(frame.pixels())];
    try (FloatPointer logits = new FloatPointer(lowResLogits);
        BytePointer out = new BytePointer(mask.length)) {
      kernels.samPostprocess(logits, frame.width(), frame.height(), THRESHOLD, out);
      out.get(mask);
    }
    return mask;
  }
}
