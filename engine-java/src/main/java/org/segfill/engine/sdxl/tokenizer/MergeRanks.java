package org.segfill.engine.sdxl.tokenizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The BPE merge priorities of {@code merges.txt}: a header line, then one pair of symbols per
 * line, most frequent first. Reads the file as transformers does: at most {@link #MAX_MERGES}
 * pairs after the header (OpenAI's original file has far more lines, which CLIP never used), and
 * a pair listed twice keeps its later rank.
 */
final class MergeRanks {

  /** CLIP's 49,408 ids minus 256 byte symbols, their 256 end-of-word forms and 2 markers. */
  static final int MAX_MERGES = 49152 - 256 - 2;

  /** The rank of a pair that is not a merge. */
  static final int NONE = Integer.MAX_VALUE;

  // Key: "first second". Symbols never contain a space: the byte table maps it away and the file
  // separates them by whitespace.
  private final Map<String, Integer> ranks;

  private MergeRanks(Map<String, Integer> ranks) {
    this.ranks = ranks;
  }

  /**
   * Reads {@code file}.
   *
   * @throws IllegalArgumentException naming the file and line if it is missing, not UTF-8, lacks
   *     the {@code #version} header, or has a line that is not two symbols
   */
  static MergeRanks read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": missing; a CLIP tokenizer folder holds"
          + " vocab.json and merges.txt");
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(file + ": not UTF-8 text");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    String[] lines = text.split("\n", -1);
    // The reference strips the whole file first: leading and trailing blank lines do not count.
    int first = 0;
    while (first < lines.length && lines[first].isBlank()) {
      first++;
    }
    int last = lines.length - 1;
    while (last >= first && lines[last].isBlank()) {
      last--;
    }
    if (first > last) {
      throw new IllegalArgumentException(file + ": empty; expected a '#version' header and merges");
    }
    // transformers drops the first line unread, so a file without the header would silently
    // lose its first merge there; refuse it instead.
    if (!lines[first].contains("#version")) {
      throw new IllegalArgumentException(file + " line " + (first + 1) + ": expected the"
          + " '#version: 0.2' header, found '" + excerpt(lines[first]) + "'");
    }
    Map<String, Integer> ranks = new HashMap<>();
    int end = (int) Math.min(last, (long) first + MAX_MERGES);
    for (int i = first + 1; i <= end; i++) {
      String[] pair = lines[i].strip().split("\\s+");
      if (pair.length != 2 || pair[0].isEmpty()) {
        throw new IllegalArgumentException(file + " line " + (i + 1) + ": expected two symbols"
            + " separated by a space, found '" + excerpt(lines[i]) + "'");
      }
      ranks.put(pair[0] + " " + pair[1], i - first - 1);
    }
    return new MergeRanks(ranks);
  }

  /** The priority of merging {@code first} then {@code second}: lower first, or {@link #NONE}. */
  int rank(String first, String second) {
    Integer rank = ranks.get(first + " " + second);
    return rank == null ? NONE : rank;
  }

  /** How many distinct pairs were read. */
  int size() {
    return ranks.size();
  }

  private static String excerpt(String line) {
    String stripped = line.strip();
    return stripped.length() <= 60 ? stripped : stripped.substring(0, 60) + "...";
  }
}
