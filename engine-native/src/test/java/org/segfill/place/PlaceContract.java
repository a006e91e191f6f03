package org.segfill.place;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.segfill.kernels.MaskKernels;

/** What every {@link KernelPlace} must do, run by the CPU test and the GPU test alike. */
final class PlaceContract {

  private PlaceContract() {}

  static void roundTripsBytesAndFloats(KernelPlace place) {
    byte[] bytes = new byte[4099];
    float[] floats = new float[1027];
    Random random = new Random(7);
    random.nextBytes(bytes);
    for (int i = 0; i < floats.length; i++) {
      floats[i] = (float) random.nextGaussian();
    }
    try (PlaceBuffer b = place.upload(bytes); PlaceBuffer f = place.upload(floats)) {
      byte[] bytesBack = new byte[bytes.length];
      float[] floatsBack = new float[floats.length];
      place.download(b, bytesBack);
      place.download(f, floatsBack);
      assertArrayEquals(bytes, bytesBack);
      assertArrayEquals(floats, floatsBack);
    }
  }

  /** write() and read() reach memory the caller holds a pointer to, from its position. */
  static void writesThroughAPointer(KernelPlace place) {
    float[] data = {1.5f, -2f, Float.MIN_VALUE, 7e30f, 0f};
    try (PlaceBuffer target = place.allocate(8L * Float.BYTES)) {
      place.write(data, target.floats());
      float[] back = new float[data.length];
      place.download(target, back);
      assertArrayEquals(data, back);
      assertThrows(IllegalArgumentException.class,
          () -> place.write(new float[9], target.floats()));
      float[] tail = new float[3];
      place.read(target.floats().position(2), tail);
      assertArrayEquals(new float[] {data[2], data[3], data[4]}, tail);
      assertThrows(IllegalArgumentException.class,
          () -> place.read(target.floats().position(6), new float[3]));
    }
  }

  /** A kernel queued on the place's target reads and writes the place's buffers. */
  static void runsKernelsOnItsBuffers(KernelPlace place) {
    byte[] mask = new byte[70_001];
    new Random(3).nextBytes(mask);
    MaskKernels kernels = new MaskKernels(place.target());
    try (PlaceBuffer in = place.upload(mask); PlaceBuffer out = place.allocate(mask.length)) {
      kernels.binarize(in.bytes(), out.bytes(), mask.length, 128);
      byte[] got = new byte[mask.length];
      place.download(out, got);
      byte[] want = new byte[mask.length];
      for (int i = 0; i < mask.length; i++) {
        want[i] = (mask[i] & 0xff) >= 128 ? (byte) 255 : 0;
      }
      assertArrayEquals(want, got);
    }
  }

  static void refusesMisuse(KernelPlace place) {
    assertThrows(IllegalArgumentException.class, () -> place.allocate(0));
    try (PlaceBuffer small = place.allocate(8)) {
      assertThrows(IllegalArgumentException.class, () -> place.download(small, new byte[9]));
      assertThrows(IllegalArgumentException.class, () -> place.download(small, new float[3]));
    }
    PlaceBuffer closed = place.allocate(8);
    closed.close();
    assertThrows(IllegalStateException.class, closed::bytes);
    closed.close(); // closing twice is harmless
  }
}
