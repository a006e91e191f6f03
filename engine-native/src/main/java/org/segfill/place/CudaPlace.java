package org.segfill.place;

import org.bytedeco.cuda.cudart.CUmemPoolHandle_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.segfill.cuda.CudaException;
import org.segfill.cuda.CudaStream;
import org.segfill.cuda.DeviceBuffer;
import org.segfill.cuda.PinnedBuffer;
import org.segfill.kernels.KernelTarget;

/**
 * The CUDA build on the current device: device memory and one stream, on which every kernel and
 * copy of the place is queued in order. Buffers are stream-ordered allocations from the device's
 * memory pool where the device has one, so allocating and freeing never waits for the device.
 */
public final class CudaPlace implements KernelPlace {

  // Keep this much freed memory in the device's default pool instead of returning it to the
  // driver at every synchronise (cudaMemPoolAttrReleaseThreshold is 0 by default): a request's
  // buffers are about the same size as the last one's.
  private static final long POOL_KEEP_BYTES = 512L << 20;

  private final CUstream_st stream;
  private final CudaStream owned;
  private final KernelTarget target;
  private final boolean pooled;

  private CudaPlace(CUstream_st stream, CudaStream owned) {
    this.stream = stream;
    this.owned = owned;
    this.target = KernelTarget.cuda(stream);
    this.pooled = poolsSupported();
  }

  // cudaMallocAsync needs cudaDevAttrMemoryPoolsSupported (missing on some virtualised GPUs);
  // without it buffers come from cudaMalloc.
  private static boolean poolsSupported() {
    int[] device = new int[1];
    int[] supported = new int[1];
    CudaException.check("cudaGetDevice", cudart.cudaGetDevice(device));
    CudaException.check("cudaDeviceGetAttribute(cudaDevAttrMemoryPoolsSupported)",
        cudart.cudaDeviceGetAttribute(supported, cudart.cudaDevAttrMemoryPoolsSupported,
            device[0]));
    if (supported[0] == 0) {
      return false;
    }
    CUmemPoolHandle_st pool = new CUmemPoolHandle_st();
    CudaException.check("cudaDeviceGetDefaultMemPool",
        cudart.cudaDeviceGetDefaultMemPool(pool, device[0]));
    try (LongPointer keep = new LongPointer(1)) {
      keep.put(0, POOL_KEEP_BYTES);
      CudaException.check("cudaMemPoolSetAttribute(cudaMemPoolAttrReleaseThreshold)",
          cudart.cudaMemPoolSetAttribute(pool, cudart.cudaMemPoolAttrReleaseThreshold, keep));
    }
    return true;
  }

  /** A place with a new stream on the current device, which it owns. */
  public static CudaPlace create() {
    CudaStream stream = CudaStream.create();
    return new CudaPlace(stream.handle(), stream);
  }

  /**
   * A place on someone else's stream (e.g. a TensorRT run's), so its kernels and copies are
   * ordered with that stream's work; closing it only waits for the stream.
   */
  public static CudaPlace on(CUstream_st stream) {
    if (stream == null || stream.isNull()) {
      throw new IllegalArgumentException("stream: a CUDA stream is required");
    }
    return new CudaPlace(stream, null);
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
    if (!pooled) {
      DeviceBuffer block = DeviceBuffer.allocate(bytes);
      return new PlaceBuffer(block.asBytes(), bytes, block);
    }
    Pointer address = new Pointer();
    // Stream-ordered allocation: valid for work queued on `stream` after this call, and freed
    // by cudaFreeAsync on the same stream after all work queued before the free, so neither
    // call waits for the device (cudaFree may), and a buffer is never freed under a kernel.
    CudaException.check("cudaMallocAsync(" + bytes + ")",
        cudart.cudaMallocAsync(address, bytes, stream));
    return new PlaceBuffer(address, bytes, () -> CudaException.check("cudaFreeAsync",
        cudart.cudaFreeAsync(address, stream)));
  }

  /**
   * Page-locked host memory (cudaMallocHost). With unified addressing, on in every 64-bit
   * process, such memory is "directly accessible from all devices" through the very pointer the
   * host uses, with no cudaHostGetDevicePointer (CUDA Runtime API, Unified Addressing,
   * "Automatic Mapping of Host Allocated Host Memory"): kernels write it over the bus, and the
   * host reads it once an event after that work has completed.
   */
  @Override
  public PlaceBuffer allocateHostVisible(long bytes) {
    PlaceBuffer.checkSize(bytes);
    PinnedBuffer block = PinnedBuffer.allocate(bytes);
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
          buffer.live(), host, bytes, cudart.cudaMemcpyHostToDevice, stream));
      synchronize();
      return buffer;
    } catch (RuntimeException e) {
      buffer.close();
      throw e;
    }
  }

  @Override
  public void write(float[] data, FloatPointer to) {
    PlaceBuffer.checkWrite(data.length, to);
    if (data.length == 0) {
      return;
    }
    try (FloatPointer host = new FloatPointer(data)) {
      // Ordered on the stream after the work queued before; the synchronise lets `host` go.
      CudaException.check("cudaMemcpyAsync(host to device)", cudart.cudaMemcpyAsync(
          PlaceBuffer.addressAtPosition(to), host, (long) data.length * Float.BYTES,
          cudart.cudaMemcpyHostToDevice, stream));
      synchronize();
    }
  }

  @Override
  public void read(FloatPointer from, float[] to) {
    PlaceBuffer.checkWrite(to.length, from);
    if (to.length == 0) {
      return;
    }
    try (FloatPointer host = new FloatPointer(to.length)) {
      // Queued behind the place's work on the stream; the synchronise waits for the copy.
      CudaException.check("cudaMemcpyAsync(device to host)", cudart.cudaMemcpyAsync(host,
          PlaceBuffer.addressAtPosition(from), (long) to.length * Float.BYTES,
          cudart.cudaMemcpyDeviceToHost, stream));
      synchronize();
      host.get(to);
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
        from.live(), bytes, cudart.cudaMemcpyDeviceToHost, stream));
    synchronize();
  }

  @Override
  public void synchronize() {
    CudaException.check("cudaStreamSynchronize", cudart.cudaStreamSynchronize(stream));
  }

  @Override
  public void close() {
    // Work still queued may use buffers the caller is about to free: let it finish first.
    try {
      synchronize();
    } finally {
      if (owned != null) {
        owned.close();
      }
    }
  }
}
