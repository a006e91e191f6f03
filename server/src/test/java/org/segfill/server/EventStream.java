package org.segfill.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** Reads a job's server-sent events over real HTTP, one event at a time. */
final class EventStream implements AutoCloseable {

  /** One event: its name and JSON data. */
  record Event(String name, JsonNode data) {
    boolean terminal() {
      return Set.of("done", "failed", "cancelled").contains(name);
    }

    @Override
    public String toString() {
      return name + (name.equals("step") ? " " + data.path("step") + "/" + data.path("steps")
          : "");
    }
  }

  private final HttpResponse<InputStream> response;
  // Not a BufferedReader: its decoder keeps reading until its buffer is full, which holds back
  // events that have arrived; a byte buffer returns whatever one read brought.
  private final BufferedInputStream in;

  private EventStream(HttpResponse<InputStream> response) {
    this.response = response;
    this.in = new BufferedInputStream(response.body());
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        return line.toString(StandardCharsets.UTF_8);
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
  }

  /** Opens {@code GET /v1/jobs/{id}/events}. */
  static EventStream open(ApiClient api, String jobId) {
    try {
      HttpResponse<InputStream> r = api.http().send(api.request("/v1/jobs/" + jobId + "/events",
          "Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
      return new EventStream(r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  int status() {
    return response.statusCode();
  }

  String contentType() {
    return response.headers().firstValue("Content-Type").orElse("");
  }

  /** The next event, or null when the stream ends. Comments (keep-alives) are skipped. */
  Event next() {
    try {
      String name = null;
      StringBuilder data = new StringBuilder();
      String line;
      while ((line = readLine()) != null) {
        if (line.isEmpty()) {
          if (name != null) {
            return new Event(name, ApiClient.JSON.readTree(data.toString()));
          }
          continue;
        }
        if (line.startsWith("event: ")) {
          name = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data.append(line.substring(6));
        }
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Events up to and including the first that matches {@code stop} (or the stream's end). */
  List<Event> until(Predicate<Event> stop) {
    List<Event> events = new ArrayList<>();
    Event e;
    while ((e = next()) != null) {
      events.add(e);
      if (stop.test(e)) {
        break;
      }
    }
    return events;
  }

  /** Every event up to the terminal one. */
  List<Event> all() {
    return until(Event::terminal);
  }

  @Override
  public void close() {
    try {
      response.body().close();
    } catch (IOException e) {
      // Closing a dropped stream may fail; nothing to do.
    }
  }
}
