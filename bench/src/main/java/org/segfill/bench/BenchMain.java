package org.segfill.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs JMH with the given command line (e.g. {@code -f 1 -wi 1 -i 3}), then prints a markdown
 * table with bytes/s against the copy bandwidth measured in the same run, and each kernel's
 * ratio to its OpenCV counterpart (methods named {@code xOpenCv} pair with {@code x}).
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    Collection<RunResult> results = new Runner(new CommandLineOptions(args)).run();
    System.out.println();
    System.out.println(table(results));
  }

  /** The summary table (ms/op as measured; GB/s from {@link Traffic}). */
  static String table(Collection<RunResult> results) {
    List<Row> rows = new ArrayList<>();
    for (RunResult run : results) {
      String full = run.getParams().getBenchmark();
      String name = full.substring(full.lastIndexOf('.', full.lastIndexOf('.') - 1) + 1);
      Result<?> primary = run.getPrimaryResult();
      StringBuilder params = new StringBuilder();
      for (String key : run.getParams().getParamsKeys()) {
        params.append(params.length() == 0 ? "" : ",").append(key).append('=')
            .append(run.getParams().getParam(key));
      }
      rows.add(new Row(name, params.toString(), primary.getScore(), primary.getScoreError(),
          primary.getScoreUnit()));
    }
    double hostCopyGbs = copyGbs(rows, "BandwidthBench");
    StringBuilder out = new StringBuilder();
    out.append("| benchmark | params | time/op | GB/s | % of copy | speed vs OpenCV |\n");
    out.append("|---|---|---|---|---|---|\n");
    for (Row row : rows) {
      String gbs = row.gbPerSecond() > 0 ? fmt("%.2f", row.gbPerSecond()) : "";
      // A suite with its own copy (the CUDA suite: device memory) is compared with that copy.
      double ownCopyGbs = copyGbs(rows, row.name.substring(0, row.name.indexOf('.')));
      double copyGbs = ownCopyGbs > 0 ? ownCopyGbs : hostCopyGbs;
      String pct = row.gbPerSecond() > 0 && copyGbs > 0
          ? fmt("%.0f%%", 100 * row.gbPerSecond() / copyGbs) : "";
      String vs = rows.stream()
          .filter(o -> o.name.equals(row.name + "OpenCv") && o.params.equals(row.params))
          .findFirst().map(o -> fmt("%.2fx", o.millis() / row.millis())).orElse("");
      out.append("| ").append(row.name).append(" | ").append(row.params).append(" | ")
          .append(fmt("%.3f ± %.3f %s", row.score, row.error, row.unit)).append(" | ")
          .append(gbs).append(" | ").append(pct).append(" | ").append(vs).append(" |\n");
    }
    return out.toString();
  }

  /** GB/s of the suite's "copy" benchmark, or NaN when that suite has none in this run. */
  private static double copyGbs(List<Row> rows, String suite) {
    return rows.stream().filter(r -> r.name.equals(suite + ".copy"))
        .mapToDouble(Row::gbPerSecond).findFirst().orElse(Double.NaN);
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  private record Row(String name, String params, double score, double error, String unit) {
    double millis() {
      return switch (unit) {
        case "ms/op" -> score;
        case "us/op" -> score / 1e3;
        case "ns/op" -> score / 1e6;
        case "s/op" -> score * 1e3;
        default -> Double.NaN;
      };
    }

    double gbPerSecond() {
      long bytes = Traffic.bytesPerOp(name);
      return bytes == 0 ? 0 : bytes / (millis() * 1e-3) / 1e9;
    }
  }
}
