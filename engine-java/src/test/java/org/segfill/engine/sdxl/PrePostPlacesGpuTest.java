package org.segfill.engine.sdxl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.inpaint.Fixtures;
import org.segfill.engine.inpaint.RepaintMask;
import org.segfill.engine.inpaint.RepaintShape;
import org.segfill.engine.inpaint.Target;
import org.segfill.engine.mask.Mask;
import org.segfill.testing.RequiresCuda;
import org.segfill.place.CudaPlace;
import org.segfill.place.KernelPlace;

/**
 * The SDXL pre- and post-processing on a CUDA place against the CPU place. The mask kernels
 * (invert, binarise, grow, feather, blend) and the tensor-to-image conversion are integer or
 * single IEEE operations, so the repaint mask is bit exact, and so is everything on a path
 * without a Lanczos resize. Lanczos coefficients use sin(), whose CUDA and glibc results may
 * differ in the last ulp (see ImageKernelsGpuTest): a resized byte may then be off by 1 in at
 * most 0.1% of bytes, a VAE input float by 2/255, a binarised mask pixel may flip where the
 * resize gave 127 on one side and 128 on the other (at most 0.1% of pixels), and the colour
 * match, whose statistics see those bytes, may round a few table entries the other way (at most
 * 3 levels anywhere, 0.05 levels on average).
 */
@RequiresCuda
class PrePostPlacesGpuTest {

  private static final float VAE_TOLERANCE = 2f / 255f + 1e-6f;

  private static CudaPlace gpu;
  private final KernelPlace cpu = KernelPlace.cpu();

  @BeforeAll
  static void open() {
    gpu = CudaPlace.create();
  }

  @AfterAll
  static void close() {
    if (gpu != null) {
      gpu.close();
    }
  }

  static Iterable<PrePostCase> cases() {
    return PrePostCase.all();
  }

  @Test
  void theRepaintMaskIsBitExact() {
    int w = 1537;
    int h = 913;
    try (Mask selection = Mask.of(w, h, Fixtures.randomSelection(w, h, 11))) {
      for (Target target : Target.values()) {
        for (RepaintShape shape : new RepaintShape[] {RepaintShape.DEFAULT,
            new RepaintShape(40, 25), new RepaintShape(0, 255)}) {
          RepaintMask a = RepaintMask.build(cpu, selection, target, shape);
          RepaintMask b = RepaintMask.build(gpu, selection, target, shape);
          assertArrayEquals(a.region(), b.region(), target + " " + shape);
          assertArrayEquals(a.alpha(), b.alpha(), target + " " + shape);
          assertEquals(a.bounds(), b.bounds());
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void theInputTensorsMatch(PrePostCase c) {
    InpaintInputs a = InpaintInputs.of(cpu, c.image(), c.repaint(), c.window(), c.bucket(),
        SdxlSteps.standard());
    InpaintInputs b = InpaintInputs.of(gpu, c.image(), c.repaint(), c.window(), c.bucket(),
        SdxlSteps.standard());
    float[] imageA = a.image().toFloatArray();
    float[] imageB = b.image().toFloatArray();
    int plane = c.bucket().width() * c.bucket().height();
    int allowed = Math.max(1, plane / 1000);
    assertTrue(countBeyond(imageA, imageB, VAE_TOLERANCE) == 0, c + ": image beyond 2/255");
    assertTrue(countBeyond(imageA, imageB, 0f) <= Math.max(1, 3 * plane / 1000),
        c + ": image elements differ");
    // A flipped mask pixel changes its three masked-image elements and at most one latent cell.
    float[] maskedA = a.maskedImage().toFloatArray();
    float[] maskedB = b.maskedImage().toFloatArray();
    assertTrue(countBeyond(maskedA, maskedB, VAE_TOLERANCE) <= 3 * allowed,
        c + ": masked image");
    assertTrue(countBeyond(a.latentMask(), b.latentMask(), 0f) <= allowed, c + ": latent mask");
  }

  @ParameterizedTest
  @MethodSource("cases")
  void theCompositesMatch(PrePostCase c) {
    boolean resized = c.window().width() != c.bucket().width()
        || c.window().height() != c.bucket().height();
    for (boolean colorMatch : new boolean[] {false, true}) {
      List<RgbImage> a = compose(cpu, c, colorMatch);
      List<RgbImage> b = compose(gpu, c, colorMatch);
      for (int v = 0; v < c.batch(); v++) {
        byte[] x = a.get(v).rgb();
        byte[] y = b.get(v).rgb();
        String label = c + " colorMatch=" + colorMatch + " variant " + v;
        if (!resized) {
          assertArrayEquals(x, y, label);
        } else if (!colorMatch) {
          assertTrue(maxLevels(x, y) <= 1, label + ": a byte differs by more than 1");
          assertTrue(countBeyond(x, y) <= Math.max(1, x.length / 1000), label);
        } else {
          assertTrue(maxLevels(x, y) <= 3, label + ": a byte differs by more than 3");
          assertTrue(meanLevels(x, y) <= 0.05, label + ": mean " + meanLevels(x, y));
        }
      }
    }
  }

  private static List<RgbImage> compose(KernelPlace place, PrePostCase c, boolean colorMatch) {
    return new VariantComposer(place, c.image(), c.repaint(), c.window(), colorMatch)
        .compose(c.decoded(), c.batch(), c.bucket().width(), c.bucket().height());
  }

  private static int countBeyond(float[] a, float[] b, float tolerance) {
    int n = 0;
    for (int i = 0; i < a.length; i++) {
      n += Math.abs(a[i] - b[i]) > tolerance ? 1 : 0;
    }
    return n;
  }

  private static int countBeyond(byte[] a, byte[] b) {
    int n = 0;
    for (int i = 0; i < a.length; i++) {
      n += a[i] != b[i] ? 1 : 0;
    }
    return n;
  }

  private static int maxLevels(byte[] a, byte[] b) {
    int max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs((a[i] & 0xff) - (b[i] & 0xff)));
    }
    return max;
  }

  private static double meanLevels(byte[] a, byte[] b) {
    long sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
    }
    return (double) sum / a.length;
  }
}
