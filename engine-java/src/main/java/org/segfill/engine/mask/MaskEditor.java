package org.segfill.engine.mask;

import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.segfill.kernels.Args;
import org.segfill.kernels.KernelTarget;
import org.segfill.kernels.MaskKernels;

/**
 * Applies a list of {@link MaskEdit}s in order, on the CPU twin of our mask kernels.
 *
 * <p>Invert, Grow, Shrink, Feather and Stroke run in {@link MaskKernels}; FillHoles and
 * RemoveSpecks run in {@link MaskComponents} (plain Java). Grow, Shrink, FillHoles and
 * RemoveSpecks binarise their input at {@link #BINARY_THRESHOLD} (value >= 128 is selected) and
 * return 0/255; Invert and Feather keep soft values, and Feather is meant as the last step.
 */
public final class MaskEditor {
  /** Values at or above this are selected when an edit binarises. */
  public static final int BINARY_THRESHOLD = 128;

  private final MaskKernels kernels;

  /** An editor on the CPU twin. */
  public MaskEditor() {
    this.kernels = new MaskKernels(KernelTarget.cpu());
  }

  /**
   * Returns a new mask (owned by the caller) with {@code edits} applied in order; {@code mask} is
   * not changed. Every edit is checked against the mask before any native call.
   */
  public Mask apply(Mask mask, List<MaskEdit> edits) {
    Args.notNull("mask", mask);
    Args.notNull("edits", edits);
    int w = mask.width();
    int h = mask.height();
    long n = (long) w * h;
    for (int i = 0; i < edits.size(); i++) {
      MaskEdit edit = edits.get(i);
      if (edit == null) {
        throw new IllegalArgumentException("edits[" + i + "] must not be null");
      }
      if (edit instanceof MaskEdit.RemoveSpecks r && r.minArea() > n) {
        throw new IllegalArgumentException("RemoveSpecks.minArea must be in [1, width * height = "
            + n + "], got " + r.minArea());
      }
    }
    // current is owned here from the first edit on; the input stays the caller's.
    BytePointer current = Mask.copyOf(mask.pointer(), n);
    try {
      for (MaskEdit edit : edits) {
        BytePointer next = step(current, edit, w, h);
        if (next != current) {
          current.close();
          current = next;
        }
      }
      Mask result = Mask.adopt(w, h, current);
      current = null;
      return result;
    } finally {
      if (current != null) {
        current.close();
      }
    }
  }

  /** Applies one edit; returns {@code in} when edited in place, else a new owned buffer. */
  private BytePointer step(BytePointer in, MaskEdit edit, int w, int h) {
    long n = (long) w * h;
    // Java 17 has no pattern switch; the sealed interface keeps this chain complete.
    if (edit instanceof MaskEdit.Invert) {
      kernels.invert(in, in, n);
      return in;
    } else if (edit instanceof MaskEdit.Grow g) {
      return morph(in, w, h, g.px(), false);
    } else if (edit instanceof MaskEdit.Shrink s) {
      return morph(in, w, h, s.px(), true);
    } else if (edit instanceof MaskEdit.Feather f) {
      return feather(in, w, h, f.px());
    } else if (edit instanceof MaskEdit.Stroke s) {
      stroke(in, w, h, s);
      return in;
    } else if (edit instanceof MaskEdit.FillHoles) {
      in.put(MaskComponents.fillHoles(read(in, n), w, h), 0, (int) n);
      return in;
    } else if (edit instanceof MaskEdit.RemoveSpecks r) {
      in.put(MaskComponents.removeSpecks(read(in, n), w, h, r.minArea()), 0, (int) n);
      return in;
    }
    throw new IllegalStateException("unknown edit " + edit);
  }

  private BytePointer morph(BytePointer in, int w, int h, int px, boolean shrink) {
    long n = (long) w * h;
    // The kernel treats any non-zero as selected; binarising at 128 first makes a soft input
    // (for example after Feather) mean what it means everywhere else.
    kernels.binarize(in, in, n, BINARY_THRESHOLD);
    BytePointer out = new BytePointer(n);
    try (BytePointer workspace = new BytePointer(MaskKernels.morphWorkspaceBytes(w, h))) {
      if (shrink) {
        kernels.shrink(in, out, w, h, px, workspace);
      } else {
        kernels.grow(in, out, w, h, px, workspace);
      }
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  private BytePointer feather(BytePointer in, int w, int h, int px) {
    BytePointer out = new BytePointer((long) w * h);
    try (BytePointer workspace = new BytePointer(MaskKernels.featherWorkspaceBytes(w, h))) {
      kernels.feather(in, out, w, h, px, workspace);
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  private void stroke(BytePointer mask, int w, int h, MaskEdit.Stroke s) {
    List<MaskEdit.Point> points = s.points();
    float[] xy = new float[2 * points.size()];
    for (int i = 0; i < points.size(); i++) {
      xy[2 * i] = points.get(i).x();
      xy[2 * i + 1] = points.get(i).y();
    }
    try (FloatPointer p = new FloatPointer(xy)) {
      kernels.stroke(mask, w, h, p, points.size(), s.radius(),
          s.mode() == MaskEdit.StrokeMode.ERASE);
    }
  }

  private static byte[] read(BytePointer p, long n) {
    byte[] a = new byte[(int) n];
    p.get(a, 0, a.length);
    return a;
  }
}
