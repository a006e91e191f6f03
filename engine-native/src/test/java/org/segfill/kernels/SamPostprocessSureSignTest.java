package org.segfill.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.Test;

/**
 * The CPU twin fills blocks whose logits all have one sure sign without interpolating
 * (kernels/src/mask/sam_sure_cells.h). These cases aim at that shortcut's edges: logits at and
 * around 0, subnormals, values near the float range whose interpolation overflows, infinities
 * and NaN, at sizes whose blocks and spans end unevenly. Every byte must equal the literal
 * reference, which interpolates everything.
 */
class SamPostprocessSureSignTest {
  private final MaskKernels kernels = new MaskKernels(KernelTarget.cpu());

  private record Field(String name, UnaryOperator<float[]> make) {}

  private static final float INF = Float.POSITIVE_INFINITY;

  /** A smooth field with boundaries, transformed to stress one side of the shortcut's proof. */
  private static List<Field> fields() {
    List<Field> fields = new ArrayList<>();
    fields.add(new Field("smooth", l -> l));
    fields.add(new Field("subnormal", l -> scaled(l, 1e-39f)));
    fields.add(new Field("tiny, beside the sure bound", l -> {
      // Around 2^-100 on the positive side; -0 and the smallest subnormal on the other.
      for (int i = 0; i < l.length; i++) {
        if (Math.abs(l[i]) < 2) {
          l[i] = l[i] < 0 ? (i % 2 == 0 ? -0f : -Float.MIN_VALUE)
              : (i % 3 == 0 ? 0x1p-101f : i % 3 == 1 ? 0x1p-100f : 0f);
        }
      }
      return l;
    }));
    fields.add(new Field("smallest subnormal", l -> {
      // Halving Float.MIN_VALUE rounds to 0: a shortcut that called any positive value sure
      // would write 255 where the reference's interpolation underflows to 0.
      for (int i = 0; i < l.length; i++) {
        if (Math.abs(l[i]) < 2) {
          l[i] = l[i] < 0 ? -0f : Float.MIN_VALUE;
        }
      }
      return l;
    }));
    fields.add(new Field("large", l -> scaled(l, 2.5e37f)));
    fields.add(new Field("saturated past the sure bound", l -> {
      // Interpolating 3e38 with itself can round past Float.MAX_VALUE to inf, and inf times a
      // zero weight is NaN: these pixels must come out as the exact path computes them.
      for (int i = 0; i < l.length; i++) {
        l[i] = l[i] > 1 ? 3.3e38f : l[i] < -1 ? -3.3e38f : l[i];
      }
      return l;
    }));
    fields.add(new Field("infinities and NaN", l -> {
      for (int i = 0; i < l.length; i += 97) {
        l[i] = INF;
      }
      for (int i = 5; i < l.length; i += 89) {
        l[i] = -INF;
      }
      for (int i = 11; i < l.length; i += 211) {
        l[i] = Float.NaN;
      }
      return l;
    }));
    fields.add(new Field("noise", l -> {
      SplittableRandom random = new SplittableRandom(l.length);
      for (int i = 0; i < l.length; i++) {
        l[i] = (float) random.nextDouble(-1, 1);
      }
      return l;
    }));
    return fields;
  }

  private static float[] scaled(float[] l, float by) {
    for (int i = 0; i < l.length; i++) {
      l[i] *= by;
    }
    return l;
  }

  @Test
  void everyByteMatchesTheReferenceAtEdgeSizesAndValues() {
    int[][] sizes = {{1, 1}, {2, 3}, {33, 17}, {257, 255}, {500, 300}, {1023, 1025},
        {1024, 768}, {768, 1024}, {1537, 913}, {3, 4000}, {5000, 2}};
    List<String> failures = new ArrayList<>();
    long seed = 40;
    for (Field field : fields()) {
      for (int[] size : sizes) {
        float[] logits = field.make().apply(SamPostprocessTest.smoothLogits(seed++));
        compare(field.name(), logits, size[0], size[1], 0f, failures);
      }
    }
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  @Test
  void aTwelveMegapixelPhotoMatchesTheReference() {
    List<String> failures = new ArrayList<>();
    for (Field field : fields().subList(0, 3)) {
      compare(field.name(), field.make().apply(SamPostprocessTest.smoothLogits(7)), 4000, 3000,
          0f, failures);
    }
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  @Test
  void otherThresholdsTakeTheExactPathAndMatchToo() {
    List<String> failures = new ArrayList<>();
    for (float threshold : new float[] {-0f, 0x1p-120f, -2.5f, 3f}) {
      compare("smooth", SamPostprocessTest.smoothLogits(3), 1537, 913, threshold, failures);
    }
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  @Test
  void theSmoothFieldsAreMostlyOfOneSureSignSoTheShortcutIsExercised() {
    // The comparisons above only test the shortcut if it is taken: most cells of the smooth
    // field are far from 0 and the mask has both values.
    float[] logits = SamPostprocessTest.smoothLogits(40);
    int sure = 0;
    for (float v : logits) {
      sure += v <= 0 || v >= 0x1p-100f ? 1 : 0;
    }
    assertEquals(logits.length, sure);
    byte[] mask = run(logits, 1024, 768, 0f);
    int selected = MaskTestData.count(mask, 255);
    assertTrue(selected > mask.length / 50 && selected < mask.length - mask.length / 50,
        "selected " + selected + " of " + mask.length);
  }

  private void compare(String name, float[] logits, int w, int h, float threshold,
      List<String> failures) {
    byte[] expected = SamPostprocessReference.postprocess(logits, w, h, threshold);
    byte[] actual = run(logits, w, h, threshold);
    int first = MaskTestData.firstDifference(expected, actual);
    if (first >= 0) {
      failures.add(name + " at " + w + "x" + h + ", threshold " + threshold
          + ": first differing pixel (" + first % w + ", " + first / w + ")");
    }
  }

  private byte[] run(float[] logits, int w, int h, float threshold) {
    try (FloatPointer in = new FloatPointer(logits);
        BytePointer out = new BytePointer((long) w * h)) {
      kernels.samPostprocess(in, w, h, threshold, out);
      return MaskTestData.bytes(out, (long) w * h);
    }
  }
}
