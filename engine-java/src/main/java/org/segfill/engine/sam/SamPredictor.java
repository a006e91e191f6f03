package org.segfill.engine.sam;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.segfill.engine.backend.DeviceSession;
import org.segfill.engine.backend.GraphContract;
import org.segfill.engine.backend.Tensor;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.segment.Candidate;
import org.segfill.engine.segment.Prompt;
import org.segfill.place.KernelPlace;

/**
 * Click-to-mask with SAM ViT-B, mirroring segment-anything's {@code SamPredictor}: {@link #embed}
 * runs the image encoder once per image, {@link #predict} runs the prompt decoder for each click
 * on that embedding and post-processes the low-res logits in our mask kernels.
 *
 * <pre>{@code
 * try (SamPredictor sam = new SamPredictor(graphs)) {
 *   ImageEmbedding e = sam.embed(image);
 *   SamPrediction first = sam.predict(e, SamPrompt.of(Prompt.of(new Point(412, 230, true))));
 *   SamPrediction refined = sam.predict(e, new SamPrompt(
 *       Prompt.of(new Point(412, 230, true), new Point(600, 240, false)),
 *       first.bestLogits(), false));
 * }
 * }</pre>
 *
 * <p>Which masks come back (contract part 0 item 1 and A4): the first click, or a box alone,
 * gets the three multimask candidates and the best predicted IoU wins. With sam-onnx, more
 * prompt elements get token 0, the single-mask output, unless {@code multimask} asks for the
 * three; with hf every call gets the three. Thread-safe: one predictor serves concurrent clicks.
 * Pre- and post-processing run on a {@link KernelPlace} (the CPU twin unless one is given), which
 * concurrent clicks take in turns; their encoder and decoder runs do not queue for it.
 */
public final class SamPredictor implements AutoCloseable {

  private static final int MULTIMASK_TOKENS = 3;

  private final SamGraphs graphs;
  private final SamSteps steps;
  private final SamDecoderInputs inputs;
  private final KernelPlace place;
  // hf only: the encoder's positional embedding is a per-model constant, kept from the first run.
  private volatile Tensor positionalEmbeddings;

  /** A predictor over {@code graphs}, which it owns and closes, processing on the CPU twin. */
  public SamPredictor(SamGraphs graphs) {
    this(graphs, KernelPlace.cpu());
  }

  /**
   * A predictor over {@code graphs} whose pre- and post-processing runs on {@code place}
   * (usually {@link org.segfill.engine.backend.SessionFactory#openKernelPlace()} of the backend
   * that opened the graphs); it owns and closes both.
   */
  public SamPredictor(SamGraphs graphs, KernelPlace place) {
    this(graphs, SamSteps.standard(place), place);
  }

  // The seam tests use to inject one of contract D's mistakes.
  SamPredictor(SamGraphs graphs, SamSteps steps) {
    this(graphs, steps, KernelPlace.cpu());
  }

  private SamPredictor(SamGraphs graphs, SamSteps steps, KernelPlace place) {
    this.graphs = Objects.requireNonNull(graphs, "graphs");
    this.steps = Objects.requireNonNull(steps, "steps");
    this.place = Objects.requireNonNull(place, "place");
    this.inputs = new SamDecoderInputs(steps);
  }

  public SamLayout layout() {
    return graphs.layout();
  }

  public String bundleId() {
    return graphs.bundleId();
  }

  /** Runs the image encoder (contract A2). */
  public ImageEmbedding embed(RgbImage image) {
    return embed(image, ImageKey.of(image));
  }

  /** Runs the image encoder for an image whose key the caller already knows. */
  public ImageEmbedding embed(RgbImage image, ImageKey key) {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(key, "key");
    SamFrame frame = SamFrame.of(image.width(), image.height());
    GraphContract contract = SamContracts.encoder(layout());
    Set<String> wanted = layout() == SamLayout.HF
        ? Set.of("image_embeddings", "image_positional_embeddings")
        : Set.of("image_embeddings");
    Map<String, Tensor> out;
    if (graphs.encoder() instanceof DeviceSession device) {
      out = DeviceEncoder.run(device, contract, steps.preprocess(), image, frame, wanted);
    } else {
      Tensor input = steps.preprocess().toInput(image, frame);
      out = graphs.encoder().run(Map.of(contract.inputs().get(0).name(), input), wanted);
    }
    if (layout() == SamLayout.HF && positionalEmbeddings == null) {
      positionalEmbeddings = out.get("image_positional_embeddings").direct();
    }
    // Fed to the decoder on every click: direct, so the runtime reads it without a copy.
    return new ImageEmbedding(key, frame, out.get("image_embeddings").direct());
  }

