package org.segfill.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.segfill.models.testbundle.TestBundles;

/**
 * The load and fault suite's load test (issue #5), on loopback with the tiny bundles: click
 * latency idle and with two generations running, then 32 closed-loop clients for 60 s mixing
 * uploads, clicks and generations against a small queue while long jobs are cancelled queued
 * and running, then the memory checks. Ends with a one-block summary on stdout.
 *
 * <p>Memory, defined: native is JavaCPP's {@code Pointer.totalBytes()} after collections let
 * its deallocator run; it must return exactly to its post-warm-up baseline once the run has
 * drained (tolerance 0 bytes: every native buffer of a request is owned by that request and
 * closed with it, so any difference is a leak). Heap is the live heap: what the collector
 * reports in use at the end of a {@code System.gc()} (used heap between collections is mostly
 * garbage and says nothing about leaks). It is read at the end of each of the run's six 10 s
 * windows, once that window's clients have finished and its jobs have drained (and printed
 * after the warm-up too). Read while 32 requests are in flight it measures those requests (it
 * swung between 40 and 100 MiB with no trend); read between windows it measures what the
 * server keeps, which is what grows when something leaks. Its p90 - p10 over the six windows
 * (with six samples: max - min) must stay under 10% of their median. It also grows slowly by
 * design: finished jobs stay in memory for 600 s, a few KiB each. The caches are bounded small
 * (12 MiB images and masks, 8 MiB embeddings) and filled during the warm-up, so they are at
 * their bound before the run. RSS is reported, not asserted: it also holds the JIT's code,
 * malloc's arenas and ONNX Runtime's, which grow and settle on their own.
 */
@Tag("load-fault")
class LoadSuiteMixedTrafficTest {

  static final int CLIENTS = 32;
  static final Duration RUN = Duration.ofSeconds(60);
  /** The run is cut in windows, with the live heap read between them (see the class note). */
  static final int WINDOWS = 6;
  static final long CACHE_BYTES = 12L << 20;
  static final long EMBEDDING_CACHE_BYTES = 8L << 20;

