package org.segfill.engine.backend.tensorrt;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * A plan's bytes in native memory, as read and hashed by {@link PlanFiles#readTrusted}: what
 * {@code IRuntime::deserializeCudaEngine} takes, with no Java array in between (a plan may be
 * larger than any Java array). The memory comes from {@code malloc}, outside JavaCPP's
 * accounting, and is freed on {@link #close}.
 */
public final class NativePlan implements AutoCloseable {

  private final Pointer memory;
  private final long size;
  private final String sha256;
  private boolean closed;

  NativePlan(Pointer memory, long size, String sha256) {
    this.memory = memory;
    this.size = size;
    this.sha256 = sha256;
  }

  /** The bytes; valid until {@link #close}. */
  public BytePointer bytes() {
    if (closed) {
      throw new IllegalStateException("plan bytes used after close()");
    }
    return new BytePointer(memory).capacity(size);
  }

  /** The number of bytes. */
  public long size() {
    return size;
  }

  /** Hex SHA-256 of exactly these bytes. */
  public String sha256() {
    return sha256;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      Pointer.free(memory);
    }
  }
}
