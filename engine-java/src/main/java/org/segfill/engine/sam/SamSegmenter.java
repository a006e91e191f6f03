package org.segfill.engine.sam;

import java.util.Objects;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.segment.Prompt;
import org.segfill.engine.segment.SegmentResult;
import org.segfill.engine.segment.Segmenter;

/**
 * SAM behind the engine-neutral {@link Segmenter} interface: embeddings come from an
 * {@link EmbeddingCache}, so repeated clicks on one image run only the decoder.
 */
public final class SamSegmenter implements Segmenter {

  private final SamPredictor predictor;
  private final EmbeddingCache cache;

  public SamSegmenter(SamPredictor predictor, EmbeddingCache cache) {
    this.predictor = Objects.requireNonNull(predictor, "predictor");
    this.cache = Objects.requireNonNull(cache, "cache");
  }

  @Override
  public SegmentResult segment(RgbImage image, Prompt prompt) {
    return predict(image, SamPrompt.of(prompt)).toSegmentResult();
  }

  /** Full SAM prediction (all candidates, logits and timings) for a prompt on an image. */
  public SamPrediction predict(RgbImage image, SamPrompt prompt) {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(prompt, "prompt");
    // Check the prompt before the encoder runs: a bad click must not cost an encoder run.
    prompt.prompt().requireInside(image.width(), image.height());
    ImageKey key = ImageKey.of(image);
    ImageEmbedding embedding = cache.get(key, () -> predictor.embed(image, key));
    return predictor.predict(embedding, prompt);
  }

  public SamPredictor predictor() {
    return predictor;
  }
}
