package org.segfill.models.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.segfill.engine.backend.BackendException;
import org.segfill.engine.backend.DType;
import org.segfill.engine.backend.GraphContract;
import org.segfill.engine.backend.Session;
import org.segfill.engine.backend.SessionFactory;
import org.segfill.place.KernelPlace;
import org.segfill.engine.sdxl.SdxlContracts;
import org.segfill.engine.sdxl.SdxlGraphs;
import org.segfill.engine.sdxl.SdxlInpaintPipeline;
import org.segfill.engine.sdxl.SdxlSettings;

/**
 * An SDXL inpainting bundle in the Optimum layout (model contract E1a): {@code model_index.json},
 * the scheduler and tokenizer folders, and {@code model.onnx} (plus {@code model.onnx_data}
 * where the export wrote external weights) under {@code text_encoder}, {@code text_encoder_2},
 * {@code unet}, {@code vae_encoder} and {@code vae_decoder}.
 *
 * @param dir the bundle directory
 * @param settings what its configuration files say
 */
public record SdxlBundle(Path dir, SdxlSettings settings) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Whether {@code dir} holds (or claims to hold) an SDXL bundle rather than a SAM one. */
  public static boolean looksLike(Path dir) {
    return Files.isRegularFile(dir.resolve("model_index.json"))
        || Files.isDirectory(dir.resolve("unet"));
  }

  /**
   * Reads the bundle's configuration.
   *
   * @throws IllegalArgumentException naming the file and key for a missing or unreadable
   *     {@code model_index.json}, or a pipeline this one cannot run (aesthetic-score time ids)
   */
  public static SdxlBundle locate(Path dir) {
    if (dir == null || !Files.isDirectory(dir)) {
      throw new IllegalArgumentException("sdxl: " + dir + " is not a directory");
    }
    JsonNode index = readJson(dir.resolve("model_index.json"), true);
    if (index.path("requires_aesthetics_score").asBoolean(false)) {
      throw new IllegalArgumentException("sdxl: " + dir.resolve("model_index.json")
          + ": requires_aesthetics_score is true (a refiner-style pipeline with 5 time ids);"
          + " segfill runs SDXL Inpainting 0.1, which has 6");
    }
    JsonNode vae = readJson(dir.resolve("vae_decoder/config.json"), false);
    SdxlSettings settings = new SdxlSettings(
        index.path("force_zeros_for_empty_prompt").asBoolean(true),
        vae.path("scaling_factor").asDouble(SdxlSettings.SDXL_VAE_SCALING_FACTOR),
        // diffusers' AutoencoderKL defaults force_upcast to true.
        vae.path("force_upcast").asBoolean(true),
        dir.resolve("scheduler/scheduler_config.json"),
        dir.resolve("tokenizer"),
        dir.resolve("tokenizer_2"));
    return new SdxlBundle(dir, settings);
  }

  /** The graph file of {@code contract} in this bundle. */
  public Path file(GraphContract contract) {
    return dir.resolve(contract.file());
  }

  /** Everything missing or empty that the pipeline needs, one line each. */
  public List<String> fileProblems() {
    List<String> problems = new ArrayList<>();
    for (GraphContract contract : SdxlContracts.all()) {
      requireFile(file(contract), problems);
    }
    requireFile(settings.schedulerConfig(), problems);
    for (Path tokenizer : List.of(settings.tokenizer(), settings.tokenizer2())) {
      requireFile(tokenizer.resolve("vocab.json"), problems);
      requireFile(tokenizer.resolve("merges.txt"), problems);
    }
    return problems;
  }

  /**
   * A pipeline over this bundle's graphs on {@code backend}, named after it in recipes, its pre-
   * and post-processing on the backend's kernel place ({@link
   * SessionFactory#openKernelPlace()}); if anything fails, what was opened is closed.
   *
   * @throws IllegalArgumentException as {@link #open} does
   * @throws IOException if the scheduler config or the tokenizer files cannot be read
   */
  public SdxlInpaintPipeline pipeline(SessionFactory backend) throws IOException {
    KernelPlace place = backend.openKernelPlace();
    SdxlGraphs graphs = null;
    try {
      graphs = open(backend);
      return new SdxlInpaintPipeline(graphs, settings, backend.name(), place);
    } catch (IOException | RuntimeException e) {
      if (graphs != null) {
        try {
          graphs.close();
        } catch (RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      place.close();
      throw e;
    }
  }

  /**
   * Opens the five graphs on {@code backend} and checks their interfaces.
   *
   * @throws IllegalArgumentException for missing files, graphs the runtime cannot load, or
   *     interfaces that do not match (every mismatch listed)
   */
  public SdxlGraphs open(SessionFactory backend) {
    List<String> problems = fileProblems();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("sdxl: " + String.join("; ", problems));
    }
    String id = BundleId.of(dir);
    List<Session> opened = new ArrayList<>();
    try {
      for (GraphContract contract : SdxlContracts.all()) {
        Session session = load(backend, file(contract));
        opened.add(session);
        String problem = vaePrecisionProblem(contract, session);
        if (problem != null) {
          throw new IllegalArgumentException("sdxl: " + problem);
        }
      }
      return new SdxlGraphs(id, opened.get(0), opened.get(1), opened.get(2), opened.get(3),
          opened.get(4));
    } catch (RuntimeException e) {
      for (Session s : opened) {
        try {
          s.close();
        } catch (RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  /**
   * Model contract part 0 item 9: the VAE runs in fp32 unless the bundle says it is fp16-safe
   * ({@code force_upcast: false}). A graph cannot be upcast at run time, so an fp16 VAE graph
   * in a bundle without that promise is refused instead of decoding NaNs or black images.
   *
   * @return the problem naming the file and the fix, or null when the session is fine
   */
  public String vaePrecisionProblem(GraphContract contract, Session session) {
    boolean vae = contract.equals(SdxlContracts.vaeEncoder())
        || contract.equals(SdxlContracts.vaeDecoder());
    if (!vae || !settings.vaeForceUpcast()
        || session.inputs().stream().noneMatch(i -> i.dtype() == DType.FLOAT16)) {
      return null;
    }
    return file(contract) + ": an fp16 VAE, but vae_decoder/config.json does not say"
        + " \"force_upcast\": false, so the VAE must run in fp32 (model contract part 0 item 9);"
        + " export vae_encoder/ and vae_decoder/ in fp32 (optimum-cli without --dtype fp16), or,"
        + " for the fp16-fix VAE (madebyollin/sdxl-vae-fp16-fix), set \"force_upcast\": false"
        + " (models/README.md)";
  }

  private static Session load(SessionFactory backend, Path file) {
    try {
      return backend.open(file);
    } catch (BackendException e) {
      throw new IllegalArgumentException("sdxl: " + file + " could not be loaded: "
          + e.getMessage(), e);
    }
  }

  private static void requireFile(Path file, List<String> problems) {
    if (!Files.isRegularFile(file)) {
      problems.add(file + ": missing");
    } else if (file.toFile().length() == 0) {
      problems.add(file + ": empty file");
    }
  }

  private static JsonNode readJson(Path file, boolean required) {
    if (!Files.isRegularFile(file)) {
      if (required) {
        throw new IllegalArgumentException("sdxl: " + file + ": missing; an Optimum SDXL export"
            + " has it at the bundle root (see models/README.md)");
      }
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException("sdxl: " + file + ": not valid JSON: "
          + e.getMessage(), e);
    }
  }
}
