/**
 * The CLIP byte-level BPE tokenizer of the two SDXL text encoders (model contract B1, B2), read
 * from a tokenizer folder's {@code vocab.json}, {@code merges.txt} and special-token files.
 *
 * <p>The reference is transformers' Python {@code CLIPTokenizer} without ftfy installed, as
 * diffusers calls it: {@code tokenizer(prompt, padding="max_length", max_length=77,
 * truncation=True)}. The steps, each in its own class: added (special) tokens are split out of
 * the raw text ({@link AddedTokenSplitter}); every other piece is cleaned as transformers'
 * BasicTokenizer fallback does ({@link TextCleaner}), cut by CLIP's regex ({@link PreTokenizer}),
 * mapped through the GPT-2 byte table ({@link ByteLevel}) and merged by rank
 * ({@link BytePairEncoder}); {@link ClipTokenizer} adds BOS/EOS, truncates and pads.
 *
 * <p>Known differences from the reference, all on unusual text: Unicode tables (letter/number
 * classes, NFC, lowercasing) come from the running JDK (Unicode 13 on Java 17), not from
 * Python's; code points the JDK does not know yet are kept, as a newer Python keeps its newer
 * emoji (see {@link TextCleaner}); an added token marked {@code single_word} is refused. Since
 * transformers 5 the class named {@code CLIPTokenizer} is the Rust-backed one, which neither
 * drops control/format characters nor spaces out CJK ideographs; this package follows the
 * Python one.
 */
package org.segfill.engine.sdxl.tokenizer;