  /**
   * Predicts masks for one prompt on an embedded image.
   *
   * @throws IllegalArgumentException naming the field if a point or the box lies outside the
   *     image, the layout lacks a requested feature (box, refinement), or the previous logits
   *     belong to another image
   */
  public SamPrediction predict(ImageEmbedding embedding, SamPrompt request) {
    Objects.requireNonNull(embedding, "embedding");
    Objects.requireNonNull(request, "request");
    SamFrame frame = embedding.frame();
    Prompt prompt = request.prompt();
    prompt.requireInside(frame.width(), frame.height());
    checkSupported(embedding, request);

    long start = System.nanoTime();
    boolean samOnnx = layout() == SamLayout.SAM_ONNX;
    Map<String, Tensor> feeds = samOnnx
        ? inputs.samOnnx(embedding, prompt, request.previous())
        : inputs.hf(embedding, prompt, positional());
    String iouName = samOnnx ? "iou_predictions" : "iou_scores";
    String masksName = samOnnx ? "low_res_masks" : "pred_masks";
    long fed = System.nanoTime();
    Map<String, Tensor> out = graphs.decoder().run(feeds, Set.of(iouName, masksName));
    long decoded = System.nanoTime();

    float[] iou = out.get(iouName).toFloatArray();
    float[] lowRes = out.get(masksName).toFloatArray();
    int[] tokens = tokens(samOnnx, prompt, request.multimask());
    float[][] planes = new float[tokens.length][];
    for (int i = 0; i < tokens.length; i++) {
      planes[i] = slice(lowRes, tokens[i]);
    }
    byte[][] masks = steps.postprocess().toMasks(planes, frame);
    List<Candidate> candidates = new ArrayList<>(tokens.length);
    List<MaskLogits> logits = new ArrayList<>(tokens.length);
    int best = 0;
    for (int i = 0; i < tokens.length; i++) {
      candidates.add(new Candidate(masks[i], iou[tokens[i]], area(masks[i])));
      logits.add(new MaskLogits(embedding.key(), planes[i]));
      if (iou[tokens[i]] > iou[tokens[best]]) {
        best = i;
      }
    }
    long done = System.nanoTime();
    return new SamPrediction(frame.width(), frame.height(), candidates, logits, best,
        new SamTimings(fed - start, decoded - fed, done - decoded));
  }

  // Indexes into the decoder's token axis of the candidates to return.
  private int[] tokens(boolean samOnnx, Prompt prompt, boolean multimask) {
    if (!samOnnx) {
      return new int[] {0, 1, 2};
    }
    if (!multimask && steps.rules().singleMaskToken(inputs.decoderPoints(prompt))) {
      return new int[] {0};
    }
    return new int[] {1, 2, 3};
  }

  private void checkSupported(ImageEmbedding embedding, SamPrompt request) {
    if (request.prompt().box() != null && !layout().supportsBox()) {
      throw new IllegalArgumentException("box: the " + layout().id() + " SAM bundle has no box"
          + " input; use points, or install a sam-onnx bundle (see models/README.md)");
    }
    MaskLogits previous = request.previous();
    if (previous != null) {
      if (!layout().supportsMaskInput()) {
        throw new IllegalArgumentException("previousMask: the " + layout().id() + " SAM bundle"
            + " has no mask_input; the next click runs from the points alone");
      }
      if (!previous.image().equals(embedding.key())) {
        throw new IllegalArgumentException("previousMask: these logits belong to image "
            + previous.image().sha256() + ", not to " + embedding.key().sha256());
      }
    }
  }

  private Tensor positional() {
    Tensor pe = positionalEmbeddings;
    if (pe == null) {
      throw new IllegalStateException("call embed() on this predictor before predict()");
    }
    return pe;
  }

  private static float[] slice(float[] lowRes, int token) {
    int plane = MaskLogits.SIDE * MaskLogits.SIDE;
    float[] out = new float[plane];
    System.arraycopy(lowRes, token * plane, out, 0, plane);
    return out;
  }

  // The kernel writes 0 or 255, so the low bit of each byte counts selected pixels; eight bytes
  // at a time with bitCount is about 4x faster than a byte loop on a 12 MP mask.
  private static long area(byte[] mask) {
    LongBuffer words = ByteBuffer.wrap(mask).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer();
    long n = 0;
    while (words.hasRemaining()) {
      n += Long.bitCount(words.get() & 0x0101010101010101L);
    }
    for (int i = mask.length & ~7; i < mask.length; i++) {
      n += mask[i] & 1;
    }
    return n;
  }

  /** Closes the graphs and the place; call it once no click is under way. */
  @Override
  public void close() {
    try {
      graphs.close();
    } finally {
      place.close();
    }
  }
}
