package org.segfill.kernels;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.segfill.kernels.binding.MaskLib;

/**
 * Mask kernels over 8-bit masks (one byte per pixel, row-major, non-zero = selected): binary ops,
 * SAM post-processing, morphology, feathering, brush strokes and blending.
 */
public final class MaskKernels {
  /** Largest accepted image side; offsets stay far from int overflow in the kernels. */
  public static final int MAX_SIDE = 32768;

  /** Side of SAM's low-res logits grid. */
  public static final int SAM_LOW_RES = 256;

  /** Largest grow/shrink radius in pixels. */
  public static final int MAX_MORPH_RADIUS = 4096;

  /** Largest feather radius: the Gaussian taps are passed to the kernel by value. */
  public static final int MAX_FEATHER_RADIUS = 255;

  /** Largest brush radius in pixels. */
  public static final float MAX_STROKE_RADIUS = 65536f;

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

  /**
   * SAM mask post-processing (model contract A5) in one pass: 256x256 low-res logits to an
   * origW x origH mask, 255 where the interpolated logit is above {@code threshold}.
   */
  public void samPostprocess(
      FloatPointer lowResLogits, int origW, int origH, float threshold, BytePointer out) {
    long n = pixels(origW, origH, "origW", "origH");
    Args.elements("lowResLogits", lowResLogits, (long) SAM_LOW_RES * SAM_LOW_RES);
    Args.elements("out", out, n);
    Args.finite("threshold", threshold);
    Status.check(
        "sf_sam_mask_postprocess",
        MaskLib.sf_sam_mask_postprocess(
            device(), target.stream(), lowResLogits, origW, origH, threshold, out));
  }

  /** torch "nearest" resize of a w x h mask to outW x outH floats in [0, 1]. */
  public void downsampleNearest(BytePointer in, int w, int h, FloatPointer out, int outW, int outH) {
    long n = pixels(w, h, "w", "h");
    long outN = pixels(outW, outH, "outW", "outH");
    Args.elements("in", in, n);
    Args.elements("out", out, outN);
    Status.check(
        "sf_mask_downsample_nearest",
        MaskLib.sf_mask_downsample_nearest(device(), target.stream(), in, w, h, out, outW, outH));
  }

  /** Workspace bytes {@link #grow} and {@link #shrink} need for a w x h mask. */
  public static long morphWorkspaceBytes(int w, int h) {
    pixels(w, h, "w", "h");
    return MaskLib.sf_mask_morph_workspace_bytes(w, h);
  }

  /** Dilates a mask with the disk of the given radius (binarised output, not in place). */
  public void grow(BytePointer in, BytePointer out, int w, int h, int radius, BytePointer workspace) {
    morph(in, out, w, h, radius, false, workspace);
  }

  /** Erodes a mask with the disk of the given radius; the image border does not erode. */
  public void shrink(
      BytePointer in, BytePointer out, int w, int h, int radius, BytePointer workspace) {
    morph(in, out, w, h, radius, true, workspace);
  }

  /** Workspace bytes {@link #feather} needs for a w x h mask. */
  public static long featherWorkspaceBytes(int w, int h) {
    pixels(w, h, "w", "h");
    return MaskLib.sf_mask_feather_workspace_bytes(w, h);
  }

  /** Gaussian feathering (sigma = radius / 3) in exact fixed point; not in place. */
  public void feather(
      BytePointer in, BytePointer out, int w, int h, int radius, BytePointer workspace) {
    checkNeighbourhoodOp(in, out, w, h, radius, MAX_FEATHER_RADIUS, workspace,
        featherWorkspaceBytes(w, h));
    Status.check(
        "sf_mask_feather_u8",
        MaskLib.sf_mask_feather_u8(device(), target.stream(), in, out, w, h, radius, workspace));
  }

