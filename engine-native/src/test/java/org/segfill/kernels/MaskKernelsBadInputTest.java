package org.segfill.kernels;

import static org.segfill.kernels.MaskBinaryOpsTest.assertMessage;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.Test;

/** Every mask entry point refuses bad arguments with a message naming them, before native code. */
class MaskKernelsBadInputTest {
  private final MaskKernels k = new MaskKernels(KernelTarget.cpu());

  @Test
  void samPostprocess() {
    try (FloatPointer logits = new FloatPointer(256 * 256);
        FloatPointer shortLogits = new FloatPointer(100);
        BytePointer out = new BytePointer(100)) {
      assertMessage("lowResLogits holds 100 elements, needs 65536",
          () -> k.samPostprocess(shortLogits, 10, 10, 0f, out));
      assertMessage("out holds 100 elements, needs 110",
          () -> k.samPostprocess(logits, 11, 10, 0f, out));
      assertMessage("origW must be in [1, 32768]", () -> k.samPostprocess(logits, 0, 10, 0f, out));
      assertMessage("origH must be in [1, 32768]",
          () -> k.samPostprocess(logits, 10, -1, 0f, out));
      assertMessage("threshold must be finite",
          () -> k.samPostprocess(logits, 10, 10, Float.NaN, out));
      assertMessage("lowResLogits must not be null", () -> k.samPostprocess(null, 10, 10, 0f, out));
    }
  }

  @Test
  void downsampleNearest() {
    try (BytePointer in = new BytePointer(100); FloatPointer out = new FloatPointer(4)) {
      assertMessage("in holds 100 elements, needs 110",
          () -> k.downsampleNearest(in, 11, 10, out, 2, 2));
      assertMessage("out holds 4 elements, needs 6", () -> k.downsampleNearest(in, 10, 10, out, 3, 2));
      assertMessage("outW must be in [1, 32768]", () -> k.downsampleNearest(in, 10, 10, out, 0, 2));
      assertMessage("h must be in [1, 32768]", () -> k.downsampleNearest(in, 10, 40000, out, 2, 2));
      assertMessage("out must not be null", () -> k.downsampleNearest(in, 10, 10, null, 2, 2));
    }
  }

  @Test
  void growAndShrink() {
    try (BytePointer in = new BytePointer(100);
        BytePointer out = new BytePointer(100);
        BytePointer ws = new BytePointer(MaskKernels.morphWorkspaceBytes(10, 10));
        BytePointer smallWs = new BytePointer(10)) {
      assertMessage("workspace holds 10 elements, needs 200",
          () -> k.grow(in, out, 10, 10, 1, smallWs));
      assertMessage("radius must be in [0, 4096]", () -> k.grow(in, out, 10, 10, -1, ws));
      assertMessage("radius must be in [0, 4096]", () -> k.shrink(in, out, 10, 10, 5000, ws));
      assertMessage("in and out must not overlap", () -> k.shrink(in, in, 10, 10, 1, ws));
      assertMessage("in holds 100 elements, needs 110", () -> k.grow(in, out, 11, 10, 1, ws));
      assertMessage("w must be in [1, 32768]", () -> k.grow(in, out, 0, 10, 1, ws));
      assertMessage("workspace must not be null", () -> k.shrink(in, out, 10, 10, 1, null));
      assertMessage("w must be in [1, 32768]", () -> MaskKernels.morphWorkspaceBytes(-3, 4));
    }
  }

