package org.segfill.models.bundle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.segfill.engine.backend.BackendException;
import org.segfill.engine.backend.GraphContract;
import org.segfill.engine.backend.Session;
import org.segfill.engine.backend.SessionFactory;
import org.segfill.engine.sam.SamContracts;
import org.segfill.engine.sdxl.SdxlContracts;

/**
 * Checks a model bundle on disk against what segfill's pipelines expect: that its graph files
 * exist and load, and that every graph's input and output names, dtypes and ranks (and the
 * sizes segfill relies on) match. Problems are reported one per line, naming the file, the
 * tensor, and the expected and found values, with the fix where a known export variant explains
 * them.
 */
public final class BundleValidator {

  private final SessionFactory backend;

  /** A validator that reads graph interfaces by loading them on {@code backend}. */
  public BundleValidator(SessionFactory backend) {
    this.backend = backend;
  }

  /** What was found in a bundle directory. */
  public record Report(Path dir, String kind, List<String> checked, List<String> problems) {

    public Report {
      checked = List.copyOf(checked);
      problems = List.copyOf(problems);
    }

    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /** Validates the bundle in {@code dir}; never throws for a bad bundle, only reports. */
  public Report validate(Path dir) {
    if (dir == null || !Files.isDirectory(dir)) {
      return new Report(dir, "none", List.of(), List.of(dir + ": not a directory"));
    }
    if (SdxlBundle.looksLike(dir)) {
      return validateSdxl(dir);
    }
    SamBundle sam;
    try {
      sam = SamBundle.locate(dir);
    } catch (IllegalArgumentException e) {
      return new Report(dir, "none", List.of(), List.of(e.getMessage()));
    }
    List<String> checked = new ArrayList<>();
    List<String> problems = new ArrayList<>(sam.fileProblems());
    if (problems.isEmpty()) {
      check(sam.encoder(), SamContracts.encoder(sam.layout()), checked, problems, s -> null);
      check(sam.decoder(), SamContracts.decoder(sam.layout()), checked, problems, s -> null);
    }
    return new Report(dir, "sam/" + sam.layout().id(), checked, problems);
  }

  private Report validateSdxl(Path dir) {
    SdxlBundle sdxl;
    try {
      sdxl = SdxlBundle.locate(dir);
    } catch (IllegalArgumentException e) {
      return new Report(dir, "sdxl", List.of(), List.of(e.getMessage()));
    }
    List<String> checked = new ArrayList<>();
    List<String> problems = new ArrayList<>(sdxl.fileProblems());
    for (GraphContract contract : SdxlContracts.all()) {
      Path file = sdxl.file(contract);
      if (Files.isRegularFile(file)) {
        check(file, contract, checked, problems,
            session -> sdxl.vaePrecisionProblem(contract, session));
      }
    }
    return new Report(dir, "sdxl", checked, problems);
  }

  // `extra` adds a bundle-level problem of the loaded session (or returns null).
  private void check(Path file, GraphContract contract, List<String> checked,
      List<String> problems, Function<Session, String> extra) {
    try (Session session = backend.open(file)) {
      List<String> found = contract.problems(session.inputs(), session.outputs());
      String more = extra.apply(session);
      if (more != null) {
        problems.add(more);
      }
      // The contract names the bare file; the report names the file actually checked.
      for (String problem : found) {
        problems.add(file + problem.substring(contract.file().length()));
      }
      for (String hint : hints(contract, found)) {
        problems.add(file + hint.substring(contract.file().length()));
      }
      checked.add(file.toString());
    } catch (BackendException | IllegalArgumentException e) {
      problems.add(file + ": cannot be loaded as an ONNX graph: " + e.getMessage());
    }
  }

  // Known export variants that produce some of the mismatches, with how to fix them.
  private static List<String> hints(GraphContract contract, List<String> found) {
    List<String> hints = new ArrayList<>();
    String reexport = "; re-export with optimum-onnx (or optimum >= 1.24): optimum-cli export"
        + " onnx --model diffusers/stable-diffusion-xl-1.0-inpainting-0.1 DIR (models/README.md)";
    if (contract.file().equals(SdxlContracts.unet().file())
        && found.stream().anyMatch(p -> p.contains("'timestep' dtype")
            || p.contains("'timestep' rank"))) {
      hints.add(contract.file() + ": an int64 [steps] timestep is the optimum <= 1.23 export,"
          + " segfill needs the rank-0 float timestep" + reexport);
    }
    if (contract.file().equals(SdxlContracts.vaeEncoder().file())
        && found.stream().anyMatch(p -> p.contains("'latent_parameters' missing")
            && p.contains("latent_sample"))) {
      hints.add(contract.file() + ": a latent_sample output is the optimum <= 1.22 export,"
          + " which samples inside the graph with its own RNG" + reexport);
    }
    if (contract.file().equals("decoder.onnx")) {
      if (found.stream().anyMatch(p -> p.contains("'iou_predictions' dim 1"))) {
        hints.add("decoder.onnx: this looks like an export with --return-single-mask; segfill"
            + " needs the default 4-mask export (models/sam/export_sam_onnx.py)");
      }
      if (found.stream().anyMatch(p -> p.contains("'low_res_masks' missing"))) {
        hints.add("decoder.onnx: this looks like an export with --return-extra-metrics;"
            + " re-export without it (models/sam/export_sam_onnx.py)");
      }
    }
    return hints;
  }
}
