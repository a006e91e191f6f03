package org.segfill.kernels;

import org.bytedeco.javacpp.BytePointer;
import org.segfill.kernels.binding.MaskLib;

/**
 * Mask kernels over 8-bit masks (one byte per pixel, row-major, non-zero = selected): binary ops,
 * SAM post-processing, morphology, feathering, brush strokes and blending.
 */
public final class MaskKernels {
  private final KernelTarget target;

  public MaskKernels(KernelTarget target) {
    this.target = Args.notNull("target", target);
  }

  /** out[i] = in[i] >= threshold ? 255 : 0. In place is allowed. */
  public void binarize(BytePointer in, BytePointer out, long n, int threshold) {
    Args.positive("n", n);
    Args.elements("in", in, n);
    Args.elements("out", out, n);
    Args.inRange("threshold", threshold, 0, 256);
    Status.check(
        "sf_mask_binarize_u8",
        MaskLib.sf_mask_binarize_u8(device(), target.stream(), in, out, n, threshold));
  }

  /** out[i] = 255 - in[i]. In place is allowed. */
  public void invert(BytePointer in, BytePointer out, long n) {
    Args.positive("n", n);
    Args.elements("in", in, n);
    Args.elements("out", out, n);
    Status.check(
        "sf_mask_invert_u8", MaskLib.sf_mask_invert_u8(device(), target.stream(), in, out, n));
  }

  private int device() {
    return target.device().code();
  }
}
