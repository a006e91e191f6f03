package org.segfill.engine.sdxl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.segfill.engine.backend.ort.OrtBackend;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.inpaint.RepaintMask;
import org.segfill.engine.inpaint.RepaintShape;
import org.segfill.engine.inpaint.Target;
import org.segfill.engine.mask.Mask;
import org.segfill.engine.sdxl.scheduler.Sampler;
import org.segfill.engine.sdxl.tokenizer.SdxlTokenizers;
import org.segfill.models.bundle.SdxlBundle;
import org.segfill.models.testbundle.TestBundles;
import org.segfill.models.testbundle.TinySdxl;
import org.segfill.models.testbundle.TwoShapesScene;

/**
 * The SDXL inpainting pipeline end to end on the tiny SDXL bundle, whose UNet is a perfect
 * denoiser toward a known target (TinySdxl): the repainted pixels must come out in the colour the
 * contract's conditioning implies (prompt encoding, CFG order, time ids, VAE scaling, mask
 * channels all have to be right), and the kept pixels in their original bytes.
 */
class SdxlInpaintPipelineTest {

  private static final TwoShapesScene SCENE = TwoShapesScene.landscape();
  private static Path bundleDir;
  private static SdxlInpaintPipeline pipeline;
  private static PromptEncoder prompts;
  private static SdxlTokenizers tokenizers;
  private static RgbImage image;
  private static Mask ellipse;

  @BeforeAll
  static void open() throws IOException {
    bundleDir = TestBundles.writeSdxl(Files.createTempDirectory("segfill-sdxl"));
    SdxlBundle bundle = SdxlBundle.locate(bundleDir);
    pipeline = new SdxlInpaintPipeline(bundle.open(new OrtBackend(2)), bundle.settings(),
        "onnxruntime-cpu");
    var graphs = bundle.open(new OrtBackend(1));
    prompts = new PromptEncoder(graphs.textEncoder(), graphs.textEncoder2());
    tokenizers = SdxlTokenizers.load(bundleDir);
    image = SCENE.image();
    ellipse = Mask.of(SCENE.width(), SCENE.height(), SCENE.ellipseMask());
  }

  @AfterAll
  static void close() {
    pipeline.close();
    ellipse.close();
  }

  private static InpaintRequest request(String prompt, String negative, double guidance,
      Sampler sampler, Target target, Region region, boolean colorMatch) {
    return new InpaintRequest(target, prompt, negative, guidance, 20, 0.99, 42, 1, sampler,
        region, RepaintShape.DEFAULT, colorMatch);
  }

  @Test
  void theBackgroundTakesThePromptColourAndTheSubjectKeepsItsBytes() {
    InpaintRequest r = request("a photo", null, 7.5, Sampler.EULER, Target.BACKGROUND,
        Region.FULL, false);
    Generation g = pipeline.generate(image, ellipse, r, ProgressListener.NONE, () -> false);
    RgbImage out = g.variants().get(0).image();
    assertEquals(SCENE.width(), out.width());
    assertEquals(SCENE.height(), out.height());

    RepaintMask repaint = RepaintMask.build(ellipse, Target.BACKGROUND, RepaintShape.DEFAULT);
    long kept = 0;
    for (int i = 0; i < repaint.alpha().length; i++) {
      if (repaint.alpha()[i] == 0) {
        kept++;
        for (int c = 0; c < 3; c++) {
          assertEquals(image.rgb()[3 * i + c], out.rgb()[3 * i + c], "kept pixel " + i);
        }
      }
    }
    assertTrue(kept > 80_000, "the ellipse interior is kept: " + kept);

    int[] expected = expectedColour("a photo", null, 7.5, bucket(g));
    assertColourNear(out, 60, 60, expected, 2);
    assertColourNear(out, 1480, 860, expected, 2);
    assertColourNear(out, 1100, 650, expected, 2);
  }

  @Test
  void theSameRequestGivesTheSameBytesAndVariantsCountUpFromTheSeed() {
    InpaintRequest r = new InpaintRequest(Target.BACKGROUND, "red bricks", "blurry", 5, 8, 0.99,
        1000, 2, Sampler.EULER_ANCESTRAL, Region.FULL, RepaintShape.DEFAULT, true);
    Generation a = pipeline.generate(image, ellipse, r, ProgressListener.NONE, () -> false);
    Generation b = pipeline.generate(image, ellipse, r, ProgressListener.NONE, () -> false);
    assertEquals(2, a.variants().size());
    for (int v = 0; v < 2; v++) {
      assertArrayEquals(a.variants().get(v).image().rgb(), b.variants().get(v).image().rgb());
      assertEquals(1000 + v, a.variants().get(v).recipe().seed());
    }
    var fields = a.variants().get(1).recipe().fields();
    assertEquals("sdxl", fields.get("engine"));
    assertEquals(pipeline.bundleId(), fields.get("bundle"));
    assertEquals("onnxruntime-cpu", fields.get("backend"));
    assertEquals("euler_a", fields.get("sampler"));
    assertEquals("blurry", fields.get("negativePrompt"));
    assertEquals(7, fields.get("unetCalls"), "int(8 * 0.99) = 7 steps run");
  }

