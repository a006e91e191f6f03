package org.segfill.models.sdxl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.segfill.engine.backend.Session;
import org.segfill.engine.backend.Tensor;

/**
 * What a prompt must become (model contract B2, B3), worked out without the engine's tokenizer
 * or prompt encoder: the ids read from the bundle's vocab.json as BOS, one token per word, EOS,
 * then each tokenizer's own pad (49407 for CLIP-L, 0 for bigG); and the embedding from running
 * the text encoders on those ids and taking the penultimate hidden states and bigG's text_embeds.
 *
 * @param ids CLIP-L's 77 ids
 * @param ids2 bigG's 77 ids
 * @param embedding what the UNet must get for this prompt
 */
public record PromptReference(long[] ids, long[] ids2, ReferenceEmbedding embedding) {

  public static final long BOS = 49406;
  public static final long EOS = 49407;
  public static final long CLIP_L_PAD = 49407;
  public static final long BIG_G_PAD = 0;

  /**
   * @param prompt words that are whole tokens of the bundle's vocabulary, separated by spaces
   * @param bundle the bundle folder (for tokenizer/vocab.json)
   */
  public static PromptReference of(String prompt, Path bundle, Session textEncoder,
      Session textEncoder2) {
    long[] words = wordIds(prompt, bundle.resolve("tokenizer/vocab.json"));
    long[] ids = sequence(words, CLIP_L_PAD);
    long[] ids2 = sequence(words, BIG_G_PAD);
    float[] hidden = run(textEncoder, ids, "hidden_states.11");
    Map<String, Tensor> out2 = textEncoder2.run(Map.of("input_ids", idsTensor(ids2)),
        Set.of("hidden_states.31", "text_embeds"));
    float[] hidden2 = out2.get("hidden_states.31").toFloatArray();
    int w1 = ReferenceEmbedding.CLIP_L_WIDTH;
    int w2 = ReferenceEmbedding.BIG_G_WIDTH;
    int width = ReferenceEmbedding.WIDTH;
    float[] tokens = new float[ReferenceEmbedding.TOKENS * width];
    for (int t = 0; t < ReferenceEmbedding.TOKENS; t++) {
      System.arraycopy(hidden, t * w1, tokens, t * width, w1);
      System.arraycopy(hidden2, t * w2, tokens, t * width + w1, w2);
    }
    return new PromptReference(ids, ids2,
        new ReferenceEmbedding(tokens, out2.get("text_embeds").toFloatArray()));
  }

  private static long[] sequence(long[] words, long pad) {
    long[] ids = new long[ReferenceEmbedding.TOKENS];
    Arrays.fill(ids, pad);
    ids[0] = BOS;
    System.arraycopy(words, 0, ids, 1, words.length);
    ids[1 + words.length] = EOS;
    return ids;
  }

  private static long[] wordIds(String prompt, Path vocabFile) {
    JsonNode vocab;
    try {
      vocab = new ObjectMapper().readTree(vocabFile.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String[] words = prompt.isEmpty() ? new String[0] : prompt.split(" ");
    long[] ids = new long[words.length];
    for (int i = 0; i < words.length; i++) {
      JsonNode id = vocab.get(words[i] + "</w>");
      if (id == null) {
        throw new IllegalArgumentException("'" + words[i] + "' is not one token of " + vocabFile
            + "; reference prompts use whole vocabulary words");
      }
      ids[i] = id.asLong();
    }
    return ids;
  }

  private static float[] run(Session encoder, long[] ids, String output) {
    return encoder.run(Map.of("input_ids", idsTensor(ids)), Set.of(output)).get(output)
        .toFloatArray();
  }

  private static Tensor idsTensor(long[] ids) {
    return Tensor.ofLongs(new long[] {1, ids.length}, ids);
  }
}
