package org.segfill.engine.backend.tensorrt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.tensorrt.global.nvinfer.ExecutionContextAllocationStrategy;
import org.bytedeco.tensorrt.global.nvinfer.OptProfileSelector;
import org.bytedeco.tensorrt.nvinfer.Dims64;
import org.bytedeco.tensorrt.nvinfer.ICudaEngine;
import org.bytedeco.tensorrt.nvinfer.IExecutionContext;
import org.segfill.cuda.CudaMemory;
import org.segfill.cuda.DeviceBuffer;
import org.segfill.cuda.PinnedBuffer;
import org.segfill.engine.backend.BackendException;
import org.segfill.engine.backend.DType;
import org.segfill.engine.backend.ShapeRange;
import org.segfill.engine.backend.Shapes;
import org.segfill.tensorrt.TrtObject;

/**
 * One execution context bound to one optimisation profile, with its device buffers: every I/O
 * tensor gets a buffer sized for the profile's largest shapes, allocated once and bound once, an
 * fp32 staging buffer when the engine's tensor is fp16 (our kernels convert on the GPU), and a
 * pinned host buffer for the copies. Its activation memory is not its own: the context is
 * {@code kUSER_MANAGED} and is given the bundle's {@link DeviceScratch} before each run.
 */
final class ProfileContext implements AutoCloseable {

  /** The device-side memory of one I/O tensor. */
  record Binding(String name, DType engineType, boolean converted, DeviceBuffer device,
      DeviceBuffer fp32, PinnedBuffer host) {}

  private final TrtObject<IExecutionContext> context;
  private final int index;
  private final List<ShapeRange> ranges;
  private final Map<String, Binding> bindings;
  private final long scratchBytes;

  private ProfileContext(TrtObject<IExecutionContext> context, int index, List<ShapeRange> ranges,
      Map<String, Binding> bindings, long scratchBytes) {
    this.context = context;
    this.index = index;
    this.ranges = ranges;
    this.bindings = bindings;
    this.scratchBytes = scratchBytes;
  }

  /**
   * Creates the context for profile {@code index} and allocates and binds its buffers.
   *
   * @param types each I/O tensor's engine dtype; {@code converted} names the fp16 tensors the
   *     session shows as float32
   */
  static ProfileContext create(ICudaEngine engine, int index, Map<String, DType> types,
      List<String> inputs, java.util.Set<String> converted, CUstream_st stream,
      TrtLogger logger, DeviceScratch scratch) {
    // kUSER_MANAGED: the context reserves no activation memory of its own (kSTATIC would reserve
    // the profile's maximum for every context of every engine); setDeviceMemoryV2 gives it the
    // shared scratch before each enqueue (NvInferRuntime.h, ExecutionContextAllocationStrategy).
    IExecutionContext context = engine.createExecutionContext(
        ExecutionContextAllocationStrategy.kUSER_MANAGED);
    if (context == null || context.isNull()) {
      throw new BackendException("TensorRT: createExecutionContext failed: "
          + logger.drainErrors(), null);
    }
    TrtObject<IExecutionContext> owned = TrtObject.own(context, "IExecutionContext " + index);
    // getDeviceMemorySizeForProfileV2: the activation memory this profile needs at its largest
    // shapes, which setDeviceMemoryV2 must be given at least of.
    long scratchBytes = engine.getDeviceMemorySizeForProfileV2(index);
    Map<String, Binding> bindings = new LinkedHashMap<>();
    List<ShapeRange> ranges = new ArrayList<>();
    try {
      // The memory first: selecting a profile may copy data on the stream (NvInferRuntime.h),
      // and the caller holds the scratch's lock.
      bind(owned.get(), scratch, scratchBytes);
      // setOptimizationProfileAsync: the switch is ordered on `stream`, so the enqueues that
      // follow on the same stream see it; shapes may be set right after the call returns.
      if (!context.setOptimizationProfileAsync(index, stream)) {
        throw new BackendException("TensorRT: cannot select profile " + index + ": "
            + logger.drainErrors(), null);
      }
      for (String input : inputs) {
        long[] min = profileShape(engine, input, index, OptProfileSelector.kMIN);
        long[] max = profileShape(engine, input, index, OptProfileSelector.kMAX);
        ranges.add(new ShapeRange(input, min, max));
        setShape(context, input, max, logger);
      }
      // With every input at its largest shape, each output's shape is its largest too.
      for (Map.Entry<String, DType> e : types.entrySet()) {
        String name = e.getKey();
        long[] shape = TrtTypes.shape(context.getTensorShape(name));
        for (long d : shape) {
          if (d < 0) {
            throw new BackendException("TensorRT: output '" + name + "' has a data-dependent"
                + " shape " + Shapes.format(shape) + "; build-engines drops such outputs:"
                + " rebuild the plan", null);
          }
        }
        long count = Shapes.elementCount(shape);
        boolean convert = converted.contains(name);
        DeviceBuffer device = DeviceBuffer.allocate(Math.max(1, count) * e.getValue().byteSize());
        DeviceBuffer fp32 = null;
        PinnedBuffer host = null;
        try {
          fp32 = convert ? DeviceBuffer.allocate(Math.max(1, count) * Float.BYTES) : null;
          host = PinnedBuffer.allocate(Math.max(1, count) * (convert ? Float.BYTES
              : e.getValue().byteSize()));
        } catch (RuntimeException failed) {
          closeAll(device, fp32, host);
          throw failed;
        }
        bindings.put(name, new Binding(name, e.getValue(), convert, device, fp32, host));
        // setTensorAddress: TensorRT keeps the raw address and reads or writes it at every
        // enqueueV3; the buffer stays allocated until close(), which destroys the context first.
        if (!context.setTensorAddress(name, device.asBytes())) {
          throw new BackendException("TensorRT: setTensorAddress('" + name + "') refused: "
              + logger.drainErrors(), null);
        }
      }
    } catch (RuntimeException e) {
      new ProfileContext(owned, index, ranges, bindings, scratchBytes).close();
      throw e;
    }
    return new ProfileContext(owned, index, List.copyOf(ranges), bindings, scratchBytes);
  }

