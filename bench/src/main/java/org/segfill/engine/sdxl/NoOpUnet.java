package org.segfill.engine.sdxl;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.ShortPointer;
import org.segfill.engine.backend.DType;
import org.segfill.engine.backend.Session;
import org.segfill.engine.backend.SessionIo;
import org.segfill.engine.backend.Tensor;
import org.segfill.engine.backend.TensorSpec;
import org.segfill.kernels.KernelTarget;
import org.segfill.kernels.LatentKernels;

/**
 * A UNet session that costs nothing: it declares the real graph's inputs and outputs (so
 * {@link SdxlGraphs} and {@link org.segfill.engine.backend.CastingSession} treat it as the real
 * one), checks each call's inputs as every backend does, and answers with one precomputed
 * {@code out_sample}. A loop over it measures only segfill's own work around the UNet call.
 */
final class NoOpUnet implements Session {

  private final List<TensorSpec> inputs;
  private final List<TensorSpec> outputs;
  private final Map<String, Tensor> answer;

  private NoOpUnet(List<TensorSpec> inputs, List<TensorSpec> outputs, Tensor outSample) {
    this.inputs = inputs;
    this.outputs = outputs;
    this.answer = Map.of("out_sample", outSample);
  }

  /**
   * A no-op with {@code real}'s declared I/O, with every float tensor declared as {@code dtype}
   * (float16 stands for an fp16 export), answering an epsilon-like [rows, 4, h, w] tensor.
   */
  static NoOpUnet like(Session real, DType dtype, int rows, int h, int w) {
    List<TensorSpec> in = real.inputs().stream().map(s -> as(s, dtype)).toList();
    List<TensorSpec> out = real.outputs().stream().map(s -> as(s, dtype)).toList();
    return new NoOpUnet(in, out, epsilon(dtype, rows, h, w));
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
  public Map<String, Tensor> run(Map<String, Tensor> given, Set<String> wanted) {
    // The checks every backend runs before its native call are part of the per-step cost.
    SessionIo.checkInputs(inputs, given);
    SessionIo.checkWanted(outputs, wanted);
    return answer;
  }

  @Override
  public void close() {}

  private static TensorSpec as(TensorSpec spec, DType dtype) {
    return spec.dtype() == DType.FLOAT32 ? new TensorSpec(spec.name(), dtype, spec.shape()) : spec;
  }

  // Standard normals, as a UNet's noise prediction roughly is; fixed seed, so runs compare.
  private static Tensor epsilon(DType dtype, int rows, int h, int w) {
    long[] shape = {rows, SdxlContracts.LATENT_CHANNELS, h, w};
    float[] values = new float[rows * SdxlContracts.LATENT_CHANNELS * h * w];
    Random random = new Random(42);
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    if (dtype == DType.FLOAT32) {
      return Tensor.ofFloats(shape, values);
    }
    if (dtype != DType.FLOAT16) {
      throw new IllegalArgumentException("dtype: float32 or float16, got " + dtype);
    }
    try (FloatPointer f32 = new FloatPointer(values);
        ShortPointer f16 = new ShortPointer(values.length)) {
      new LatentKernels(KernelTarget.cpu()).f32ToF16(f32, f16, values.length);
      return Tensor.ofBytes(DType.FLOAT16, shape, f16.asByteBuffer());
    }
  }
}
