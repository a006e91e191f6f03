package org.segfill.server.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.segfill.engine.edit.EditRequest;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.inpaint.RepaintShape;
import org.segfill.engine.inpaint.Target;
import org.segfill.engine.sdxl.InpaintRequest;
import org.segfill.engine.sdxl.Region;
import org.segfill.engine.sdxl.scheduler.Sampler;

/**
 * A finished job lets go of its photo and mask (it stays in memory for the retention period)
 * but still answers with its request summary and count.
 */
class JobReleaseTest {

  @Test
  void anEndedJobReleasesItsSpecAndKeepsItsSummaryAndCount() {
    for (String how : List.of("succeed", "fail", "cancel")) {
      JobSpec spec = spec();
      Job job = new Job("j" + "0".repeat(32), spec);
      assertSame(spec, job.spec());
      job.start();
      switch (how) {
        case "succeed" -> job.succeed(Map.of(), List.of());
        case "fail" -> job.fail(Map.of("status", 500));
        default -> job.cancelled();
      }
      var e = assertThrows(IllegalStateException.class, job::spec, how);
      assertEquals("job j" + "0".repeat(32) + " has ended; its spec is released", e.getMessage());
      assertEquals(3, job.count(), how);
      assertEquals(Map.of("prompt", "a cat"), job.toJson().get("request"), how);
    }
  }

  private static JobSpec spec() {
    InpaintRequest generation = new InpaintRequest(Target.BACKGROUND, "a cat", null, 0, 4, 1.0,
        0, 3, Sampler.DEFAULT, Region.FULL, RepaintShape.DEFAULT, false);
    return new JobSpec(new RgbImage(8, 8, new byte[8 * 8 * 3]), 8, 8, new byte[64],
        new EditRequest(generation, null), false, Map.of("prompt", "a cat"));
  }
}
