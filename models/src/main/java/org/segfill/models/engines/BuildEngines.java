package org.segfill.models.engines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.segfill.devices.CudaProbe;
import org.segfill.devices.CudaReport;
import org.segfill.devices.TensorRtProbe;
import org.segfill.devices.TensorRtReport;
import org.segfill.engine.backend.BackendUnavailableException;
import org.segfill.engine.backend.tensorrt.EngineManifest;
import org.segfill.engine.backend.tensorrt.PlanMetadata;
import org.segfill.engine.backend.tensorrt.RuntimeIdentity;
import org.segfill.engine.backend.tensorrt.TrtBackend;
import org.segfill.engine.backend.tensorrt.TrustedFiles;
import org.segfill.engine.sdxl.SdxlBuckets;
import org.segfill.models.bundle.SamBundle;
import org.segfill.models.bundle.SdxlBundle;
import org.segfill.models.onnx.OnnxFloatTypes;

/**
 * {@code segfill build-engines}: builds a TensorRT plan for every graph of a SAM or SDXL bundle
 * and writes them with {@code manifest.json} (hashes and build metadata), the only plans the
 * TensorRT backend will load.
 */
public final class BuildEngines {

  private BuildEngines() {}

  /** The graphs of a bundle with their plans: each source file and how to build it. */
  record Job(Path source, GraphPlan plan) {}

  /** A job whose graph has been read: its trusted files and how its plan is typed. */
  record Prepared(Job job, List<Path> files, PlanPrecision precision) {

    Prepared {
      files = List.copyOf(files);
    }
  }

  /**
   * Builds every plan of {@code bundle} into {@code out} (created if needed).
   *
   * @param progress receives one line per plan built
   * @throws IllegalArgumentException for a folder that holds no complete bundle, a graph
   *     whose files leave the bundle, or an fp16 VAE that is not fp16-safe
   * @throws BackendUnavailableException when there is no GPU or no TensorRT here, with why
   */
  public static EngineManifest run(Path bundle, Path out, BuildOptions options,
      Consumer<String> progress) throws IOException {
    List<Prepared> prepared = prepare(bundle, options.staticSize());
    RuntimeIdentity identity = requireGpu();
    Files.createDirectories(out);
    byte[] timing = options.timingCache() != null && Files.isRegularFile(options.timingCache())
        ? Files.readAllBytes(options.timingCache()) : options.timingCache() != null
        ? new byte[0] : null;
    List<PlanMetadata> plans = new ArrayList<>();
    try (EngineBuilder builder = new EngineBuilder()) {
      for (Prepared p : prepared) {
        Job job = p.job();
        List<Path> files = p.files();
        long start = System.nanoTime();
        Path planFile = out.resolve(job.plan().plan());
        BuiltPlan built = builder.build(files.get(0), job.plan(), p.precision(), options,
            timing, planFile);
        List<String> external = new ArrayList<>();
        Path realBundle = bundle.toRealPath();
        for (Path f : files.subList(1, files.size())) {
          external.add(realBundle.relativize(f) + "=" + TrustedFiles.sha256(f));
        }
        plans.add(new PlanMetadata(relative(bundle, job.source()), job.plan().plan(),
            TrustedFiles.sha256(files.get(0)), external, built.sha256(),
            identity, p.precision().precision(), p.precision().typing(),
            job.plan().profiles(), built.sourceInputs(), built.droppedOutputs()));
        progress.accept(job.plan().plan() + ": built from " + relative(bundle, job.source())
            + " (" + p.precision().why() + "; profiles " + job.plan().profileNames() + ") in "
            + (System.nanoTime() - start) / 1_000_000_000 + " s, "
            + built.size() / (1 << 20) + " MiB");
      }
      if (options.timingCache() != null) {
        byte[] cache = builder.timingCache();
        if (cache != null) {
          write(options.timingCache(), cache);
        }
      }
    }
    EngineManifest manifest = new EngineManifest(EngineManifest.FORMAT, plans);
    manifest.write(out.resolve(EngineManifest.FILE));
    return manifest;
  }

  /**
   * The plans a bundle folder needs, before any GPU work: refuses folders without a complete
   * SAM or SDXL bundle.
   */
  static List<Job> jobs(Path bundle) {
    return jobs(bundle, null);
  }