  @Test
  void theSeedTheStrengthThePromptAndTheMaskEachChangeTheBytes() {
    InpaintRequest base = request("a photo", null, 7.5, Sampler.EULER, Target.BACKGROUND,
        Region.FULL, true);
    byte[] reference = generate(base, ellipse);
    assertNotEquals(0, differing(reference, generate(new InpaintRequest(base.target(),
        base.prompt(), null, 7.5, 20, 0.99, 43, 1, Sampler.EULER, Region.FULL,
        RepaintShape.DEFAULT, true), ellipse)), "seed");
    assertNotEquals(0, differing(reference, generate(base.with(Target.BACKGROUND, "a photo",
        null, 0.6), ellipse)), "strength");
    assertNotEquals(0, differing(reference, generate(base.with(Target.BACKGROUND,
        "red bricks", null, 0.99), ellipse)), "prompt");
    try (Mask rectangle = Mask.of(SCENE.width(), SCENE.height(), SCENE.rectangleMask())) {
      assertNotEquals(0, differing(reference, generate(base, rectangle)), "mask");
    }
  }

  @Test
  void anAbsentNegativePromptIsZerosAndAnEmptyOneIsEncoded() {
    int[] zeros = repaintedColour(request("a photo", null, 7.5, Sampler.EULER,
        Target.BACKGROUND, Region.FULL, false));
    int[] empty = repaintedColour(request("a photo", "", 7.5, Sampler.EULER,
        Target.BACKGROUND, Region.FULL, false));
    assertNotEquals(List.of(zeros[0], zeros[1], zeros[2]), List.of(empty[0], empty[1], empty[2]));
    int[] expectedEmpty = expectedColour("a photo", "", 7.5, SdxlBuckets.nearest(1537, 913));
    for (int c = 0; c < 3; c++) {
      assertEquals(expectedEmpty[c], empty[c], 2);
    }
  }

  @Test
  void guidanceOfOneRunsWithoutCfg() {
    int[] colour = repaintedColour(request("green grass", null, 1.0, Sampler.EULER,
        Target.BACKGROUND, Region.FULL, false));
    int[] expected = expectedColour("green grass", null, 1.0, SdxlBuckets.nearest(1537, 913));
    for (int c = 0; c < 3; c++) {
      assertEquals(expected[c], colour[c], 2);
    }
  }

  @ParameterizedTest
  @EnumSource(Sampler.class)
  void everySamplerEndsOnTheTarget(Sampler sampler) {
    int[] colour = repaintedColour(request("a photo", null, 7.5, sampler, Target.BACKGROUND,
        Region.FULL, false));
    int[] expected = expectedColour("a photo", null, 7.5, SdxlBuckets.nearest(1537, 913));
    for (int c = 0; c < 3; c++) {
      assertEquals(expected[c], colour[c], 2, sampler + " channel " + c);
    }
  }

  @Test
  void aSmallSubjectInABigPhotoIsGeneratedInACropAndNothingElseChanges() {
    TwoShapesScene big = TwoShapesScene.landscape().scaledTo(3200, 1900);
    RgbImage photo = big.image();
    try (Mask subject = Mask.of(big.width(), big.height(), big.ellipseMask())) {
      InpaintRequest r = request("a photo", null, 7.5, Sampler.EULER, Target.SUBJECT,
          Region.AUTO, false);
      Generation g = pipeline.generate(photo, subject, r, ProgressListener.NONE, () -> false);
      @SuppressWarnings("unchecked")
      List<Integer> window = (List<Integer>) g.variants().get(0).recipe().fields().get("window");
      int x0 = window.get(0);
      int y0 = window.get(1);
      int x1 = x0 + window.get(2);
      int y1 = y0 + window.get(3);
      assertTrue(window.get(2) < big.width() && window.get(3) < big.height(), "cropped");
      RgbImage out = g.variants().get(0).image();
      long outside = 0;
      for (int y = 0; y < big.height(); y++) {
        for (int x = 0; x < big.width(); x++) {
          if (x < x0 || x >= x1 || y < y0 || y >= y1) {
            int i = 3 * (y * big.width() + x);
            for (int c = 0; c < 3; c++) {
              assertEquals(photo.rgb()[i + c], out.rgb()[i + c]);
            }
            outside++;
          }
        }
      }
      assertTrue(outside > big.width() * big.height() / 2);
      SdxlBuckets.Size size = SdxlBuckets.nearest(window.get(2), window.get(3));
      int[] expected = expectedColour("a photo", null, 7.5, size);
      assertColourNear(out, (int) big.ex(), (int) big.ey(), expected, 2);
    }
  }

