package org.segfill.engine.sdxl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.segfill.bench.BenchBundles;

/**
 * What the GPU figures reuse from the SDXL suite, on ort-cpu and the tiny bundle: both inpaint
 * rows generate one 1024x1024 variant and time their loop, and the UNet alone is refused,
 * with the reason, where the UNet has no device session.
 */
class SdxlStagesBenchTest {

  @Test
  void bothInpaintRowsGenerateAndTheUnetAloneNeedsTensorRt() throws IOException {
    SdxlStagesBench stages = new SdxlStagesBench();
    stages.backend = "ort-cpu";
    stages.sdxl = BenchBundles.TINY;
    stages.steps = 3;
    stages.load();
    try {
      for (Generation g : new Generation[] {stages.inpaint(), stages.inpaintWithPreviews()}) {
        assertEquals(1, g.variants().size());
        assertEquals(1024, g.variants().get(0).image().width());
        assertEquals(1024, g.variants().get(0).image().height());
        // Three steps at strength 0.99: the schedule keeps int(3 * 0.99) = 2 UNet calls.
        assertEquals(2, ((Number) g.variants().get(0).recipe().fields().get("unetCalls"))
            .intValue());
        assertEquals(true, g.timings().denoiseNanos() > 0);
      }
      IllegalStateException e = assertThrows(IllegalStateException.class, stages::unetAlone);
      assertEquals("unetAlone: the ort-cpu UNet has no device session; timing the UNet alone"
          + " needs tensorrt", e.getMessage());
    } finally {
      stages.close();
    }
  }
}
