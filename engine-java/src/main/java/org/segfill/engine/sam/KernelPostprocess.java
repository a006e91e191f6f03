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
  public byte[][] toMasks(float[][] lowResLogits, SamFrame frame) {
    int n = Math.toIntExact(frame.pixels());
    byte[][] masks = new byte[lowResLogits.length][];
    // One pair of native buffers serves every candidate: a 12 MP mask is 12 MB to allocate.
    try (FloatPointer logits = new FloatPointer(MaskLogits.SIDE * MaskLogits.SIDE);
        BytePointer out = new BytePointer(n)) {
      for (int i = 0; i < masks.length; i++) {
        logits.put(lowResLogits[i]);
        kernels.samPostprocess(logits, frame.width(), frame.height(), THRESHOLD, out);
        masks[i] = new byte[n];
        out.get(masks[i]);
      }
    }
    return masks;
  }
}
