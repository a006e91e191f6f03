package org.segfill.place;

import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.segfill.cuda.CudaException;
import org.segfill.cuda.CudaStream;
import org.segfill.cuda.DeviceBuffer;
import org.segfill.kernels.KernelTarget;

/**
 * The CUDA build on the current device: device memory and one owned stream, on which every
 * kernel and copy of the place is queued in order.
 */
public final class CudaPlace implements KernelPlace {

  private final CudaStream stream;
  private final KernelTarget target;

  private CudaPlace(CudaStream stream) {
    this.stream = stream;
    this.target = KernelTarget.cuda(stream.handle());
  }

  /** A place with a new stream on the current device. */
  public static CudaPlace create() {
    return new CudaPlace(CudaStream.create());
  }

  @Override
  public KernelTarget target() {
    return target;
  }

  @Override
  public boolean onDevice() {
    return true;
  }

  @Override
  public PlaceBuffer allocate(long bytes) {
    PlaceBuffer.checkSize(bytes);
    DeviceBuffer block = DeviceBuffer.allocate(bytes);
    return new PlaceBuffer(block.asBytes(), bytes, block);
  }

  @Override
  public PlaceBuffer upload(byte[] data) {
    try (BytePointer host = new BytePointer(data)) {
      return uploadFrom(host, data.length);
    }
  }

  @Override
  public PlaceBuffer upload(float[] data) {
    try (FloatPointer host = new FloatPointer(data)) {
      return uploadFrom(host, (long) data.length * Float.BYTES);
    }
  }

  private PlaceBuffer uploadFrom(Pointer host, long bytes) {
    PlaceBuffer buffer = allocate(bytes);
    try {
      // cudaMemcpyAsync from pageable memory may return before the driver has staged the bytes;
      // the stream synchronise makes it safe to free `host` when this method returns.
      CudaException.check("cudaMemcpyAsync(host to device)", cudart.cudaMemcpyAsync(
          buffer.live(), host, bytes, cudart.cudaMemcpyHostToDevice, stream.handle()));
      stream.synchronize();
      return buffer;
    } catch (RuntimeException e) {
      buffer.close();
      throw e;
    }
  }

  @Override
  public void download(PlaceBuffer from, byte[] to) {
    from.checkDownload(to.length);
    if (to.length == 0) {
      return;
    }
    try (BytePointer host = new BytePointer(to.length)) {
      copyBack(from, host, to.length);
      host.get(to);
    }
  }

  @Override
  public void download(PlaceBuffer from, float[] to) {
    from.checkDownload((long) to.length * Float.BYTES);
    if (to.length == 0) {
      return;
    }
    try (FloatPointer host = new FloatPointer(to.length)) {
      copyBack(from, host, (long) to.length * Float.BYTES);
      host.get(to);
    }
  }

  private void copyBack(PlaceBuffer from, Pointer host, long bytes) {
    // Queued behind every kernel of this place on the stream; the synchronise both waits for the
    // copy and surfaces any asynchronous error of the work before it.
    CudaException.check("cudaMemcpyAsync(device to host)", cudart.cudaMemcpyAsync(host,
        from.live(), bytes, cudart.cudaMemcpyDeviceToHost, stream.handle()));
    stream.synchronize();
  }

  @Override
  public void close() {
    // Work still queued may use buffers the caller is about to free: let it finish first.
    try {
      stream.synchronize();
    } finally {
      stream.close();
    }
  }
}
