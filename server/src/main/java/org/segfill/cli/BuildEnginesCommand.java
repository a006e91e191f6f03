package org.segfill.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.segfill.engine.backend.tensorrt.EngineManifest;
import org.segfill.models.engines.BuildEngines;
import org.segfill.models.engines.BuildOptions;
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
        + " version and GPU model, so run this on the machine that serves.")
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

  @Override
  public Integer call() throws IOException {
    BuildOptions options = new BuildOptions(workspaceGb, timingCache);
    Path target = out != null ? out : EngineManifest.defaultDir(bundle);
    PrintWriter console = spec.commandLine().getOut();
    EngineManifest manifest = BuildEngines.run(bundle, target, options,
        line -> console.println("build-engines: " + line));
    console.println("build-engines: " + manifest.plans().size() + " plans and "
        + EngineManifest.FILE + " in " + target);
    return 0;
  }
}
