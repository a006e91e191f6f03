package org.segfill.engine.sam;

/**
 * Where a click's time went, in nanoseconds, named like the stages of a prediction: building the
 * decoder's inputs, the decoder call itself, and post-processing every candidate to full size
 * (including the copies out).
 */
public record SamTimings(long promptNanos, long decoderNanos, long postprocessNanos) {

  /** Everything but the decoder call: segfill's own overhead on the click path. */
  public long outsideDecoderNanos() {
    return promptNanos + postprocessNanos;
  }
}
