package org.segfill.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.segfill.engine.backend.tensorrt.EngineManifest;
import org.segfill.engine.sdxl.SdxlBuckets;
import org.segfill.models.engines.BuildEngines;
import org.segfill.models.engines.BuildOptions;
import org.segfill.models.engines.ProfileReport;
import org.segfill.models.engines.StaticSize;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code segfill build-engines}: TensorRT plans for a bundle, for {@code --backend tensorrt}. */
@Command(
    name = "build-engines",
    mixinStandardHelpOptions = true,
    description = "Build TensorRT FP16 plans (the VAE in FP32/TF32 unless fp16-safe; fp16"
        + " exports strongly typed, fp32 ones weakly typed with kFP16) for every"
        + " graph of a SAM or SDXL bundle, with a manifest.json of SHA-256 hashes and the"
        + " TensorRT version and GPU they were built on. Plans only run on that TensorRT"
        + " version and GPU model, so run this on the machine that serves. The SDXL UNet and"
        + " VAE plans get one optimisation profile per band of aspect (wide, landscape,"
        + " square, portrait, tall), each sized to its buckets.")
final class BuildEnginesCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(names = "--bundle", required = true, paramLabel = "DIR",
      description = "The bundle directory.")
  private Path bundle;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Where to write the plans (default DIR/engines, where serve looks).")
  private Path out;

  @Option(names = "--workspace-gb", paramLabel = "N", defaultValue = "4",
      description = "Builder workspace limit in GiB, 1 to 64 (default ${DEFAULT-VALUE}).")
  private int workspaceGb;

  @Option(names = "--timing-cache", paramLabel = "FILE",
      description = "TensorRT timing cache, read if present and written after the build"
          + " (speeds up rebuilds).")
  private Path timingCache;

  @Option(names = "--static", paramLabel = "WxH",
      description = "SDXL only: build the UNet and VAE plans for this one bucket (e.g."
          + " 1024x1024): one profile, less memory, faster to build; every image is then"
          + " generated at that size. WxH must be an SDXL bucket (W and H multiples of 64,"
          + " W*H within 0.9 to 1.1 x 1024^2, aspect 1:4 to 4:1). Default: every bucket.")
  private String staticSize;

  @Option(names = "--print-profiles",
      description = "Print, as one JSON line per graph, the plan it would get (typing,"
          + " precision, every optimisation profile's min/opt/max per input, and the largest"
          + " batch and image each admits), then exit without building. Needs no GPU.")
  private boolean printProfiles;

  @Override
  public Integer call() throws IOException {
    SdxlBuckets.Size fixed = staticSize == null ? null : StaticSize.parse(staticSize);
    BuildOptions options = new BuildOptions(workspaceGb, timingCache, fixed);
    PrintWriter console = spec.commandLine().getOut();
    if (printProfiles) {
      for (String line : ProfileReport.lines(bundle, fixed)) {
        console.println(line);
      }
      return 0;
    }
    Path target = out != null ? out : EngineManifest.defaultDir(bundle);
    EngineManifest manifest = BuildEngines.run(bundle, target, options,
        line -> console.println("build-engines: " + line));
    console.println("build-engines: " + manifest.plans().size() + " plans and "
        + EngineManifest.FILE + " in " + target);
    return 0;
  }
}
