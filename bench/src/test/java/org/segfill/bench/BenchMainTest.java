package org.segfill.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The table's speed column names each library a kernel is compared with. */
class BenchMainTest {

  @Test
  void namesEachBaselineWithItsRatio() {
    BenchMain.Row kernel = new BenchMain.Row("S.blend", "", 1.0, 0, "ms/op");
    List<BenchMain.Row> rows = List.of(kernel,
        new BenchMain.Row("S.blendNd4j", "", 4000, 0, "us/op"),
        new BenchMain.Row("S.blendOpenCv", "", 2.5, 0, "ms/op"),
        new BenchMain.Row("S.blendOpenCv", "size=2", 9, 0, "ms/op"));
    assertEquals("4.00x ND4J, 2.50x OpenCV", BenchMain.speedVsBaselines(rows, kernel));
  }

  @Test
  void isEmptyWithoutBaseline() {
    BenchMain.Row kernel = new BenchMain.Row("S.grow", "", 1.0, 0, "ms/op");
    assertEquals("", BenchMain.speedVsBaselines(
        List.of(kernel, new BenchMain.Row("S.growJava", "", 2, 0, "ms/op")), kernel));
  }
}
