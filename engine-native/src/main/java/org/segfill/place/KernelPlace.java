package org.segfill.place;

import org.bytedeco.javacpp.FloatPointer;
import org.segfill.kernels.KernelTarget;

/**
 * A kernel target plus the memory its kernels address. Buffers come from {@link #allocate} or
 * {@link #upload}; kernels are queued with {@link #target()}; results come back with {@code
 * download}, which waits for the work queued before it. A place serves one thread at a time.
 */
public sealed interface KernelPlace extends AutoCloseable permits CpuPlace, CudaPlace {

  /** The CPU twin on host memory; closing it does nothing. */
  static KernelPlace cpu() {
    return CpuPlace.INSTANCE;
  }

  /** The target to build kernel objects on (its stream orders everything of this place). */
  KernelTarget target();

  /** Whether buffers live in GPU memory (so the host must not read them directly). */
  boolean onDevice();

  /** An uninitialised buffer of {@code bytes} bytes (at least 1). */
  PlaceBuffer allocate(long bytes);

  /**
   * An uninitialised buffer of {@code bytes} bytes (at least 1) that this place's kernels and
   * the host both read and write through the same pointer: host memory. The host may read what
   * queued work wrote there once that work is known to have finished (an event, or
   * {@link #synchronize}), with no copy call that would wait for later work.
   */
  PlaceBuffer allocateHostVisible(long bytes);

  /** A buffer holding a copy of {@code data}. */
  PlaceBuffer upload(byte[] data);

  /** A buffer holding a copy of {@code data}. */
  PlaceBuffer upload(float[] data);

  /**
   * Copies {@code data} to {@code to}, memory of this place that the caller did not get from it
   * (e.g. a graph's input buffer), once the work queued before has reached it.
   *
   * @throws IllegalArgumentException when {@code to} holds fewer than {@code data.length} floats
   */
  void write(float[] data, FloatPointer to);

  /**
   * Copies {@code to.length} floats from {@code from}, memory of this place the caller did not
   * get from it, once the work queued before is done.
   *
   * @throws IllegalArgumentException when {@code from} holds fewer than {@code to.length} floats
   */
  void read(FloatPointer from, float[] to);

  /** Copies the first {@code to.length} bytes of {@code from} once the queued work is done. */
  void download(PlaceBuffer from, byte[] to);

  /** Copies the first {@code to.length} floats of {@code from} once the queued work is done. */
  void download(PlaceBuffer from, float[] to);

  /** Waits for the work queued on the place (nothing to wait for on the CPU). */
  void synchronize();

  /** Releases what the place owns (its stream, for CUDA). */
  @Override
  void close();
}
