package org.segfill.server.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.segfill.engine.sam.MaskLogits;
import org.segfill.engine.segment.Candidate;

/**
 * What one click produced: the candidates (full-size masks with scores), SAM's logits for each
 * (null entries for the classic segmenter), the index of the best, and milliseconds per stage.
 *
 * @param engine {@code sam} or {@code classic}
 * @param candidates the masks, best first or not
 * @param logits one entry per candidate, null where the engine has none
 * @param best index of the chosen candidate
 * @param timingsMs milliseconds per stage
 * @param embeddingCached for SAM, whether the image's embedding was ready (precomputed at
 *     upload or by an earlier click); null for the classic engine
 */
public record SegmentOutcome(String engine, List<Candidate> candidates, List<MaskLogits> logits,
    int best, Map<String, Double> timingsMs, Boolean embeddingCached) {

  public SegmentOutcome {
    candidates = List.copyOf(candidates);
    // List.copyOf refuses nulls, and the classic engine has no logits.
    logits = Collections.unmodifiableList(new ArrayList<>(logits));
    if (candidates.size() != logits.size() || best < 0 || best >= candidates.size()) {
      throw new IllegalArgumentException("candidates, logits and best do not agree");
    }
    timingsMs = Map.copyOf(timingsMs);
  }
}
