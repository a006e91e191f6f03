package org.segfill.cuda;

import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.cuda.global.cudart;

/**
 * An owned CUDA stream; kernels and copies on it run in order. It is non-blocking: it does not
 * synchronise with the legacy default stream, so nothing another thread queues there (a
 * cudaMemcpy, a kernel on the null stream) waits for it or breaks a graph capture on it.
 */
public final class CudaStream implements AutoCloseable {
  private final CUstream_st handle;
  private boolean closed;

  private CudaStream(CUstream_st handle) {
    this.handle = handle;
  }

  /** Creates a non-blocking stream on the current device. */
  public static CudaStream create() {
    CUstream_st handle = new CUstream_st();
    // cudaStreamNonBlocking: "no implicit synchronization with stream 0" (Runtime API,
    // cudaStreamCreateWithFlags). A blocking stream (cudaStreamCreate) is one the legacy stream
    // waits on and is waited on by ("Stream synchronization behavior"); while it captures a
    // graph, any use of the legacy stream from any thread would need that dependency on the
    // capture, which is illegal and invalidates it (cudaErrorStreamCaptureImplicit; Programming
    // Guide, "Prohibited and Unhandled Operations"). Our streams order their own work and wait
    // for each other only through explicit synchronises, so they lose nothing by not blocking.
    CudaException.check("cudaStreamCreateWithFlags(cudaStreamNonBlocking)",
        cudart.cudaStreamCreateWithFlags(handle, cudart.cudaStreamNonBlocking));
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
