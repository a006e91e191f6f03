package org.segfill.engine.sam;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.segfill.engine.backend.DType;
import org.segfill.engine.backend.Tensor;
import org.segfill.engine.segment.Box;
import org.segfill.engine.segment.Point;
import org.segfill.engine.segment.Prompt;

/**
 * Builds the decoder's input tensors from a prompt, per layout (contract A3, A4 and E3).
 *
 * <p>sam-onnx: {@code point_coords} [1,N,2] holds the clicks, then the box corners labelled 2
 * and 3 or, without a box, the (0, 0) padding point labelled -1; {@code point_labels} [1,N] are
 * floats; {@code mask_input} is the previous logits or zeros with {@code has_mask_input} 1 or 0;
 * {@code orig_im_size} is fixed at {@link #ORIG_IM_SIZE} (see there). hf: {@code input_points} [1,1,n,2] and int64
 * {@code input_labels} [1,1,n] hold the clicks only, because the graph appends the padding point
 * itself; the embeddings and positional embeddings come from the encoder.
 */
final class SamDecoderInputs {

  private static final float POSITIVE = 1f;
  private static final float NEGATIVE = 0f;
  private static final float BOX_TOP_LEFT = 2f;
  private static final float BOX_BOTTOM_RIGHT = 3f;
  private static final float PADDING = -1f;

  /**
   * What segfill feeds as {@code orig_im_size}, whatever the image: 256x256. That input only
   * sizes the export's own full-size {@code masks} output, which segfill never reads (it
   * post-processes {@code low_res_masks} in its kernels, contract part 0 item 1), but ONNX
   * Runtime computes every output whether it is asked for or not: at a photo's real size the
   * unused output cost 50-70 ms per click for a 12 MP image, against 9 ms at this size (tiny
   * decoder, this 2-core machine). A fixed value also suits engines built for fixed shapes.
   */
  static final float ORIG_IM_SIZE = 256f;

  private final SamSteps steps;
  // The inputs that do not change from click to click, made once: tensors are immutable.
  private final Tensor noMask = Tensor.zeros(DType.FLOAT32,
      new long[] {1, 1, MaskLogits.SIDE, MaskLogits.SIDE});
  private final Tensor hasNoMask = Tensor.ofFloats(new long[] {1}, 0f);
  private final Tensor hasMask = Tensor.ofFloats(new long[] {1}, 1f);
  private final Tensor origImSize = Tensor.ofFloats(new long[] {2}, ORIG_IM_SIZE, ORIG_IM_SIZE);

  SamDecoderInputs(SamSteps steps) {
    this.steps = steps;
  }

  /** The sam-onnx decoder's six inputs; {@link #decoderPoints} of them are points. */
  Map<String, Tensor> samOnnx(ImageEmbedding embedding, Prompt prompt, MaskLogits previous) {
    SamFrame frame = embedding.frame();
    List<Point> points = prompt.points();
    Box box = prompt.box();
    int n = decoderPoints(prompt);
    float[] coords = new float[2 * n];
    float[] labels = new float[n];
    int i = 0;
    for (Point p : points) {
      put(coords, labels, i++, steps.coordinates().toFrame(frame, p.x(), p.y()),
          p.positive() ? POSITIVE : NEGATIVE);
    }
    if (box != null) {
      put(coords, labels, i++, steps.coordinates().toFrame(frame, box.x0(), box.y0()),
          BOX_TOP_LEFT);
      put(coords, labels, i++, steps.coordinates().toFrame(frame, box.x1(), box.y1()),
          BOX_BOTTOM_RIGHT);
    }
    if (steps.rules().appendPadPoint(box != null)) {
      put(coords, labels, i, new float[] {0f, 0f}, PADDING);
    }
    Map<String, Tensor> in = new LinkedHashMap<>();
    in.put("image_embeddings", embedding.embeddings());
    in.put("point_coords", Tensor.ofFloats(new long[] {1, n, 2}, coords));
    in.put("point_labels", Tensor.ofFloats(new long[] {1, n}, labels));
    in.put("mask_input", previous == null ? noMask : Tensor.ofFloats(
        new long[] {1, 1, MaskLogits.SIDE, MaskLogits.SIDE}, previous.shared()));
    in.put("has_mask_input", previous == null ? hasNoMask : hasMask);
    in.put("orig_im_size", origImSize);
    return in;
  }

  /** Points fed to the sam-onnx decoder: clicks, box corners and the padding point. */
  int decoderPoints(Prompt prompt) {
    boolean hasBox = prompt.box() != null;
    return prompt.points().size() + (hasBox ? 2 : 0)
        + (steps.rules().appendPadPoint(hasBox) ? 1 : 0);
  }

  /** The hf decoder's four inputs. */
  Map<String, Tensor> hf(ImageEmbedding embedding, Prompt prompt, Tensor positionalEmbeddings) {
    SamFrame frame = embedding.frame();
    List<Point> points = prompt.points();
    int n = points.size();
    float[] coords = new float[2 * n];
    long[] labels = new long[n];
    for (int i = 0; i < n; i++) {
      Point p = points.get(i);
      float[] xy = steps.coordinates().toFrame(frame, p.x(), p.y());
      coords[2 * i] = xy[0];
      coords[2 * i + 1] = xy[1];
      labels[i] = p.positive() ? 1 : 0;
    }
    Map<String, Tensor> in = new LinkedHashMap<>();
    in.put("input_points", Tensor.ofFloats(new long[] {1, 1, n, 2}, coords));
    in.put("input_labels", Tensor.ofLongs(new long[] {1, 1, n}, labels));
    in.put("image_embeddings", embedding.embeddings());
    in.put("image_positional_embeddings", positionalEmbeddings);
    return in;
  }

  private static void put(float[] coords, float[] labels, int i, float[] xy, float label) {
    coords[2 * i] = xy[0];
    coords[2 * i + 1] = xy[1];
    labels[i] = label;
  }
}
