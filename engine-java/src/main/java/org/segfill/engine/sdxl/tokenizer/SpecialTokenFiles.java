package org.segfill.engine.sdxl.tokenizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Reads a tokenizer folder's optional special-token files the way transformers'
 * {@code from_pretrained} combines them: {@code tokenizer_config.json} (marker tokens,
 * {@code added_tokens_decoder}, {@code additional_special_tokens}), then
 * {@code special_tokens_map.json}, whose marker tokens win, then {@code added_tokens.json}.
 * Without any of them the markers are CLIP's defaults: BOS {@code <|startoftext|>}, and
 * {@code <|endoftext|>} for EOS, UNK and PAD. A token may be written as a string or as an object
 * with a {@code content} field.
 */
final class SpecialTokenFiles {

  static final String CONFIG = "tokenizer_config.json";
  static final String SPECIAL_MAP = "special_tokens_map.json";
  static final String ADDED = "added_tokens.json";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] MARKERS = {"bos_token", "eos_token", "unk_token", "pad_token"};

  private SpecialTokenFiles() {}

  /**
   * The special tokens of the folder {@code dir}, with ids from the files or from {@code vocab}.
   *
   * @throws IllegalArgumentException naming the file and key when a file is malformed, a token
   *     has neither an id nor a vocabulary entry, or an added token asks for {@code single_word}
   *     matching (not supported)
   */
  static SpecialTokens read(Path dir, Vocabulary vocab) {
    Map<String, String> markers = new LinkedHashMap<>();
    markers.put("bos_token", "<|startoftext|>");
    markers.put("eos_token", "<|endoftext|>");
    markers.put("unk_token", "<|endoftext|>");
    markers.put("pad_token", "<|endoftext|>");
    Map<String, Integer> added = new LinkedHashMap<>();
    List<String> additional = new ArrayList<>();

    Path config = dir.resolve(CONFIG);
    JsonNode configJson = readObject(config);
    if (configJson != null) {
      readMarkers(config, configJson, markers);
      readAddedTokensDecoder(config, configJson, added);
      readAdditional(config, configJson, additional);
    }
    Path specialMap = dir.resolve(SPECIAL_MAP);
    JsonNode specialJson = readObject(specialMap);
    if (specialJson != null) {
      readMarkers(specialMap, specialJson, markers);
      readAdditional(specialMap, specialJson, additional);
    }
    Path addedFile = dir.resolve(ADDED);
    JsonNode addedJson = readObject(addedFile);
    if (addedJson != null) {
      for (Map.Entry<String, JsonNode> entry : addedJson.properties()) {
        added.putIfAbsent(nonEmpty(addedFile, entry.getKey(), entry.getKey()),
            id(addedFile, entry.getKey(), entry.getValue()));
      }
    }

    for (Map.Entry<String, String> marker : markers.entrySet()) {
      addFromVocabulary(dir, marker.getKey(), marker.getValue(), vocab, added);
    }
    for (String token : additional) {
      addFromVocabulary(dir, "additional_special_tokens", token, vocab, added);
    }
    return new SpecialTokens(markers.get("bos_token"), markers.get("eos_token"),
        markers.get("unk_token"), markers.get("pad_token"), added);
  }

  private static void addFromVocabulary(Path dir, String key, String token, Vocabulary vocab,
      Map<String, Integer> added) {
    if (added.containsKey(token)) {
      return;
    }
    OptionalInt id = vocab.id(token);
    if (id.isEmpty()) {
      throw new IllegalArgumentException(dir + ": " + key + " '" + token + "' is neither in"
          + " vocab.json nor given an id by " + CONFIG + " or " + ADDED);
    }
    added.put(token, id.getAsInt());
  }

  // Null when the file does not exist: every one of these files is optional.
  private static JsonNode readObject(Path file) {
    if (!Files.exists(file)) {
      return null;
    }
    JsonNode node;
    try {
      node = JSON.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(file + " line " + e.getLocation().getLineNr()
          + ": malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(file + ": expected one JSON object");
    }
    return node;
  }

  private static void readMarkers(Path file, JsonNode json, Map<String, String> markers) {
    for (String key : MARKERS) {
      if (json.has(key)) {
        markers.put(key, content(file, key, json.get(key)));
      }
    }
  }

  private static void readAddedTokensDecoder(Path file, JsonNode json, Map<String, Integer> out) {
    JsonNode decoder = json.get("added_tokens_decoder");
    if (decoder == null) {
      return;
    }
    String key = "added_tokens_decoder";
    if (!decoder.isObject()) {
      throw new IllegalArgumentException(file + ": " + key + " is not an object from id to token");
    }
    for (Map.Entry<String, JsonNode> entry : decoder.properties()) {
      String where = key + "." + entry.getKey();
      int id;
      try {
        id = Integer.parseInt(entry.getKey());
      } catch (NumberFormatException e) {
        id = -1;
      }
      if (id < 0) {
        throw new IllegalArgumentException(file + ": " + where + ": the key is not a token id");
      }
      out.putIfAbsent(content(file, where, entry.getValue()), id);
    }
  }

  private static void readAdditional(Path file, JsonNode json, List<String> out) {
    JsonNode list = json.get("additional_special_tokens");
    if (list == null || list.isNull()) {
      return;
    }
    if (!list.isArray()) {
      throw new IllegalArgumentException(file + ": additional_special_tokens is not a list");
    }
    for (int i = 0; i < list.size(); i++) {
      out.add(content(file, "additional_special_tokens[" + i + "]", list.get(i)));
    }
  }

  // A token written as "text" or as {"content": "text", "single_word": false, ...}. The strip
  // flags are ignored on purpose: the whitespace they would remove never yields a token.
  private static String content(Path file, String key, JsonNode token) {
    if (token.isTextual()) {
      return nonEmpty(file, key, token.asText());
    }
    if (token.isObject() && token.path("content").isTextual()) {
      if (token.path("single_word").asBoolean(false)) {
        throw new IllegalArgumentException(file + ": " + key + ": single_word tokens are not"
            + " supported");
      }
      return nonEmpty(file, key, token.get("content").asText());
    }
    throw new IllegalArgumentException(file + ": " + key + ": expected a token string or an"
        + " object with a \"content\" string, found " + token.getNodeType());
  }

  private static String nonEmpty(Path file, String key, String token) {
    if (token.isEmpty()) {
      throw new IllegalArgumentException(file + ": " + key + ": the token is empty");
    }
    return token;
  }

  private static int id(Path file, String key, JsonNode id) {
    if (!id.canConvertToInt() || !id.isIntegralNumber() || id.asInt() < 0) {
      throw new IllegalArgumentException(file + ": " + key + ": the id is not an integer in"
          + " [0, 2^31)");
    }
    return id.asInt();
  }
}
