package org.segfill.models.testbundle;

/**
 * The constants of segfill's tiny stand-in SAM, shared by its encoder and both decoders.
 *
 * <p>The tiny SAM is a colour-region segmenter with SAM's exact interface. Its encoder average
 * pools the normalised, padded 1024x1024 input over 4x4 blocks and keeps the red and green
 * channels only (it is blind to blue, on purpose: a BGR mix-up then changes what it sees), and
 * packs that 2x256x256 colour map into the 256x64x64 embedding by space-to-depth. Its decoder
 * unpacks the map, reads the colour under each click (contract A3: +0.5, divided by 1024) and
 * scores every cell of the 256x256 low-res grid by colour distance and by distance to the click,
 * in the 1024 frame:
 *
 * <ul>
 *   <li>token 1, "part": same colour (tight) within {@link #PART_RADIUS} px of the click;
 *   <li>token 2, "object": same colour (tight) within {@link #OBJECT_RADIUS} px;
 *   <li>token 3, "whole": similar colour (loose), anywhere;
 *   <li>token 0 (sam-onnx only), the single-mask output: for one prompt element it is as
 *       ambiguous as "whole"; for several it is the union of "object" over every positive click
 *       and the box centre, joined with the previous mask when {@code has_mask_input} is 1.
 * </ul>
 *
 * Negative clicks carve out every cell of their own colour, a box restricts every token to its
 * inside, and the fixed IoU predictions favour token 2. The sam-onnx decoder is strict about
 * contract A3's padding point: without a box it needs exactly one point labelled -1, with a box
 * none, and otherwise returns empty masks with zero IoU, so forgetting or adding it shows.
 */
public final class TinySam {

  /** Side of the model input frame. */
  static final int FRAME = 1024;
  /** Side of the low-res logits grid and of the encoder's colour map. */
  static final int GRID = 256;
  /** Frame pixels per grid cell. */
  static final int CELL = FRAME / GRID;
  /** Colour channels the encoder keeps (R and G). */
  static final int COLOURS = 2;
  /** Embedding channels that carry the colour map (the rest are zero). */
  static final int PACKED_CHANNELS = COLOURS * 4 * 4;

  /** Squared normalised colour distance below which a cell has "the same colour". */
  static final float TIGHT = 0.25f;
  /** Squared normalised colour distance below which a cell has "a similar colour". */
  static final float LOOSE = 2.0f;
  /** Logit per unit of squared colour distance. */
  static final float COLOUR_GAIN = 16f;
  /** Radius of token 1 in frame px. */
  static final float PART_RADIUS = 64f;
  /** Radius of tokens 2 and 0 in frame px. */
  static final float OBJECT_RADIUS = 512f;
  /** Logit at a click's own position from the spatial term; zero at the radius. */
  static final float SPATIAL_GAIN = 8f;
  /** Logit of cells a token does not select for structural reasons (no anchor, outside box). */
  static final float OFF = -10f;
  /** Added to rows that must never win a max (non-anchors, non-negatives). */
  static final float EXCLUDED = -1000f;
  /** Logits are clipped to +-this, like a trained decoder's bounded outputs. */
  static final float LOGIT_LIMIT = 20f;

  /** IoU predictions of tokens 0..3 (sam-onnx); the hf decoder returns tokens 1..3. */
  static final float[] IOU = {0.80f, 0.70f, 0.95f, 0.85f};

  private TinySam() {}

  /** Centres of the 256x256 grid cells in frame px: [1, 2, 65536], x row then y row. */
  static float[] cellCentres() {
    int n = GRID * GRID;
    float[] xy = new float[2 * n];
    for (int row = 0; row < GRID; row++) {
      for (int col = 0; col < GRID; col++) {
        xy[row * GRID + col] = (col + 0.5f) * CELL;
        xy[n + row * GRID + col] = (row + 0.5f) * CELL;
      }
    }
    return xy;
  }
}