  /**
   * As {@link #jobs(Path)}, with the SDXL UNet and VAE plans for {@code staticSize} alone
   * ({@code --static}) or, if null, for every bucket.
   *
   * @throws IllegalArgumentException as {@link #jobs(Path)}, or for a static size with a SAM
   *     bundle
   */
  static List<Job> jobs(Path bundle, SdxlBuckets.Size staticSize) {
    if (bundle == null || !Files.isDirectory(bundle)) {
      throw new IllegalArgumentException("--bundle: " + bundle + " is not a directory");
    }
    List<Job> jobs = new ArrayList<>();
    if (SdxlBundle.looksLike(bundle)) {
      SdxlBundle sdxl = SdxlBundle.locate(bundle);
      if (!sdxl.fileProblems().isEmpty()) {
        throw new IllegalArgumentException("--bundle: " + String.join("; ",
            sdxl.fileProblems()));
      }
      List<SizeBand> sizes = staticSize == null ? BucketBands.all()
          : List.of(SizeBand.fixed(staticSize));
      for (GraphPlan p : EngineProfiles.sdxl(!sdxl.settings().vaeForceUpcast(), sizes)) {
        jobs.add(new Job(bundle.resolve(p.source()), p));
      }
      return jobs;
    }
    SamBundle sam;
    try {
      sam = SamBundle.locate(bundle);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--bundle: " + bundle + " is no SDXL bundle (it has"
          + " neither model_index.json nor unet/) and no SAM bundle (" + e.getMessage() + ")",
          e);
    }
    if (!sam.fileProblems().isEmpty()) {
      throw new IllegalArgumentException("--bundle: " + String.join("; ", sam.fileProblems()));
    }
    if (staticSize != null) {
      throw new IllegalArgumentException("--static " + staticSize + ": only SDXL plans have"
          + " image sizes to fix; " + bundle + " is a SAM bundle, whose plans are already static"
          + " (1024x1024 images) apart from the decoder's point count");
    }
    List<GraphPlan> plans = EngineProfiles.sam(sam.layout());
    jobs.add(new Job(sam.encoder(), plans.get(0)));
    jobs.add(new Job(sam.decoder(), plans.get(1)));
    return jobs;
  }

  /**
   * Reads every graph of the bundle once, before any GPU work: checks its files for trust and
   * decides how its plan is typed ({@link PlanPrecision}).
   *
   * @throws IllegalArgumentException as {@link #jobs}, for a graph whose files leave the
   *     bundle, or for an fp16 VAE graph of a bundle whose VAE is not fp16-safe
   */
  static List<Prepared> prepare(Path bundle) {
    return prepare(bundle, null);
  }

  /** As {@link #prepare(Path)}, for the sizes of {@link #jobs(Path, SdxlBuckets.Size)}. */
  static List<Prepared> prepare(Path bundle, SdxlBuckets.Size staticSize) {
    List<Path> trusted = List.of(bundle);
    List<Prepared> prepared = new ArrayList<>();
    for (Job job : jobs(bundle, staticSize)) {
      // One parse per graph; the model is dropped once its float types are known.
      GraphFiles.TrustedGraph graph = GraphFiles.open(trusted, job.source());
      PlanPrecision precision = PlanPrecision.decide(job.source(), job.plan(),
          OnnxFloatTypes.of(graph.model()));
      prepared.add(new Prepared(job, graph.files(), precision));
    }
    return prepared;
  }

  /** This GPU and TensorRT, or why plans cannot be built here (both reasons when both fail). */
  static RuntimeIdentity requireGpu() {
    TensorRtReport trt = TensorRtProbe.probe();
    CudaReport cuda = CudaProbe.probe();
    if (!trt.available() || !cuda.available()) {
      List<String> reasons = new ArrayList<>();
      if (!cuda.available()) {
        reasons.add("CUDA: " + cuda.reason());
      }
      if (!trt.available()) {
        reasons.add("TensorRT: " + trt.reason());
      }
      throw new BackendUnavailableException("no GPU available to build TensorRT engines ("
          + String.join("; ", reasons) + "); run build-engines on the machine that will serve");
    }
    return TrtBackend.runningIdentity();
  }

  private static String relative(Path bundle, Path file) {
    return bundle.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize())
        .toString().replace('\\', '/');
  }

  // Atomic write: a reader (or a crash) never sees half a timing cache.
  private static void write(Path file, byte[] bytes) {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.write(tmp, bytes);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
