package org.segfill.engine.sam;

import org.segfill.kernels.MaskKernels;
import org.segfill.place.PlaceBuffer;

/**
 * SAM mask post-processing (contract A5) in the {@code sf_sam_mask_postprocess} kernel on a
 * kernel place: upsample to 1024, crop to the resized size, resize to the original size and
 * threshold at 0, in one pass.
 */
final class KernelPostprocess implements SamSteps.Postprocess {

  /** SAM's {@code mask_threshold}, applied to logits. */
  static final float THRESHOLD = 0f;

  private static final int PLANE = MaskLogits.SIDE * MaskLogits.SIDE;

  private final LockedPlace place;
  private final MaskKernels kernels;

  KernelPostprocess(LockedPlace place) {
    this.place = place;
    this.kernels = new MaskKernels(place.target());
  }

  @Override
  public byte[][] toMasks(float[][] lowResLogits, SamFrame frame) {
    int planes = lowResLogits.length;
    if (planes == 0) {
      return new byte[0][];
    }
    // Every plane in one array, so one upload serves every candidate.
    float[] all = new float[Math.multiplyExact(planes, PLANE)];
    for (int i = 0; i < planes; i++) {
      if (lowResLogits[i].length != PLANE) {
        throw new IllegalArgumentException("lowResLogits[" + i + "]: " + PLANE + " values ("
            + MaskLogits.SIDE + "x" + MaskLogits.SIDE + ") expected, found "
            + lowResLogits[i].length);
      }
      System.arraycopy(lowResLogits[i], 0, all, i * PLANE, PLANE);
    }
    int n = Math.toIntExact(frame.pixels());
    byte[][] masks = new byte[planes][n];
    place.use(p -> {
      // One mask buffer serves every candidate (a 12 MP mask is 12 MB): each download waits for
      // its kernel, so the next kernel only overwrites a mask already copied out.
      try (PlaceBuffer logits = p.upload(all); PlaceBuffer out = p.allocate(n)) {
        for (int i = 0; i < planes; i++) {
          kernels.samPostprocess(logits.floats().position((long) i * PLANE), frame.width(),
              frame.height(), THRESHOLD, out.bytes());
          p.download(out, masks[i]);
        }
      }
    });
    return masks;
  }
}