  @TempDir Path dir;

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void thirtyTwoClientsForAMinuteGetNo5xxTheQueueBoundAndFlatMemory() throws Exception {
    Path bundles = TestBundles.writeSam(dir.resolve("bundles"));
    Path sdxl = TestBundles.writeSdxl(bundles);
    try (SegfillServer server = TestServers.start(dir.resolve("results"), Setting.SAM,
        bundles.resolve(TestBundles.SAM_ONNX), Setting.SDXL, sdxl,
        Setting.CONCURRENT_JOBS, 2, Setting.QUEUE_LENGTH, 2,
        Setting.CACHE_BYTES, CACHE_BYTES, Setting.EMBEDDING_CACHE_BYTES, EMBEDDING_CACHE_BYTES)) {
      ApiClient api = new ApiClient(server.port());
      List<LoadPhotos.Photo> photos = LoadPhotos.upload(api, 6);

      warmUp(api, photos, 8, Duration.ofSeconds(5));
      ClickLatency.Result clicks = ClickLatency.measure(api, photos.get(0), 6, 25);
      warmUp(api, photos, CLIENTS, Duration.ofSeconds(10));
      long nativeBase = MemoryProbe.settledNativeBytes();
      long rssBase = MemoryProbe.rssBytes();
      long directBase = MemoryProbe.directBytes();

      LoadTally tally = new LoadTally();
      LoadClient.Throughput done = new LoadClient.Throughput();
      CancelProber prober = new CancelProber(api, photos.get(1));
      long heapAfterWarmUp = MemoryProbe.heapAfterGc();
      List<Long> heap = new ArrayList<>();
      double seconds = 0;
      for (int w = 0; w < WINDOWS; w++) {
        seconds += window(api, photos, tally, done, prober, 1000 + 100 * w);
        drain(api);
        heap.add(MemoryProbe.heapAfterGc());
      }

      long nativeEnd = MemoryProbe.settledNativeBytes();
      long rssEnd = MemoryProbe.rssBytes();
      long directEnd = MemoryProbe.directBytes();
      double p10 = Percentiles.of(toDoubles(heap), 0.1);
      double p50 = Percentiles.of(toDoubles(heap), 0.5);
      double p90 = Percentiles.of(toDoubles(heap), 0.9);
      List<CancelProber.Cancel> cancels = prober.cancels();

      System.out.println("live heap after the warm-up " + MemoryProbe.mib(heapAfterWarmUp)
          + ", then after each window (MiB): " + heap.stream()
          .map(b -> String.format("%.1f", b / 1048576.0)).toList());
      System.out.println(summary(clicks, tally, done, seconds, nativeBase, nativeEnd, p10, p50,
          p90, heap.size(), rssBase, rssEnd, directBase, directEnd, cancels));

      assertEquals(List.of(), tally.serverErrors(), "no 5xx");
      assertEquals(List.of(), tally.clientErrors(), "every request got a response");
      assertTrue(tally.count("generate", 429) > 0, "the queue filled and refused");
      assertEquals(tally.count("generate", 429), tally.notes("429 with Retry-After"),
          "every 429 carries Retry-After");
      assertTrue(tally.count("generate", 202) > 0 && done.jobs().get() > 0,
          "generations ran: " + done.jobs().get());
      assertTrue(tally.count("click", 200) > 0 && tally.count("upload-fresh", 201) > 0);

      assertEquals(List.of(), prober.problems(), "cancel probes");
      List<CancelProber.Cancel> queued = cancels.stream().filter(c -> !c.running()).toList();
      List<CancelProber.Cancel> runningCancels = cancels.stream()
          .filter(CancelProber.Cancel::running).toList();
      assertTrue(queued.size() >= 2 && runningCancels.size() >= 2, cancels::toString);
      for (CancelProber.Cancel c : queued) {
        assertEquals("cancelled", c.finalState(), c::toString);
        assertEquals(0, c.finalStep(), c::toString);
        assertTrue(!c.everStarted(), c::toString);
      }
      for (CancelProber.Cancel c : runningCancels) {
        assertEquals("cancelled", c.finalState(), c::toString);
        assertTrue(c.finalStep() <= c.stepAtCancel() + 1, () -> "ran past one step: " + c);
      }

      assertTrue(clicks.busyP50() <= 1.5 * clicks.idleP50(), String.format(
          "click p50 with 2 generations %.1f ms > 1.5 x idle p50 %.1f ms", clicks.busyP50(),
          clicks.idleP50()));
      assertEquals(nativeBase, nativeEnd, "JavaCPP Pointer.totalBytes() back at its baseline");
      assertEquals(WINDOWS, heap.size(), "heap samples");
      assertTrue(p90 - p10 < 0.10 * p50, String.format("live heap p90 - p10 = %s of median %s",
          MemoryProbe.mib((long) (p90 - p10)), MemoryProbe.mib((long) p50)));
    }
  }

