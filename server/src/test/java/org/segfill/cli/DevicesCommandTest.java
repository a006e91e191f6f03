package org.segfill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DevicesCommandTest {

  @Test
  void devicesPrintsJsonWithAReasonForEachMissingPiece() throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int exit;
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      exit = Main.run("devices");
    } finally {
      System.setOut(original);
    }
    assertEquals(0, exit);
    JsonNode report = new ObjectMapper().readTree(captured.toString(StandardCharsets.UTF_8));
    for (String part : new String[] {"cuda", "tensorrt"}) {
      JsonNode node = report.get(part);
      if (!node.get("available").asBoolean()) {
        assertFalse(node.get("reason").asText().isBlank(), part + " needs a reason");
      }
    }
    assertTrue(report.get("kernels").get("cubins").size() >= 4);
  }
}
