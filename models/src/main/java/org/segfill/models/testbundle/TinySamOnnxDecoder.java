package org.segfill.models.testbundle;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.segfill.engine.backend.DType;
import org.segfill.models.onnx.Dim;
import org.segfill.models.onnx.OnnxAttribute;
import org.segfill.models.onnx.OnnxGraphBuilder;

/**
 * Writes the tiny {@code decoder.onnx} of the sam-onnx layout with the interface of
 * segment-anything's {@code export_onnx_model.py} default export (contract A4): four mask
 * tokens, the low-res logits, and the full-size masks computed in the graph from them exactly
 * as the export does (upsample to 1024, crop to the resized size, resize to
 * {@code orig_im_size}). Behaviour: see {@link TinySam}.
 */
final class TinySamOnnxDecoder {

  private static final long CELLS = (long) TinySam.GRID * TinySam.GRID;

  private TinySamOnnxDecoder() {}

  static Path write(Path file) throws IOException {
    Dim points = Dim.named("num_points");
    OnnxGraphBuilder graph = OnnxGraphBuilder.graph("tiny_sam_mask_decoder")
        .input("image_embeddings", DType.FLOAT32, Dim.of(1), Dim.of(256), Dim.of(64), Dim.of(64))
        .input("point_coords", DType.FLOAT32, Dim.of(1), points, Dim.of(2))
        .input("point_labels", DType.FLOAT32, Dim.of(1), points)
        .input("mask_input", DType.FLOAT32, Dim.of(1), Dim.of(1), Dim.of(256), Dim.of(256))
        .input("has_mask_input", DType.FLOAT32, Dim.of(1))
        .input("orig_im_size", DType.FLOAT32, Dim.of(2))
        .output("masks", DType.FLOAT32, Dim.of(1), Dim.of(4), Dim.named("orig_height"),
            Dim.named("orig_width"))
        .output("iou_predictions", DType.FLOAT32, Dim.of(1), Dim.of(4))
        .output("low_res_masks", DType.FLOAT32, Dim.of(1), Dim.of(4), Dim.of(256), Dim.of(256));
    GraphOps ops = new GraphOps(graph);
    String valid = lowResMasks(ops);
    ops.nodeTo("iou_predictions", "Mul",
        List.of(ops.floats(new long[] {1, 4}, TinySam.IOU), valid));
    fullSizeMasks(ops);
    return graph.write(file);
  }

