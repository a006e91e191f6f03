package org.segfill.cuda;

import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.cuda.global.cudart;

/** An owned CUDA stream; kernels and copies on it run in order. */
public final class CudaStream implements AutoCloseable {
  private final CUstream_st handle;
  private boolean closed;

  private CudaStream(CUstream_st handle) {
    this.handle = handle;
  }

  /** Creates a stream on the current device. */
  public static CudaStream create() {
    CUstream_st handle = new CUstream_st();
    CudaException.check("cudaStreamCreate", cudart.cudaStreamCreate(handle));
    return new CudaStream(handle);
  }

  /** The cudaStream_t to pass to kernels and copies. */
  public CUstream_st handle() {
    if (closed) {
      throw new IllegalStateException("stream used after close()");
    }
    return handle;
  }

  /** Blocks until everything queued on the stream finished. */
  public void synchronize() {
    CudaException.check("cudaStreamSynchronize", cudart.cudaStreamSynchronize(handle()));
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      CudaException.check("cudaStreamDestroy", cudart.cudaStreamDestroy(handle));
    }
  }
}
