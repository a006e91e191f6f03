package org.segfill.server.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.segfill.engine.backend.SessionFactory;
import org.segfill.engine.edit.EditEngine;
import org.segfill.engine.edit.EditRequest;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.inpaint.RepaintShape;
import org.segfill.engine.inpaint.Target;
import org.segfill.engine.mask.Mask;
import org.segfill.engine.sam.EmbeddingCache;
import org.segfill.engine.sam.ImageKey;
import org.segfill.engine.sam.SamPredictor;
import org.segfill.engine.sdxl.InpaintRequest;
import org.segfill.engine.sdxl.ProgressListener;
import org.segfill.engine.sdxl.Region;
import org.segfill.engine.sdxl.SdxlInpaintPipeline;
import org.segfill.engine.sdxl.scheduler.Sampler;
import org.segfill.engine.segment.Point;
import org.segfill.engine.segment.Prompt;
import org.segfill.models.bundle.SamBundle;
import org.segfill.models.bundle.SdxlBundle;
import org.segfill.models.engines.GraphFiles;
import org.segfill.server.ServerConfig;
import org.segfill.server.jobs.GenerationThreads;
import org.segfill.server.store.StoredImage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the configured bundles on the chosen backend, or the classic engines without them, and
 * warms each one up with one real run (SAM: an embedding and a click; SDXL: one denoising step),
 * because readiness means "can actually infer" (reliability.md A1).
 */
public final class EngineLoader {

  private static final Logger LOG = LoggerFactory.getLogger(EngineLoader.class);
  private static final int WARM_SIDE = 64;

  private EngineLoader() {}

  /**
   * Checks the bundle folders exist and hold a bundle, and that the backend can run, before the
   * server starts listening.
   *
   * @throws org.segfill.engine.backend.BackendUnavailableException for a named backend that
   *     cannot run here, with the reason
   */
  public static BackendChoice checkBundles(ServerConfig config) {
    if (config.sam() != null) {
      SamBundle bundle = SamBundle.locate(config.sam());
      if (!bundle.fileProblems().isEmpty()) {
        throw new IllegalArgumentException("sam: " + String.join("; ", bundle.fileProblems()));
      }
    }
    if (config.sdxl() != null) {
      SdxlBundle bundle = SdxlBundle.locate(config.sdxl());
      if (!bundle.fileProblems().isEmpty()) {
        throw new IllegalArgumentException("sdxl: "
            + String.join("; ", bundle.fileProblems()));
      }
    }
    BackendChoice choice = backend(config);
    LOG.info("backend {}: {}", choice.selected(), choice.reason());
    return choice;
  }

  /** The backend {@code config} asks for, over its bundles. */
  public static BackendChoice backend(ServerConfig config) {
    return BackendChoice.forBundles(config.backend(), bundles(config));
  }

  // The configured bundle directories: the only places graphs and plans are read from.
  private static List<Path> bundles(ServerConfig config) {
    List<Path> dirs = new ArrayList<>();
    if (config.sam() != null) {
      dirs.add(config.sam());
    }
    if (config.sdxl() != null) {
      dirs.add(config.sdxl());
    }
    return List.copyOf(dirs);
  }

  /**
   * Loads and warms up the engines {@code config} names.
   *
   * @throws IllegalArgumentException for a bundle that cannot be opened, naming the file
   */
  public static EngineSet load(ServerConfig config) {
    BackendChoice backend = backend(config);
    List<Path> trusted = bundles(config);
    // reliability.md H1/H4: graphs and their external data only from the configured folders.
    for (Path bundle : trusted) {
      GraphFiles.requireBundleTrusted(bundle, trusted);
    }
    Segmentation segmentation = segmentation(config, backend, trusted);
    SdxlInpaintPipeline sdxl = null;
    try {
      sdxl = config.sdxl() == null ? null : sdxl(config, backend, trusted);
      EditEngine edit = new EditEngine(Optional.ofNullable(sdxl));
      EngineSet set = new EngineSet(segmentation, edit::edit, sdxl, backend);
      warmUp(set);
      return set;
    } catch (RuntimeException e) {
      segmentation.close();
      if (sdxl != null) {
        sdxl.close();
      }
      throw e;
    }
  }

  private static Segmentation segmentation(ServerConfig config, BackendChoice backend,
      List<Path> trusted) {
    if (config.sam() == null) {
      return new ClassicSegmentation();
    }
    SamBundle bundle = SamBundle.locate(config.sam());
    SamPredictor predictor = bundle.predictor(backend.factory(config.sam(), trusted));
    try {
      return new SamSegmentation(predictor,
          new EmbeddingCache(config.limits().embeddingCacheBytes()));
    } catch (RuntimeException e) {
      predictor.close();
      throw e;
    }
  }

  // Opened on a generation thread: ONNX Runtime starts each session's intra-op threads in its
  // constructor, and they inherit that thread's lower priority (see GenerationThreads).
  private static SdxlInpaintPipeline sdxl(ServerConfig config, BackendChoice backend,
      List<Path> trusted) {
    SdxlBundle bundle = SdxlBundle.locate(config.sdxl());
    SessionFactory factory = backend.factory(config.sdxl(), trusted);
    try {
      return new GenerationThreads("segfill-sdxl-loader").call(() -> bundle.pipeline(factory));
    } catch (IOException e) {
      throw new UncheckedIOException("sdxl: cannot read " + config.sdxl(), e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("sdxl: " + e, e);
    }
  }

  private static void warmUp(EngineSet set) {
    long start = System.nanoTime();
    RgbImage image = warmImage();
    StoredImage stored = new StoredImage(ImageKey.of(image).sha256(), image, new byte[0]);
    set.segmentation().segment(stored,
        Prompt.of(new Point(WARM_SIDE / 2.0, WARM_SIDE / 2.0, true)), null, false);
    if (set.hasSdxl()) {
      byte[] centre = new byte[WARM_SIDE * WARM_SIDE];
      for (int y = WARM_SIDE / 4; y < 3 * WARM_SIDE / 4; y++) {
        for (int x = WARM_SIDE / 4; x < 3 * WARM_SIDE / 4; x++) {
          centre[y * WARM_SIDE + x] = (byte) 255;
        }
      }
      InpaintRequest oneStep = new InpaintRequest(Target.SUBJECT, "", null, 0, 1, 1.0, 0, 1,
          Sampler.DEFAULT, Region.FULL, RepaintShape.DEFAULT, false);
      try (Mask mask = Mask.of(WARM_SIDE, WARM_SIDE, centre)) {
        set.editor().edit(image, mask, new EditRequest(oneStep, null), ProgressListener.NONE,
            () -> false);
      }
    }
    LOG.info("engines warmed up in {} ms", (System.nanoTime() - start) / 1_000_000);
  }

  private static RgbImage warmImage() {
    byte[] rgb = new byte[WARM_SIDE * WARM_SIDE * 3];
    new Random(7).nextBytes(rgb);
    return new RgbImage(WARM_SIDE, WARM_SIDE, rgb);
  }
}
