package org.segfill.server.jobs;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One finished variant of a job, already on disk.
 *
 * @param index 0-based variant index
 * @param seed the seed that reproduces it, or null for the classic engine
 * @param recipe every parameter, the bundle and the backend
 * @param url where the PNG is served
 */
public record JobResult(int index, Long seed, Map<String, Object> recipe, String url) {

  /** The API form. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("index", index);
    json.put("url", url);
    json.put("seed", seed);
    json.put("recipe", recipe);
    return json;
  }

  /** The URL of result {@code index} of job {@code jobId}. */
  public static String url(String jobId, int index) {
    return "/v1/jobs/" + jobId + "/results/" + index + ".png";
  }
}
