package org.segfill.kernels;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.segfill.cuda.DeviceBuffer;

/**
 * Host arrays to device buffers and back, for the GPU tests. The copies are cudaMemcpy on the
 * legacy default stream, which CudaStream's non-blocking streams do not wait for nor make wait.
 * An upload waits until its bytes have landed (DeviceBuffer.upload synchronises the legacy
 * stream), so kernels queued afterwards on any stream see them. A download does not wait for
 * those kernels: the tests synchronise the stream that wrote a buffer before reading it.
 */
final class DeviceData {
  private DeviceData() {}

  /** A new device buffer holding {@code values}; the caller closes it. */
  static DeviceBuffer upload(float[] values) {
    DeviceBuffer buffer = DeviceBuffer.allocate((long) values.length * Float.BYTES);
    try (FloatPointer host = new FloatPointer(values)) {
      buffer.upload(host, (long) values.length * Float.BYTES);
    }
    return buffer;
  }

  /** A new device buffer holding {@code values}; the caller closes it. */
  static DeviceBuffer upload(byte[] values) {
    DeviceBuffer buffer = DeviceBuffer.allocate(values.length);
    try (BytePointer host = new BytePointer(values)) {
      buffer.upload(host, values.length);
    }
    return buffer;
  }

  /** The first n floats of a device buffer. */
  static float[] floats(DeviceBuffer buffer, int n) {
    try (FloatPointer host = new FloatPointer(n)) {
      buffer.download(host, (long) n * Float.BYTES);
      float[] v = new float[n];
      host.get(v);
      return v;
    }
  }

  /** The first n bytes of a device buffer. */
  static byte[] bytes(DeviceBuffer buffer, int n) {
    try (BytePointer host = new BytePointer(n)) {
      buffer.download(host, n);
      byte[] v = new byte[n];
      host.get(v);
      return v;
    }
  }

  /** The first n floats behind a host pointer. */
  static float[] floats(FloatPointer host, int n) {
    float[] v = new float[n];
    host.get(v);
    return v;
  }

  /** The first n bytes behind a host pointer. */
  static byte[] bytes(BytePointer host, int n) {
    byte[] v = new byte[n];
    host.get(v);
    return v;
  }
}
