package org.segfill.server.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.segfill.os.ThreadNice;

/** Generation threads run at nice 10, named, as daemons; {@code call} runs on one of them. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "per-thread nice values are a Linux feature")
class GenerationThreadsTest {

  @Test
  void threadsRunAtTheGenerationNiceValue() throws Exception {
    int callerBefore = ThreadNice.currentThread();
    GenerationThreads factory = new GenerationThreads("gen");
    FutureTask<Integer> nice = new FutureTask<>(ThreadNice::currentThread);
    Thread t = factory.newThread(nice);
    assertEquals("gen-1", t.getName());
    assertTrue(t.isDaemon());
    t.start();
    assertEquals(GenerationThreads.NICE, nice.get());
    assertEquals(GenerationThreads.NICE, factory.call(ThreadNice::currentThread));
    assertEquals(callerBefore, ThreadNice.currentThread(), "the caller is untouched");
  }

  @Test
  void callPassesTheTasksExceptionOn() {
    GenerationThreads factory = new GenerationThreads("gen");
    var e = assertThrows(IllegalArgumentException.class, () -> factory.call(() -> {
      throw new IllegalArgumentException("sdxl: no unet");
    }));
    assertEquals("sdxl: no unet", e.getMessage());
  }
}
