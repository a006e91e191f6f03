package org.segfill.server.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import org.segfill.engine.sam.EmbeddingCache;
import org.segfill.engine.sam.ImageEmbedding;
import org.segfill.engine.sam.ImageKey;
import org.segfill.engine.sam.MaskLogits;
import org.segfill.engine.sam.SamPrediction;
import org.segfill.engine.sam.SamPredictor;
import org.segfill.engine.sam.SamPrompt;
import org.segfill.engine.sam.SamTimings;
import org.segfill.engine.segment.Prompt;
import org.segfill.server.store.StoredImage;

/**
 * SAM over a single-flight embedding cache: the upload starts the encoder ({@link #precompute}),
 * and a click that arrives meanwhile waits for that same run instead of starting another.
 */
public final class SamSegmentation implements Segmentation {

  private final SamPredictor predictor;
  private final EmbeddingCache embeddings;

  /** SAM with {@code predictor} (owned, closed with this) and an embedding cache. */
  public SamSegmentation(SamPredictor predictor, EmbeddingCache embeddings) {
    this.predictor = predictor;
    this.embeddings = embeddings;
  }

  @Override
  public SegmentOutcome segment(StoredImage image, Prompt prompt, MaskLogits previous,
      boolean multimask) {
    // A bad click must not cost an encoder run.
    prompt.requireInside(image.width(), image.height());
    long start = System.nanoTime();
    boolean cached = embeddings.peek(image.key()).isPresent();
    ImageEmbedding embedding = embedding(image);
    long embedded = System.nanoTime();
    SamPrediction prediction = predictor.predict(embedding,
        new SamPrompt(prompt, previous, multimask));
    long done = System.nanoTime();
    SamTimings t = prediction.timings();
    Map<String, Double> ms = new LinkedHashMap<>();
    ms.put("embed", (embedded - start) / 1e6);
    ms.put("prompt", t.promptNanos() / 1e6);
    ms.put("decoder", t.decoderNanos() / 1e6);
    ms.put("postprocess", t.postprocessNanos() / 1e6);
    ms.put("total", (done - start) / 1e6);
    return new SegmentOutcome("sam", prediction.candidates(), prediction.logits(),
        prediction.best(), ms, cached);
  }

  @Override
  public void precompute(StoredImage image) {
    embedding(image);
  }

  private ImageEmbedding embedding(StoredImage image) {
    ImageKey key = image.key();
    return embeddings.get(key, () -> predictor.embed(image.image(), key));
  }

  @Override
  public boolean supportsBox() {
    return predictor.layout().supportsBox();
  }

  @Override
  public boolean supportsPreviousMask() {
    return predictor.layout().supportsMaskInput();
  }

  /** The embedding cache's counters, for metrics. */
  public EmbeddingCache.Stats cacheStats() {
    return embeddings.stats();
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("engine", "sam");
    d.put("bundle", predictor.bundleId());
    d.put("layout", predictor.layout().id());
    d.put("box", supportsBox());
    d.put("previousMask", supportsPreviousMask());
    return d;
  }

  @Override
  public void close() {
    predictor.close();
  }
}
