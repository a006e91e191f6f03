package org.segfill.engine.sam;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.segfill.engine.backend.DeviceRun;
import org.segfill.engine.backend.DeviceSession;
import org.segfill.engine.backend.GraphContract;
import org.segfill.engine.backend.Shapes;
import org.segfill.engine.backend.Tensor;
import org.segfill.engine.backend.TensorSpec;
import org.segfill.engine.image.RgbImage;

/**
 * The image encoder on a device session (TensorRT): the pre-processing kernel writes straight
 * into the encoder's input buffer on the run's stream, and only the embeddings come back, so the
 * 12 MB input tensor never crosses to the host and back.
 */
final class DeviceEncoder {

  private DeviceEncoder() {}

  /** The {@code wanted} outputs of {@code encoder} for {@code image}, batch 1. */
  static Map<String, Tensor> run(DeviceSession encoder, GraphContract contract,
      SamSteps.Preprocess preprocess, RgbImage image, SamFrame frame, Set<String> wanted) {
    TensorSpec input = contract.inputs().get(0);
    // An embedding cannot be cancelled: it waits for the encoder as long as the embedding
    // before it takes (an interrupt of the thread still ends the wait).
    try (DeviceRun run = encoder.prepare(Map.of(input.name(), batchOne(input)), () -> false)) {
      preprocess.into(run.place(), image, frame, run.input(input.name()));
      run.enqueue();
      Map<String, Tensor> out = new LinkedHashMap<>();
      for (TensorSpec spec : contract.outputs()) {
        if (wanted.contains(spec.name())) {
          long[] shape = batchOne(spec);
          float[] values = new float[Math.toIntExact(Shapes.elementCount(shape))];
          // read() waits for the run's stream, so the enqueue above has finished.
          run.place().read(run.output(spec.name()), values);
          out.put(spec.name(), Tensor.ofFloats(shape, values));
        }
      }
      return out;
    }
  }

  // The contract's shape with its dynamic batch fixed at 1; SAM's other dimensions are static.
  private static long[] batchOne(TensorSpec spec) {
    long[] shape = spec.shape().clone();
    shape[0] = 1;
    return shape;
  }
}
