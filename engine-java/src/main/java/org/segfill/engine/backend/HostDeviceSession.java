package org.segfill.engine.backend;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.javacpp.FloatPointer;
import org.segfill.place.KernelPlace;

/**
 * A float32 {@link Session} (ONNX Runtime's) seen as a {@link DeviceSession} whose "device" is
 * host memory: a run's buffers belong to the CPU kernel place and each enqueue runs the session
 * on them, so the code written for device runs (the SDXL denoising loop, SAM's device encoder)
 * is the one code for every backend, minus the CUDA graph and events. The inputs are fed to the
 * session where they lie, without a copy; the outputs are copied once into their buffers, which
 * serve every later enqueue, as on a GPU. Each run has buffers of its own, and an ONNX Runtime
 * session runs calls from several threads at once, so runs proceed side by side
 * ({@link #concurrent}); {@link #oneRunAtATime} serves one run at a time as the TensorRT session
 * does, a device run holding it until closed and a caller waiting for it stopping when
 * cancelled ({@link SessionLock}).
 */
public final class HostDeviceSession implements DeviceSession {

  private final Session inner;
  private final boolean serialized;
  private final SessionLock lock = new SessionLock();
  private final AtomicInteger prepared = new AtomicInteger();
  private final AtomicInteger enqueued = new AtomicInteger();
  private final AtomicInteger waiting = new AtomicInteger();

  private HostDeviceSession(Session inner, boolean serialized) {
    this.inner = inner;
    this.serialized = serialized;
  }

  /** A view of {@code inner} whose runs proceed side by side; {@link #close} closes it. */
  public static HostDeviceSession concurrent(Session inner) {
    return new HostDeviceSession(inner, false);
  }

  /**
   * A view of {@code inner} that serves one run at a time, as a TensorRT session does (its
   * waits and their cancels behave alike); {@link #close} closes it.
   */
  public static HostDeviceSession oneRunAtATime(Session inner) {
    return new HostDeviceSession(inner, true);
  }

  /** Device runs prepared so far. */
  public int runsPrepared() {
    return prepared.get();
  }

  /** Enqueues so far, over every run: the graph's runs through this view. */
  public int enqueues() {
    return enqueued.get();
  }

  /** Callers of {@link #prepare} waiting for the session now. */
  public int waiting() {
    return waiting.get();
  }

  @Override
  public List<TensorSpec> inputs() {
    return inner.inputs();
  }

  @Override
  public List<TensorSpec> outputs() {
    return inner.outputs();
  }

  @Override
  public List<ShapeRange> inputRanges() {
    return inner.inputRanges();
  }

  @Override
  public Map<String, Tensor> run(Map<String, Tensor> inputs, Set<String> wanted) {
    if (!serialized) {
      return inner.run(inputs, wanted);
    }
    lock.lock();
    try {
      return inner.run(inputs, wanted);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public DeviceRun prepare(Map<String, long[]> shapes, BooleanSupplier cancelled) {
    if (!serialized) {
      if (cancelled.getAsBoolean()) {
        throw new CancellationException("cancelled before the run");
      }
      HostRun run = new HostRun(shapes, () -> { });
      prepared.incrementAndGet();
      return run;
    }
    waiting.incrementAndGet();
    try {
      lock.lockUnlessCancelled(cancelled);
    } finally {
      waiting.decrementAndGet();
    }
    try {
      HostRun run = new HostRun(shapes, lock::unlock);
      prepared.incrementAndGet();
      return run;
    } catch (RuntimeException e) {
      lock.unlock();
      throw e;
    }
  }

  @Override
  public void close() {
    if (!serialized) {
      inner.close();
      return;
    }
    lock.lock();
    try {
      inner.close();
    } finally {
      lock.unlock();
    }
  }

  /** One input's memory: the tensor fed to the session and the pointer kernels write. */
  private record Input(Tensor tensor, FloatPointer pointer) {

    static Input of(long[] shape) {
      long count = Shapes.elementCount(shape);
      ByteBuffer bytes = ByteBuffer.allocateDirect(Math.toIntExact(count * Float.BYTES))
          .order(ByteOrder.LITTLE_ENDIAN);
      // A view of the buffer: it owns no memory; the tensor keeps the buffer alive.
      return new Input(Tensor.wrap(DType.FLOAT32, shape, bytes),
          new FloatPointer(bytes.asFloatBuffer()));
    }
  }

  private final class HostRun implements DeviceRun {
    private final Map<String, Input> in = new LinkedHashMap<>();
    private final Map<String, FloatPointer> out = new HashMap<>();
    private final Set<String> wanted;
    private final Runnable release;
    private boolean closed;

    HostRun(Map<String, long[]> shapes, Runnable release) {
      shapes.forEach((name, shape) -> in.put(name, Input.of(shape)));
      this.wanted = Set.copyOf(inner.outputs().stream().map(TensorSpec::name).toList());
      this.release = release;
    }

    @Override
    public CUstream_st stream() {
      return null;
    }

    @Override
    public KernelPlace place() {
      return KernelPlace.cpu();
    }

    @Override
    public boolean capturable() {
      return false;
    }

    @Override
    public FloatPointer input(String name) {
      Input input = in.get(name);
      if (input == null) {
        throw new IllegalArgumentException("no input '" + name + "'");
      }
      return input.pointer();
    }

    // Outputs appear at the first enqueue, when their shapes are known; as on a GPU, the same
    // buffer then serves every later enqueue.
    @Override
    public FloatPointer output(String name) {
      FloatPointer p = out.get(name);
      if (p == null) {
        throw new IllegalStateException("output '" + name + "' read before the first enqueue");
      }
      return p;
    }

    @Override
    public void enqueue() {
      if (closed) {
        throw new IllegalStateException("device run used after close()");
      }
      enqueued.incrementAndGet();
      Map<String, Tensor> feeds = new HashMap<>();
      in.forEach((name, input) -> feeds.put(name, input.tensor()));
      inner.run(feeds, wanted).forEach((name, t) -> {
        if (t.dtype() != DType.FLOAT32) {
          throw new IllegalArgumentException("output '" + name + "' is " + t.dtype()
              + "; a device run takes float32 tensors only");
        }
        ByteBuffer data = t.data();
        FloatPointer p = out.computeIfAbsent(name,
            k -> new FloatPointer(Math.max(1, data.remaining() / Float.BYTES)));
        if (p.capacity() * Float.BYTES < data.remaining()) {
          throw new IllegalStateException("output '" + name + "' grew between enqueues");
        }
        p.position(0).asByteBuffer().put(data);
      });
    }

    // Releases the session, once, whatever the run did.
    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      try {
        out.values().forEach(FloatPointer::close);
      } finally {
        release.run();
      }
    }
  }
}
