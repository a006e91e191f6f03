package org.segfill.engine.backend;

import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * A {@link Session} whose tensors can stay on the GPU: {@link #prepare} fixes the input shapes
 * and hands out the device buffers and the CUDA stream, so a loop can run the graph step after
 * step with its own kernels and no host copy (the device-resident denoising loop).
 */
public interface DeviceSession extends Session {

  /**
   * Reserves the session for one device-resident run at {@code shapes} (every input); the
   * session serves nothing else until the returned run is closed, on the same thread. While
   * another run holds the session this waits for it (see {@link SessionLock}), unless the
   * caller is cancelled first.
   *
   * @param cancelled polled while waiting for the session; true ends the wait
   * @throws CancellationException once {@code cancelled} is true or the thread is interrupted
   *     before the session is reserved (nothing is reserved then)
   * @throws IllegalArgumentException for shapes outside every profile
   */
  DeviceRun prepare(Map<String, long[]> shapes, BooleanSupplier cancelled);
}
