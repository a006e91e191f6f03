package org.segfill.bench.figures;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.segfill.devices.GpuInfo;

/**
 * Renders a {@link GpuFiguresReport} as the "GPU figures" section of gpu-check's REPORT.md:
 * the device and bundles, a table of figures against their goals, the memory per plan, and how
 * each figure was measured.
 */
public final class GpuFiguresMarkdown {

  private static final double MIB = 1024.0 * 1024.0;

  private GpuFiguresMarkdown() {}

  /** The section, starting with a level-2 heading. */
  public static String render(GpuFiguresReport r) {
    StringBuilder md = new StringBuilder();
    GpuInfo gpu = r.gpu();
    md.append("## GPU figures (tensorrt)\n\n");
    md.append("- GPU: ").append(gpu.name()).append(fmt(" (compute capability %s, %.1f GiB, %d"
        + " SMs); ", gpu.computeCapability(), gpu.memoryBytes() / (MIB * 1024),
        gpu.multiprocessors())).append(r.versions()).append('\n');
    md.append("- bundles: SAM `").append(r.sam()).append('`').append(tag(r, "sam"))
        .append(", SDXL `").append(r.sdxl()).append('`').append(tag(r, "sdxl")).append('\n');
    md.append(fmt("- runs: %d timed after %d warm-up(s) per series; SAM %d timed%n", r.runs(),
        r.warmups(), r.samRuns()));
    md.append("- date: ").append(r.date()).append("\n\n");

    md.append("The goals are for an H100 with the real bundles (SAM ViT-B and SDXL Inpainting"
        + " 0.1 as FP16 plans from `segfill build-engines`)");
    md.append(gpu.name().contains("H100") ? ".\n\n"
        : "; this GPU is not an H100, so read the verdicts as a comparison with that target,"
            + " not as a pass or a fail.\n\n");
    List<String> tiny = new ArrayList<>();
    for (String b : r.testBundles()) {
      tiny.add(b.equals("sam") ? "SAM" : "SDXL");
    }
    if (!tiny.isEmpty()) {
      md.append("**Test bundles.** ").append(String.join(" and ", tiny)).append(" ran on"
          + " segfill's tiny test bundles, so their figures only exercise the measuring path:"
          + " the tiny graphs' timings mean nothing against the goals (their 1024x1024 latents"
          + " still go through the real loop and kernels) and get no verdict. Run"
          + " `scripts/gpu-check.sh --sam DIR --sdxl DIR` with real exported bundles for real"
          + " figures.\n\n");
    }

    md.append("### Timings\n\n");
    md.append("| figure | value | goal on an H100 | verdict |\n|---|---|---|---|\n");
    for (Figure f : r.figures()) {
      md.append("| ").append(f.label())
          .append(" | ").append(value(f.value(), f.unit()))
          .append(" | ").append(f.goal() == null ? "" : "≤ " + value(f.goal(), f.unit()))
          .append(" | ").append(verdict(f.verdict()))
          .append(" |\n");
    }
    md.append('\n');

    DeviceMemory m = r.memory();
    md.append("### Device memory with both bundles open\n\n");
    md.append("| bundle | plan | MiB |\n|---|---|---|\n");
    for (PlanMemory p : m.plans()) {
      md.append("| ").append(p.bundle()).append(" | ").append(p.graph()).append(" | ")
          .append(mib(p.bytes())).append(" |\n");
    }
    md.append("| **both bundles** | | **").append(mib(m.bundlesBytes())).append("** |\n\n");
    md.append(fmt("Device: %s MiB in all; %s MiB free before the first plan opened, %s MiB free"
        + " with both bundles open.%n%n", mib(m.totalBytes()), mib(m.freeBeforeBytes()),
        mib(m.freeAfterBytes())));

    md.append("### How they are measured\n\n");
    md.append("- **Inpaint**: the wall time of one `SdxlInpaintPipeline.generate` on a 1024x1024"
        + " photo with the default request (one variant, Euler, guidance 7.5, strength 0.99),"
        + " pre- and post-processing on the GPU and the paste-back included, set up as"
        + " `SdxlStagesBench` sets it up. Previews on: a preview"
        + " is computed after every step, as the editor page asks; the loop then waits for each"
        + " step before queueing the next.\n");
    md.append("- **Outside the UNet**: the pipeline's denoising stage (uploads, every step, the"
        + " final download) divided by its UNet calls, minus the UNet alone per call: the same"
        + " plan at the same shapes, queued back to back from a captured CUDA graph as the loop"
        + " replays its steps, timed to the last. The difference is segfill's own work per"
        + " step: the input and sampler kernels, the step events and the host's polling. A"
        + " small negative value is noise.\n");
    md.append("- **Memory**: the drop in `cudaMemGetInfo`'s free memory across each plan's open"
        + " (engine, execution contexts, I/O buffers, growth of the bundle's shared activation"
        + " block). The first plan also carries TensorRT's one-time cost in the process; memory"
        + " other processes take meanwhile shows up too.\n");
    md.append("- **SAM**: encode is the pre-processing and the image encoder of a 1024x768"
        + " photo; click is the prompt, the decoder and the post-processing of every candidate"
        + " to full size on the cached embedding (`SamStagesBench`).\n");
    return md.toString();
  }

  /** {@code 1150 ms}, {@code 38.4 ms}, {@code 0.742%}: three significant digits, at least. */
  static String value(double v, String unit) {
    double a = Math.abs(v);
    String number = a >= 100 ? fmt("%.0f", v) : a >= 10 ? fmt("%.1f", v)
        : a >= 1 ? fmt("%.2f", v) : fmt("%.3f", v);
    return unit.equals("%") ? number + "%" : number + " " + unit;
  }

  private static String verdict(Verdict v) {
    return switch (v) {
      case WITHIN -> "within";
      case OVER -> "**over**";
      case NOT_JUDGED -> "not judged (test bundle)";
      case NO_GOAL -> "";
    };
  }

  private static String tag(GpuFiguresReport r, String bundle) {
    return r.judged(bundle) ? "" : " (tiny test bundle)";
  }

  private static String mib(long bytes) {
    return fmt("%.0f", bytes / MIB);
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
