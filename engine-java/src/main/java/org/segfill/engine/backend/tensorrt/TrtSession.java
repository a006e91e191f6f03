package org.segfill.engine.backend.tensorrt;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorrt.global.nvinfer.TensorIOMode;
import org.bytedeco.tensorrt.nvinfer.ICudaEngine;
import org.segfill.cuda.CudaStream;
import org.segfill.engine.backend.BackendException;
import org.segfill.engine.backend.DType;
import org.segfill.engine.backend.DeviceRun;
import org.segfill.engine.backend.DeviceSession;
import org.segfill.engine.backend.SessionIo;
import org.segfill.engine.backend.SessionLock;
import org.segfill.engine.backend.ShapeRange;
import org.segfill.engine.backend.Shapes;
import org.segfill.engine.backend.Tensor;
import org.segfill.engine.backend.TensorSpec;
import org.segfill.kernels.KernelTarget;
import org.segfill.kernels.LatentKernels;
import org.segfill.place.CudaPlace;
import org.segfill.place.KernelPlace;
import org.segfill.tensorrt.TrtObject;
import org.segfill.tensorrt.TrtScope;

/**
 * One TensorRT plan behind the {@link Session} interface: one execution context per
 * optimisation profile, device buffers allocated once per context, and every run enqueued with
 * {@code enqueueV3} on the session's own CUDA stream. fp16 tensors of the engine are shown as
 * float32 and converted on the GPU by our kernels. Runs are serialised across the bundle: its
 * sessions share one activation block ({@link DeviceScratch}) and its lock, so a context and its
 * buffers serve one run at a time and no two runs use the block at once.
 */
final class TrtSession implements DeviceSession {

  private static final System.Logger LOG = System.getLogger(TrtSession.class.getName());

  private final Path file;
  private final TrtObject<ICudaEngine> engine;
  private final TrtRuntime runtime;
  private final TrtLogger logger;
  private final CudaStream stream;
  private final LatentKernels kernels;
  // Device runs share it: its stream is the session's, and making one queries the device.
  private final KernelPlace place;
  private final List<TensorSpec> inputs;
  private final List<TensorSpec> outputs;
  private final Set<String> engineInputs;
  private final List<ProfileContext> profiles = new ArrayList<>();
  private final List<ShapeRange> envelope;
  // One run at a time across the bundle: a context and its buffers serve one caller, and every
  // session of the bundle runs on the one scratch block (held across a device run).
  // A device run's wait for it is one a cancel ends.
  private final SessionLock lock;
  private final DeviceScratch scratch;
  // What the session owns, closed newest first (contexts, scratch membership, stream, engine,
  // runtime), going on past a failure so that nothing stays allocated after a device error.
  private final TrtScope owned = new TrtScope();
  private boolean closed;

