package org.segfill.bench.report;

import java.util.List;
import org.segfill.bench.load.LoadReport;

/**
 * Everything one {@code segfill bench} run measured, as written to report.json.
 *
 * @param date when the run started, ISO-8601 UTC
 * @param command the command line that produced it
 * @param quick whether the short settings ran
 * @param bundles where the SAM and SDXL bundles came from (directories, or "tiny")
 * @param copyGbPerSecond the memory-bandwidth reference, NaN when not measured
 * @param stages every stage on every backend, in {@link Stage} order
 * @param load the server load benchmark, or null when it did not run
 */
public record BenchReport(String date, String command, boolean quick, Machine machine,
    String bundles, double copyGbPerSecond, List<StageResult> stages, LoadReport load) {

  public BenchReport {
    stages = List.copyOf(stages);
  }

  /** The backends measured, in the order they first appear. */
  public List<String> backends() {
    return stages.stream().map(StageResult::backend).distinct().toList();
  }
}