  /**
   * Paints (or erases) every pixel whose centre (x + 0.5, y + 0.5) lies within {@code radius} of
   * the polyline through {@code npoints} (x, y) pairs, in place. Points live where the mask lives;
   * a segment with a non-finite coordinate paints nothing.
   */
  public void stroke(
      BytePointer mask,
      int w,
      int h,
      FloatPointer pointsXy,
      int npoints,
      float radius,
      boolean erase) {
    long n = pixels(w, h, "w", "h");
    Args.elements("mask", mask, n);
    Args.positive("npoints", npoints);
    Args.elements("pointsXy", pointsXy, 2L * npoints);
    Args.inRange("radius", radius, 0f, MAX_STROKE_RADIUS);
    Status.check(
        "sf_mask_stroke_u8",
        MaskLib.sf_mask_stroke_u8(
            device(), target.stream(), mask, w, h, pointsXy, npoints, radius, erase ? 1 : 0));
  }

  /**
   * Composites the rw x rh generated region at (x0, y0) over the w x h original through an 8-bit
   * alpha: (original * (255 - a) + generated * a + 127) / 255. {@code out} is the original (in
   * place) or a buffer that does not overlap it.
   */
  public void blend(
      BytePointer original,
      int w,
      int h,
      int channels,
      BytePointer generated,
      BytePointer alpha,
      int x0,
      int y0,
      int rw,
      int rh,
      BytePointer out) {
    long n = pixels(w, h, "w", "h");
    if (channels != 1 && channels != 3 && channels != 4) {
      throw new IllegalArgumentException("channels must be 1, 3 or 4, got " + channels);
    }
    long regionN = pixels(rw, rh, "rw", "rh");
    Args.inRange("rw", rw, 1, w);
    Args.inRange("rh", rh, 1, h);
    Args.inRange("x0", x0, 0, w - rw);
    Args.inRange("y0", y0, 0, h - rh);
    Args.elements("original", original, n * channels);
    Args.elements("generated", generated, regionN * channels);
    Args.elements("alpha", alpha, regionN);
    Args.elements("out", out, n * channels);
    if (address(out) != address(original)) {
      disjoint("original", original, "out", out, n * channels);
    }
    Status.check(
        "sf_blend_u8",
        MaskLib.sf_blend_u8(
            device(), target.stream(), original, w, h, channels, generated, alpha, x0, y0, rw, rh,
            out));
  }

  /** Checks a w x h mask op that reads a radius around each pixel into a separate output. */
  private static void checkNeighbourhoodOp(BytePointer in, BytePointer out, int w, int h,
      int radius, int maxRadius, BytePointer workspace, long workspaceBytes) {
    long n = pixels(w, h, "w", "h");
    Args.elements("in", in, n);
    Args.elements("out", out, n);
    Args.inRange("radius", radius, 0, maxRadius);
    Args.elements("workspace", workspace, workspaceBytes);
    disjoint("in", in, "out", out, n);
  }

  private void morph(
      BytePointer in, BytePointer out, int w, int h, int radius, boolean erode,
      BytePointer workspace) {
    checkNeighbourhoodOp(in, out, w, h, radius, MAX_MORPH_RADIUS, workspace,
        morphWorkspaceBytes(w, h));
    Status.check(
        "sf_mask_morph_u8",
        MaskLib.sf_mask_morph_u8(
            device(), target.stream(), in, out, w, h, radius, erode ? 1 : 0, workspace));
  }

  private static long pixels(int w, int h, String wName, String hName) {
    Args.inRange(wName, w, 1, MAX_SIDE);
    Args.inRange(hName, h, 1, MAX_SIDE);
    return (long) w * h;
  }

  private static long address(BytePointer p) {
    return p.address() + p.position();
  }

  private static void disjoint(String aName, BytePointer a, String bName, BytePointer b, long n) {
    long pa = address(a);
    long pb = address(b);
    if (pa < pb + n && pb < pa + n) {
      throw new IllegalArgumentException(aName + " and " + bName + " must not overlap");
    }
  }

  private int device() {
    return target.device().code();
  }
}
