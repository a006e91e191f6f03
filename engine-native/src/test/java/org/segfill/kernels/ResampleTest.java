package org.segfill.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.segfill.kernels.MaskBinaryOpsTest.assertMessage;

import java.util.Random;
import java.util.zip.CRC32;
import org.bytedeco.javacpp.BytePointer;
import org.junit.jupiter.api.Test;
import org.segfill.kernels.ImageKernels.Filter;

/** The CPU twin's PIL resampling against the Java port, pinned Pillow results and hand values. */
class ResampleTest {
  private final ImageKernels kernels = new ImageKernels(KernelTarget.cpu());

  private byte[] resize(byte[] in, int w, int h, int c, int ow, int oh, Filter f) {
    long ws = ImageKernels.resampleWorkspaceBytes(w, h, ow, oh, c, f);
    try (BytePointer src = new BytePointer(in);
        BytePointer dst = new BytePointer((long) ow * oh * c);
        BytePointer work = new BytePointer(ws)) {
      kernels.resample(src, w, h, c, dst, ow, oh, f, work);
      return ResampleReference.bytes(dst, ow * oh * c);
    }
  }

  @Test
  void matchesJavaReferenceExactlyAtEdgeSizes() {
    int[][] sizes = {
      {1, 1, 1, 1}, {1, 1, 5, 3}, {33, 17, 16, 9}, {33, 17, 70, 40}, {17, 33, 100, 51},
      {1537, 913, 1024, 609}, {4000, 3, 1024, 1}, {3, 4000, 1, 1024}, {640, 480, 640, 300},
      {640, 480, 300, 480}, {100, 100, 100, 100}, {7, 5, 13, 11}, {2, 1, 1, 1}, {5, 5, 2, 7},
    };
    Random random = new Random(11);
    int compared = 0;
    for (int[] s : sizes) {
      for (int c : new int[] {1, 2, 3, 4}) {
        // The big case once per filter with 3 channels keeps the Java reference quick.
        if (s[0] == 1537 && c != 3) {
          continue;
        }
        byte[] in = new byte[s[0] * s[1] * c];
        random.nextBytes(in);
        for (Filter f : Filter.values()) {
          byte[] expected = ResampleReference.resize(in, s[0], s[1], c, s[2], s[3], f);
          byte[] actual = resize(in, s[0], s[1], c, s[2], s[3], f);
          assertArrayEquals(expected, actual,
              s[0] + "x" + s[1] + " -> " + s[2] + "x" + s[3] + " c=" + c + " " + f);
          compared += actual.length;
        }
      }
    }
    assertTrue(compared > 4_000_000, "compared " + compared + " bytes");
  }

  /**
   * CRC32 of Pillow 9.4.0 Image.resize output on {@link ResampleReference#patternImage}: modes L,
   * RGB and CMYK (4 independent channels), Image.BILINEAR / Image.LANCZOS. Also the first, middle
   * and last byte, so a failure shows where.
   */
  @Test
  void matchesPinnedPillowResults() {
    Object[][] cases = {
      {33, 17, 16, 9, 3, Filter.BILINEAR, 0x803d9125L, 87, 151, 150},
      {33, 17, 16, 9, 3, Filter.LANCZOS3, 0x31ed43dcL, 83, 157, 146},
      {33, 17, 70, 40, 1, Filter.BILINEAR, 0xb8daddfaL, 0, 181, 91},
      {33, 17, 70, 40, 1, Filter.LANCZOS3, 0xa799db87L, 0, 217, 105},
      {1537, 913, 1024, 609, 3, Filter.BILINEAR, 0x56e7cc67L, 50, 140, 153},
      {1537, 913, 1024, 609, 3, Filter.LANCZOS3, 0x72ae38cbL, 34, 152, 151},
      {4000, 3, 1024, 1, 3, Filter.BILINEAR, 0x00125cd9L, 121, 128, 132},
      {4000, 3, 1024, 1, 3, Filter.LANCZOS3, 0x2e0c409bL, 118, 125, 136},
      {7, 5, 13, 11, 4, Filter.BILINEAR, 0x3660ae14L, 0, 209, 10},
      {7, 5, 13, 11, 4, Filter.LANCZOS3, 0xfecea905L, 0, 209, 0},
      {640, 480, 1024, 768, 3, Filter.BILINEAR, 0xe8b0424aL, 0, 111, 76},
      {640, 480, 1024, 768, 3, Filter.LANCZOS3, 0x9f901685L, 0, 95, 72},
    };
    for (Object[] k : cases) {
      int w = (int) k[0], h = (int) k[1], ow = (int) k[2], oh = (int) k[3], c = (int) k[4];
      Filter f = (Filter) k[5];
      byte[] out = resize(ResampleReference.patternImage(w, h, c), w, h, c, ow, oh, f);
      String label = w + "x" + h + " -> " + ow + "x" + oh + " c=" + c + " " + f;
      assertEquals(k[7], out[0] & 0xff, label + " first byte");
      assertEquals(k[8], out[out.length / 2] & 0xff, label + " middle byte");
      assertEquals(k[9], out[out.length - 1] & 0xff, label + " last byte");
      CRC32 crc = new CRC32();
      crc.update(out);
      assertEquals((long) k[6], crc.getValue(), label + " crc32");
    }
  }

