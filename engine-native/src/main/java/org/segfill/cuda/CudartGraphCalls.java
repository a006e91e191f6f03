package org.segfill.cuda;

import org.bytedeco.cuda.cudart.CUgraphExec_st;
import org.bytedeco.cuda.cudart.CUgraph_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.cuda.global.cudart;

/** The {@link GraphCalls} of a real stream, through the CUDA runtime. */
final class CudartGraphCalls implements GraphCalls {

  private final CUstream_st stream;
  private CUgraph_st captured;
  private CUgraphExec_st exec;

  CudartGraphCalls(CUstream_st stream) {
    this.stream = stream;
  }

  // Thread-local mode: only this thread's calls are checked against the capture, so other
  // threads may allocate or synchronise meanwhile (cudaThreadExchangeStreamCaptureMode).
  @Override
  public int beginCapture() {
    return cudart.cudaStreamBeginCapture(stream, cudart.cudaStreamCaptureModeThreadLocal);
  }

  // cudaStreamEndCapture ends the capture even when it was invalidated; it then returns the
  // error and a NULL graph, so a graph is kept only on success.
  @Override
  public int endCapture() {
    CUgraph_st graph = new CUgraph_st();
    int status = cudart.cudaStreamEndCapture(stream, graph);
    captured = status == cudart.cudaSuccess ? graph : null;
    return status;
  }

  // The executable graph does not depend on the graph it was instantiated from.
  @Override
  public int instantiate() {
    CUgraphExec_st made = new CUgraphExec_st();
    int status = cudart.cudaGraphInstantiate(made, captured, 0L);
    discardCaptured();
    exec = status == cudart.cudaSuccess ? made : null;
    return status;
  }

  @Override
  public void discardCaptured() {
    if (captured != null) {
      cudart.cudaGraphDestroy(captured);
      captured = null;
    }
  }

  // cudaGraphLaunch is ordered on the stream like the launches it replays; the buffers the
  // graph reads and writes are those bound at capture, which the step's owner keeps until close.
  @Override
  public int launch() {
    return cudart.cudaGraphLaunch(exec, stream);
  }

  @Override
  public int clearLastError() {
    return cudart.cudaGetLastError();
  }

  @Override
  public String describe(int status) {
    return cudart.cudaGetErrorString(status).getString();
  }

  @Override
  public void destroy() {
    discardCaptured();
    if (exec != null) {
      cudart.cudaGraphExecDestroy(exec);
      exec = null;
    }
  }
}
