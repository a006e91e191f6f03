package org.segfill.models.testbundle;

import java.util.List;
import org.segfill.models.onnx.OnnxAttribute;

/**
 * The graph pieces both tiny SAM decoders share: unpacking the colour map, reading the colour
 * under each click, and the colour and spatial logits of {@link TinySam}. Shapes in the comments
 * use K for the number of clicks (anchors) and 65536 for the flattened 256x256 grid.
 */
final class TinySamScoring {

  private static final long CELLS = (long) TinySam.GRID * TinySam.GRID;

  private TinySamScoring() {}

  /** image_embeddings [1,256,64,64] -> the packed colour map [1,2,256,256]. */
  static String colourGrid(GraphOps ops, String embeddings) {
    String packed = ops.slice(embeddings, new long[] {0}, new long[] {TinySam.PACKED_CHANNELS},
        new long[] {1});
    return ops.node("DepthToSpace", List.of(packed), OnnxAttribute.ofInt("blocksize", 4),
        OnnxAttribute.ofString("mode", "DCR"));
  }

  /** [1,C,256,256] -> [1,C,65536]. */
  static String flatten(GraphOps ops, String grid, int channels) {
    return ops.reshape(grid, 1, channels, CELLS);
  }

  /**
   * Colours under continuous frame positions (pixel coordinate + 0.5), bilinear:
   * colourGrid [1,2,256,256], positions [K,2] -> [K,2]. Positions are normalised by 1024 per
   * axis, as SAM's prompt encoder does.
   */
  static String sampleColours(GraphOps ops, String colourGrid, String positions) {
    String normalised = ops.affine(positions, 2f / TinySam.FRAME, -1f);
    String grid = ops.reshape(normalised, 1, 1, -1, 2);
    String sampled = ops.node("GridSample", List.of(colourGrid, grid),
        OnnxAttribute.ofString("mode", "bilinear"),
        OnnxAttribute.ofString("padding_mode", "border"),
        OnnxAttribute.ofInt("align_corners", 0));
    return ops.transpose(ops.reshape(sampled, TinySam.COLOURS, -1), 1, 0);
  }

  /** Squared distances from every cell of map [1,2,65536] to each of points [K,2]: [K,65536]. */
  static String squaredDistance(GraphOps ops, String map, String points) {
    String diff = ops.sub(map, ops.unsqueeze(points, 2));
    return ops.reduceSum(ops.mul(diff, diff), false, 1);
  }

  /** (threshold - squared colour distance) * gain: positive where the colour matches. */
  static String colourLogit(GraphOps ops, String squaredColourDistance, float threshold) {
    return ops.affine(squaredColourDistance, -TinySam.COLOUR_GAIN,
        threshold * TinySam.COLOUR_GAIN);
  }

  /** Positive within {@code radius} frame px of the click, zero on the circle. */
  static String near(GraphOps ops, String squaredSpatialDistance, float radius) {
    return ops.affine(squaredSpatialDistance, -TinySam.SPATIAL_GAIN / (radius * radius),
        TinySam.SPATIAL_GAIN);
  }

  /** [K] flags of 0/1 -> [K,1] of 0 for kept rows and {@link TinySam#EXCLUDED} for the rest. */
  static String rowPenalty(GraphOps ops, String flags) {
    return ops.unsqueeze(ops.affine(flags, -TinySam.EXCLUDED, TinySam.EXCLUDED), 1);
  }

  /** Max over the rows whose flag is 1: [K,65536] -> [1,65536]. */
  static String maxOverFlagged(GraphOps ops, String logits, String flags) {
    return ops.reduceMax(ops.add(logits, rowPenalty(ops, flags)), true, 0);
  }

  /**
   * The cap negative clicks put on every token: minus the best "same colour as a negative click"
   * logit, [1,65536]; about +1000 (no effect) when there is no negative click.
   */
  static String carve(GraphOps ops, String tightLogits, String isNegative) {
    return ops.neg(maxOverFlagged(ops, tightLogits, isNegative));
  }

  /** A token of [1,65536] logits, or {@link TinySam#OFF} everywhere when {@code any} is 0. */
  static String gated(GraphOps ops, String token, String any) {
    return ops.select(any, token, ops.scalar(TinySam.OFF));
  }

  /** Clips the stacked tokens [T,65536] and reshapes them to {@code shape}. */
  static String finish(GraphOps ops, String stacked, long... shape) {
    return ops.reshape(ops.clip(stacked, -TinySam.LOGIT_LIMIT, TinySam.LOGIT_LIMIT), shape);
  }

  /**
   * The per-anchor logits both decoders build from the colour grid, the cell centres [1,2,65536]
   * and the anchors' continuous positions [K,2]: each [K,65536].
   *
   * @param tight same colour
   * @param loose similar colour
   * @param part same colour within {@link TinySam#PART_RADIUS}
   * @param object same colour within {@link TinySam#OBJECT_RADIUS}
   */
  record Scores(String tight, String loose, String part, String object) {}

  static Scores scores(GraphOps ops, String colourGrid, String cells, String positions) {
    String colourMap = flatten(ops, colourGrid, TinySam.COLOURS);
    String colours = sampleColours(ops, colourGrid, positions);
    String colourDistance = squaredDistance(ops, colourMap, colours);
    String spatialDistance = squaredDistance(ops, cells, positions);
    String tight = colourLogit(ops, colourDistance, TinySam.TIGHT);
    String loose = colourLogit(ops, colourDistance, TinySam.LOOSE);
    String part = ops.min(tight, near(ops, spatialDistance, TinySam.PART_RADIUS));
    String object = ops.min(tight, near(ops, spatialDistance, TinySam.OBJECT_RADIUS));
    return new Scores(tight, loose, part, object);
  }
}
