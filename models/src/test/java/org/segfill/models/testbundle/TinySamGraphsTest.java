package org.segfill.models.testbundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segfill.engine.backend.Session;
import org.segfill.engine.backend.Tensor;
import org.segfill.engine.backend.ort.OrtBackend;

/**
 * The tiny SAM graphs on a hand-made 1024 frame (no pre-processing involved): a pink square and
 * an orange square on a teal background, zero padding below row 640. Checks each token's
 * documented behaviour on the 256x256 low-res grid.
 */
class TinySamGraphsTest {

  // Normalised colours (x - mean) / std of pink (220,110,170), orange (230,180,40), teal (40,110,170).
  private static final float[] PINK = normalise(220, 110, 170);
  private static final float[] ORANGE = normalise(230, 180, 40);
  private static final float[] TEAL = normalise(40, 110, 170);
  // Frame rectangles [x0, y0, x1, y1) in px; multiples of 4 so they align with the grid.
  private static final int[] PINK_BOX = {200, 160, 400, 360};
  private static final int[] ORANGE_BOX = {600, 300, 900, 560};
  private static final int CONTENT_ROWS = 640;

  @TempDir static Path dir;
  private static Session encoder;
  private static Session decoder;
  private static Session hfEncoder;
  private static Session hfDecoder;
  private static Tensor embeddings;

  @BeforeAll
  static void load() throws IOException {
    Path root = TestBundles.writeSam(dir);
    OrtBackend ort = new OrtBackend(2);
    encoder = ort.open(root.resolve("sam-onnx/encoder.onnx"));
    decoder = ort.open(root.resolve("sam-onnx/decoder.onnx"));
    hfEncoder = ort.open(root.resolve("sam-hf/vision_encoder.onnx"));
    hfDecoder = ort.open(root.resolve("sam-hf/prompt_encoder_mask_decoder.onnx"));
    embeddings = encoder.run(Map.of("image", frame()), Set.of("image_embeddings"))
        .get("image_embeddings");
  }

  @AfterAll
  static void close() {
    for (Session s : new Session[] {encoder, decoder, hfEncoder, hfDecoder}) {
      if (s != null) {
        s.close();
      }
    }
  }

  @Test
  void oneClickGivesPartObjectAndAmbiguousWhole() {
    Map<String, Tensor> out = decode(new float[] {300, 260, 0, 0}, new float[] {1, -1}, null);
    float[] lowRes = out.get("low_res_masks").toFloatArray();
    assertEquals(1.0, iou(token(lowRes, 2), rect(PINK_BOX)), 0.02, "object = the pink square");
    double part = area(token(lowRes, 1));
    assertTrue(part > 0 && part < 0.5 * area(rect(PINK_BOX)), "part is a piece: " + part);
    boolean[] both = or(rect(PINK_BOX), rect(ORANGE_BOX));
    assertEquals(1.0, iou(token(lowRes, 3), both), 0.02, "whole = similar colours");
    assertEquals(1.0, iou(token(lowRes, 0), both), 0.02, "token 0 is ambiguous for one click");
    assertArrayEquals(TinySam.IOU, out.get("iou_predictions").toFloatArray());
  }

  @Test
  void severalClicksUseTokenZeroAndNegativesCarve() {
    float[] lowRes = decode(new float[] {300, 260, 750, 400, 0, 0}, new float[] {1, 1, -1}, null)
        .get("low_res_masks").toFloatArray();
    assertEquals(1.0, iou(token(lowRes, 0), or(rect(PINK_BOX), rect(ORANGE_BOX))), 0.02);
    assertEquals(1.0, iou(token(lowRes, 2), rect(PINK_BOX)), 0.02, "token 2 follows click 1");

    float[] carved = decode(new float[] {300, 260, 750, 400, 0, 0}, new float[] {1, 0, -1}, null)
        .get("low_res_masks").toFloatArray();
    assertEquals(1.0, iou(token(carved, 0), rect(PINK_BOX)), 0.02);
    assertEquals(0, area(and(token(carved, 3), rect(ORANGE_BOX))), "negative carves whole");
  }

  @Test
  void paddingPointIsRequiredWithoutBoxAndRefusedWithOne() {
    Map<String, Tensor> missing = decode(new float[] {300, 260}, new float[] {1}, null);
    assertEquals(0, area(token(missing.get("low_res_masks").toFloatArray(), 2)));
    assertArrayEquals(new float[4], missing.get("iou_predictions").toFloatArray());

    float[] box = {180, 140, 420, 380};
    float[] withBox = decode(box, new float[] {2, 3}, null).get("low_res_masks").toFloatArray();
    assertEquals(1.0, iou(token(withBox, 2), rect(PINK_BOX)), 0.02, "box centre, inside box");
    float[] boxAndPad = decode(new float[] {180, 140, 420, 380, 0, 0}, new float[] {2, 3, -1},
        null).get("low_res_masks").toFloatArray();
    assertEquals(0, area(token(boxAndPad, 2)));
  }

  @Test
  void previousMaskJoinsTokenZero() {
    float[] previous = new float[256 * 256];
    boolean[] orange = rect(ORANGE_BOX);
    for (int i = 0; i < previous.length; i++) {
      previous[i] = orange[i] ? 8f : -8f;
    }
    float[] lowRes = decode(new float[] {300, 260, 320, 280, 0, 0}, new float[] {1, 1, -1},
        previous).get("low_res_masks").toFloatArray();
    assertEquals(1.0, iou(token(lowRes, 0), or(rect(PINK_BOX), orange)), 0.02);
  }

