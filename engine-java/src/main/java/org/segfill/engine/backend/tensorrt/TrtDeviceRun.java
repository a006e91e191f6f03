package org.segfill.engine.backend.tensorrt;

import java.util.List;
import org.bytedeco.cuda.cudart.CUgraphExec_st;
import org.bytedeco.cuda.cudart.CUgraph_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.FloatPointer;
import org.segfill.engine.backend.BackendException;
import org.segfill.engine.backend.DType;
import org.segfill.engine.backend.DeviceRun;
import org.segfill.kernels.LatentKernels;

/**
 * A TensorRT context at fixed shapes, run again and again from device memory. From the third
 * enqueue on, the engine's work is replayed from a CUDA graph captured on the second (the first
 * is a plain enqueueV3, which the TensorRT developer guide asks for before capturing so that
 * lazy initialisation does not end up in the graph).
 */
final class TrtDeviceRun implements DeviceRun {

  private final ProfileContext profile;
  private final CUstream_st stream;
  private final LatentKernels kernels;
  private final List<String> inputs;
  private final List<String> outputs;
  private final TrtLogger logger;
  private final Runnable release;
  private int enqueued;
  private CUgraphExec_st graph;
  private boolean closed;

  TrtDeviceRun(ProfileContext profile, CUstream_st stream, LatentKernels kernels,
      List<String> inputs, List<String> outputs, TrtLogger logger, Runnable release) {
    this.profile = profile;
    this.stream = stream;
    this.kernels = kernels;
    this.inputs = List.copyOf(inputs);
    this.outputs = List.copyOf(outputs);
    this.logger = logger;
    this.release = release;
    for (String name : inputs) {
      requireFloat(name);
    }
    for (String name : outputs) {
      requireFloat(name);
    }
  }

  private void requireFloat(String name) {
    ProfileContext.Binding b = profile.binding(name);
    if (!b.converted() && b.engineType() != DType.FLOAT32) {
      throw new IllegalArgumentException("tensor '" + name + "' is " + b.engineType()
          + "; a device run takes float32 or float16 tensors only");
    }
  }

  @Override
  public CUstream_st stream() {
    return stream;
  }

  @Override
  public FloatPointer input(String name) {
    return buffer(name);
  }

  @Override
  public FloatPointer output(String name) {
    return buffer(name);
  }

  private FloatPointer buffer(String name) {
    ProfileContext.Binding b = profile.binding(name);
    if (b == null) {
      throw new IllegalArgumentException("no tensor '" + name + "' in this plan");
    }
    return b.converted() ? b.fp32().asFloats() : b.device().asFloats();
  }

  @Override
  public void enqueue() {
    if (closed) {
      throw new IllegalStateException("device run used after close()");
    }
    for (String name : inputs) {
      ProfileContext.Binding b = profile.binding(name);
      if (b.converted()) {
        kernels.f32ToF16(b.fp32().asFloats(), b.device().asShorts(), elements(name));
      }
    }
    if (graph != null) {
      // cudaGraphLaunch replays the captured enqueueV3 on `stream`, ordered like any launch;
      // the buffers it reads and writes are the ones bound at capture, which live until close.
      CudaCalls.check("cudaGraphLaunch", cudart.cudaGraphLaunch(graph, stream));
    } else if (enqueued == 1 && profile.context().isStreamCapturable(stream)) {
      capture();
      CudaCalls.check("cudaGraphLaunch", cudart.cudaGraphLaunch(graph, stream));
    } else {
      engineOnce();
    }
    enqueued++;
    for (String name : outputs) {
      ProfileContext.Binding b = profile.binding(name);
      if (b.converted()) {
        kernels.f16ToF32(b.device().asShorts(), b.fp32().asFloats(), elements(name));
      }
    }
  }

  private long elements(String name) {
    long n = 1;
    for (long d : TrtTypes.shape(profile.context().getTensorShape(name))) {
      n *= d;
    }
    return n;
  }

  private void engineOnce() {
    // enqueueV3: ordered on `stream` after the conversions above; shapes were set in prepare.
    if (!profile.context().enqueueV3(stream)) {
      throw new BackendException("TensorRT: enqueueV3 failed: " + logger.drainErrors(), null);
    }
  }

  // Captures one enqueueV3 into a graph (thread-local capture mode: other threads' CUDA calls
  // are not affected, and no legal call of ours happens on this thread during the capture).
  private void capture() {
    CudaCalls.check("cudaStreamBeginCapture", cudart.cudaStreamBeginCapture(stream,
        cudart.cudaStreamCaptureModeThreadLocal));
    CUgraph_st captured = new CUgraph_st();
    try {
      engineOnce();
    } finally {
      CudaCalls.check("cudaStreamEndCapture", cudart.cudaStreamEndCapture(stream, captured));
    }
    CUgraphExec_st exec = new CUgraphExec_st();
    try {
      CudaCalls.check("cudaGraphInstantiate", cudart.cudaGraphInstantiate(exec, captured, 0L));
    } finally {
      // The executable graph is independent of the graph it was instantiated from.
      cudart.cudaGraphDestroy(captured);
    }
    graph = exec;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      try {
        CudaCalls.check("cudaStreamSynchronize", cudart.cudaStreamSynchronize(stream));
      } finally {
        if (graph != null) {
          cudart.cudaGraphExecDestroy(graph);
        }
        release.run();
      }
    }
  }
}
