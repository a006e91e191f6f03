package org.segfill.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Click latency over HTTP, idle and with exactly two generations running. The two are measured
 * in alternating rounds (an idle block, then a busy block) rather than all idle then all busy,
 * so that a change in the machine's other load during the measurement (a shared CI machine)
 * falls on both sides alike. A busy block counts only if both jobs were running from its first
 * click to its last; otherwise it is measured again.
 */
final class ClickLatency {

  /** The samples in milliseconds. */
  record Result(List<Double> idle, List<Double> busy) {
    double idleP50() {
      return Percentiles.of(idle, 0.5);
    }

    double busyP50() {
      return Percentiles.of(busy, 0.5);
    }
  }

  private static final int MAX_ATTEMPTS_PER_ROUND = 3;

  private ClickLatency() {}

  /** {@code rounds} rounds of {@code perBlock} clicks idle and {@code perBlock} busy. */
  static Result measure(ApiClient api, LoadPhotos.Photo photo, int rounds, int perBlock) {
    String click = photo.clickJson(new Random(1), 0);
    List<Double> idle = new ArrayList<>();
    List<Double> busy = new ArrayList<>();
    // The warm-up churned the bounded cache; nothing else runs now, so one upload keeps it.
    LoadPhotos.send(api, photo);
    clicks(api, photo, click, 5);
    for (int round = 0; round < rounds; round++) {
      idle.addAll(clicks(api, photo, click, perBlock));
      for (int attempt = 1; ; attempt++) {
        List<String> jobs = List.of(submitLong(api, photo), submitLong(api, photo));
        jobs.forEach(j -> awaitRunning(api, j));
        List<Double> block = clicks(api, photo, click, perBlock);
        boolean bothRan = jobs.stream().allMatch(j -> api.get("/v1/jobs/" + j).json()
            .get("state").asText().equals("running"));
        for (String j : jobs) {
          api.delete("/v1/jobs/" + j);
          ApiAsserts.awaitJob(api, j, Duration.ofSeconds(30));
        }
        if (bothRan) {
          busy.addAll(block);
          break;
        }
        if (attempt == MAX_ATTEMPTS_PER_ROUND) {
          throw new AssertionError("a 600-step job ended during " + perBlock + " clicks, "
              + attempt + " times");
        }
      }
    }
    return new Result(idle, busy);
  }

  private static List<Double> clicks(ApiClient api, LoadPhotos.Photo photo, String click,
      int n) {
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long start = System.nanoTime();
      ApiClient.Resp r = api.postJson("/v1/images/" + photo.image() + "/segment", click);
      ms.add((System.nanoTime() - start) / 1e6);
      if (r.status() != 200) {
        throw new AssertionError("click: " + r);
      }
    }
    return ms;
  }

  private static String submitLong(ApiClient api, LoadPhotos.Photo photo) {
    ApiClient.Resp r = api.postJson("/v1/jobs", Map.of("image", photo.image(), "mask",
        photo.mask(), "steps", 150, "strength", 1.0, "count", 4, "previews", false));
    if (r.status() != 202) {
      throw new AssertionError("long job: " + r);
    }
    return r.json().get("id").asText();
  }

  private static void awaitRunning(ApiClient api, String job) {
    long until = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < until) {
      JsonNode j = api.get("/v1/jobs/" + job).json();
      if (j.get("state").asText().equals("running") && j.get("step").asInt() >= 1) {
        return;
      }
      ApiAsserts.sleep(5);
    }
    throw new AssertionError("job " + job + " did not start within 30 s");
  }
}
