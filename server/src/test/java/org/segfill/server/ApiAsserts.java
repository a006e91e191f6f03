package org.segfill.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** Assertions shared by the API tests. */
final class ApiAsserts {

  private ApiAsserts() {}

  /** Checks {@code r} is an RFC 9457 problem with {@code status} naming {@code field}. */
  static JsonNode assertProblem(ApiClient.Resp r, int status, String field) {
    assertEquals(status, r.status(), () -> "status of " + r);
    assertTrue(r.contentType().startsWith("application/problem+json"),
        () -> "content type " + r.contentType() + " of " + r);
    JsonNode p = r.json();
    assertTrue(p.path("type").asText().startsWith("urn:segfill:problem:"), p::toString);
    assertFalse(p.path("title").asText().isEmpty(), p::toString);
    assertEquals(status, p.path("status").asInt(), p::toString);
    assertFalse(p.path("detail").asText().isEmpty(), p::toString);
    if (field != null) {
      assertEquals(field, p.path("field").asText(null), () -> "field of " + p);
    }
    return p;
  }

  /** Polls a job until it reaches a terminal state and returns it. */
  static JsonNode awaitJob(ApiClient api, String id, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode job = api.get("/v1/jobs/" + id).json();
      String state = job.path("state").asText();
      if (state.equals("succeeded") || state.equals("failed") || state.equals("cancelled")) {
        return job;
      }
      sleep(20);
    }
    return fail("job " + id + " did not finish within " + timeout);
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
