package org.segfill.place;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

/**
 * CudaPlace.read and write hand positioned FloatPointers to cudaMemcpyAsync, whose parameters
 * are {@code void*}. JavaCPP adds a position to a {@code void*} argument in bytes, whatever the
 * element type; Pointer.memcpy (also {@code void*}) shows it here without a GPU.
 */
class AddressAtPositionTest {

  private static final float[] DATA = {0f, 1f, 2f, 3f, 4f, 5f};

  @Test
  void aPositionedFloatPointerReachesByteOffsetsThroughVoidStar() {
    try (FloatPointer src = new FloatPointer(DATA); FloatPointer dst = new FloatPointer(3)) {
      Pointer.memcpy(dst, src.position(2), 3L * Float.BYTES);
      float[] got = new float[3];
      dst.position(0).get(got);
      assertNotEquals(2f, got[0], "JavaCPP now scales void* positions: addressAtPosition "
          + "is no longer needed");
    }
  }

  @Test
  void addressAtPositionReachesTheElementAtThePosition() {
    try (FloatPointer src = new FloatPointer(DATA); FloatPointer dst = new FloatPointer(new float[6])) {
      Pointer.memcpy(PlaceBuffer.addressAtPosition(dst.position(1)),
          PlaceBuffer.addressAtPosition(src.position(2)), 3L * Float.BYTES);
      float[] got = new float[6];
      dst.position(0).get(got);
      assertArrayEquals(new float[] {0f, 2f, 3f, 4f, 0f, 0f}, got);
      assertEquals(2, src.position(), "the caller's position is left alone");
    }
  }
}
