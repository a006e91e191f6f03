package org.segfill.engine.sam;

import org.segfill.kernels.ImageKernels;

/**
 * Where an original {@code width x height} image lands in SAM's 1024x1024 input frame (model
 * contract A2 and A3): resized so the longest side is 1024, the other side rounded half up,
 * placed at the top-left and zero padded bottom and right.
 *
 * @param width original width in px
 * @param height original height in px
 * @param resizedWidth width inside the frame
 * @param resizedHeight height inside the frame
 */
public record SamFrame(int width, int height, int resizedWidth, int resizedHeight) {

  /** Side of the square model input. */
  public static final int SIDE = ImageKernels.SAM_SIDE;

  /** The frame of a {@code width x height} image, with the kernels' own rounding. */
  public static SamFrame of(int width, int height) {
    ImageKernels.Size resized = ImageKernels.samResizedSize(width, height);
    return new SamFrame(width, height, resized.width(), resized.height());
  }

  /**
   * An original-image coordinate in frame coordinates, scaled per axis by the rounded resized
   * size: {@code x * (resizedWidth / width)}, {@code y * (resizedHeight / height)}, in double and
   * then float, like {@code ResizeLongestSide.apply_coords}. Not rounded; the decoder adds the
   * half-pixel offset itself.
   */
  public float[] toFrame(double x, double y) {
    return new float[] {
      (float) (x * ((double) resizedWidth / width)), (float) (y * ((double) resizedHeight / height))
    };
  }

  /** Width times height of the original image. */
  public long pixels() {
    return (long) width * height;
  }
}
