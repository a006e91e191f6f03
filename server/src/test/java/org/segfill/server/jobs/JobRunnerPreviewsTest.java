package org.segfill.server.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.segfill.engine.backend.BackendKind;
import org.segfill.engine.image.RgbImage;
import org.segfill.server.engine.Editor;
import org.segfill.server.metrics.Metrics;

/**
 * Step previews are encoded off the generation thread: a slow encoder does not slow the steps,
 * previews that went stale are dropped (and counted) while their step events still go out, and
 * a job's events keep the order the generation produced them in, ending with the terminal event
 * however the job ends.
 */
@Timeout(60)
class JobRunnerPreviewsTest {

  private static final int STEPS = 10;
  private static final long SLOW_ENCODE_MS = 200;

  @TempDir Path dir;
  private final Metrics metrics = new Metrics();

  @Test
  void aSlowEncoderDoesNotSlowTheSteps() throws Exception {
    LongAdder inOnStep = new LongAdder();
    Function<RgbImage, String> slow = image -> {
      sleep(SLOW_ENCODE_MS);
      return uri(image);
    };
    Job job = FakeEngines.job(1, true);
    Recorder events = Recorder.of(job);
    long runNanos;
    try (PreviewEncoder encoder = new PreviewEncoder(1, slow, metrics.previews())) {
      JobRunner runner = runner(FakeEngines.stepping(STEPS, FakeEngines::marked, inOnStep),
          encoder);
      long start = System.nanoTime();
      runner.run(job);
      runNanos = System.nanoTime() - start;
      events.awaitEnd();
    }
    double onStepMs = inOnStep.sum() / 1e6;
    System.out.printf("%d steps with a %d ms preview encoder: %.2f ms in onStep in all,"
        + " run %.1f ms, %d previews encoded, %d dropped%n", STEPS, SLOW_ENCODE_MS, onStepMs,
        runNanos / 1e6, metrics.previews().get("encoded"), metrics.previews().get("dropped"));
    // Encoding on the generation thread would take 10 x 200 ms = 2 s here.
    assertTrue(onStepMs < 50, "the generation thread spent " + onStepMs + " ms in onStep");
    List<JobEvent> all = events.all();
    assertEquals(stepsThen("result", "done"), names(all));
    assertStepsInOrder(all);
    // The last step's preview is never stale; the others went out or were counted as dropped.
    assertEquals("data:step-" + STEPS, all.get(STEPS - 1).data().get("preview"));
    long shown = all.stream().filter(e -> e.data().containsKey("preview")).count();
    assertEquals(shown, metrics.previews().get("encoded"));
    assertEquals(STEPS - shown, metrics.previews().get("dropped"));
    assertTrue(shown < STEPS, "a 200 ms encoder kept up with every step: " + shown);
  }

  @Test
  void previewsThatWentStaleAreDroppedAndTheirStepsGoOutWithoutThem() throws Exception {
    BlockingEncoder encoder = new BlockingEncoder();
    Job job = FakeEngines.job(2, true);
    Recorder events = Recorder.of(job);
    try (PreviewEncoder previews = new PreviewEncoder(1, encoder, metrics.previews())) {
      // Step 2 is reported only once the encoder is busy with step 1, and it stays busy until
      // the run is over: steps 2 to 9 each find their preview overtaken by the next one.
      runner(FakeEngines.stepping(STEPS, encoder::previewOnceBusy), previews).run(job);
      assertEquals(List.of(), events.all(), "everything waits behind step 1's preview");
      encoder.release();
      events.awaitEnd();
    }
    List<JobEvent> all = events.all();
    assertEquals(stepsThen("result", "done"), names(all));
    assertStepsInOrder(all);
    List<String> previews = new ArrayList<>();
    for (int k = 0; k < STEPS; k++) {
      previews.add((String) all.get(k).data().get("preview"));
    }
    List<String> want = new ArrayList<>(Collections.nCopies(STEPS, (String) null));
    want.set(0, "data:step-1");
    want.set(STEPS - 1, "data:step-" + STEPS);
    assertEquals(want, previews);
    assertEquals(List.of(1, STEPS), encoder.encoded(), "only steps 1 and 10 were encoded");
    assertEquals(2, metrics.previews().get("encoded"));
    assertEquals(STEPS - 2, metrics.previews().get("dropped"));
  }

