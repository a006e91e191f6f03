package org.segfill.engine.sam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.segfill.engine.backend.Tensor;
import org.segfill.engine.image.RgbImage;
import org.segfill.models.sam.SamBundlesFixture;
import org.segfill.models.sam.SegmentationChecks;
import org.segfill.models.testbundle.TestBundles;
import org.segfill.models.testbundle.TwoShapesScene;

/**
 * Mutation tests: each of model contract D1-D4's mistakes is injected, one at a time, through
 * the predictor's package-private {@link SamSteps} seam, and the click-to-mask scenarios of
 * {@link SegmentationChecks} must then fail. (This class sits in the engine's package, in the
 * models test tree, to reach the seam.)
 */
class SamContractMistakesTest {

  /** The mistakes, each as a change to the standard steps. */
  enum Mistake {
    SWAP_XY(s -> withCoordinates(s, (f, x, y) -> {
      float[] p = f.toFrame(x, y);
      return new float[] {p[1], p[0]};
    })),
    NO_PER_AXIS_SCALE(s -> withCoordinates(s, (f, x, y) -> new float[] {(float) x, (float) y})),
    PAD_TOP_LEFT(s -> withPreprocess(s, (image, frame) ->
        padTopLeft(s.preprocess().toInput(image, frame), frame))),
    BGR_ORDER(s -> withPreprocess(s, (image, frame) ->
        s.preprocess().toInput(swapRedBlue(image), frame))),
    PAD_POINT_MISSING(s -> withRules(s, hasBox -> false, s.rules()::singleMaskToken)),
    PAD_POINT_ADDED_WITH_BOX(s -> withRules(s, hasBox -> true, s.rules()::singleMaskToken)),
    TOKEN_ZERO_FOR_ONE_CLICK(s -> withRules(s, s.rules()::appendPadPoint, n -> true)),
    MULTIMASK_FOR_SEVERAL_CLICKS(s -> withRules(s, s.rules()::appendPadPoint, n -> false)),
    NO_CROP_BEFORE_RESIZE(s -> withPostprocess(s, SamContractMistakesTest::withoutCrop));

    private final UnaryOperator<SamSteps> inject;

    Mistake(UnaryOperator<SamSteps> inject) {
      this.inject = inject;
    }
  }

  @Test
  void theStandardStepsPassEveryScenario() {
    assertEquals(List.of(), failures(SamSteps.standard(), TestBundles.SAM_ONNX));
    assertEquals(List.of(), failures(SamSteps.standard(), TestBundles.SAM_HF));
  }

  @ParameterizedTest
  @EnumSource(Mistake.class)
  void eachMistakeFailsSomeScenario(Mistake mistake) {
    List<String> failures = failures(mistake.inject.apply(SamSteps.standard()),
        TestBundles.SAM_ONNX);
    assertFalse(failures.isEmpty(), mistake + " went unnoticed");
    System.out.println(mistake + " is caught by " + failures.size() + " failed checks, e.g. "
        + failures.get(0));
  }

  @ParameterizedTest
  @EnumSource(value = Mistake.class,
      names = {"SWAP_XY", "NO_PER_AXIS_SCALE", "PAD_TOP_LEFT", "BGR_ORDER",
          "NO_CROP_BEFORE_RESIZE"})
  void theSharedStepMistakesAlsoFailWithTheHfLayout(Mistake mistake) {
    List<String> failures = failures(mistake.inject.apply(SamSteps.standard()),
        TestBundles.SAM_HF);
    assertFalse(failures.isEmpty(), mistake + " went unnoticed with the hf layout");
  }

  private static List<String> failures(SamSteps steps, String bundle) {
    List<String> failures = new ArrayList<>();
    try (SamPredictor predictor = new SamPredictor(SamBundlesFixture.open(bundle), steps)) {
      SamSegmenter segmenter = new SamSegmenter(predictor, new EmbeddingCache(64 << 20));
      SegmentationChecks checks =
          new SegmentationChecks(segmenter, 0.9, predictor.layout().supportsBox());
      Stream.of(TwoShapesScene.landscape(), TwoShapesScene.portrait())
          .forEach(scene -> failures.addAll(checks.failures(scene)));
    }
    return failures;
  }

