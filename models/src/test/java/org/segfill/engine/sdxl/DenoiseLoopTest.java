package org.segfill.engine.sdxl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.segfill.engine.backend.HostDeviceSession;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.inpaint.RepaintShape;
import org.segfill.engine.inpaint.Target;
import org.segfill.engine.sdxl.scheduler.Sampler;

/**
 * The one denoising loop (step table, planned kernels, step index, progress signals, previews,
 * cancel), run on the CPU through {@link HostDeviceSession} as ONNX Runtime runs it. Whole
 * generations and their step previews come out byte for byte as the host loop made them before
 * it was replaced by this one (SHA-256 recorded from the host loop at e3e2be8, ONNX Runtime CPU
 * with one thread), for every sampler family with CFG on and off; progress counts every step
 * once, in order; a cancel stops before the next UNet call.
 */
class DenoiseLoopTest {

  private static CountedUnetPipeline fixture;

  @BeforeAll
  static void open() throws IOException {
    fixture = CountedUnetPipeline.open();
  }

  @AfterAll
  static void close() {
    fixture.close();
  }

  private static InpaintRequest request(Sampler sampler, double guidance, int count) {
    return new InpaintRequest(Target.BACKGROUND, "red bricks", "blurry", guidance, 9, 0.99, 7,
        count, sampler, Region.FULL, RepaintShape.DEFAULT, false);
  }

  @ParameterizedTest
  @CsvSource({
      "EULER, 7.5, 1, a6839c36b4bddd1b1322d5baec12af160367926573c362ace68208a78285d5dd",
      "EULER, 1, 2, ec1295633938a42429ad6d4422e5c30747bd9e427265b995bcdbf6c245096831",
      "EULER_ANCESTRAL, 5, 2, af22583368470117dfc76153df9e0ae25cd376703e4172eeb977d007a6ddb175",
      "EULER_ANCESTRAL, 1, 1, 1f80a0d5ddf9aa03b3f3db16e4cfc6ce1cba5a9834dc053f3fd119b193e409a7",
      "DPMPP_2M, 6, 1, 1a3dec0177b76c7ad6fc2582ffc4b82d4b3f1af3fcbcca4014dcb99f12b4a6b7",
      "DPMPP_2M_KARRAS, 1, 2, 695a66d7b68720f55eb3dc2b7b9894f6e11617ac72123d456bb6055d754747dc"})
  void theLoopGivesTheHostLoopsBytes(Sampler sampler, double guidance, int count,
      String sha256) {
    InpaintRequest r = request(sampler, guidance, count);
    int before = fixture.unet.enqueues();
    Generation g = fixture.generate(r, ProgressListener.NONE, () -> false);
    int calls = (Integer) g.variants().get(0).recipe().fields().get("unetCalls");
    assertEquals(calls, fixture.unet.enqueues() - before, "every step ran through the device run");
    assertEquals(count, g.variants().size());
    assertEquals(sha256, sha256(g.variants().stream().map(v -> v.image().rgb()).toList()),
        sampler + " at guidance " + guidance);
  }

  @Test
  void progressCountsEveryStepOnceInOrder() {
    List<Integer> steps = new ArrayList<>();
    ProgressListener listener = p -> steps.add(p.step());
    Generation g = fixture.generate(request(Sampler.EULER, 5, 1), listener,
        () -> false);
    int calls = (Integer) g.variants().get(0).recipe().fields().get("unetCalls");
    List<Integer> expected = new ArrayList<>();
    for (int k = 1; k <= calls; k++) {
      expected.add(k);
    }
    assertEquals(expected, steps);
  }

  @ParameterizedTest
  @CsvSource({
      "EULER, 7.5, 75ce70636eaa0c0f0332a18be7d4a5e5273e3eb416fc50a8e126f3c0c6d8b2fc,"
          + " af88756908431014c06c3dfe466ab75bed475eae703c6fe04c835cd298a51661",
      "DPMPP_2M, 1, cc9265468a181080327672b0e7bfbe79631de08b894f040458583d2ad6d4ff3e,"
          + " f48dd37c6ce5d602cbc52eb626cc8e88744107e825673731dd7f0256fdbd8dad"})
  void previewsAreTheHostLoopsPreviews(Sampler sampler, double guidance, String previewsSha256,
      String imagesSha256) {
    List<RgbImage> previews = new ArrayList<>();
    Generation g = fixture.generate(request(sampler, guidance, 2),
        previews(previews), () -> false);
    assertEquals(g.variants().get(0).recipe().fields().get("unetCalls"), previews.size());
    assertEquals(previewsSha256, sha256(previews.stream().map(RgbImage::rgb).toList()));
    // Not one picture over and over: the previews follow the denoising.
    assertNotEquals(0, differing(previews.get(0).rgb(), previews.get(previews.size() - 1).rgb()));
    assertEquals(imagesSha256, sha256(g.variants().stream().map(v -> v.image().rgb()).toList()));
  }

  private static String sha256(List<byte[]> parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      parts.forEach(digest::update);
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
  private static ProgressListener previews(List<RgbImage> into) {
    return new ProgressListener() {
      @Override
      public void onStep(StepProgress progress) {
        into.add(progress.preview());
      }

      @Override
      public boolean wantsPreview() {
        return true;
      }
    };
  }

  private static int differing(byte[] a, byte[] b) {
    int count = 0;
    for (int i = 0; i < a.length; i++) {
      count += a[i] != b[i] ? 1 : 0;
    }
    return count;
  }

  @Test
  void aCancelStopsBeforeTheNextUnetCall() {
    List<Integer> steps = new ArrayList<>();
    int before = fixture.unet.enqueues();
    CancellationException e = assertThrows(CancellationException.class,
        () -> fixture.generate(request(Sampler.EULER_ANCESTRAL, 5, 1),
            p -> steps.add(p.step()), () -> steps.size() >= 3));
    assertEquals(3, fixture.unet.enqueues() - before, "UNet calls before the cancel took effect");
    assertEquals(List.of(1, 2, 3), steps);
    assertEquals("cancelled before step 4 of 8", e.getMessage());
  }
}
