package org.segfill.models.testbundle;

import java.io.IOException;
import java.nio.file.Path;
import org.segfill.engine.backend.DType;
import org.segfill.models.onnx.Dim;
import org.segfill.models.onnx.OnnxGraphBuilder;

/**
 * Writes the tiny {@code prompt_encoder_mask_decoder.onnx} of the hf layout with the interface
 * of Optimum's split SAM export (contract E3): points in the 1024 frame, int64 labels, the two
 * embeddings in, three multimask tokens out, no box and no mask input. Like the real graph it
 * appends the padding point itself. Its three tokens take every positive click into account
 * (the hf flow re-runs the decoder with all clicks and keeps the best IoU). The spatial terms
 * use {@code image_positional_embeddings}. Behaviour: see {@link TinySam}.
 */
final class TinyHfSamDecoder {

  private static final long CELLS = (long) TinySam.GRID * TinySam.GRID;

  private TinyHfSamDecoder() {}

  static Path write(Path file) throws IOException {
    Dim batch = Dim.named("batch_size");
    Dim pointBatch = Dim.named("point_batch_size");
    Dim points = Dim.named("nb_points_per_image");
    OnnxGraphBuilder graph = OnnxGraphBuilder.graph("tiny_sam_prompt_encoder_mask_decoder")
        .input("input_points", DType.FLOAT32, batch, pointBatch, points, Dim.of(2))
        .input("input_labels", DType.INT64, batch, pointBatch, points)
        .input("image_embeddings", DType.FLOAT32, batch, Dim.of(256), Dim.of(64), Dim.of(64))
        .input("image_positional_embeddings", DType.FLOAT32, batch, Dim.of(256), Dim.of(64),
            Dim.of(64))
        .output("iou_scores", DType.FLOAT32, batch, pointBatch, Dim.of(3))
        .output("pred_masks", DType.FLOAT32, batch, pointBatch, Dim.of(3), Dim.of(256),
            Dim.of(256));
    GraphOps ops = new GraphOps(graph);

    // One image and one point batch: the tiny graph flattens them away.
    String clicks = ops.reshape("input_points", -1, 2);
    String labels = ops.cast(ops.reshape("input_labels", -1), DType.FLOAT32);
    String withPad = ops.concat(0, clicks, ops.floats(new long[] {1, 2}, 0f, 0f));
    String padLabels = ops.concat(0, labels, ops.floats(new long[] {1}, -1f));
    String positions = ops.add(withPad, ops.scalar(0.5f));
    String isPositive = ops.equalAsFloat(padLabels, ops.scalar(1f));
    String isNegative = ops.equalAsFloat(padLabels, ops.scalar(0f));

    String colour = TinySamScoring.colourGrid(ops, "image_embeddings");
    String patchCentres = ops.slice("image_positional_embeddings", new long[] {0},
        new long[] {2}, new long[] {1});
    String cells = TinySamScoring.flatten(ops,
        ops.resizeLinear(patchCentres, ops.longs(1, 2, TinySam.GRID, TinySam.GRID)), 2);
    TinySamScoring.Scores scores = TinySamScoring.scores(ops, colour, cells, positions);
    String tight = scores.tight();
    String loose = scores.loose();
    String part = scores.part();
    String object = scores.object();

    String any = ops.reduceMax(isPositive, true, 0);
    String token1 = TinySamScoring.gated(ops,
        TinySamScoring.maxOverFlagged(ops, part, isPositive), any);
    String token2 = TinySamScoring.gated(ops,
        TinySamScoring.maxOverFlagged(ops, object, isPositive), any);
    String token3 = TinySamScoring.gated(ops,
        TinySamScoring.maxOverFlagged(ops, loose, isPositive), any);
    String stacked = ops.min(ops.concat(0, token1, token2, token3),
        TinySamScoring.carve(ops, tight, isNegative));
    ops.identityTo("pred_masks", TinySamScoring.finish(ops, stacked, 1, 1, 3, 256, 256));
    ops.identityTo("iou_scores", ops.floats(new long[] {1, 1, 3},
        TinySam.IOU[1], TinySam.IOU[2], TinySam.IOU[3]));
    return graph.write(file);
  }
}
