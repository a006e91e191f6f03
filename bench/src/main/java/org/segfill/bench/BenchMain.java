package org.segfill.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs JMH with the given command line (e.g. {@code -f 1 -wi 1 -i 3}), then prints a markdown
 * table with bytes/s against the copy bandwidth measured in the same run, and each kernel's
 * ratio to its library counterparts (methods named {@code xOpenCv} or {@code xNd4j} pair with
 * {@code x}; see {@link #BASELINES}).
 */
public final class BenchMain {
  /** Method-name suffix of a baseline benchmark, and the library's name printed in the table. */
  static final Map<String, String> BASELINES = Map.of("OpenCv", "OpenCV", "Nd4j", "ND4J");

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
    out.append("| benchmark | params | time/op | GB/s | % of copy | speed vs baseline |\n");
    out.append("|---|---|---|---|---|---|\n");
    for (Row row : rows) {
      String gbs = row.gbPerSecond() > 0 ? fmt("%.2f", row.gbPerSecond()) : "";
      // A suite with its own copy (the CUDA suite: device memory) is compared with that copy.
      double ownCopyGbs = copyGbs(rows, row.name.substring(0, row.name.indexOf('.')));
      double copyGbs = ownCopyGbs > 0 ? ownCopyGbs : hostCopyGbs;
      String pct = row.gbPerSecond() > 0 && copyGbs > 0
          ? fmt("%.0f%%", 100 * row.gbPerSecond() / copyGbs) : "";
      String vs = speedVsBaselines(rows, row);
      out.append("| ").append(row.name).append(" | ").append(row.params).append(" | ")
          .append(fmt("%.3f ± %.3f %s", row.score, row.error, row.unit)).append(" | ")
          .append(gbs).append(" | ").append(pct).append(" | ").append(vs).append(" |\n");
    }
    return out.toString();
  }

  /**
   * "2.10x OpenCV" for each baseline run of the row (same params), joined by ", "; above 1x means
   * the row is faster. Empty when the row has no baseline in this run.
   */
  static String speedVsBaselines(List<Row> rows, Row row) {
    return BASELINES.entrySet().stream().sorted(Map.Entry.comparingByValue())
        .flatMap(b -> rows.stream()
            .filter(o -> o.name.equals(row.name + b.getKey()) && o.params.equals(row.params))
            .limit(1)
            .map(o -> fmt("%.2fx %s", o.millis() / row.millis(), b.getValue())))
        .collect(Collectors.joining(", "));
  }

  /** GB/s of the suite's "copy" benchmark, or NaN when that suite has none in this run. */
  private static double copyGbs(List<Row> rows, String suite) {
    return rows.stream().filter(r -> r.name.equals(suite + ".copy"))
        .mapToDouble(Row::gbPerSecond).findFirst().orElse(Double.NaN);
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  record Row(String name, String params, double score, double error, String unit) {
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
