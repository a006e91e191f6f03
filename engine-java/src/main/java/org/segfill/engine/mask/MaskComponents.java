package org.segfill.engine.mask;

/**
 * Connected-component edits over a row-major byte mask, in plain Java.
 *
 * <p>Why not OpenCV's connectedComponentsWithStats: a breadth-first labelling over the byte array
 * is exact, linear in the pixel count, needs no native Mat to own and close, and keeps the
 * ~100 MB OpenCV artifacts out of engine-java; our kernels have no labelling op to reuse.
 *
 * <p>Connectivity follows the usual digital-topology pairing: selected pixels connect through 8
 * neighbours and background through 4, so a diagonal-only gap in a selected outline is closed
 * for both edits (it neither splits the outline into specks nor lets a hole leak out).
 * Both binarise at {@link MaskEditor#BINARY_THRESHOLD} and return a 0/255 array.
 */
final class MaskComponents {
  private MaskComponents() {}

  /** Selects every background pixel that no 4-connected background path joins to the border. */
  static byte[] fillHoles(byte[] mask, int w, int h) {
    int n = w * h;
    boolean[] outside = new boolean[n];
    int[] queue = new int[n];
    int tail = 0;
    // Seed the search with every background pixel on the border.
    for (int x = 0; x < w; x++) {
      tail = seed(mask, outside, queue, tail, x);
      tail = seed(mask, outside, queue, tail, (h - 1) * w + x);
    }
    for (int y = 0; y < h; y++) {
      tail = seed(mask, outside, queue, tail, y * w);
      tail = seed(mask, outside, queue, tail, y * w + w - 1);
    }
    for (int head = 0; head < tail; head++) {
      int i = queue[head];
      int x = i % w;
      int y = i / w;
      if (x > 0) tail = seed(mask, outside, queue, tail, i - 1);
      if (x < w - 1) tail = seed(mask, outside, queue, tail, i + 1);
      if (y > 0) tail = seed(mask, outside, queue, tail, i - w);
      if (y < h - 1) tail = seed(mask, outside, queue, tail, i + w);
    }
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      out[i] = outside[i] ? 0 : (byte) 255;
    }
    return out;
  }

  private static int seed(byte[] mask, boolean[] outside, int[] queue, int tail, int i) {
    if (!outside[i] && !selected(mask, i)) {
      outside[i] = true;
      queue[tail++] = i;
    }
    return tail;
  }

  /** Keeps the 8-connected selected components of at least {@code minArea} pixels. */
  static byte[] removeSpecks(byte[] mask, int w, int h, int minArea) {
    int n = w * h;
    boolean[] seen = new boolean[n];
    int[] queue = new int[n];
    byte[] out = new byte[n];
    for (int start = 0; start < n; start++) {
      if (seen[start] || !selected(mask, start)) {
        continue;
      }
      // The queue holds exactly this component's pixels once the search ends.
      int tail = 0;
      seen[start] = true;
      queue[tail++] = start;
      for (int head = 0; head < tail; head++) {
        int i = queue[head];
        int x = i % w;
        int y = i / w;
        for (int dy = -1; dy <= 1; dy++) {
          int ny = y + dy;
          if (ny < 0 || ny >= h) continue;
          for (int dx = -1; dx <= 1; dx++) {
            int nx = x + dx;
            if (nx < 0 || nx >= w) continue;
            int j = ny * w + nx;
            if (!seen[j] && selected(mask, j)) {
              seen[j] = true;
              queue[tail++] = j;
            }
          }
        }
      }
      if (tail >= minArea) {
        for (int k = 0; k < tail; k++) {
          out[queue[k]] = (byte) 255;
        }
      }
    }
    return out;
  }

  private static boolean selected(byte[] mask, int i) {
    return (mask[i] & 0xff) >= MaskEditor.BINARY_THRESHOLD;
  }
}