  @Test
  void fullSizeMasksAreTheExportsPostProcessing() {
    // orig 1600x1000 -> resized 1024x640: the crop keeps the 640 content rows.
    Map<String, Tensor> out = decode(new float[] {300, 260, 0, 0}, new float[] {1, -1}, null);
    Tensor masks = out.get("masks");
    assertArrayEquals(new long[] {1, 4, 1000, 1600}, masks.shape());
    float[] m = masks.toFloatArray();
    int plane = 1000 * 1600;
    // The pink square spans frame x 200..400, y 160..360, i.e. original x 312..625, y 250..562.
    assertTrue(m[2 * plane + 400 * 1600 + 470] > 0, "inside");
    assertTrue(m[2 * plane + 200 * 1600 + 470] < 0, "above");
    assertTrue(m[2 * plane + 400 * 1600 + 700] < 0, "right of it");
  }

  @Test
  void hfLayoutAppendsThePadPointAndUsesEveryClick() {
    Map<String, Tensor> enc = hfEncoder.runAll(Map.of("pixel_values", frame()));
    assertArrayEquals(embeddings.toFloatArray(), enc.get("image_embeddings").toFloatArray());
    Map<String, Tensor> out = hfDecoder.runAll(Map.of(
        "input_points", Tensor.ofFloats(new long[] {1, 1, 2, 2}, 300, 260, 750, 400),
        "input_labels", Tensor.ofLongs(new long[] {1, 1, 2}, 1, 1),
        "image_embeddings", enc.get("image_embeddings"),
        "image_positional_embeddings", enc.get("image_positional_embeddings")));
    float[] masks = out.get("pred_masks").toFloatArray();
    assertArrayEquals(new long[] {1, 1, 3, 256, 256}, out.get("pred_masks").shape());
    // Token index 1 of the three is SAM's token 2, "object".
    assertEquals(1.0, iou(token(masks, 1), or(rect(PINK_BOX), rect(ORANGE_BOX))), 0.02);
    float[] oneClick = hfDecoder.runAll(Map.of(
        "input_points", Tensor.ofFloats(new long[] {1, 1, 1, 2}, 300, 260),
        "input_labels", Tensor.ofLongs(new long[] {1, 1, 1}, 1),
        "image_embeddings", enc.get("image_embeddings"),
        "image_positional_embeddings", enc.get("image_positional_embeddings")))
        .get("pred_masks").toFloatArray();
    assertEquals(1.0, iou(token(oneClick, 1), rect(PINK_BOX)), 0.02);
  }

  private static Map<String, Tensor> decode(float[] coords, float[] labels, float[] previous) {
    int n = labels.length;
    return decoder.runAll(Map.of(
        "image_embeddings", embeddings,
        "point_coords", Tensor.ofFloats(new long[] {1, n, 2}, coords),
        "point_labels", Tensor.ofFloats(new long[] {1, n}, labels),
        "mask_input", previous == null
            ? Tensor.ofFloats(new long[] {1, 1, 256, 256}, new float[256 * 256])
            : Tensor.ofFloats(new long[] {1, 1, 256, 256}, previous),
        "has_mask_input", Tensor.ofFloats(new long[] {1}, previous == null ? 0 : 1),
        "orig_im_size", Tensor.ofFloats(new long[] {2}, 1000, 1600)));
  }

  private static Tensor frame() {
    int side = 1024;
    float[] x = new float[3 * side * side];
    for (int y = 0; y < CONTENT_ROWS; y++) {
      for (int col = 0; col < side; col++) {
        float[] c = inside(PINK_BOX, col, y) ? PINK : inside(ORANGE_BOX, col, y) ? ORANGE : TEAL;
        for (int ch = 0; ch < 3; ch++) {
          x[ch * side * side + y * side + col] = c[ch];
        }
      }
    }
    return Tensor.ofFloats(new long[] {1, 3, side, side}, x);
  }

  private static float[] normalise(int r, int g, int b) {
    return new float[] {(r - 123.675f) / 58.395f, (g - 116.28f) / 57.12f, (b - 103.53f) / 57.375f};
  }

  private static boolean inside(int[] box, int x, int y) {
    return x >= box[0] && x < box[2] && y >= box[1] && y < box[3];
  }

  /** The frame rectangle on the 256 grid. */
  private static boolean[] rect(int[] box) {
    boolean[] m = new boolean[256 * 256];
    for (int i = 0; i < m.length; i++) {
      m[i] = inside(box, (i % 256) * 4 + 2, (i / 256) * 4 + 2);
    }
    return m;
  }

  private static boolean[] token(float[] lowRes, int k) {
    boolean[] m = new boolean[256 * 256];
    for (int i = 0; i < m.length; i++) {
      m[i] = lowRes[k * m.length + i] > 0;
    }
    return m;
  }

  private static boolean[] or(boolean[] a, boolean[] b) {
    boolean[] m = new boolean[a.length];
    for (int i = 0; i < m.length; i++) {
      m[i] = a[i] || b[i];
    }
    return m;
  }

  private static boolean[] and(boolean[] a, boolean[] b) {
    boolean[] m = new boolean[a.length];
    for (int i = 0; i < m.length; i++) {
      m[i] = a[i] && b[i];
    }
    return m;
  }

  private static long area(boolean[] m) {
    long n = 0;
    for (boolean b : m) {
      n += b ? 1 : 0;
    }
    return n;
  }

  private static double iou(boolean[] a, boolean[] b) {
    long union = area(or(a, b));
    return union == 0 ? 0 : (double) area(and(a, b)) / union;
  }
}
