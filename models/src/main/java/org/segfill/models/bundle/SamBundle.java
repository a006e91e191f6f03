package org.segfill.models.bundle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.segfill.engine.backend.BackendException;
import org.segfill.engine.backend.Session;
import org.segfill.engine.backend.SessionFactory;
import org.segfill.engine.sam.SamPredictor;
import org.segfill.place.KernelPlace;
import org.segfill.engine.sam.SamContracts;
import org.segfill.engine.sam.SamGraphs;
import org.segfill.engine.sam.SamLayout;

/**
 * Finds the SAM graphs in a bundle directory and tells its layout from the file names (model
 * contract part 0, item 1): {@code encoder.onnx} + {@code decoder.onnx} is sam-onnx;
 * {@code vision_encoder.onnx} + {@code prompt_encoder_mask_decoder.onnx} at the root (Optimum)
 * or under {@code onnx/} (transformers.js) is hf. The graphs' tensor names confirm it when they
 * are opened.
 *
 * @param dir the bundle directory
 * @param layout the detected layout
 * @param encoder the image encoder's file
 * @param decoder the prompt decoder's file
 */
public record SamBundle(Path dir, SamLayout layout, Path encoder, Path decoder) {

  /**
   * Locates the graphs in {@code dir}.
   *
   * @throws IllegalArgumentException if {@code dir} is not a directory or holds neither layout,
   *     saying which files were looked for
   */
  public static SamBundle locate(Path dir) {
    if (dir == null || !Files.isDirectory(dir)) {
      throw new IllegalArgumentException("sam: " + dir + " is not a directory");
    }
    SamLayout samOnnx = SamLayout.SAM_ONNX;
    Path encoder = dir.resolve(SamContracts.encoder(samOnnx).file());
    Path decoder = dir.resolve(SamContracts.decoder(samOnnx).file());
    if (Files.exists(encoder) || Files.exists(decoder)) {
      return new SamBundle(dir, samOnnx, encoder, decoder);
    }
    for (Path base : List.of(dir, dir.resolve("onnx"))) {
      Path hfEncoder = base.resolve(SamContracts.encoder(SamLayout.HF).file());
      Path hfDecoder = base.resolve(SamContracts.decoder(SamLayout.HF).file());
      if (Files.exists(hfEncoder) || Files.exists(hfDecoder)) {
        return new SamBundle(dir, SamLayout.HF, hfEncoder, hfDecoder);
      }
    }
    throw new IllegalArgumentException("sam: " + dir + " holds no SAM bundle; expected"
        + " encoder.onnx + decoder.onnx (sam-onnx), or vision_encoder.onnx +"
        + " prompt_encoder_mask_decoder.onnx at the root or under onnx/ (hf); see"
        + " models/README.md");
  }

  /** Both graph files, or the reasons they cannot be opened (missing, not a file, empty). */
  public List<String> fileProblems() {
    List<String> problems = new ArrayList<>();
    for (Path file : List.of(encoder, decoder)) {
      if (!Files.exists(file)) {
        problems.add(file + ": missing (" + layout.id() + " layout)");
      } else if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        problems.add(file + ": not a readable regular file");
      } else if (file.toFile().length() == 0) {
        problems.add(file + ": empty file");
      }
    }
    return problems;
  }

  /**
   * A predictor over this bundle's graphs on {@code backend}, its pre- and post-processing on
   * the backend's kernel place ({@link SessionFactory#openKernelPlace()}); if anything fails,
   * what was opened is closed.
   *
   * @throws IllegalArgumentException as {@link #open} does
   */
  public SamPredictor predictor(SessionFactory backend) {
    KernelPlace place = backend.openKernelPlace();
    try {
      return new SamPredictor(open(backend), place);
    } catch (RuntimeException e) {
      place.close();
      throw e;
    }
  }

  /**
   * Opens both graphs on {@code backend} and checks their interfaces.
   *
   * @throws IllegalArgumentException for a missing or empty file, graphs whose inputs and
   *     outputs do not match the layout (every mismatch listed),
   *     or a file the runtime cannot load (corrupt, truncated, not ONNX)
   */
  public SamGraphs open(SessionFactory backend) {
    List<String> problems = fileProblems();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("sam: " + String.join("; ", problems));
    }
    String id = BundleId.of(dir);
    Session enc = load(backend, encoder);
    try {
      Session dec = load(backend, decoder);
      try {
        return new SamGraphs(layout, id, enc, dec);
      } catch (RuntimeException e) {
        dec.close();
        throw e;
      }
    } catch (RuntimeException e) {
      enc.close();
      throw e;
    }
  }

  // A graph the runtime cannot parse is a bad bundle, which the user can fix: say which file.
  private static Session load(SessionFactory backend, Path file) {
    try {
      return backend.open(file);
    } catch (BackendException e) {
      throw new IllegalArgumentException("sam: " + file + " could not be loaded: "
          + e.getMessage(), e);
    }
  }
}
