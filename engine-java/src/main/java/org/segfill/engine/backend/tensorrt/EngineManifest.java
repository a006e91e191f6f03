package org.segfill.engine.backend.tensorrt;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code engines/manifest.json}, written by {@code segfill build-engines}: one entry per plan
 * with the hashes of the plan and of its source ONNX, and where it was built. The TensorRT
 * backend loads only plans listed here, whose bytes hash to the listed value.
 *
 * @param format the manifest format, {@link #FORMAT}
 * @param plans one entry per plan
 */
public record EngineManifest(int format, List<PlanMetadata> plans) {

  /** The format this build writes and reads (2 added each plan's {@link PlanTyping}). */
  public static final int FORMAT = 2;
  /** The manifest's file name inside the engines directory. */
  public static final String FILE = "manifest.json";

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  public EngineManifest {
    plans = List.copyOf(plans);
  }

  /** Where {@code build-engines} puts a bundle's plans by default: {@code BUNDLE/engines}. */
  public static Path defaultDir(Path bundle) {
    return bundle.resolve("engines");
  }

  /** The default manifest of a bundle: {@code BUNDLE/engines/manifest.json}. */
  public static Path defaultFile(Path bundle) {
    return defaultDir(bundle).resolve(FILE);
  }

  /** The entry whose source is {@code relativeSource} (e.g. {@code unet/model.onnx}). */
  public Optional<PlanMetadata> forSource(String relativeSource) {
    Objects.requireNonNull(relativeSource, "relativeSource");
    return plans.stream().filter(p -> p.source().equals(relativeSource)).findFirst();
  }

  /**
   * Reads a manifest.
   *
   * @throws IllegalArgumentException for a missing, unreadable or malformed file, or another
   *     format, naming the file
   */
  public static EngineManifest read(Path file) {
    try {
      // The format is checked before the plans are mapped, so an older manifest (whose entries
      // lack newer fields) gets the rebuild message rather than a mapping error.
      JsonNode tree = JSON.readTree(file.toFile());
      int format = tree == null ? -1 : tree.path("format").asInt(-1);
      if (format != FORMAT) {
        throw new IllegalArgumentException(file + ": manifest format " + format
            + " is not " + FORMAT + "; rebuild with segfill build-engines");
      }
      return JSON.treeToValue(tree, EngineManifest.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": not a readable engine manifest ("
          + e.getMessage().lines().findFirst().orElse("") + ")", e);
    }
  }

  /** Writes this manifest to {@code file} atomically (a reader never sees half a manifest). */
  public void write(Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    JSON.writeValue(tmp.toFile(), this);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
