package org.segfill.bench.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.segfill.bench.load.LoadPoint;
import org.segfill.bench.load.LoadReport;

/** Renders a {@link BenchReport} as report.md: machine, versions, a table per stage, load. */
final class ReportMarkdown {

  private ReportMarkdown() {}

  static String render(BenchReport r, List<String> charts) {
    StringBuilder md = new StringBuilder();
    md.append("# segfill bench report\n\n");
    md.append("- date: ").append(r.date()).append('\n');
    md.append("- command: `").append(r.command()).append("`\n");
    md.append("- settings: ").append(r.quick()
        ? "quick (1 warm-up and 2 measured iterations of 1 s per stage; wide percentiles)"
        : "full (2 warm-up and 5 measured iterations of 2 s per stage)").append('\n');
    md.append("- bundles: ").append(r.bundles()).append("\n\n");

    Machine m = r.machine();
    md.append("## Machine and versions\n\n");
    md.append("| | |\n|---|---|\n");
    md.append("| CPU | ").append(cell(m.cpu())).append(" |\n");
    md.append("| logical cores | ").append(m.logicalCores()).append(" |\n");
    md.append("| memory | ").append(fmt("%.1f GiB", m.memoryBytes() / (double) (1L << 30)))
        .append(" |\n");
    md.append("| OS | ").append(cell(m.os())).append(" |\n");
    md.append("| GPU devices | ").append(cell(m.devices())).append(" |\n");
    m.versions().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> md.append("| ").append(e.getKey()).append(" | ")
            .append(cell(e.getValue())).append(" |\n"));
    md.append('\n');

    md.append("## Memory-bandwidth reference\n\n");
    md.append(Double.isNaN(r.copyGbPerSecond()) ? "not measured\n\n"
        : fmt("STREAM copy over 256 MiB on the CPU twin's threads (`BandwidthBench.copy`, p50):"
            + " **%.2f GB/s** (bytes read plus bytes written).%n%n", r.copyGbPerSecond()));
    md.append("Each stage's *floor* is the time to stream its graph weights (or a kernel's"
        + " bytes) once at that rate; `p50 / floor` says how far the stage is from being bound"
        + " by memory bandwidth (1x would be perfectly memory-bound). On a GPU the floor that"
        + " matters is the device's own bandwidth, not this host copy.\n\n");

    md.append("## Stages\n\n");
    md.append("Latency per operation in ms (JMH SampleTime: every operation timed). `vs ")
        .append(r.backends().isEmpty() ? "first" : r.backends().get(0))
        .append("` is that backend's p50 divided by this one's (above 1x: faster).\n\n");
    for (Stage stage : Stage.MODEL_STAGES) {
      List<StageResult> rows = r.stages().stream()
          .filter(s -> s.stage().equals(stage.id())).toList();
      if (rows.isEmpty()) {
        continue;
      }
      md.append("### ").append(stage.label()).append("\n\n");
      md.append("`").append(shortName(stage.benchmark())).append("`\n\n");
      md.append("| backend | samples | p50 ms | p90 ms | p99 ms | mean ms | vs ")
          .append(r.backends().get(0)).append(" | weights MB | floor ms | p50 / floor |\n");
      md.append("|---|---|---|---|---|---|---|---|---|---|\n");
      double base = r.stages().stream()
          .filter(s -> s.stage().equals(stage.id()) && s.backend().equals(r.backends().get(0)))
          .mapToDouble(StageResult::p50Ms).findFirst().orElse(Double.NaN);
      for (StageResult s : rows) {
        double floor = s.floorMs(r.copyGbPerSecond());
        md.append("| ").append(s.backend())
            .append(" | ").append(s.samples())
            .append(" | ").append(ms(s.p50Ms()))
            .append(" | ").append(ms(s.p90Ms()))
            .append(" | ").append(ms(s.p99Ms()))
            .append(" | ").append(ms(s.meanMs()))
            .append(" | ").append(Double.isNaN(base) ? "" : fmt("%.2fx", base / s.p50Ms()))
            .append(" | ").append(s.bytesPerOp() > 0 ? ms(s.bytesPerOp() / 1e6) : "")
            .append(" | ").append(Double.isNaN(floor) ? "" : fmt("%.3g", floor))
            .append(" | ").append(Double.isNaN(floor) ? "" : ratio(s.p50Ms() / floor))
            .append(" |\n");
      }
      md.append('\n');
    }

    LoadReport load = r.load();
    if (load != null) {
      md.append("## Click latency under load\n\n");
      md.append("Server: ").append(load.server()).append("; photo ").append(load.imageSize())
          .append("; each row measured over ").append(fmt("%.1f", load.secondsPerPoint()))
          .append(" s after a warm-up. Closed-loop clients click one after the other over"
              + " HTTP/1.1 on loopback; generation jobs are resubmitted as they finish so that"
              + " `generations` stay in flight. Latency is the client's, request to full"
              + " response.\n\n");
      md.append("Clients 0 is generation throughput alone.\n\n");
      md.append("| clients | generations in flight | clicks | errors | p50 ms | p99 ms |"
          + " clicks/s | generations/min | failed generations |\n");
      md.append("|---|---|---|---|---|---|---|---|---|\n");
      for (LoadPoint p : load.points()) {
        md.append("| ").append(p.clients()).append(" | ").append(p.generations())
            .append(" | ").append(p.clicks()).append(" | ").append(p.errors())
            .append(" | ").append(p.clicks() > 0 ? ms(p.p50Ms()) : "")
            .append(" | ").append(p.clicks() > 0 ? ms(p.p99Ms()) : "")
            .append(" | ").append(fmt("%.1f", p.clicksPerSecond()))
            .append(" | ").append(p.generations() > 0 ? fmt("%.1f", p.generationsPerMinute())
                : "")
            .append(" | ").append(p.generationsFailed())
            .append(" |\n");
      }
      md.append('\n');
    }

    if (!charts.isEmpty()) {
      md.append("## Charts\n\n");
      for (String chart : charts) {
        md.append("![").append(chart).append("](").append(chart).append(")\n\n");
      }
    }
    md.append("## Reading this report\n\n");
    md.append("On the tiny test bundles the graphs are small stand-ins, so the stage rows"
        + " measure segfill's own work around them (tensor preparation, copies, kernels), not"
        + " SAM's or SDXL's cost. Run with `--sam` and `--sdxl` on real bundles for real"
        + " figures. On a GPU machine each backend gets its own rows; the `vs` column then"
        + " compares the GPU backends with ONNX Runtime on the CPU.\n");
    return md.toString();
  }

  private static String shortName(String benchmark) {
    int method = benchmark.lastIndexOf('.');
    return benchmark.substring(benchmark.lastIndexOf('.', method - 1) + 1);
  }

  /** Three significant digits or at least three decimals, whichever is shorter to read. */
  static String ms(double v) {
    if (v >= 100) {
      return fmt("%.0f", v);
    }
    if (v >= 10) {
      return fmt("%.1f", v);
    }
    if (v >= 1) {
      return fmt("%.2f", v);
    }
    return fmt("%.3f", v);
  }

  private static String ratio(double r) {
    return fmt(r >= 10 ? "%.0fx" : "%.1fx", r);
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
