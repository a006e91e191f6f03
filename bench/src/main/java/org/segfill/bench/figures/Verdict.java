package org.segfill.bench.figures;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a figure compares with its goal. */
public enum Verdict {
  /** At or under the goal. */
  WITHIN("within"),
  /** Above the goal. */
  OVER("over"),
  /** Measured on a tiny test bundle, whose timings mean nothing against a goal. */
  NOT_JUDGED("not judged"),
  /** The figure has no goal; it is there to explain the others. */
  NO_GOAL("no goal");

  private final String text;

  Verdict(String text) {
    this.text = text;
  }

  /**
   * The verdict of {@code value} against {@code goal}, an upper bound in the same unit (null for
   * none); {@code judged} is false for figures of a test bundle.
   */
  public static Verdict of(double value, Double goal, boolean judged) {
    if (goal == null) {
      return NO_GOAL;
    }
    if (!judged) {
      return NOT_JUDGED;
    }
    return value <= goal ? WITHIN : OVER;
  }

  /** The word report.json and the markdown use. */
  @JsonValue
  public String text() {
    return text;
  }
}