  /**
   * Takes ownership of {@code runtime} and of {@code owned}, which it deserialised; on failure
   * frees what it made, the engine and the runtime.
   */
  TrtSession(Path file, TrtRuntime runtime, TrtObject<ICudaEngine> ownedEngine,
      PlanMetadata meta, DeviceScratch scratch) {
    this.file = file;
    this.runtime = owned.add(runtime);
    this.engine = owned.add(ownedEngine);
    this.scratch = scratch;
    this.lock = scratch.lock();
    this.logger = TrtLogger.instance();
    ICudaEngine engine = ownedEngine.get();
    try {
      this.stream = owned.add(CudaStream.create());
      this.kernels = new LatentKernels(KernelTarget.cuda(stream.handle()));
      this.place = CudaPlace.on(stream.handle());
      Map<String, DType> types = new LinkedHashMap<>();
      Set<String> converted = new HashSet<>();
      List<String> engineIn = new ArrayList<>();
      Map<String, TensorSpec> engineSpecs = new HashMap<>();
      List<TensorSpec> outs = new ArrayList<>();
      for (int i = 0; i < engine.getNbIOTensors(); i++) {
        String name = engine.getIOTensorName(i);
        if (engine.isShapeInferenceIO(name)) {
          // Shape tensors live in host memory; no segfill graph has one.
          throw new BackendException(file + ": tensor '" + name + "' is a shape tensor, which"
              + " segfill does not feed", null);
        }
        DType type = TrtTypes.ioType(file, engine.getTensorDataType(name), name);
        types.put(name, type);
        DType shown = type == DType.FLOAT16 ? DType.FLOAT32 : type;
        if (type == DType.FLOAT16) {
          converted.add(name);
        }
        TensorSpec spec = new TensorSpec(name, shown, TrtTypes.shape(engine.getTensorShape(name)));
        if (engine.getTensorIOMode(name).intern() == TensorIOMode.kINPUT) {
          engineIn.add(name);
          engineSpecs.put(name, spec);
        } else {
          outs.add(spec);
        }
      }
      this.engineInputs = Set.copyOf(engineIn);
      // The graph's own inputs, in its order; those the plan optimised away are still accepted.
      List<TensorSpec> ins = new ArrayList<>();
      for (TensorSpec source : meta.sourceInputs()) {
        ins.add(engineSpecs.getOrDefault(source.name(), source));
      }
      for (String name : engineIn) {
        if (ins.stream().noneMatch(s -> s.name().equals(name))) {
          ins.add(engineSpecs.get(name));
        }
      }
      this.inputs = List.copyOf(ins);
      this.outputs = List.copyOf(outs);
      // getDeviceMemorySizeForProfileV2: the activation memory a profile needs at its largest
      // shapes. The scratch grows to the largest first, so that every context gets its memory
      // right when it is created, before its profile is selected (as NVIDIA's demo/Diffusion
      // binds it right after creating the context).
      int count = Math.max(1, engine.getNbOptimizationProfiles());
      long need = 0;
      for (int k = 0; k < count; k++) {
        need = Math.max(need, engine.getDeviceMemorySizeForProfileV2(k));
      }
      scratch.join(need);
      owned.add(scratch::leave);
      lock.lock();
      try {
        for (int k = 0; k < count; k++) {
          profiles.add(owned.add(ProfileContext.create(engine, k, types, engineIn, converted,
              stream.handle(), logger, scratch)));
        }
      } finally {
        lock.unlock();
      }
      this.envelope = envelope(profiles);
      LOG.log(System.Logger.Level.INFO, "{0}: activation memory {1} MiB at most (per profile {2}"
          + " MiB), shared scratch now {3} MiB; I/O buffers {4} MiB", file, mib(need),
          profiles.stream().map(p -> mib(p.scratchBytes())).toList(), mib(scratch.bytes()),
          mib(profiles.stream().mapToLong(ProfileContext::bufferBytes).sum()));
    } catch (RuntimeException e) {
      try {
        owned.close();
      } catch (RuntimeException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  // The union of the profiles' ranges per input: what the session reports as accepted.
  private static List<ShapeRange> envelope(List<ProfileContext> profiles) {
    Map<String, long[][]> byName = new LinkedHashMap<>();
    for (ProfileContext p : profiles) {
      for (ShapeRange r : p.ranges()) {
        long[][] mm = byName.computeIfAbsent(r.name(), n -> new long[][] {r.min(), r.max()});
        for (int a = 0; a < mm[0].length; a++) {
          mm[0][a] = Math.min(mm[0][a], r.min()[a]);
          mm[1][a] = Math.max(mm[1][a], r.max()[a]);
        }
      }
    }
    List<ShapeRange> ranges = new ArrayList<>();
    byName.forEach((name, mm) -> ranges.add(new ShapeRange(name, mm[0], mm[1])));
    return List.copyOf(ranges);
  }

  @Override
  public List<TensorSpec> inputs() {
    return inputs;
  }

  @Override
  public List<TensorSpec> outputs() {
    return outputs;
  }

  @Override
  public List<ShapeRange> inputRanges() {
    return envelope;
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
  }

  @Override
  public Map<String, Tensor> run(Map<String, Tensor> given, Set<String> wanted) {
    lock.lock();
    try {
      return runLocked(given, wanted);
    } catch (RuntimeException e) {
      // The next holder of the lock reuses the scratch: nothing queued here may still run.
      try {
        stream.synchronize();
      } catch (RuntimeException s) {
        e.addSuppressed(s);
      }
      throw e;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public DeviceRun prepare(Map<String, long[]> shapes, BooleanSupplier cancelled) {
    lock.lockUnlessCancelled(cancelled);
    try {
      if (closed) {
        throw new IllegalStateException("session of " + file + " used after close()");
      }
      logger.forgetErrors();
      for (String name : engineInputs) {
        if (!shapes.containsKey(name)) {
          throw new IllegalArgumentException("shapes: input '" + name + "' missing");
        }
      }
      ProfileContext profile = profiles.stream().filter(p -> p.fits(shapes)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("shapes fit no optimisation profile"
              + " of " + file + "; profiles: "
              + profiles.stream().map(ProfileContext::ranges).toList()));
      for (String name : engineInputs) {
        ProfileContext.setShape(profile.context(), name, shapes.get(name), logger);
      }
      // Held until the run closes, after its stream is synchronised.
      profile.bindScratch(scratch);
      List<String> outs = outputs.stream().map(TensorSpec::name).toList();
      return new TrtDeviceRun(profile, stream.handle(), place, kernels,
          List.copyOf(engineInputs), outs, logger, lock::unlock);
    } catch (RuntimeException e) {
      lock.unlock();
      throw e;
    }
  }

  private Map<String, Tensor> runLocked(Map<String, Tensor> given, Set<String> wanted) {
    if (closed) {
      throw new IllegalStateException("session of " + file + " used after close()");
    }
    logger.forgetErrors();
    SessionIo.checkInputs(inputs, given);
    SessionIo.checkWanted(outputs, wanted);
    SessionIo.checkRanges(envelope, given);
    Map<String, long[]> shapes = new HashMap<>();
    given.forEach((name, t) -> shapes.put(name, t.shape()));
    ProfileContext profile = profiles.stream().filter(p -> p.fits(shapes)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("inputs " + describe(given)
            + " fit no single optimisation profile of " + file + "; profiles: "
            + profiles.stream().map(ProfileContext::ranges).toList()));
    for (String name : engineInputs) {
      Tensor t = given.get(name);
      ProfileContext.setShape(profile.context(), name, t.shape(), logger);
      upload(profile.binding(name), t);
    }
    profile.bindScratch(scratch);
    // enqueueV3: every kernel and copy of the plan is queued on `stream` behind the uploads
    // above; the bound buffers must not change until the stream has passed this point.
    if (!profile.context().enqueueV3(stream.handle())) {
      throw new BackendException("TensorRT: enqueueV3 failed for " + file + ": "
          + logger.drainErrors(), null);
    }
    Map<String, long[]> outShapes = new LinkedHashMap<>();
    for (String name : wanted) {
      long[] shape = TrtTypes.shape(profile.context().getTensorShape(name));
      outShapes.put(name, shape);
      queueDownload(profile.binding(name), Shapes.elementCount(shape));
    }
    // The only host synchronisation of a run: the downloads above are complete after it.
    CudaCalls.check("cudaStreamSynchronize", cudart.cudaStreamSynchronize(stream.handle()));
    Map<String, Tensor> result = new LinkedHashMap<>();
    outShapes.forEach((name, shape) -> result.put(name, hostTensor(profile.binding(name), shape)));
    return result;
  }

  private void upload(ProfileContext.Binding b, Tensor t) {
    long bytes = t.elementCount() * t.dtype().byteSize();
    if (bytes == 0) {
      return;
    }
    ByteBuffer staging = b.host().asBytes().capacity(bytes).asByteBuffer();
    staging.put(t.data());
    Pointer target = b.converted() ? b.fp32().asBytes() : b.device().asBytes();
    // cudaMemcpyAsync from pinned memory is ordered on the stream; the pinned staging buffer is
    // not reused before the next run's synchronise.
    CudaCalls.check("cudaMemcpyAsync(host to device, '" + b.name() + "')",
        cudart.cudaMemcpyAsync(target, b.host().asBytes(), bytes,
            cudart.cudaMemcpyHostToDevice, stream.handle()));
    if (b.converted()) {
      kernels.f32ToF16(b.fp32().asFloats(), b.device().asShorts(), t.elementCount());
    }
  }

  private void queueDownload(ProfileContext.Binding b, long count) {
    if (count == 0) {
      return;
    }
    Pointer source = b.device().asBytes();
    long bytes = count * b.engineType().byteSize();
    if (b.converted()) {
      kernels.f16ToF32(b.device().asShorts(), b.fp32().asFloats(), count);
      source = b.fp32().asBytes();
      bytes = count * Float.BYTES;
    }
    CudaCalls.check("cudaMemcpyAsync(device to host, '" + b.name() + "')",
        cudart.cudaMemcpyAsync(b.host().asBytes(), source, bytes,
            cudart.cudaMemcpyDeviceToHost, stream.handle()));
  }

  // Outputs go to the heap (see Tensor): one copy out of the pinned staging buffer.
  private static Tensor hostTensor(ProfileContext.Binding b, long[] shape) {
    DType shown = b.converted() ? DType.FLOAT32 : b.engineType();
    int bytes = Math.toIntExact(Shapes.elementCount(shape) * shown.byteSize());
    ByteBuffer heap = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes > 0) {
      heap.put(b.host().asBytes().capacity(bytes).asByteBuffer());
      heap.flip();
    }
    return Tensor.adopt(shown, shape, heap);
  }

  private static String describe(Map<String, Tensor> given) {
    StringBuilder s = new StringBuilder();
    given.forEach((n, t) -> s.append(s.length() == 0 ? "" : ", ").append(n)
        .append(Shapes.format(t.shape())));
    return s.toString();
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closeLocked();
    } finally {
      lock.unlock();
    }
  }

  private void closeLocked() {
    if (!closed) {
      closed = true;
      RuntimeException failure = null;
      try {
        // Nothing may still run on the buffers about to be freed.
        stream.synchronize();
      } catch (RuntimeException e) {
        failure = e;
      }
      try {
        // Contexts, then engine, then runtime: each must outlive what it created
        // (NvInferRuntime.h); the scratch is freed after the last context that used it.
        owned.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
      if (failure != null) {
        throw failure;
      }
    }
  }
}
