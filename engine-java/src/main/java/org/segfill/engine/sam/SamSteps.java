package org.segfill.engine.sam;

import java.util.Objects;
import org.bytedeco.javacpp.FloatPointer;
import org.segfill.engine.backend.Tensor;
import org.segfill.engine.image.RgbImage;
import org.segfill.place.KernelPlace;

/**
 * The four steps of a SAM prediction that model contract D1-D4 names as the likeliest mistakes.
 * The predictor always runs {@link #standard(KernelPlace)}; the package-private seam exists so
 * tests can swap one step for a known mistake and prove that the tests catch it.
 */
record SamSteps(
    Preprocess preprocess, Coordinates coordinates, PromptRules rules, Postprocess postprocess) {

  SamSteps {
    Objects.requireNonNull(preprocess, "preprocess");
    Objects.requireNonNull(coordinates, "coordinates");
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(postprocess, "postprocess");
  }

  /** Image to the encoder's float32 [1,3,1024,1024] input (contract A2). */
  interface Preprocess {
    Tensor toInput(RgbImage image, SamFrame frame);

    /**
     * The same input written to {@code out}, memory of {@code place} (a device run's input
     * buffer), with the work ordered on that place. By default the host tensor, copied in.
     */
    default void into(KernelPlace place, RgbImage image, SamFrame frame, FloatPointer out) {
      place.write(toInput(image, frame).toFloatArray(), out);
    }
  }

  /** Original-image coordinates to the 1024 frame (contract A3). */
  interface Coordinates {
    float[] toFrame(SamFrame frame, double x, double y);
  }

  /** The sam-onnx decoder's prompt conventions (contract A3, A4). */
  interface PromptRules {
    /** Whether the caller appends the (0, 0) point labelled -1. */
    boolean appendPadPoint(boolean hasBox);

    /** Whether token 0 alone is the answer, given every point fed (pad and corners included). */
    boolean singleMaskToken(int decoderPoints);
  }

  /** 256x256 low-res logits to 0/255 masks at the original size (contract A5), one per plane. */
  interface Postprocess {
    byte[][] toMasks(float[][] lowResLogits, SamFrame frame);
  }

  /** The contract's steps, on the CPU twin of the kernels. */
  static SamSteps standard() {
    return standard(KernelPlace.cpu());
  }

  /**
   * The contract's steps, with pre- and post-processing on {@code place}, which they take in
   * turns and do not close.
   */
  static SamSteps standard(KernelPlace place) {
    LockedPlace shared = new LockedPlace(place);
    return new SamSteps(
        new KernelPreprocess(shared),
        SamFrame::toFrame,
        new PromptRules() {
          @Override
          public boolean appendPadPoint(boolean hasBox) {
            return !hasBox;
          }

          @Override
          public boolean singleMaskToken(int decoderPoints) {
            // The export's own rule: score = iou + (N - 2.5) * [1000, 0, 0, 0].
            return decoderPoints > 2;
          }
        },
        new KernelPostprocess(shared));
  }
}
