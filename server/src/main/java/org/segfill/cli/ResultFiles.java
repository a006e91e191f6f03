package org.segfill.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.segfill.engine.image.PngEncoder;
import org.segfill.engine.image.PngText;
import org.segfill.engine.image.RgbImage;

/**
 * Writes result PNGs with their recipe in a {@code tEXt} chunk (keyword {@value #RECIPE_KEY}),
 * atomically: a temporary file in the same directory, then a rename, so a crash never leaves a
 * half-written result under the final name.
 */
final class ResultFiles {

  /** The tEXt keyword holding the recipe JSON. */
  static final String RECIPE_KEY = "segfill-recipe";

  // tEXt is Latin-1; escaping every non-ASCII character keeps any prompt intact as JSON.
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(JsonGenerator.Feature.ESCAPE_NON_ASCII);

  private ResultFiles() {}

  /** The recipe as one line of ASCII JSON. */
  static String recipeJson(Map<String, Object> recipe) {
    try {
      return JSON.writeValueAsString(recipe);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a recipe holds only JSON values", e);
    }
  }

  /** Writes {@code image} as PNG with {@code recipe} to {@code file}. */
  static void write(Path file, RgbImage image, Map<String, Object> recipe) throws IOException {
    byte[] png = PngText.insert(PngEncoder.encode(image), Map.of(RECIPE_KEY, recipeJson(recipe)));
    Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".segfill-", ".tmp");
    try {
      Files.write(temp, png);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