  private static long[] profileShape(ICudaEngine engine, String input, int profile,
      OptProfileSelector which) {
    long[] declared = TrtTypes.shape(engine.getTensorShape(input));
    for (long d : declared) {
      if (d < 0) {
        return TrtTypes.shape(engine.getProfileShape(input, profile, which));
      }
    }
    return declared;
  }

  /** Sets an input's shape for the next enqueue. */
  static void setShape(IExecutionContext context, String input, long[] shape, TrtLogger logger) {
    try (Dims64 dims = TrtTypes.dims(shape)) {
      if (!context.setInputShape(input, dims)) {
        throw new BackendException("TensorRT: input '" + input + "' shape "
            + Shapes.format(shape) + " refused: " + logger.drainErrors(), null);
      }
    }
  }

  IExecutionContext context() {
    return context.get();
  }

  int index() {
    return index;
  }

  /** The activation memory this profile needs, in bytes. */
  long scratchBytes() {
    return scratchBytes;
  }

  /** The bytes of this context's own I/O buffers (device, fp32 staging and pinned host). */
  long bufferBytes() {
    long total = 0;
    for (Binding b : bindings.values()) {
      total += b.device().bytes() + (b.fp32() == null ? 0 : b.fp32().bytes()) + b.host().bytes();
    }
    return total;
  }

  /**
   * Gives the context the shared scratch before it runs; the caller holds the scratch's lock
   * until its stream has finished the run.
   */
  void bindScratch(DeviceScratch scratch) {
    bind(context.get(), scratch, scratchBytes);
  }

  // Always bound, even for a profile that needs no activation memory: a kUSER_MANAGED context
  // must have been given memory before it runs.
  private static void bind(IExecutionContext context, DeviceScratch scratch, long bytes) {
    DeviceScratch.Block block = scratch.lease(bytes);
    context.setDeviceMemoryV2(block.address(), block.bytes());
  }

  /** The input sizes this profile accepts. */
  List<ShapeRange> ranges() {
    return ranges;
  }

  /** Whether every given shape lies in this profile. */
  boolean fits(Map<String, long[]> shapes) {
    for (ShapeRange r : ranges) {
      long[] shape = shapes.get(r.name());
      if (shape != null && r.violation(shape).isPresent()) {
        return false;
      }
    }
    return true;
  }

  Binding binding(String name) {
    return bindings.get(name);
  }

  @Override
  public void close() {
    // The context first: it holds the addresses of the buffers below.
    context.close();
    for (Binding b : bindings.values()) {
      closeAll(b.device(), b.fp32(), b.host());
    }
  }

  private static void closeAll(CudaMemory... blocks) {
    for (CudaMemory m : blocks) {
      if (m != null) {
        m.close();
      }
    }
  }
}
