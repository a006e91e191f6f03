package org.segfill.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.bytedeco.javacpp.BytePointer;
import org.junit.jupiter.api.Test;
import org.segfill.testing.RequiresCuda;

/** Device and pinned buffers round-trip bytes and refuse use after close. */
@RequiresCuda
class CudaMemoryGpuTest {

  @Test
  void deviceAndPinnedBuffersRoundTrip() {
    byte[] data = new byte[4099];
    new java.util.Random(1).nextBytes(data);
    try (PinnedBuffer pinned = PinnedBuffer.allocate(data.length);
        DeviceBuffer device = DeviceBuffer.allocate(data.length);
        BytePointer back = new BytePointer(data.length)) {
      pinned.asBytes().put(data);
      device.upload(pinned.asBytes(), data.length);
      device.download(back, data.length);
      byte[] out = new byte[data.length];
      back.get(out);
      assertArrayEquals(data, out);
    }
  }

  @Test
  void useAfterCloseIsRefused() {
    DeviceBuffer device = DeviceBuffer.allocate(16);
    device.close();
    assertThrows(IllegalStateException.class, device::asBytes);
    device.close(); // closing twice is harmless
  }
}
