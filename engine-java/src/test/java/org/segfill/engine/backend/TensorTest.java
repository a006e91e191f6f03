package org.segfill.engine.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class TensorTest {

  @Test
  void floatsRoundTripInLittleEndian() {
    Tensor t = Tensor.ofFloats(new long[] {2, 2}, 1f, -2.5f, 3f, 4f);
    assertEquals(16, t.data().remaining());
    assertTrue(t.data().isDirect());
    assertEquals(ByteOrder.LITTLE_ENDIAN, t.data().order());
    // 1.0f is 0x3F800000; little-endian puts 0x3F in the fourth byte.
    assertEquals(0x3F, t.data().get(3));
    assertArrayEquals(new float[] {1f, -2.5f, 3f, 4f}, t.toFloatArray());
  }

  @Test
  void scalarHasRankZeroAndOneElement() {
    Tensor t = Tensor.scalar(981f);
    assertEquals(0, t.rank());
    assertEquals(1, t.elementCount());
    assertArrayEquals(new float[] {981f}, t.toFloatArray());
  }

  @Test
  void longsAndBytesKeepTheirValues() {
    Tensor longs = Tensor.ofLongs(new long[] {3}, 1L, -1L, Long.MAX_VALUE);
    assertArrayEquals(new long[] {1L, -1L, Long.MAX_VALUE}, longs.toLongArray());
    ByteBuffer half = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
        .putShort((short) 0x3C00).putShort((short) 0xC000).flip();
    Tensor fp16 = Tensor.ofBytes(DType.FLOAT16, new long[] {2}, half);
    assertEquals((short) 0xC000, fp16.data().getShort(2));
  }

  @Test
  void aWrappedBufferIsSharedNotCopied() {
    ByteBuffer buffer = ByteBuffer.allocateDirect(8).order(ByteOrder.LITTLE_ENDIAN);
    Tensor t = Tensor.wrap(DType.FLOAT32, new long[] {2}, buffer);
    buffer.putFloat(0, 1.5f).putFloat(4, -2f);
    assertArrayEquals(new float[] {1.5f, -2f}, t.toFloatArray());
    buffer.putFloat(0, 7f);
    assertArrayEquals(new float[] {7f, -2f}, t.toFloatArray());
    assertEquals(ByteOrder.LITTLE_ENDIAN, t.data().order());
  }

  @Test
  void wrapRefusesHeapBigEndianAndMissizedBuffers() {
    long[] two = {2};
    assertThrows(IllegalArgumentException.class, () -> Tensor.wrap(DType.FLOAT32, two,
        ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)));
    assertThrows(IllegalArgumentException.class, () -> Tensor.wrap(DType.FLOAT32, two,
        ByteBuffer.allocateDirect(8)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
        Tensor.wrap(DType.FLOAT32, two,
            ByteBuffer.allocateDirect(12).order(ByteOrder.LITTLE_ENDIAN)));
    assertEquals("buffer: 8 bytes expected for FLOAT32[2], found 12", e.getMessage());
  }

  @Test
  void rejectsElementCountThatDoesNotFitTheShape() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Tensor.ofFloats(new long[] {2, 3}, 1f, 2f));
    assertEquals("values: shape [2, 3] holds 6 elements, found 2", e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Tensor.zeros(DType.FLOAT32, new long[] {-1, 3}));
  }
}
