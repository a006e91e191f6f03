package org.segfill.models.sdxl;

import java.util.ArrayList;
import java.util.List;
import org.segfill.engine.image.RgbImage;
import org.segfill.models.testbundle.TinySdxl;

/**
 * Checks the returned picture only: pixels whose paste-back alpha is 0 keep their original bytes
 * exactly; 32x32 patches of the repainted region average to the colour the tiny UNet converges
 * to for the reference conditioning, c_u + g (c_c - c_u) with c = {@link TinySdxl#promptColour},
 * decoded and rounded to bytes.
 */
final class EndToEndChecks {

  // The tiny UNet leaves a little of the starting noise; patch means sit within this.
  private static final double COLOUR_TOLERANCE = 2;
  private static final int PATCH_HALF = 16;

  private final InpaintScenario scenario;
  private final InpaintReference reference;

  EndToEndChecks(InpaintScenario scenario, InpaintReference reference) {
    this.scenario = scenario;
    this.reference = reference;
  }

  List<CheckFailure> failures(RgbImage original, RgbImage out) {
    List<CheckFailure> failures = new ArrayList<>();
    keptPixels(original, out, failures);
    int[] expected = expectedColour();
    for (int[] patch : scenario.patches()) {
      if (!whollyRepainted(patch[0], patch[1], original.width(), original.height())) {
        failures.add(new CheckFailure("scenario", "the patch at (" + patch[0] + "," + patch[1]
            + ") is not wholly in the repainted region (alpha 255)"));
        continue;
      }
      double[] mean = patchMean(out, patch[0], patch[1]);
      for (int c = 0; c < 3; c++) {
        if (!(Math.abs(mean[c] - expected[c]) <= COLOUR_TOLERANCE)) {
          failures.add(new CheckFailure("repaint-colour", String.format("patch at (%d,%d):"
              + " expected RGB (%d, %d, %d) +-%.0f from the reference conditioning, got"
              + " (%.1f, %.1f, %.1f)", patch[0], patch[1], expected[0], expected[1],
              expected[2], COLOUR_TOLERANCE, mean[0], mean[1], mean[2])));
          break;
        }
      }
    }
    return failures;
  }

  // The bytes the repainted region must average to.
  private int[] expectedColour() {
    float h = reference.images().height();
    float w = reference.images().width();
    float[] timeIds = {h, w, 0, 0, h, w};
    ReferenceEmbedding positive = reference.prompt().embedding();
    ReferenceEmbedding negative = reference.negative();
    float[] c = TinySdxl.promptColour(positive.meanTokens(), positive.pooled(), timeIds);
    float[] u = TinySdxl.promptColour(negative.meanTokens(), negative.pooled(), timeIds);
    float[] latent = new float[4];
    double g = scenario.guidance();
    for (int k = 0; k < 4; k++) {
      latent[k] = scenario.cfg() ? (float) (u[k] + g * (c[k] - u[k])) : c[k];
    }
    float[] rgb = TinySdxl.rgbOfLatent(latent);
    int[] bytes = new int[3];
    for (int ch = 0; ch < 3; ch++) {
      bytes[ch] = (int) Math.rint(Math.max(0, Math.min(1, rgb[ch] / 2 + 0.5)) * 255);
    }
    return bytes;
  }

  private void keptPixels(RgbImage original, RgbImage out, List<CheckFailure> failures) {
    byte[] alpha = reference.images().alpha();
    long kept = 0;
    long changed = 0;
    int first = -1;
    for (int i = 0; i < alpha.length; i++) {
      if (alpha[i] != 0) {
        continue;
      }
      kept++;
      for (int c = 0; c < 3; c++) {
        if (original.rgb()[3 * i + c] != out.rgb()[3 * i + c]) {
          changed++;
          first = first < 0 ? i : first;
          break;
        }
      }
    }
    if (kept == 0) {
      failures.add(new CheckFailure("kept-pixels", "the scenario keeps no pixel"));
    } else if (changed > 0) {
      failures.add(new CheckFailure("kept-pixels", changed + " of " + kept + " pixels with"
          + " alpha 0 changed; the first at (" + first % original.width() + ","
          + first / original.width() + ")"));
    }
  }

  private boolean whollyRepainted(int x, int y, int width, int height) {
    byte[] alpha = reference.images().alpha();
    for (int py = y - PATCH_HALF; py < y + PATCH_HALF; py++) {
      for (int px = x - PATCH_HALF; px < x + PATCH_HALF; px++) {
        if (px < 0 || py < 0 || px >= width || py >= height
            || (alpha[py * width + px] & 0xff) != 255) {
          return false;
        }
      }
    }
    return true;
  }

  private static double[] patchMean(RgbImage image, int x, int y) {
    double[] sum = new double[3];
    int n = 0;
    for (int py = y - PATCH_HALF; py < y + PATCH_HALF; py++) {
      for (int px = x - PATCH_HALF; px < x + PATCH_HALF; px++) {
        int i = 3 * (py * image.width() + px);
        for (int c = 0; c < 3; c++) {
          sum[c] += image.rgb()[i + c] & 0xff;
        }
        n++;
      }
    }
    return new double[] {sum[0] / n, sum[1] / n, sum[2] / n};
  }
}
