package org.segfill.engine.backend;

import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.javacpp.FloatPointer;

/**
 * One graph at fixed shapes with float32 device buffers for its inputs and outputs, enqueued on
 * one CUDA stream. Everything is asynchronous: work queued on {@link #stream()} before
 * {@link #enqueue()} is seen by the graph, and work queued after it sees the outputs.
 */
public interface DeviceRun extends AutoCloseable {

  /** The stream every enqueue of this run is ordered on. */
  CUstream_st stream();

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