  @Test
  void handDerivedValues() {
    // 2x1 -> 1x1 bilinear: support widens to 2, both samples weigh 0.5 (2^21 in fixed point),
    // so the result is (2^21 + (a + b) * 2^21) >> 22 = floor((a + b + 1) / 2).
    assertArrayEquals(new byte[] {16}, resize(new byte[] {10, 21}, 2, 1, 1, 1, 1, Filter.BILINEAR));
    assertArrayEquals(new byte[] {15}, resize(new byte[] {10, 20}, 2, 1, 1, 1, 1, Filter.BILINEAR));
    assertArrayEquals(
        new byte[] {(byte) 128}, resize(new byte[] {0, (byte) 255}, 2, 1, 1, 1, 1, Filter.BILINEAR));
    // The vertical pass alone, same arithmetic.
    assertArrayEquals(new byte[] {16}, resize(new byte[] {10, 21}, 1, 2, 1, 1, 1, Filter.BILINEAR));
    // A 1x1 image upscaled is constant for either filter.
    for (Filter f : Filter.values()) {
      byte[] up = resize(new byte[] {(byte) 200, 7, 99}, 1, 1, 3, 9, 5, f);
      for (int i = 0; i < up.length; i++) {
        assertEquals(new int[] {200, 7, 99}[i % 3], up[i] & 0xff, f + " index " + i);
      }
    }
  }

  @Test
  void unchangedSizeIsAnExactCopyAndConstantImagesStayConstant() {
    byte[] in = new byte[37 * 23 * 3];
    new Random(5).nextBytes(in);
    for (Filter f : Filter.values()) {
      assertArrayEquals(in, resize(in, 37, 23, 3, 37, 23, f), f.name());
    }
    byte[] grey = new byte[61 * 29];
    java.util.Arrays.fill(grey, (byte) 77);
    for (Filter f : Filter.values()) {
      for (int[] s : new int[][] {{20, 10}, {130, 70}, {61, 3}, {5, 29}}) {
        byte[] out = resize(grey, 61, 29, 1, s[0], s[1], f);
        for (byte b : out) {
          assertEquals(77, b & 0xff, f + " " + s[0] + "x" + s[1]);
        }
      }
    }
  }

  @Test
  void badArgumentsAreRefusedBeforeNativeCode() {
    Filter bl = Filter.BILINEAR;
    long ws = ImageKernels.resampleWorkspaceBytes(10, 10, 5, 5, 3, bl);
    try (BytePointer in = new BytePointer(300);
        BytePointer out = new BytePointer(75);
        BytePointer work = new BytePointer(ws);
        BytePointer smallWork = new BytePointer(ws - 1)) {
      assertMessage("in holds 300 elements, needs 400",
          () -> kernels.resample(in, 10, 10, 4, out, 5, 5, bl, work));
      assertMessage("out holds 75 elements, needs 300",
          () -> kernels.resample(in, 10, 10, 3, out, 10, 10, bl, work));
      assertMessage("workspace holds " + (ws - 1),
          () -> kernels.resample(in, 10, 10, 3, out, 5, 5, bl, smallWork));
      assertMessage("inW must be in [1, 65536], got 0",
          () -> kernels.resample(in, 0, 10, 3, out, 5, 5, bl, work));
      assertMessage("outH must be in [1, 65536], got -3",
          () -> kernels.resample(in, 10, 10, 3, out, 5, -3, bl, work));
      assertMessage("channels must be in [1, 4], got 5",
          () -> kernels.resample(in, 10, 10, 5, out, 5, 5, bl, work));
      assertMessage("filter must not be null",
          () -> kernels.resample(in, 10, 10, 3, out, 5, 5, null, work));
      assertMessage("in must not be null",
          () -> kernels.resample(null, 10, 10, 3, out, 5, 5, bl, work));
      assertMessage("workspace must not be null",
          () -> kernels.resample(in, 10, 10, 3, out, 5, 5, bl, null));
      assertMessage("outW must be in [1, 65536], got 65537",
          () -> ImageKernels.resampleWorkspaceBytes(10, 10, 65537, 5, 3, bl));
    }
  }
}