  @Test
  void progressReportsEveryStepWithPreviewsAndCancelStopsBetweenSteps() {
    List<StepProgress> seen = new ArrayList<>();
    ProgressListener listener = new ProgressListener() {
      @Override
      public void onStep(StepProgress p) {
        seen.add(p);
      }

      @Override
      public boolean wantsPreview() {
        return true;
      }
    };
    InpaintRequest r = request("a photo", null, 7.5, Sampler.DPMPP_2M, Target.BACKGROUND,
        Region.FULL, true);
    pipeline.generate(image, ellipse, r, listener, () -> false);
    assertEquals(19, seen.size(), "20 steps at strength 0.99 run 19 UNet calls");
    for (int k = 0; k < seen.size(); k++) {
      assertEquals(k + 1, seen.get(k).step());
      assertEquals(19, seen.get(k).steps());
      assertNotNull(seen.get(k).preview());
    }
    SdxlBuckets.Size size = SdxlBuckets.nearest(1537, 913);
    assertEquals(size.latentWidth(), seen.get(0).preview().width());

    AtomicInteger steps = new AtomicInteger();
    CancellationException cancelled = assertThrows(CancellationException.class, () ->
        pipeline.generate(image, ellipse, r, p -> steps.incrementAndGet(),
            () -> steps.get() >= 2));
    assertEquals(2, steps.get());
    assertEquals("cancelled before step 3 of 19", cancelled.getMessage());
  }

  @Test
  void strengthOneStartsFromNoise() {
    InpaintRequest r = new InpaintRequest(Target.BACKGROUND, "a photo", null, 7.5, 10, 1.0, 7,
        1, Sampler.EULER, Region.FULL, RepaintShape.DEFAULT, false);
    Generation g = pipeline.generate(image, ellipse, r, ProgressListener.NONE, () -> false);
    assertEquals(10, g.variants().get(0).recipe().fields().get("unetCalls"));
    int[] expected = expectedColour("a photo", null, 7.5, SdxlBuckets.nearest(1537, 913));
    assertColourNear(g.variants().get(0).image(), 60, 60, expected, 2);
  }

