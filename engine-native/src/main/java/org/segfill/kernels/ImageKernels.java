package org.segfill.kernels;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.segfill.kernels.binding.ImageLib;

/**
 * Image to tensor and back: PIL-exact resampling, SAM and VAE pre-processing (model contract A2
 * and B6) and the VAE output conversion (B9). Images are interleaved 8-bit HWC; tensors are
 * float NCHW with batch 1.
 */
public final class ImageKernels {
  /** Largest image side the kernels accept. */
  public static final int MAX_SIDE = 32768;
  /** SAM's square input side. */
  public static final int SAM_SIDE = 1024;

  /** Resampling filters, as PIL names them. */
  public enum Filter {
    /** PIL BILINEAR: triangle filter, widened when downscaling. */
    BILINEAR(1),
    /** PIL LANCZOS: Lanczos3, widened when downscaling. */
    LANCZOS3(2);

    final int code;

    Filter(int code) {
      this.code = code;
    }
  }

  private final KernelTarget target;

  public ImageKernels(KernelTarget target) {
    this.target = Args.notNull("target", target);
  }

  /** Workspace bytes {@link #resample} needs. */
  public static long resampleWorkspaceBytes(
      int inW, int inH, int outW, int outH, int channels, Filter filter) {
    checkSize("in", inW, inH);
    checkSize("out", outW, outH);
    Args.inRange("channels", channels, 1, 4);
    Args.notNull("filter", filter);
    return ImageLib.sf_resample_workspace_bytes(inW, inH, outW, outH, channels, filter.code);
  }

  /** Resizes like PIL's {@code Image.resize(size, filter)}; bytes identical to Pillow's. */
  public void resample(BytePointer in, int inW, int inH, int channels, BytePointer out, int outW,
      int outH, Filter filter, BytePointer workspace) {
    long need = resampleWorkspaceBytes(inW, inH, outW, outH, channels, filter);
    Args.elements("in", in, Args.product("in", inW, inH, channels));
    Args.elements("out", out, Args.product("out", outW, outH, channels));
    Args.elements("workspace", workspace, need);
    Status.check("sf_resample_u8", ImageLib.sf_resample_u8(device(), target.stream(), in, inW,
        inH, channels, out, outW, outH, filter.code, workspace));
  }

  /** SAM's resized size {width, height} for a w x h image (longest side 1024, contract A2). */
  public static int[] samResizedSize(int w, int h) {
    checkSize("image", w, h);
    int[] rw = new int[1];
    int[] rh = new int[1];
    ImageLib.sf_sam_resized_size(w, h, rw, rh);
    return new int[] {rw[0], rh[0]};
  }

  /** Workspace bytes {@link #samPreprocess} needs. */
  public static long samPreprocessWorkspaceBytes(int w, int h) {
    checkSize("image", w, h);
    return ImageLib.sf_sam_preprocess_workspace_bytes(w, h);
  }

  /**
   * SAM pre-processing of an RGB image into {@code out} [1,3,1024,1024]: bilinear resize of the
   * longest side to 1024, (x - mean) / std per channel on the 0-255 scale, zero pad bottom/right.
   */
  public void samPreprocess(BytePointer rgb, int w, int h, float[] mean, float[] std,
      FloatPointer out, BytePointer workspace) {
    long need = samPreprocessWorkspaceBytes(w, h);
    Args.elements("rgb", rgb, Args.product("rgb", w, h, 3));
    checkTriple("mean", mean, false);
    checkTriple("std", std, true);
    Args.elements("out", out, 3L * SAM_SIDE * SAM_SIDE);
    Args.elements("workspace", workspace, need);
    Status.check("sf_sam_preprocess", ImageLib.sf_sam_preprocess(device(), target.stream(), rgb,
        w, h, mean.clone(), std.clone(), out, workspace));
  }

  /** Workspace bytes {@link #vaePreprocess} needs. */
  public static long vaePreprocessWorkspaceBytes(int w, int h, int outW, int outH) {
    checkSize("image", w, h);
    checkSize("out", outW, outH);
    return ImageLib.sf_vae_preprocess_workspace_bytes(w, h, outW, outH);
  }

  /** VAE pre-processing: Lanczos resize to outW x outH, x / 255 * 2 - 1, NCHW float. */
  public void vaePreprocess(BytePointer rgb, int w, int h, FloatPointer out, int outW, int outH,
      BytePointer workspace) {
    long need = vaePreprocessWorkspaceBytes(w, h, outW, outH);
    Args.elements("rgb", rgb, Args.product("rgb", w, h, 3));
    Args.elements("out", out, Args.product("out", 3, outW, outH));
    Args.elements("workspace", workspace, need);
    Status.check("sf_vae_preprocess", ImageLib.sf_vae_preprocess(device(), target.stream(), rgb,
        w, h, out, outW, outH, workspace));
  }

  /** VAE output [1,3,h,w] to RGB bytes: clamp(x / 2 + 0.5, 0, 1) * 255, half to even; NaN is 0. */
  public void tensorToImage(FloatPointer nchw, int w, int h, BytePointer rgb) {
    checkSize("image", w, h);
    Args.elements("nchw", nchw, Args.product("nchw", 3, w, h));
    Args.elements("rgb", rgb, Args.product("rgb", w, h, 3));
    Status.check("sf_tensor_to_image",
        ImageLib.sf_tensor_to_image(device(), target.stream(), nchw, w, h, rgb));
  }

  private static void checkSize(String what, int w, int h) {
    Args.inRange(what + " width", w, 1, MAX_SIDE);
    Args.inRange(what + " height", h, 1, MAX_SIDE);
  }

  private static void checkTriple(String name, float[] values, boolean nonZero) {
    Args.notNull(name, values);
    if (values.length != 3) {
      throw new IllegalArgumentException(name + " must have 3 values, got " + values.length);
    }
    for (int c = 0; c < 3; c++) {
      Args.finite(name + "[" + c + "]", values[c]);
      if (nonZero && values[c] == 0f) {
        throw new IllegalArgumentException(name + "[" + c + "] must not be 0");
      }
    }
  }

  private int device() {
    return target.device().code();
  }
}
