package org.segfill.engine.sdxl.tokenizer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.segfill.engine.sdxl.SdxlContracts;

/**
 * The CLIP tokenizer of one SDXL text encoder, read from a folder holding {@code vocab.json} and
 * {@code merges.txt}, and optionally {@code tokenizer_config.json},
 * {@code special_tokens_map.json} and {@code added_tokens.json} for the special tokens. It gives
 * the ids transformers' {@code CLIPTokenizer} gives as diffusers calls it (padding to 77 with the
 * folder's own pad token, truncation on); see the package documentation for the steps and the
 * known differences.
 *
 * <pre>{@code
 * ClipTokenizer tokenizer = ClipTokenizer.load(bundle.resolve("tokenizer"));
 * Tokens tokens = tokenizer.encode("a photo of a cat");
 * long[] inputIds = tokens.ids(); // [49406, 320, 1125, 539, 320, 2368, 49407, 49407, ...]
 * }</pre>
 *
 * <p>Thread-safe. Each tokenizer keeps the BPE result of its recently seen words, bounded in
 * number.
 */
public final class ClipTokenizer {

  /** Ids per sequence: BOS, up to 75 tokens, EOS, padding. */
  public static final int MAX_LENGTH = SdxlContracts.TOKENS;
  /** Words whose BPE ids each tokenizer remembers. */
  static final int CACHED_WORDS = 10_000;

  private final Vocabulary vocab;
  private final BytePairEncoder bpe;
  private final AddedTokenSplitter splitter;
  private final SpecialTokens special;
  private final int unkId;
  private final BoundedCache<String, int[]> cache;

  private ClipTokenizer(Vocabulary vocab, MergeRanks merges, SpecialTokens special,
      int cachedWords) {
    this.vocab = vocab;
    this.bpe = new BytePairEncoder(merges);
    this.splitter = new AddedTokenSplitter(special.added());
    this.special = special;
    // transformers looks the unknown token up in vocab.json itself, not among added tokens.
    this.unkId = vocab.id(special.unk()).orElse(special.id(special.unk()));
    this.cache = new BoundedCache<>(cachedWords);
  }

  /**
   * Reads the tokenizer folder {@code dir}.
   *
   * @throws IllegalArgumentException naming the folder, or the file and line, if the folder or
   *     a required file is missing or a file is malformed
   */
  public static ClipTokenizer load(Path dir) {
    return load(dir, CACHED_WORDS);
  }

  static ClipTokenizer load(Path dir, int cachedWords) {
    if (dir == null) {
      throw new IllegalArgumentException("dir: must not be null");
    }
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(dir + ": not a directory; a CLIP tokenizer folder holds"
          + " vocab.json and merges.txt");
    }
    Vocabulary vocab = Vocabulary.read(dir.resolve("vocab.json"));
    MergeRanks merges = MergeRanks.read(dir.resolve("merges.txt"));
    SpecialTokens special = SpecialTokenFiles.read(dir, vocab);
    return new ClipTokenizer(vocab, merges, special, cachedWords);
  }

  /**
   * {@code text} as 77 ids: BOS, its first 75 tokens, EOS, then this tokenizer's pad id.
   *
   * @throws IllegalArgumentException if {@code text} is null
   */
  public Tokens encode(String text) {
    List<Integer> content = contentIds(text);
    int kept = Math.min(content.size(), MAX_LENGTH - 2);
    long[] ids = new long[MAX_LENGTH];
    ids[0] = bosId();
    for (int i = 0; i < kept; i++) {
      ids[1 + i] = content.get(i);
    }
    ids[1 + kept] = eosId();
    for (int i = kept + 2; i < MAX_LENGTH; i++) {
      ids[i] = padId();
    }
    return new Tokens(ids, kept + 2, content.size() > kept);
  }

  /** The id every sequence starts with ({@code <|startoftext|>}, 49406 in CLIP). */
  public int bosId() {
    return special.id(special.bos());
  }

  /** The id every sequence ends with ({@code <|endoftext|>}, 49407 in CLIP). */
  public int eosId() {
    return special.id(special.eos());
  }

  /** The id padding repeats: 49407 for SDXL's tokenizer, 0 ({@code "!"}) for tokenizer_2. */
  public int padId() {
    return special.id(special.pad());
  }

  /** The ids of {@code text} without BOS, EOS, truncation or padding. */
  List<Integer> contentIds(String text) {
    if (text == null) {
      throw new IllegalArgumentException("text: must not be null (use \"\" for no prompt)");
    }
    List<Integer> ids = new ArrayList<>();
    for (AddedTokenSplitter.Piece piece : splitter.split(text)) {
      if (piece.isAdded()) {
        ids.add(piece.id());
        continue;
      }
      for (String word : PreTokenizer.words(TextCleaner.clean(piece.text()))) {
        for (int id : wordIds(ByteLevel.encode(word))) {
          ids.add(id);
        }
      }
    }
    return ids;
  }

  /** How many words' BPE results are cached now. */
  int cachedWords() {
    return cache.size();
  }

  private int[] wordIds(String byteWord) {
    int[] ids = cache.get(byteWord);
    if (ids == null) {
      List<String> symbols = bpe.encode(byteWord);
      ids = new int[symbols.size()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = symbolId(symbols.get(i));
      }
      cache.put(byteWord, ids);
    }
    return ids;
  }

  // As transformers converts a BPE symbol: added tokens first, then the vocabulary, then UNK.
  private int symbolId(String symbol) {
    Integer added = special.added().get(symbol);
    if (added != null) {
      return added;
    }
    return vocab.id(symbol).orElse(unkId);
  }
}
