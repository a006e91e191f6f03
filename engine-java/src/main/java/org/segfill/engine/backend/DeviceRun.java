package org.segfill.engine.backend;

import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.javacpp.FloatPointer;
import org.segfill.place.KernelPlace;

/**
 * One graph at fixed shapes with float32 device buffers for its inputs and outputs, enqueued on
 * one CUDA stream. Everything is asynchronous: work queued on {@link #stream()} before
 * {@link #enqueue()} is seen by the graph, and work queued after it sees the outputs.
 */
public interface DeviceRun extends AutoCloseable {

  /** The stream every enqueue of this run is ordered on (null for a run on the CPU). */
  CUstream_st stream();

  /**
   * Memory and kernels ordered with this run: buffers the loop's kernels and the graph's
   * inputs can address, and a kernel target on {@link #stream()}. Valid until close; the run
   * owns it.
   */
  KernelPlace place();

  /** The float32 device buffer of an input, valid until close. */
  FloatPointer input(String name);

  /** The float32 device buffer of an output, valid until close. */
  FloatPointer output(String name);

  /**
   * Whether {@link #enqueue()} may be captured into a CUDA graph on {@link #stream()} (for
   * TensorRT, {@code IExecutionContext::isStreamCapturable}).
   */
  boolean capturable();

  /** Queues one run of the graph on {@link #stream()}; returns without waiting. */
  void enqueue();

  /** Waits for the stream, then releases the session. */
  @Override
  void close();
}