  @Test
  void badMasksAndRequestsAreRefusedNamingTheField() {
    try (Mask small = Mask.blank(100, 100); Mask empty = Mask.blank(1537, 913)) {
      InpaintRequest r = request("x", null, 7.5, Sampler.EULER, Target.SUBJECT, Region.AUTO,
          true);
      IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
          () -> pipeline.generate(image, small, r, ProgressListener.NONE, () -> false));
      assertEquals("mask: it is 100x100 but the image is 1537x913; the mask must have the"
          + " image's size", size.getMessage());
      IllegalArgumentException nothing = assertThrows(IllegalArgumentException.class,
          () -> pipeline.generate(image, empty, r, ProgressListener.NONE, () -> false));
      assertEquals("mask: nothing to repaint for target subject", nothing.getMessage());
    }
    IllegalArgumentException steps = assertThrows(IllegalArgumentException.class, () ->
        new InpaintRequest(Target.BACKGROUND, "", null, 7.5, 1, 0.99, 0, 1, Sampler.EULER,
            Region.AUTO, RepaintShape.DEFAULT, true));
    assertTrue(steps.getMessage().startsWith("strength and steps:"), steps.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new InpaintRequest(Target.BACKGROUND,
        "", null, 21, 30, 0.99, 0, 1, Sampler.EULER, Region.AUTO, RepaintShape.DEFAULT, true));
    IllegalArgumentException seed = assertThrows(IllegalArgumentException.class, () ->
        new InpaintRequest(Target.BACKGROUND, "", null, 7.5, 30, 0.99, 1L << 53, 1,
            Sampler.EULER, Region.AUTO, RepaintShape.DEFAULT, true));
    assertEquals("seed: must be in [0, 9007199254740991], got 9007199254740992",
        seed.getMessage());
  }

  // Concurrent generations take turns on the pipeline's kernel place; each keeps its own bytes.
  @Test
  void concurrentGenerationsGiveTheBytesTheyGiveAlone() throws Exception {
    InpaintRequest crop = new InpaintRequest(Target.SUBJECT, "red bricks", null, 5, 4, 0.8, 3, 1,
        Sampler.EULER, Region.CROP, RepaintShape.DEFAULT, true);
    InpaintRequest full = new InpaintRequest(Target.BACKGROUND, "a photo", null, 5, 4, 0.8, 4, 1,
        Sampler.EULER, Region.FULL, RepaintShape.DEFAULT, false);
    byte[] cropAlone = generate(crop, ellipse);
    byte[] fullAlone = generate(full, ellipse);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 2; round++) {
        Future<byte[]> a = pool.submit(() -> generate(crop, ellipse));
        Future<byte[]> b = pool.submit(() -> generate(full, ellipse));
        assertArrayEquals(cropAlone, a.get(), "crop, round " + round);
        assertArrayEquals(fullAlone, b.get(), "full, round " + round);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static byte[] generate(InpaintRequest r, Mask selection) {
    return pipeline.generate(image, selection, r, ProgressListener.NONE, () -> false)
        .variants().get(0).image().rgb();
  }

  private static long differing(byte[] a, byte[] b) {
    long n = 0;
    for (int i = 0; i < a.length; i++) {
      n += a[i] != b[i] ? 1 : 0;
    }
    return n;
  }

  private static SdxlBuckets.Size bucket(Generation g) {
    @SuppressWarnings("unchecked")
    List<Integer> size = (List<Integer>) g.variants().get(0).recipe().fields().get("size");
    return new SdxlBuckets.Size(size.get(0), size.get(1));
  }

  private static int[] repaintedColour(InpaintRequest r) {
    RgbImage out = pipeline.generate(image, ellipse, r, ProgressListener.NONE, () -> false)
        .variants().get(0).image();
    double[] mean = patchMean(out, 60, 60);
    return new int[] {(int) Math.round(mean[0]), (int) Math.round(mean[1]),
        (int) Math.round(mean[2])};
  }

  // The colour TinySdxl's perfect denoiser converges to, from the pipeline's own prompt encoder.
  private static int[] expectedColour(String prompt, String negative, double guidance,
      SdxlBuckets.Size size) {
    float[] timeIds = {size.height(), size.width(), 0, 0, size.height(), size.width()};
    PromptEmbedding pos = embed(prompt);
    PromptEmbedding neg = negative == null ? PromptEmbedding.zeros() : embed(negative);
    float[] c = TinySdxl.promptColour(meanTokens(pos), pos.pooled(), timeIds);
    float[] u = TinySdxl.promptColour(meanTokens(neg), neg.pooled(), timeIds);
    float[] latent = new float[4];
    for (int k = 0; k < 4; k++) {
      latent[k] = guidance > 1 ? (float) (u[k] + guidance * (c[k] - u[k])) : c[k];
    }
    float[] rgb = TinySdxl.rgbOfLatent(latent);
    int[] bytes = new int[3];
    for (int ch = 0; ch < 3; ch++) {
      double v = Math.max(0, Math.min(1, rgb[ch] / 2 + 0.5)) * 255;
      bytes[ch] = (int) Math.rint(v);
    }
    return bytes;
  }

  private static PromptEmbedding embed(String text) {
    return prompts.encode(tokenizers.tokenizer().encode(text).ids(),
        tokenizers.tokenizer2().encode(text).ids());
  }

  private static float[] meanTokens(PromptEmbedding e) {
    float[] mean = new float[PromptEmbedding.WIDTH];
    float[] t = e.tokens();
    for (int token = 0; token < SdxlContracts.TOKENS; token++) {
      for (int f = 0; f < mean.length; f++) {
        mean[f] += t[token * mean.length + f] / SdxlContracts.TOKENS;
      }
    }
    return mean;
  }

  // The mean of the 32x32 patch centred on (x, y): the tiny UNet leaves a little per-cell noise.
  private static void assertColourNear(RgbImage out, int x, int y, int[] expected, int tolerance) {
    double[] mean = patchMean(out, x, y);
    for (int c = 0; c < 3; c++) {
      assertTrue(Math.abs(mean[c] - expected[c]) <= tolerance, "patch at (" + x + "," + y
          + ") channel " + c + ": expected " + expected[c] + " +-" + tolerance + ", got "
          + mean[c]);
    }
  }

  private static double[] patchMean(RgbImage out, int x, int y) {
    double[] sum = new double[3];
    int n = 0;
    for (int py = Math.max(0, y - 16); py < Math.min(out.height(), y + 16); py++) {
      for (int px = Math.max(0, x - 16); px < Math.min(out.width(), x + 16); px++) {
        int i = 3 * (py * out.width() + px);
        for (int c = 0; c < 3; c++) {
          sum[c] += out.rgb()[i + c] & 0xff;
        }
        n++;
      }
    }
    return new double[] {sum[0] / n, sum[1] / n, sum[2] / n};
  }
}
