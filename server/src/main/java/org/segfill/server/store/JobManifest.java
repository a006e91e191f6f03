package org.segfill.server.store;

import java.util.List;
import java.util.Map;

/**
 * What the results directory keeps of a finished job ({@code job.json}, written last, so a job
 * directory without it never completed).
 *
 * @param id the job id
 * @param created creation time, ISO-8601
 * @param finished completion time, ISO-8601
 * @param results one entry per result PNG
 * @param timings milliseconds per stage
 * @param warnings what did not stop the job
 */
public record JobManifest(String id, String created, String finished, List<Result> results,
    Map<String, Long> timings, List<String> warnings) {

  /** One result: its index, seed (null for the classic engine) and recipe. */
  public record Result(int index, Long seed, Map<String, Object> recipe) {}

  public JobManifest {
    results = List.copyOf(results);
    timings = Map.copyOf(timings);
    warnings = List.copyOf(warnings);
  }
}
