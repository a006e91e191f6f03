package org.segfill.engine.sam;

import java.util.List;
import org.segfill.engine.segment.Candidate;
import org.segfill.engine.segment.SegmentResult;

/**
 * What SAM predicted for one prompt: one or three candidate masks at the original size, their
 * low-res logits (to refine later), the index of the best, and where the time went.
 *
 * @param width original image width
 * @param height original image height
 * @param candidates masks with SAM's predicted IoU as score
 * @param logits low-res logits of each candidate, in the same order
 * @param best index of the chosen candidate
 * @param timings nanoseconds per stage
 */
public record SamPrediction(
    int width,
    int height,
    List<Candidate> candidates,
    List<MaskLogits> logits,
    int best,
    SamTimings timings) {

  public SamPrediction {
    candidates = List.copyOf(candidates);
    logits = List.copyOf(logits);
    if (candidates.isEmpty() || candidates.size() != logits.size()) {
      throw new IllegalArgumentException("candidates and logits: same non-zero count expected, "
          + "found " + candidates.size() + " and " + logits.size());
    }
    if (best < 0 || best >= candidates.size()) {
      throw new IllegalArgumentException("best: must be in [0, " + candidates.size() + "), got "
          + best);
    }
  }

  /** The chosen candidate. */
  public Candidate bestCandidate() {
    return candidates.get(best);
  }

  /** The logits of the chosen candidate, to refine it with the next click. */
  public MaskLogits bestLogits() {
    return logits.get(best);
  }

  /** As the engine-neutral result the {@code Segmenter} interface returns. */
  public SegmentResult toSegmentResult() {
    return new SegmentResult(width, height, bestCandidate().mask(), candidates, best);
  }
}
