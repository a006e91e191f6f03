package org.segfill.kernels;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.segfill.kernels.binding.ImageLib;

/**
 * Image kernels: PIL-exact resampling of 8-bit interleaved images, SAM and VAE pre-processing
 * into NCHW float tensors, and VAE output back to RGB bytes. Scratch memory is a caller-owned
 * workspace (device memory on CUDA) whose size the static {@code *WorkspaceBytes} methods give.
 */
public final class ImageKernels {
  /** Largest accepted image side; keeps every CUDA grid and 32-bit row index within limits. */
  public static final int MAX_SIDE = 1 << 16;

  /** SAM's square input side (model contract A1). */
  public static final int SAM_SIDE = 1024;

  private static final float[] SAM_PIXEL_MEAN = {123.675f, 116.28f, 103.53f};
  private static final float[] SAM_PIXEL_STD = {58.395f, 57.12f, 57.375f};

  private final KernelTarget target;

  public ImageKernels(KernelTarget target) {
    this.target = Args.notNull("target", target);
  }

  /** Resampling filters, matching PIL's resample argument. */
  public enum Filter {
    /** PIL Image.BILINEAR: triangle, support 1 (widened when downscaling). */
    BILINEAR(ImageLib.SF_FILTER_BILINEAR),
    /** PIL Image.LANCZOS: Lanczos3, support 3 (widened when downscaling). */
    LANCZOS3(ImageLib.SF_FILTER_LANCZOS3);

    private final int code;

    Filter(int code) {
      this.code = code;
    }

    int code() {
      return code;
    }
  }

  /** A width and height in pixels. */
  public record Size(int width, int height) {}

  /** SAM's pixel mean per RGB channel on the 0-255 scale (a fresh copy). */
  public static float[] samPixelMean() {
    return SAM_PIXEL_MEAN.clone();
  }

  /** SAM's pixel standard deviation per RGB channel on the 0-255 scale (a fresh copy). */
  public static float[] samPixelStd() {
    return SAM_PIXEL_STD.clone();
  }

  /** Workspace bytes {@link #resample} needs for these sizes. */
  public static long resampleWorkspaceBytes(
      int inW, int inH, int outW, int outH, int channels, Filter filter) {
    side("inW", inW);
    side("inH", inH);
    side("outW", outW);
    side("outH", outH);
    Args.inRange("channels", channels, 1, 4);
    Args.notNull("filter", filter);
    return ImageLib.sf_resample_workspace_bytes(inW, inH, outW, outH, channels, filter.code());
  }

  /**
   * Resizes an interleaved HWC image of 1 to 4 channels exactly as PIL's Image.resize does for
   * 8-bit modes whose channels are independent (L, RGB, RGBX, CMYK). PIL premultiplies alpha
   * for RGBA and LA; this does not.
   */
  public void resample(
      BytePointer in,
      int inW,
      int inH,
      int channels,
      BytePointer out,
      int outW,
      int outH,
      Filter filter,
      BytePointer workspace) {
    long bytes = resampleWorkspaceBytes(inW, inH, outW, outH, channels, filter);
    Args.elements("in", in, Args.product("in", inW, inH, channels));
    Args.elements("out", out, Args.product("out", outW, outH, channels));
    Args.elements("workspace", workspace, bytes);
    Status.check(
        "sf_resample_u8",
        ImageLib.sf_resample_u8(
            device(), target.stream(), in, inW, inH, channels, out, outW, outH, filter.code(),
            workspace));
  }

  /** The size SAM resizes a w x h image to: longest side 1024, the other rounded half up. */
  public static Size samResizedSize(int w, int h) {
    side("w", w);
    side("h", h);
    int[] rw = new int[1];
    int[] rh = new int[1];
    ImageLib.sf_sam_resized_size(w, h, rw, rh);
    return new Size(rw[0], rh[0]);
  }

  /** Workspace bytes {@link #samPreprocess} needs for a w x h image. */
  public static long samPreprocessWorkspaceBytes(int w, int h) {
    side("w", w);
    side("h", h);
    return ImageLib.sf_sam_preprocess_workspace_bytes(w, h);
  }

  /**
   * SAM pre-processing (contract A2): RGB HWC w x h -> PIL bilinear resize to
   * {@link #samResizedSize} -> (x - mean[c]) / std[c] -> zero pad bottom/right -> float NCHW
   * [1,3,1024,1024] in {@code out}.
   */
  public void samPreprocess(
      BytePointer rgb, int w, int h, float[] mean, float[] std, FloatPointer out,
      BytePointer workspace) {
    long bytes = samPreprocessWorkspaceBytes(w, h);
    Args.elements("rgb", rgb, Args.product("rgb", w, h, 3));
    rgbTriple("mean", mean, false);
    rgbTriple("std", std, true);
    Args.elements("out", out, 3L * SAM_SIDE * SAM_SIDE);
    Args.elements("workspace", workspace, bytes);
    Status.check(
        "sf_sam_preprocess",
        ImageLib.sf_sam_preprocess(
            device(), target.stream(), rgb, w, h, mean, std, out, workspace));
  }

  /** Workspace bytes {@link #vaePreprocess} needs. */
  public static long vaePreprocessWorkspaceBytes(int w, int h, int outW, int outH) {
    side("w", w);
    side("h", h);
    side("outW", outW);
    side("outH", outH);
    return ImageLib.sf_vae_preprocess_workspace_bytes(w, h, outW, outH);
  }

  /**
   * VAE pre-processing (contract B6): RGB HWC w x h -> PIL LANCZOS resize to outW x outH ->
   * x / 255 * 2 - 1 in float32 -> NCHW [1,3,outH,outW] in {@code out}.
   */
  public void vaePreprocess(
      BytePointer rgb, int w, int h, FloatPointer out, int outW, int outH,
      BytePointer workspace) {
    long bytes = vaePreprocessWorkspaceBytes(w, h, outW, outH);
    Args.elements("rgb", rgb, Args.product("rgb", w, h, 3));
    Args.elements("out", out, Args.product("out", 3, outW, outH));
    Args.elements("workspace", workspace, bytes);
    Status.check(
        "sf_vae_preprocess",
        ImageLib.sf_vae_preprocess(
            device(), target.stream(), rgb, w, h, out, outW, outH, workspace));
  }

  /**
   * VAE output (contract B9): float NCHW [1,3,h,w] -> clamp(x / 2 + 0.5, 0, 1) * 255 rounded half
   * to even -> RGB HWC bytes. NaN becomes 0.
   */
  public void tensorToImage(FloatPointer nchw, int w, int h, BytePointer rgb) {
    side("w", w);
    side("h", h);
    long n = Args.product("image", 3, w, h);
    Args.elements("nchw", nchw, n);
    Args.elements("rgb", rgb, n);
    Status.check(
        "sf_tensor_to_image",
        ImageLib.sf_tensor_to_image(device(), target.stream(), nchw, w, h, rgb));
  }

  private static int side(String name, int value) {
    return Args.inRange(name, value, 1, MAX_SIDE);
  }

  private static void rgbTriple(String name, float[] values, boolean positive) {
    Args.notNull(name, values);
    if (values.length != 3) {
      throw new IllegalArgumentException(name + " must hold 3 values, got " + values.length);
    }
    for (int c = 0; c < 3; c++) {
      Args.finite(name + "[" + c + "]", values[c]);
      if (positive && !(values[c] > 0)) {
        throw new IllegalArgumentException(name + "[" + c + "] must be > 0, got " + values[c]);
      }
    }
  }

  private int device() {
    return target.device().code();
  }
}
