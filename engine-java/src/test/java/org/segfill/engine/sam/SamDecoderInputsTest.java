package org.segfill.engine.sam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.segfill.engine.backend.DType;
import org.segfill.engine.backend.Tensor;
import org.segfill.engine.segment.Box;
import org.segfill.engine.segment.Point;
import org.segfill.engine.segment.Prompt;

/**
 * The decoder's input tensors against values worked out by hand from model contract A3, A4 and
 * E3, for a 1537x913 image (resized to 1024x608: x scales by 1024/1537, y by 608/913).
 */
class SamDecoderInputsTest {

  private static final ImageKey KEY = new ImageKey("0".repeat(64));
  private static final SamFrame FRAME = SamFrame.of(1537, 913);
  private static final Tensor EMBEDDINGS = Tensor.zeros(DType.FLOAT32, new long[] {1, 256, 64, 64});
  private static final ImageEmbedding EMBEDDING = new ImageEmbedding(KEY, FRAME, EMBEDDINGS);
  private final SamDecoderInputs inputs = new SamDecoderInputs(SamSteps.standard());

  @Test
  void frameUsesTheRoundedSizePerAxis() {
    assertEquals(new SamFrame(1537, 913, 1024, 608), FRAME);
    assertEquals(new SamFrame(1500, 2250, 683, 1024), SamFrame.of(1500, 2250));
    float[] xy = FRAME.toFrame(768.5, 456.5);
    assertEquals((float) (768.5 * 1024.0 / 1537), xy[0]);
    assertEquals((float) (456.5 * 608.0 / 913), xy[1]);
  }

  @Test
  void clicksGetThePaddingPointAndFloatLabels() {
    Prompt prompt = Prompt.of(new Point(100, 200, true), new Point(1500, 900, false));
    Map<String, Tensor> in = inputs.samOnnx(EMBEDDING, prompt, null);
    assertArrayEquals(new long[] {1, 3, 2}, in.get("point_coords").shape());
    assertArrayEquals(new float[] {
        (float) (100 * 1024.0 / 1537), (float) (200 * 608.0 / 913),
        (float) (1500 * 1024.0 / 1537), (float) (900 * 608.0 / 913),
        0f, 0f}, in.get("point_coords").toFloatArray());
    assertArrayEquals(new float[] {1, 0, -1}, in.get("point_labels").toFloatArray());
    assertArrayEquals(new float[] {0}, in.get("has_mask_input").toFloatArray());
    assertArrayEquals(new float[256 * 256], in.get("mask_input").toFloatArray());
    assertArrayEquals(new float[] {256, 256}, in.get("orig_im_size").toFloatArray(),
        "fixed: only the unused full-size masks output depends on it");
    assertSame(EMBEDDINGS, in.get("image_embeddings"), "the cached embedding is fed, not copied");
    assertEquals(3, inputs.decoderPoints(prompt));
  }

  @Test
  void aBoxAddsItsCornersLabelledTwoAndThreeAndNoPaddingPoint() {
    Prompt prompt = new Prompt(List.of(new Point(10, 20, true)), new Box(0, 0, 1537, 913));
    Map<String, Tensor> in = inputs.samOnnx(EMBEDDING, prompt, null);
    assertArrayEquals(new float[] {
        (float) (10 * 1024.0 / 1537), (float) (20 * 608.0 / 913), 0f, 0f, 1024f, 608f},
        in.get("point_coords").toFloatArray());
    assertArrayEquals(new float[] {1, 2, 3}, in.get("point_labels").toFloatArray());
    assertEquals(3, inputs.decoderPoints(prompt));
    assertEquals(2, inputs.decoderPoints(new Prompt(List.of(), new Box(1, 1, 5, 5))));
  }

  @Test
  void previousLogitsAreFedWithTheFlagSet() {
    float[] logits = new float[256 * 256];
    logits[7] = 3.5f;
    MaskLogits previous = new MaskLogits(KEY, logits);
    Map<String, Tensor> in = inputs.samOnnx(EMBEDDING, Prompt.of(new Point(1, 1, true)), previous);
    assertArrayEquals(new float[] {1}, in.get("has_mask_input").toFloatArray());
    assertEquals(3.5f, in.get("mask_input").toFloatArray()[7]);
    assertArrayEquals(new long[] {1, 1, 256, 256}, in.get("mask_input").shape());
  }

  @Test
  void hfGetsFourDimensionalPointsInt64LabelsAndNoPaddingPoint() {
    Tensor positional = Tensor.zeros(DType.FLOAT32, new long[] {1, 256, 64, 64});
    Prompt prompt = Prompt.of(new Point(100, 200, true), new Point(300, 400, false));
    Map<String, Tensor> in = inputs.hf(EMBEDDING, prompt, positional);
    assertArrayEquals(new long[] {1, 1, 2, 2}, in.get("input_points").shape());
    assertArrayEquals(new float[] {
        (float) (100 * 1024.0 / 1537), (float) (200 * 608.0 / 913),
        (float) (300 * 1024.0 / 1537), (float) (400 * 608.0 / 913)},
        in.get("input_points").toFloatArray());
    assertEquals(DType.INT64, in.get("input_labels").dtype());
    assertArrayEquals(new long[] {1, 0}, in.get("input_labels").toLongArray());
    assertArrayEquals(new long[] {1, 1, 2}, in.get("input_labels").shape());
    assertSame(positional, in.get("image_positional_embeddings"));
  }
}
