package org.segfill.engine.sdxl.tokenizer;

import java.util.Arrays;
import java.util.Objects;

/**
 * One prompt as a text encoder's {@code input_ids}: BOS, at most 75 tokens, EOS, then the
 * tokenizer's pad id up to 77.
 *
 * @param ids the 77 ids, int64 as the graph takes them
 * @param count how many ids are real (BOS and EOS included), i.e. where padding starts; EOS is at
 *     {@code count - 1}
 * @param truncated whether the prompt had more than 75 tokens and lost the rest
 */
public record Tokens(long[] ids, int count, boolean truncated) {

  public Tokens {
    Objects.requireNonNull(ids, "ids");
    if (count < 2 || count > ids.length) {
      throw new IllegalArgumentException("count: must be in [2, " + ids.length + "], got "
          + count);
    }
    ids = ids.clone();
  }

  /** A copy of the ids. */
  @Override
  public long[] ids() {
    return ids.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tokens t && count == t.count && truncated == t.truncated
        && Arrays.equals(ids, t.ids);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(ids) + 2 * count + (truncated ? 1 : 0);
  }

  @Override
  public String toString() {
    return "Tokens[ids=" + Arrays.toString(ids) + ", count=" + count + ", truncated="
        + truncated + "]";
  }
}