  private static SamSteps withCoordinates(SamSteps s, SamSteps.Coordinates c) {
    return new SamSteps(s.preprocess(), c, s.rules(), s.postprocess());
  }

  private static SamSteps withPreprocess(SamSteps s, SamSteps.Preprocess p) {
    return new SamSteps(p, s.coordinates(), s.rules(), s.postprocess());
  }

  private static SamSteps withPostprocess(SamSteps s, SamSteps.Postprocess p) {
    return new SamSteps(s.preprocess(), s.coordinates(), s.rules(), p);
  }

  private static SamSteps withRules(SamSteps s, Predicate<Boolean> pad,
      IntPredicate single) {
    return new SamSteps(s.preprocess(), s.coordinates(), new SamSteps.PromptRules() {
      @Override
      public boolean appendPadPoint(boolean hasBox) {
        return pad.test(hasBox);
      }

      @Override
      public boolean singleMaskToken(int decoderPoints) {
        return single.test(decoderPoints);
      }
    }, s.postprocess());
  }

  // Moves the resized image from the top-left to the bottom-right of the frame.
  private static Tensor padTopLeft(Tensor input, SamFrame frame) {
    int side = SamFrame.SIDE;
    float[] in = input.toFloatArray();
    float[] out = new float[in.length];
    int dy = side - frame.resizedHeight();
    int dx = side - frame.resizedWidth();
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < frame.resizedHeight(); y++) {
        System.arraycopy(in, (c * side + y) * side, out, (c * side + y + dy) * side + dx,
            frame.resizedWidth());
      }
    }
    return Tensor.ofFloats(input.shape(), out);
  }

  private static RgbImage swapRedBlue(RgbImage image) {
    byte[] rgb = image.rgb().clone();
    for (int i = 0; i < rgb.length; i += 3) {
      byte r = rgb[i];
      rgb[i] = rgb[i + 2];
      rgb[i + 2] = r;
    }
    return new RgbImage(image.width(), image.height(), rgb);
  }

  private static byte[][] withoutCrop(float[][] planes, SamFrame frame) {
    byte[][] masks = new byte[planes.length][];
    for (int i = 0; i < planes.length; i++) {
      masks[i] = withoutCrop(planes[i], frame);
    }
    return masks;
  }

  // 256 -> 1024 -> original size, skipping the crop to the resized size (contract D4).
  private static byte[] withoutCrop(float[] lowRes, SamFrame frame) {
    float[] frameLogits = bilinear(lowRes, 256, 256, 1024, 1024);
    float[] full = bilinear(frameLogits, 1024, 1024, frame.width(), frame.height());
    byte[] mask = new byte[full.length];
    for (int i = 0; i < mask.length; i++) {
      mask[i] = (byte) (full[i] > 0 ? 255 : 0);
    }
    return mask;
  }

  // torch bilinear, align_corners=False, no antialias.
  private static float[] bilinear(float[] src, int sw, int sh, int dw, int dh) {
    float[] dst = new float[dw * dh];
    for (int y = 0; y < dh; y++) {
      double fy = Math.max(0, (y + 0.5) * sh / dh - 0.5);
      int y0 = Math.min((int) fy, sh - 1);
      int y1 = Math.min(y0 + 1, sh - 1);
      double wy = fy - y0;
      for (int x = 0; x < dw; x++) {
        double fx = Math.max(0, (x + 0.5) * sw / dw - 0.5);
        int x0 = Math.min((int) fx, sw - 1);
        int x1 = Math.min(x0 + 1, sw - 1);
        double wx = fx - x0;
        double top = src[y0 * sw + x0] * (1 - wx) + src[y0 * sw + x1] * wx;
        double bottom = src[y1 * sw + x0] * (1 - wx) + src[y1 * sw + x1] * wx;
        dst[y * dw + x] = (float) (top * (1 - wy) + bottom * wy);
      }
    }
    return dst;
  }
}
