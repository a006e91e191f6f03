package org.segfill.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The calling thread's nice value changes, only that thread's, and new threads inherit it. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "per-thread nice values are a Linux feature")
class ThreadNiceTest {

  @Test
  void lowersOnlyTheCallingThreadAndItsNewThreadsInheritIt() throws Exception {
    int before = ThreadNice.currentThread();
    int[] seen = new int[3];
    Thread lowered = new Thread(() -> {
      try {
        Optional<String> refused = ThreadNice.lowerCurrentThread(Math.max(before, 7));
        assertTrue(refused.isEmpty(), () -> refused.get());
        seen[0] = ThreadNice.currentThread();
        Thread child = new Thread(() -> {
          try {
            seen[1] = ThreadNice.currentThread();
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
        child.start();
        child.join();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    lowered.start();
    lowered.join(10_000);
    seen[2] = CompletableFuture.supplyAsync(() -> {
      try {
        return ThreadNice.currentThread();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }).get(10, TimeUnit.SECONDS);
    assertEquals(Math.max(before, 7), seen[0], "the calling thread");
    assertEquals(Math.max(before, 7), seen[1], "a thread it starts inherits the value");
    assertEquals(before, ThreadNice.currentThread(), "the test thread is untouched");
    assertEquals(before, seen[2], "other threads are untouched");
  }

  @Test
  void refusesValuesOutsideZeroToNineteen() {
    var e = assertThrows(IllegalArgumentException.class, () -> ThreadNice.lowerCurrentThread(20));
    assertEquals("nice: must be in [0, 19], got 20", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ThreadNice.lowerCurrentThread(-1));
  }
}