  // Writes low_res_masks; returns the [1] flag that says the padding-point rule held.
  private static String lowResMasks(GraphOps ops) {
    String colour = TinySamScoring.colourGrid(ops, "image_embeddings");
    String cells = ops.floats(new long[] {1, 2, CELLS}, TinySam.cellCentres());
    String points = ops.reshape("point_coords", -1, 2);
    String labels = ops.reshape("point_labels", -1);

    // Box corners enter as points labelled 2 and 3 (contract A3).
    String isCorner0 = ops.equalAsFloat(labels, ops.scalar(2f));
    String isCorner1 = ops.equalAsFloat(labels, ops.scalar(3f));
    String corner0 = ops.reduceSum(ops.mul(points, ops.unsqueeze(isCorner0, 1)), false, 0);
    String corner1 = ops.reduceSum(ops.mul(points, ops.unsqueeze(isCorner1, 1)), false, 0);
    String hasBox = ops.reduceMax(isCorner0, true, 0);
    String boxCentre = ops.reshape(ops.affine(ops.add(corner0, corner1), 0.5f, 0.5f), 1, 2);

    // Anchors: every click (positive ones count) and, last, the box centre.
    String positions = ops.concat(0, ops.add(points, ops.scalar(0.5f)), boxCentre);
    String isPositivePoint = ops.equalAsFloat(labels, ops.scalar(1f));
    String isNegativePoint = ops.equalAsFloat(labels, ops.scalar(0f));
    String isAnchor = ops.concat(0, isPositivePoint, hasBox);
    String isNegative = ops.concat(0, isNegativePoint, ops.floats(new long[] {1}, 0f));

    TinySamScoring.Scores scores = TinySamScoring.scores(ops, colour, cells, positions);
    String tight = scores.tight();
    String loose = scores.loose();
    String part = scores.part();
    String object = scores.object();

    // Tokens 1..3 follow the first anchor: the first positive click, else the box centre.
    String first = ops.node("ArgMax", List.of(isAnchor), OnnxAttribute.ofInt("axis", 0),
        OnnxAttribute.ofInt("keepdims", 1));
    String anyAnchor = ops.reduceMax(isAnchor, true, 0);
    String token1 = TinySamScoring.gated(ops, ops.gather(part, first, 0), anyAnchor);
    String token2 = TinySamScoring.gated(ops, ops.gather(object, first, 0), anyAnchor);
    String token3 = TinySamScoring.gated(ops, ops.gather(loose, first, 0), anyAnchor);

    // Token 0: ambiguous for a single prompt element, else every anchor plus the prior mask.
    String union = TinySamScoring.maxOverFlagged(ops, object, isAnchor);
    String previous = ops.reshape("mask_input", 1, CELLS);
    String prior = ops.select("has_mask_input", previous, ops.scalar(TinySam.EXCLUDED));
    String elements = ops.add(ops.add(ops.reduceSum(isPositivePoint, true, 0),
        ops.reduceSum(isNegativePoint, true, 0)), hasBox);
    String single = ops.equalAsFloat(elements, ops.scalar(1f));
    String token0 = ops.select(single, token3, ops.max(union, prior));

    String stacked = ops.concat(0, token0, token1, token2, token3);
    String capped = ops.min(stacked, TinySamScoring.carve(ops, tight, isNegative),
        boxGate(ops, cells, corner0, corner1, hasBox));

    // The padding point: exactly one without a box, none with one (contract A3, D1).
    String pads = ops.reduceSum(ops.equalAsFloat(labels, ops.scalar(-1f)), true, 0);
    String valid = ops.equalAsFloat(pads, ops.sub(ops.scalar(1f), hasBox));
    String checked = ops.select(valid, capped, ops.scalar(TinySam.OFF));
    ops.identityTo("low_res_masks", TinySamScoring.finish(ops, checked, 1, 4, 256, 256));
    return valid;
  }

  // [1,65536]: +1000 (no cap) without a box or inside it, OFF outside it.
  private static String boxGate(GraphOps ops, String cells, String corner0, String corner1,
      String hasBox) {
    String low = ops.node("GreaterOrEqual", List.of(cells, ops.reshape(corner0, 1, 2, 1)));
    String high = ops.node("LessOrEqual", List.of(cells, ops.reshape(corner1, 1, 2, 1)));
    String inside = ops.cast(ops.node("And", List.of(low, high)), DType.FLOAT32);
    String insideBoth = ops.reshape(ops.reduceMin(inside, true, 1), 1, CELLS);
    String gate = ops.select(hasBox, insideBoth, ops.scalar(1f));
    return ops.affine(gate, -TinySam.EXCLUDED - TinySam.OFF, TinySam.OFF);
  }

  // SAM's own post-processing inside the export (contract A5), from the low-res logits.
  private static void fullSizeMasks(GraphOps ops) {
    String upsampled = ops.resizeLinear("low_res_masks", ops.longs(1, 4, 1024, 1024));
    String longest = ops.reduceMax("orig_im_size", true, 0);
    String scale = ops.div(ops.scalar(1024f), longest);
    String resized = ops.node("Floor",
        List.of(ops.add(ops.mul("orig_im_size", scale), ops.scalar(0.5f))));
    String cropped = ops.node("Slice", List.of(upsampled, ops.longs(0, 0),
        ops.cast(resized, DType.INT64), ops.longs(2, 3)));
    String sizes = ops.concat(0, ops.longs(1, 4), ops.cast("orig_im_size", DType.INT64));
    ops.nodeTo("masks", "Resize", List.of(cropped, "", "", sizes),
        OnnxAttribute.ofString("mode", "linear"),
        OnnxAttribute.ofString("coordinate_transformation_mode", "half_pixel"));
  }
}
