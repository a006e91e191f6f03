package org.segfill.engine.sam;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.segfill.engine.backend.DType;
import org.segfill.engine.backend.Tensor;
import org.segfill.engine.image.RgbImage;
import org.segfill.kernels.ImageKernels;
import org.segfill.kernels.KernelTarget;

/** SAM pre-processing (contract A2) in the {@code sf_sam_preprocess} kernel on the CPU twin. */
final class KernelPreprocess implements SamSteps.Preprocess {

  private static final long[] SHAPE = {1, 3, SamFrame.SIDE, SamFrame.SIDE};
  private static final long ELEMENTS = 3L * SamFrame.SIDE * SamFrame.SIDE;

  private final ImageKernels kernels = new ImageKernels(KernelTarget.cpu());

  @Override
  public Tensor toInput(RgbImage image, SamFrame frame) {
    int w = image.width();
    int h = image.height();
    long workspaceBytes = ImageKernels.samPreprocessWorkspaceBytes(w, h);
    try (BytePointer rgb = new BytePointer(image.rgb());
        BytePointer workspace = new BytePointer(workspaceBytes);
        FloatPointer out = new FloatPointer(ELEMENTS)) {
      kernels.samPreprocess(rgb, w, h, ImageKernels.samPixelMean(), ImageKernels.samPixelStd(),
          out, workspace);
      return Tensor.ofBytes(DType.FLOAT32, SHAPE, out.asByteBuffer());
    }
  }
}
