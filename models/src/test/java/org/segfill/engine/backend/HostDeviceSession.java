package org.segfill.engine.backend;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.javacpp.FloatPointer;
import org.segfill.place.KernelPlace;

/**
 * A {@link DeviceSession} on the CPU, for tests: a run's "device" buffers are host memory of the
 * CPU place and each enqueue runs the wrapped float32 session on them, so the code written for
 * TensorRT's device runs (the SDXL device loop, SAM's device encoder) runs here as written,
 * minus the CUDA graph and events. Like the TensorRT session it serves one run at a time: a
 * device run holds it until closed, and a caller waiting for it stops when cancelled
 * ({@link SessionLock}). Counts its runs, enqueues and waiting callers.
 */
public final class HostDeviceSession implements DeviceSession {

  private final Session inner;
  /** Runs prepared so far. */
  public final AtomicInteger prepared = new AtomicInteger();
  /** Enqueues so far, over every run. */
  public final AtomicInteger enqueued = new AtomicInteger();
  /** Callers of {@link #prepare} waiting for the session now. */
  public final AtomicInteger waiting = new AtomicInteger();
  private final SessionLock lock = new SessionLock();

  public HostDeviceSession(Session inner) {
    this.inner = inner;
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
    lock.lock();
    try {
      return inner.run(inputs, wanted);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public DeviceRun prepare(Map<String, long[]> shapes, BooleanSupplier cancelled) {
    waiting.incrementAndGet();
    try {
      lock.lockUnlessCancelled(cancelled);
    } finally {
      waiting.decrementAndGet();
    }
    try {
      HostRun run = new HostRun(shapes);
      prepared.incrementAndGet();
      return run;
    } catch (RuntimeException e) {
      lock.unlock();
      throw e;
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      inner.close();
    } finally {
      lock.unlock();
    }
  }

  private final class HostRun implements DeviceRun {
    private final Map<String, long[]> shapes;
    private final Map<String, FloatPointer> in = new LinkedHashMap<>();
    private final Map<String, FloatPointer> out = new HashMap<>();
    private boolean closed;

    HostRun(Map<String, long[]> shapes) {
      this.shapes = Map.copyOf(shapes);
      shapes.forEach((name, shape) ->
          in.put(name, new FloatPointer(Math.max(1, Shapes.elementCount(shape)))));
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
      FloatPointer p = in.get(name);
      if (p == null) {
        throw new IllegalArgumentException("no input '" + name + "'");
      }
      return p;
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
      enqueued.incrementAndGet();
      Map<String, Tensor> feeds = new HashMap<>();
      in.forEach((name, p) -> {
        long[] shape = shapes.get(name);
        float[] values = new float[Math.toIntExact(Shapes.elementCount(shape))];
        p.position(0).get(values);
        feeds.put(name, Tensor.ofFloats(shape, values));
      });
      Set<String> wanted = Set.copyOf(inner.outputs().stream().map(TensorSpec::name).toList());
      inner.run(feeds, wanted).forEach((name, t) -> {
        float[] values = t.toFloatArray();
        FloatPointer p = out.computeIfAbsent(name, k -> new FloatPointer(values.length));
        p.position(0).put(values);
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
        in.values().forEach(FloatPointer::close);
        out.values().forEach(FloatPointer::close);
      } finally {
        lock.unlock();
      }
    }
  }
}
