package org.segfill.engine.backend.tensorrt;

import java.util.List;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.FloatPointer;
import org.segfill.engine.backend.BackendException;
import org.segfill.engine.backend.DType;
import org.segfill.engine.backend.DeviceRun;
import org.segfill.kernels.LatentKernels;
import org.segfill.place.KernelPlace;

/**
 * A TensorRT context at fixed shapes, run again and again from device memory. Each enqueue
 * converts the fp16 inputs, runs enqueueV3 and converts the fp16 outputs, all on one stream, so
 * a caller may capture it, with its own kernels around it, into one CUDA graph.
 */
final class TrtDeviceRun implements DeviceRun {

  private final ProfileContext profile;
  private final CUstream_st stream;
  private final LatentKernels kernels;
  private final List<String> inputs;
  private final List<String> outputs;
  private final TrtLogger logger;
  private final Runnable release;
  private final KernelPlace place;
  private boolean closed;

  TrtDeviceRun(ProfileContext profile, CUstream_st stream, KernelPlace place,
      LatentKernels kernels, List<String> inputs, List<String> outputs, TrtLogger logger,
      Runnable release) {
    this.profile = profile;
    this.stream = stream;
    this.kernels = kernels;
    this.inputs = List.copyOf(inputs);
    this.outputs = List.copyOf(outputs);
    this.logger = logger;
    this.release = release;
    this.place = place;
    for (String name : inputs) {
      requireFloat(name);
    }
    for (String name : outputs) {
      requireFloat(name);
    }
  }

  private void requireFloat(String name) {
    ProfileContext.Binding b = profile.binding(name);
    if (!b.converted() && b.engineType() != DType.FLOAT32) {
      throw new IllegalArgumentException("tensor '" + name + "' is " + b.engineType()
          + "; a device run takes float32 or float16 tensors only");
    }
  }

  @Override
  public CUstream_st stream() {
    return stream;
  }

  @Override
  public KernelPlace place() {
    return place;
  }

  @Override
  public FloatPointer input(String name) {
    return buffer(name);
  }

  @Override
  public FloatPointer output(String name) {
    return buffer(name);
  }

  private FloatPointer buffer(String name) {
    ProfileContext.Binding b = profile.binding(name);
    if (b == null) {
      throw new IllegalArgumentException("no tensor '" + name + "' in this plan");
    }
    return b.converted() ? b.fp32().asFloats() : b.device().asFloats();
  }

  @Override
  public boolean capturable() {
    // isStreamCapturable: false when the engine's work on this stream cannot be captured
    // (for example with data-dependent output shapes or a profile switch pending).
    return profile.context().isStreamCapturable(stream);
  }

  @Override
  public void enqueue() {
    if (closed) {
      throw new IllegalStateException("device run used after close()");
    }
    for (String name : inputs) {
      ProfileContext.Binding b = profile.binding(name);
      if (b.converted()) {
        kernels.f32ToF16(b.fp32().asFloats(), b.device().asShorts(), elements(name));
      }
    }
    // enqueueV3: ordered on `stream` after the conversions above; shapes were set in prepare.
    if (!profile.context().enqueueV3(stream)) {
      throw new BackendException("TensorRT: enqueueV3 failed: " + logger.drainErrors(), null);
    }
    for (String name : outputs) {
      ProfileContext.Binding b = profile.binding(name);
      if (b.converted()) {
        kernels.f16ToF32(b.device().asShorts(), b.fp32().asFloats(), elements(name));
      }
    }
  }

  private long elements(String name) {
    long n = 1;
    for (long d : TrtTypes.shape(profile.context().getTensorShape(name))) {
      n *= d;
    }
    return n;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      try {
        CudaCalls.check("cudaStreamSynchronize", cudart.cudaStreamSynchronize(stream));
      } finally {
        release.run();
      }
    }
  }
}
