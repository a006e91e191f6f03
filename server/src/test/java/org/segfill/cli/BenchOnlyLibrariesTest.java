package org.segfill.cli;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bench-only libraries stay out of the application: the shade plugin packs the server's
 * runtime class path into segfill.jar, so none of their classes may be on it. ND4J alone is
 * about 135 MB with its natives.
 */
class BenchOnlyLibrariesTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "org.nd4j.linalg.factory.Nd4j",
      "org.openjdk.jmh.runner.Runner",
      "org.jfree.chart.JFreeChart"})
  void isNotOnTheServerClassPath(String className) {
    assertThrows(ClassNotFoundException.class, () -> Class.forName(className),
        className + " reached the server's class path, so segfill.jar would ship it");
  }
}