  @Test
  void feather() {
    try (BytePointer in = new BytePointer(200);
        BytePointer out = new BytePointer(200);
        BytePointer ws = new BytePointer(MaskKernels.featherWorkspaceBytes(10, 10))) {
      assertMessage("radius must be in [0, 255]", () -> k.feather(in, out, 10, 10, 256, ws));
      assertMessage("radius must be in [0, 255]", () -> k.feather(in, out, 10, 10, -1, ws));
      assertMessage("workspace holds 210 elements, needs 231",
          () -> k.feather(in, out, 10, 11, 1, ws));
      assertMessage("in and out must not overlap",
          () -> k.feather(in, new BytePointer(in).position(20), 5, 10, 1, ws));
      assertMessage("h must be in [1, 32768]", () -> k.feather(in, out, 10, 0, 1, ws));
      assertMessage("in must not be null", () -> k.feather(null, out, 10, 10, 1, ws));
      assertMessage("h must be in [1, 32768]", () -> MaskKernels.featherWorkspaceBytes(4, 0));
    }
  }

  @Test
  void stroke() {
    try (BytePointer mask = new BytePointer(100); FloatPointer pts = new FloatPointer(4)) {
      assertMessage("pointsXy holds 4 elements, needs 6",
          () -> k.stroke(mask, 10, 10, pts, 3, 1f, false));
      assertMessage("npoints must be > 0", () -> k.stroke(mask, 10, 10, pts, 0, 1f, false));
      assertMessage("radius must be in [0.0, 65536.0]",
          () -> k.stroke(mask, 10, 10, pts, 2, -1f, false));
      assertMessage("radius must be in [0.0, 65536.0]",
          () -> k.stroke(mask, 10, 10, pts, 2, Float.NaN, false));
      assertMessage("mask holds 100 elements, needs 110",
          () -> k.stroke(mask, 11, 10, pts, 2, 1f, false));
      assertMessage("w must be in [1, 32768]", () -> k.stroke(mask, 0, 10, pts, 2, 1f, false));
      assertMessage("pointsXy must not be null", () -> k.stroke(mask, 10, 10, null, 2, 1f, true));
    }
  }

  @Test
  void blend() {
    try (BytePointer original = new BytePointer(400);
        BytePointer gen = new BytePointer(300);
        BytePointer alpha = new BytePointer(100);
        BytePointer out = new BytePointer(400)) {
      assertMessage("channels must be 1, 3 or 4",
          () -> k.blend(original, 10, 10, 2, gen, alpha, 0, 0, 10, 10, out));
      assertMessage("x0 must be in [0, 5]",
          () -> k.blend(original, 10, 10, 3, gen, alpha, 6, 0, 5, 5, out));
      assertMessage("y0 must be in [0, 0]",
          () -> k.blend(original, 10, 10, 3, gen, alpha, 0, -1, 10, 10, out));
      assertMessage("rw must be in [1, 10]",
          () -> k.blend(original, 10, 10, 3, gen, alpha, 0, 0, 11, 10, out));
      assertMessage("rh must be in [1, 32768]",
          () -> k.blend(original, 10, 10, 3, gen, alpha, 0, 0, 10, 0, out));
      assertMessage("generated holds 300 elements, needs 400",
          () -> k.blend(original, 10, 10, 4, gen, alpha, 0, 0, 10, 10, out));
      assertMessage("alpha holds 100 elements, needs 110",
          () -> k.blend(original, 11, 10, 1, gen, alpha, 0, 0, 11, 10, out));
      assertMessage("original holds 400 elements, needs 440",
          () -> k.blend(original, 11, 10, 4, gen, gen, 0, 0, 5, 5, out));
      assertMessage("out holds 400 elements, needs 440",
          () -> k.blend(new BytePointer(440), 11, 10, 4, gen, gen, 0, 0, 5, 5, out));
      assertMessage("original and out must not overlap",
          () -> k.blend(original, 10, 10, 3, gen, alpha, 0, 0, 5, 5,
              new BytePointer(original).position(1)));
      assertMessage("w must be in [1, 32768]",
          () -> k.blend(original, 0, 10, 3, gen, alpha, 0, 0, 5, 5, out));
      assertMessage("out must not be null",
          () -> k.blend(original, 10, 10, 3, gen, alpha, 0, 0, 5, 5, null));
    }
  }
}