  @Test
  void aFailedOrCancelledJobEndsAfterThePreviewsBeforeIt() throws Exception {
    for (String end : List.of("failed", "cancelled")) {
      BlockingEncoder encoder = new BlockingEncoder();
      Job job = FakeEngines.job(end.equals("failed") ? 5 : 6, true);
      Recorder events = Recorder.of(job);
      Editor stepping = FakeEngines.stepping(3, encoder::previewOnceBusy);
      Editor ending = (image, selection, request, progress, cancelled) -> {
        if (end.equals("cancelled")) {
          job.requestCancel();
        }
        stepping.edit(image, selection, request, progress, cancelled);
        throw new IllegalArgumentException("the edit broke after its steps");
      };
      try (PreviewEncoder previews = new PreviewEncoder(1, encoder, metrics.previews())) {
        runner(ending, previews).run(job);
        encoder.release();
        events.awaitEnd();
      }
      List<JobEvent> all = events.all();
      assertEquals(end.equals("failed") ? List.of("step", "step", "step", "failed")
          : List.of("step", "cancelled"), names(all), end);
      assertEquals("data:step-1", all.get(0).data().get("preview"), end);
      if (end.equals("failed")) {
        assertEquals("data:step-3", all.get(2).data().get("preview"));
      }
    }
  }

  @Test
  void withoutPreviewsEveryEventIsOutWhenTheRunReturns() {
    BlockingEncoder encoder = new BlockingEncoder();
    Job job = FakeEngines.job(3, false);
    Recorder events = Recorder.of(job);
    try (PreviewEncoder previews = new PreviewEncoder(1, encoder, metrics.previews())) {
      runner(FakeEngines.stepping(STEPS, FakeEngines::marked), previews).run(job);
      assertEquals(stepsThen("result", "done"), names(events.all()));
      assertStepsInOrder(events.all());
      assertTrue(events.all().stream().noneMatch(e -> e.data().containsKey("preview")));
      assertEquals(List.of(), encoder.encoded());
    }
  }

  @Test
  void afterTheEncoderIsClosedStepsGoOutWithoutPreviews() {
    PreviewEncoder previews = new PreviewEncoder(1, JobRunnerPreviewsTest::uri,
        metrics.previews());
    previews.close();
    Job job = FakeEngines.job(4, true);
    Recorder events = Recorder.of(job);
    runner(FakeEngines.stepping(STEPS, FakeEngines::marked), previews).run(job);
    assertEquals(stepsThen("result", "done"), names(events.all()));
    assertTrue(events.all().stream().noneMatch(e -> e.data().containsKey("preview")));
    assertEquals(STEPS, metrics.previews().get("dropped"));
  }

  private JobRunner runner(Editor editor, PreviewEncoder previews) {
    return FakeEngines.runner(FakeEngines.ready(BackendKind.ORT_CPU, editor),
        dir.resolve("results"), previews, metrics);
  }

  /** The fake encoder's data URI: which step's image it was. */
  private static String uri(RgbImage image) {
    return "data:step-" + image.rgb()[0];
  }

  private static List<String> stepsThen(String... rest) {
    List<String> names = new ArrayList<>(Collections.nCopies(STEPS, "step"));
    names.addAll(List.of(rest));
    return names;
  }

  private static List<String> names(List<JobEvent> events) {
    return events.stream().map(JobEvent::name).toList();
  }

  private static void assertStepsInOrder(List<JobEvent> events) {
    long id = 0;
    int step = 0;
    for (JobEvent e : events) {
      assertTrue(e.id() > id, "event ids increase: " + events);
      id = e.id();
      if (e.name().equals("step")) {
        assertEquals(++step, e.data().get("step"), "steps in order");
      }
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A job's events as a subscriber gets them. */
  private static final class Recorder implements JobEventSink {
    private final List<JobEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch ended = new CountDownLatch(1);

    static Recorder of(Job job) {
      Recorder r = new Recorder();
      assertEquals(List.of("queued"), names(job.subscribe(r)));
      return r;
    }

    @Override
    public void accept(JobEvent event) {
      events.add(event);
      if (event.terminal()) {
        ended.countDown();
      }
    }

    void awaitEnd() throws InterruptedException {
      assertTrue(ended.await(20, TimeUnit.SECONDS), "no terminal event: " + all());
    }

    List<JobEvent> all() {
      synchronized (events) {
        return List.copyOf(events);
      }
    }
  }

  /**
   * An encoder that holds its first encode until released, recording which step each encode
   * was for; its previews make step 2 wait until the encoder has started on step 1.
   */
  private static final class BlockingEncoder implements Function<RgbImage, String> {
    private final CountDownLatch busy = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final List<Integer> encoded = Collections.synchronizedList(new ArrayList<>());

    @Override
    public String apply(RgbImage image) {
      encoded.add((int) image.rgb()[0]);
      busy.countDown();
      try {
        released.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return uri(image);
    }

    RgbImage previewOnceBusy(int step) {
      if (step == 2) {
        try {
          assertTrue(busy.await(20, TimeUnit.SECONDS), "the encoder never started step 1");
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }
      return FakeEngines.marked(step);
    }

    void release() {
      released.countDown();
    }

    List<Integer> encoded() {
      synchronized (encoded) {
        return List.copyOf(encoded);
      }
    }
  }
}