  /**
   * One window of the run: {@link #CLIENTS} clients and the cancel prober for
   * {@link #RUN}/{@link #WINDOWS}; returns its length in seconds.
   */
  private static double window(ApiClient api, List<LoadPhotos.Photo> photos, LoadTally tally,
      LoadClient.Throughput done, CancelProber prober, long seed) throws Exception {
    long start = System.nanoTime();
    long deadline = start + RUN.toNanos() / WINDOWS;
    ExecutorService threads = Executors.newFixedThreadPool(CLIENTS + 1);
    List<Future<?>> running = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      running.add(threads.submit(new LoadClient(api, photos, tally, done, deadline, seed + i)));
    }
    running.add(threads.submit(() -> prober.runUntil(deadline)));
    for (Future<?> f : running) {
      f.get(RUN.toSeconds() + 120, TimeUnit.SECONDS);
    }
    threads.shutdown();
    assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
    return (System.nanoTime() - start) / 1e9;
  }

  /**
   * Brings everything to its steady state before the baselines: every photo clicked and
   * generated on, both generation workers and both segmentation threads used, and the image
   * and embedding caches filled to their bounds with fresh uploads.
   */
  private static void warmUp(ApiClient api, List<LoadPhotos.Photo> photos, int clients,
      Duration length) throws Exception {
    LoadTally tally = new LoadTally();
    LoadClient.Throughput done = new LoadClient.Throughput();
    long deadline = System.nanoTime() + length.toNanos();
    ExecutorService threads = Executors.newFixedThreadPool(clients);
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      futures.add(threads.submit(new LoadClient(api, photos, tally, done, deadline, i)));
    }
    Random random = new Random(99);
    for (int i = 0; i < (int) (CACHE_BYTES / (96 * 96 * 4)); i++) {
      api.post("/v1/images", "image/png", LoadPhotos.fresh(random));
    }
    for (Future<?> f : futures) {
      f.get(120, TimeUnit.SECONDS);
    }
    threads.shutdown();
    drain(api);
    assertEquals(List.of(), tally.serverErrors(), "no 5xx in the warm-up");
  }

  /** Waits until no job is queued or running. */
  private static void drain(ApiClient api) {
    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < until) {
      boolean busy = false;
      for (JsonNode j : api.get("/v1/jobs").json().get("jobs")) {
        String state = j.get("state").asText();
        busy |= state.equals("queued") || state.equals("running");
      }
      if (!busy) {
        return;
      }
      ApiAsserts.sleep(50);
    }
    throw new AssertionError("jobs still running 60 s after the clients stopped");
  }

  private static List<Double> toDoubles(List<Long> values) {
    return values.stream().map(Long::doubleValue).toList();
  }

  private static String summary(ClickLatency.Result clicks, LoadTally tally,
      LoadClient.Throughput done, double seconds, long nativeBase, long nativeEnd, double p10,
      double p50, double p90, int heapSamples, long rssBase, long rssEnd, long directBase,
      long directEnd, List<CancelProber.Cancel> cancels) {
    StringBuilder s = new StringBuilder();
    s.append("==== segfill load suite (tiny bundles, loopback, ").append(Runtime.getRuntime()
        .availableProcessors()).append(" CPUs) ====\n");
    s.append(String.format("click over HTTP (tiny SAM, %d idle + %d busy samples): idle p50 %.1f"
        + " ms, p99 %.1f ms; with 2 generations running p50 %.1f ms, p99 %.1f ms; p50 ratio"
        + " %.2f (limit 1.5)%n", clicks.idle().size(), clicks.busy().size(), clicks.idleP50(),
        Percentiles.of(clicks.idle(), 0.99), clicks.busyP50(),
        Percentiles.of(clicks.busy(), 0.99), clicks.busyP50() / clicks.idleP50()));
    s.append(String.format("load: %d clients for %.1f s, %d requests (%.0f/s); by status %s%n",
        CLIENTS, seconds, tally.total(), tally.total() / seconds, tally.byStatus()));
    s.append("  by operation: ").append(tally.byOperation()).append('\n');
    s.append(String.format("generation: %d accepted, %d refused with 429 (%d with Retry-After),"
        + " %d succeeded = %.1f jobs/min, %.1f denoising steps/s (2 workers, queue 2)%n",
        tally.count("generate", 202), tally.count("generate", 429),
        tally.notes("429 with Retry-After"), done.jobs().get(), done.jobs().get() * 60 / seconds,
        done.steps().get() / seconds));
    long queued = cancels.stream().filter(c -> !c.running()).count();
    int worst = cancels.stream().filter(CancelProber.Cancel::running)
        .mapToInt(c -> c.finalStep() - c.stepAtCancel()).max().orElse(-1);
    s.append(String.format("cancel under load: %d queued (ended at step 0), %d running (at most"
        + " %d step after the cancel answered)%n", queued, cancels.size() - queued, worst));
    s.append(String.format("memory: JavaCPP totalBytes %d -> %d (delta %d); live heap over %d"
        + " samples p10 %s, p50 %s, p90 %s (p90-p10 = %.1f%% of p50); RSS %s -> %s (heap"
        + " committed %s)%n",
        nativeBase, nativeEnd, nativeEnd - nativeBase, heapSamples, MemoryProbe.mib((long) p10),
        MemoryProbe.mib((long) p50), MemoryProbe.mib((long) p90), 100 * (p90 - p10) / p50,
        MemoryProbe.mib(rssBase), MemoryProbe.mib(rssEnd), MemoryProbe.mib(
            java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage()
            .getCommitted())));
    s.append(String.format("NIO direct buffers after GC %s -> %s%n", MemoryProbe.mib(directBase),
        MemoryProbe.mib(directEnd)));
    s.append("====");
    return s.toString();
  }
}
