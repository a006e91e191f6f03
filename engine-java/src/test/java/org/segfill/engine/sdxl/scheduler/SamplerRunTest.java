package org.segfill.engine.sdxl.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.segfill.engine.sdxl.scheduler.Refs.assertRefused;

import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** SamplerRun's position and history flag, and the sampler ids. */
class SamplerRunTest {
  private static final SchedulerConfig SDXL = SchedulerConfig.sdxlDefaults();

  @Test
  void walksEveryStepOnceThenStops() {
    Schedule schedule = Sampler.DPMPP_2M.plan(SDXL, 6, 0.99);
    SamplerRun run = new SamplerRun(schedule);
    assertEquals(5, schedule.unetCalls());
    for (int k = 0; k < 5; k++) {
      assertFalse(run.done());
      assertEquals(k, run.position());
      assertSame(schedule.step(k), run.current());
      assertEquals(k > 0, run.historyValid(), "history after the first step, k = " + k);
      if (run.current().readsHistory()) {
        assertTrue(run.historyValid(), "a step never reads history before it is written");
      }
      run.advance();
    }
    assertTrue(run.done());
    assertEquals(5, run.position());
    assertThrows(NoSuchElementException.class, run::current);
    assertThrows(NoSuchElementException.class, run::advance);
  }

  @Test
  void eulerNeverHasHistory() {
    SamplerRun run = new SamplerRun(Sampler.EULER.plan(SDXL, 4, 1.0));
    run.advance();
    assertFalse(run.historyValid());
  }

  @Test
  void plansArePureValues() {
    assertEquals(Sampler.EULER_ANCESTRAL.plan(SDXL, 25, 0.8),
        Sampler.EULER_ANCESTRAL.plan(SDXL, 25, 0.8));
  }

  @Test
  void samplerIds() {
    assertEquals(List.of("euler", "euler_a", "dpmpp_2m", "dpmpp_2m_karras"), Sampler.ids());
    assertEquals(Sampler.EULER, Sampler.DEFAULT);
    for (Sampler s : Sampler.values()) {
      assertSame(s, Sampler.fromId(s.id()));
    }
    assertRefused(() -> Sampler.fromId("ddim"),
        "sampler must be one of [euler, euler_a, dpmpp_2m, dpmpp_2m_karras], got 'ddim'");
    assertRefused(() -> Sampler.fromId("EULER"), "got 'EULER'");
  }
}
