package org.segfill.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segfill.server.http.Route;

/** {@code /openapi.json} lists exactly the routes the server registers, no more, no fewer. */
class OpenApiTest {

  @TempDir Path dir;

  @Test
  void theDocumentListsExactlyTheRegisteredRoutes() {
    try (SegfillServer server = TestServers.start(dir)) {
      ApiClient.Resp r = new ApiClient(server.port()).get("/openapi.json");
      assertEquals(200, r.status());
      assertTrue(r.contentType().startsWith("application/json"));
      JsonNode doc = r.json();
      assertEquals("3.1.0", doc.get("openapi").asText());

      Set<String> documented = new TreeSet<>();
      for (Iterator<String> paths = doc.get("paths").fieldNames(); paths.hasNext(); ) {
        String path = paths.next();
        doc.get("paths").get(path).fieldNames().forEachRemaining(method ->
            documented.add(method.toUpperCase(Locale.ROOT) + " " + path));
      }
      Set<String> registered = new TreeSet<>();
      for (Route route : server.routes()) {
        registered.add(route.method() + " " + route.path());
      }
      assertEquals(registered, documented);
    }
  }

  @Test
  void everyReferencedSchemaIsDefined() {
    try (SegfillServer server = TestServers.start(dir)) {
      String text = new ApiClient(server.port()).get("/openapi.json").text();
      JsonNode schemas = new ApiClient(server.port()).get("/openapi.json").json()
          .get("components").get("schemas");
      java.util.regex.Matcher m = java.util.regex.Pattern
          .compile("#/components/schemas/([A-Za-z]+)").matcher(text);
      while (m.find()) {
        assertTrue(schemas.has(m.group(1)), "undefined schema " + m.group(1));
      }
    }
  }
}
