package org.segfill.engine.backend.tensorrt;

import java.util.function.LongFunction;
import org.bytedeco.javacpp.Pointer;
import org.segfill.cuda.DeviceBuffer;
import org.segfill.engine.backend.SessionLock;

/**
 * The activation memory ("scratch") of every TensorRT session of one bundle, shared: each
 * execution context is created {@code kUSER_MANAGED} and is given this one block before it runs,
 * as NVIDIA's demo/Diffusion does, instead of each context reserving its own block for its
 * profile's largest shapes. A bundle's graphs run one after another (text encoders, UNet, VAE),
 * so the block is as large as the largest profile of any of them, not their sum.
 *
 * <p>The sessions share {@link #lock()} as their run lock: whoever holds it may bind the block to
 * a context and enqueue, and releases it only after its stream has finished with the block (the
 * sessions synchronise their stream before unlocking). The block grows when a session with a
 * larger need opens, under the lock; it is freed when the last session closes.
 */
final class DeviceScratch {

  /** A block of device memory. */
  interface Block extends AutoCloseable {
    Pointer address();

    long bytes();

    @Override
    void close();
  }

  /** The smallest block: every context is given memory, even one that needs none. */
  static final long MIN_BYTES = 256;

  private final LongFunction<Block> allocate;
  private final SessionLock lock = new SessionLock();
  private Block block;
  private int sessions;

  DeviceScratch(LongFunction<Block> allocate) {
    this.allocate = allocate;
  }

  /** Scratch in CUDA device memory (cudaMalloc: aligned beyond TensorRT's 256 bytes). */
  static DeviceScratch onDevice() {
    return new DeviceScratch(bytes -> {
      DeviceBuffer buffer = DeviceBuffer.allocate(bytes);
      return new Block() {
        @Override
        public Pointer address() {
          return buffer.asBytes();
        }

        @Override
        public long bytes() {
          return bytes;
        }

        @Override
        public void close() {
          buffer.close();
        }
      };
    });
  }

  /** The run lock of every session sharing this scratch. */
  SessionLock lock() {
    return lock;
  }

  /**
   * Registers a session that needs up to {@code bytes} of scratch, growing the block now (so a
   * bundle too large for the device fails when it opens, not mid-job). Waits for the lock.
   */
  void join(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("scratch bytes: must be >= 0, got " + bytes);
    }
    lock.lock();
    try {
      if (lock.holdCount() > 1 && (block == null || block.bytes() < bytes)) {
        // This thread is inside a run of the bundle (a device run's captured graph may point at
        // the block): growing would free memory that run still uses.
        throw new IllegalStateException("a TensorRT session of this bundle was opened inside a"
            + " run of another; open every session before running any");
      }
      grow(bytes);
      sessions++;
    } finally {
      lock.unlock();
    }
  }

  /** Unregisters a session; the last one frees the block. Waits for the lock. */
  void leave() {
    lock.lock();
    try {
      if (sessions == 0) {
        throw new IllegalStateException("scratch left more often than joined");
      }
      if (--sessions == 0 && block != null) {
        block.close();
        block = null;
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * The block, at least {@code bytes} (and {@link #MIN_BYTES}) long, for a context about to run;
   * the caller holds {@link #lock()} until its stream is done with it.
   */
  Block lease(long bytes) {
    if (!lock.isHeldByCurrentThread()) {
      throw new IllegalStateException("scratch leased without holding its lock");
    }
    if (lock.holdCount() > 1) {
      // A run inside another run of the bundle would give one block to two streams at once.
      throw new IllegalStateException("a TensorRT run of this bundle was started inside another"
          + " one on the same thread; they share one scratch block");
    }
    grow(bytes);
    return block;
  }

  /** The block's size now (0 before the first session joined, and after the last left). */
  long bytes() {
    lock.lock();
    try {
      return block == null ? 0 : block.bytes();
    } finally {
      lock.unlock();
    }
  }

  // Under the lock, with no stream using the block: the old one can go before the new comes.
  private void grow(long needed) {
    long bytes = Math.max(needed, MIN_BYTES);
    if (block != null && block.bytes() >= bytes) {
      return;
    }
    if (block != null) {
      block.close();
      block = null;
    }
    block = allocate.apply(bytes);
  }
}
