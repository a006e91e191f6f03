package org.segfill.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every stage the report lists names a benchmark JMH's annotation processor generated. */
class StageTest {

  @Test
  void everyStageIsACompiledBenchmark() throws IOException {
    String list;
    try (InputStream in = getClass().getClassLoader()
        .getResourceAsStream("META-INF/BenchmarkList")) {
      assertNotNull(in, "JMH's generated benchmark list is missing");
      list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<Stage> all = new ArrayList<>(Stage.MODEL_STAGES);
    all.add(Stage.COPY);
    for (Stage s : all) {
      // Each line of the list holds the benchmark's user class and method, space-separated.
      String clazz = s.benchmark().substring(0, s.benchmark().lastIndexOf('.'));
      String method = s.benchmark().substring(s.benchmark().lastIndexOf('.') + 1);
      assertTrue(list.lines()
              .anyMatch(l -> l.contains(" " + clazz + " ") && l.contains(" " + method + " ")),
          s.benchmark() + " is not in META-INF/BenchmarkList");
      assertEquals(s, Stage.ofId(s.id()).orElseThrow());
      assertEquals(s, Stage.ofBenchmark(s.benchmark()).orElseThrow());
    }
  }
}
