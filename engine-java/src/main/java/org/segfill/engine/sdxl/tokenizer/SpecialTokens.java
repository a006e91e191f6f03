package org.segfill.engine.sdxl.tokenizer;

import java.util.Map;

/**
 * A tokenizer's marker tokens and its added tokens, as transformers resolves them from a folder.
 *
 * @param bos the token every sequence starts with
 * @param eos the token every sequence ends with
 * @param unk the token a word piece missing from the vocabulary becomes
 * @param pad the token that fills the sequence up to 77
 * @param added every token cut out of the text whole before cleaning and BPE, with its id: the
 *     four above and any token the folder's files list as added ({@code "!"} in SDXL's
 *     tokenizer_2, its pad token)
 */
record SpecialTokens(String bos, String eos, String unk, String pad, Map<String, Integer> added) {

  SpecialTokens {
    added = Map.copyOf(added);
    for (String token : new String[] {bos, eos, unk, pad}) {
      if (!added.containsKey(token)) {
        throw new IllegalArgumentException("special token '" + token + "' has no id");
      }
    }
  }

  int id(String token) {
    return added.get(token);
  }
}
