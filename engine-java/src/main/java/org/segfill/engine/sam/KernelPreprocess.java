package org.segfill.engine.sam;

import org.bytedeco.javacpp.FloatPointer;
import org.segfill.engine.backend.Tensor;
import org.segfill.engine.image.RgbImage;
import org.segfill.kernels.ImageKernels;
import org.segfill.place.KernelPlace;
import org.segfill.place.PlaceBuffer;

/** SAM pre-processing (contract A2) in the {@code sf_sam_preprocess} kernel on a kernel place. */
final class KernelPreprocess implements SamSteps.Preprocess {

  private static final long[] SHAPE = {1, 3, SamFrame.SIDE, SamFrame.SIDE};
  private static final int ELEMENTS = 3 * SamFrame.SIDE * SamFrame.SIDE;

  private final LockedPlace place;
  private final ImageKernels kernels;

  KernelPreprocess(LockedPlace place) {
    this.place = place;
    this.kernels = new ImageKernels(place.target());
  }

  @Override
  public Tensor toInput(RgbImage image, SamFrame frame) {
    long workspaceBytes = workspaceBytes(image, frame);
    float[] input = new float[ELEMENTS];
    place.use(p -> {
      try (PlaceBuffer rgb = p.upload(image.rgb());
          PlaceBuffer workspace = p.allocate(workspaceBytes);
          PlaceBuffer out = p.allocate((long) ELEMENTS * Float.BYTES)) {
        kernels.samPreprocess(rgb.bytes(), image.width(), image.height(),
            ImageKernels.samPixelMean(), ImageKernels.samPixelStd(), out.floats(),
            workspace.bytes());
        p.download(out, input);
      }
    });
    return Tensor.ofFloats(SHAPE, input);
  }

  /** The kernel writes straight into {@code out}: no tensor crosses to the host and back. */
  @Override
  public void into(KernelPlace target, RgbImage image, SamFrame frame, FloatPointer out) {
    long workspaceBytes = workspaceBytes(image, frame);
    try (PlaceBuffer rgb = target.upload(image.rgb());
        PlaceBuffer workspace = target.allocate(workspaceBytes)) {
      new ImageKernels(target.target()).samPreprocess(rgb.bytes(), image.width(),
          image.height(), ImageKernels.samPixelMean(), ImageKernels.samPixelStd(), out,
          workspace.bytes());
    }
  }

  // Checks the sides before anything is allocated; RgbImage guarantees rgb holds w * h * 3.
  private static long workspaceBytes(RgbImage image, SamFrame frame) {
    int w = image.width();
    int h = image.height();
    if (frame.width() != w || frame.height() != h) {
      throw new IllegalArgumentException("frame: " + frame.width() + "x" + frame.height()
          + " given for a " + w + "x" + h + " image");
    }
    return ImageKernels.samPreprocessWorkspaceBytes(w, h);
  }
}
