package org.segfill.engine.sam;

import static org.segfill.engine.backend.TensorSpec.DYNAMIC;

import java.util.List;
import org.segfill.engine.backend.DType;
import org.segfill.engine.backend.GraphContract;
import org.segfill.engine.backend.TensorSpec;

/**
 * The graph interfaces segfill expects of each SAM layout: contract A4 for segment-anything's
 * decoder export (and the encoder segfill's export script writes), E3 for Optimum's split export.
 * Bundle validation, the tiny test bundles and the predictor all read these.
 */
public final class SamContracts {

  private SamContracts() {}

  /** The image encoder of {@code layout}. */
  public static GraphContract encoder(SamLayout layout) {
    return switch (layout) {
      case SAM_ONNX -> new GraphContract("encoder.onnx",
          List.of(f32("image", 1, 3, 1024, 1024)),
          List.of(f32("image_embeddings", 1, 256, 64, 64)));
      case HF -> new GraphContract("vision_encoder.onnx",
          List.of(f32("pixel_values", DYNAMIC, 3, 1024, 1024)),
          List.of(f32("image_embeddings", DYNAMIC, 256, 64, 64),
              f32("image_positional_embeddings", DYNAMIC, 256, 64, 64)));
    };
  }

  /** The prompt decoder of {@code layout}. */
  public static GraphContract decoder(SamLayout layout) {
    return switch (layout) {
      case SAM_ONNX -> new GraphContract("decoder.onnx",
          List.of(f32("image_embeddings", 1, 256, 64, 64),
              f32("point_coords", 1, DYNAMIC, 2),
              f32("point_labels", 1, DYNAMIC),
              f32("mask_input", 1, 1, 256, 256),
              f32("has_mask_input", 1),
              f32("orig_im_size", 2)),
          List.of(f32("iou_predictions", 1, 4),
              f32("low_res_masks", 1, 4, 256, 256)));
      case HF -> new GraphContract("prompt_encoder_mask_decoder.onnx",
          List.of(f32("input_points", DYNAMIC, DYNAMIC, DYNAMIC, 2),
              new TensorSpec("input_labels", DType.INT64,
                  new long[] {DYNAMIC, DYNAMIC, DYNAMIC}),
              f32("image_embeddings", DYNAMIC, 256, 64, 64),
              f32("image_positional_embeddings", DYNAMIC, 256, 64, 64)),
          List.of(f32("iou_scores", DYNAMIC, DYNAMIC, 3),
              f32("pred_masks", DYNAMIC, DYNAMIC, 3, 256, 256)));
    };
  }

  private static TensorSpec f32(String name, long... shape) {
    return new TensorSpec(name, DType.FLOAT32, shape);
  }
}
