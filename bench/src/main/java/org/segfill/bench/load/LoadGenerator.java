package org.segfill.bench.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.segfill.engine.image.PngEncoder;
import org.segfill.models.testbundle.TwoShapesScene;

/**
 * The server load benchmark: closed-loop clients click a photo over HTTP while generation jobs
 * run, and the clients' latencies give p50 and p99 per point. Before the clicks of each
 * generation count, a point with no clicks measures generation throughput alone.
 *
 * <pre>{@code
 * LoadReport r = new LoadGenerator(url, null, LoadSettings.quick()).run(url);
 * }</pre>
 */
public final class LoadGenerator {

  /** The clicked photo: SAM's usual 1024-long-side case. */
  static final TwoShapesScene SCENE = TwoShapesScene.landscape().scaledTo(1024, 768);

  private final ServerClient client;
  private final LoadSettings settings;

  /** A generator against the server at {@code url}, with a bearer {@code token} or null. */
  public LoadGenerator(String url, String token, LoadSettings settings) {
    this.client = new ServerClient(url, token);
    this.settings = settings;
  }

  /** Runs every point; {@code description} names the server in the report. */
  public LoadReport run(String description) throws InterruptedException {
    String image = client.uploadImage(PngEncoder.encode(SCENE.image()));
    String mask = client.uploadMask(image,
        PngEncoder.encodeGray(SCENE.width(), SCENE.height(), SCENE.ellipseMask()));
    double[] xy = SCENE.ellipseClick();
    String click = String.format(Locale.ROOT, "{\"points\":[{\"x\":%.1f,\"y\":%.1f}]}",
        xy[0], xy[1]);
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("image", image);
    job.put("mask", mask);
    job.put("steps", settings.generationSteps());
    job.put("count", 1);
    job.put("seed", 7);
    job.put("previews", false);

    List<LoadPoint> points = new ArrayList<>();
    for (int generations : settings.generations()) {
      try (Generations running = Generations.start(client, job, generations)) {
        if (generations > 0) {
          points.add(measure(0, generations, running, image, click));
        }
        for (int clients : settings.clients()) {
          points.add(measure(clients, generations, running, image, click));
        }
      }
    }
    return new LoadReport(description, SCENE.width() + "x" + SCENE.height(), settings.seconds(),
        points);
  }

  private LoadPoint measure(int clients, int generations, Generations running, String image,
      String click) throws InterruptedException {
    long measureFrom = System.nanoTime() + (long) (settings.warmupSeconds() * 1e9);
    long windowNanos = (long) (settings.seconds() * 1e9);
    long measureTo = measureFrom + windowNanos;
    AtomicLong errors = new AtomicLong();
    List<Clicker> clickers = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      Clicker clicker = new Clicker(image, click, measureFrom, measureTo, errors);
      clickers.add(clicker);
      Thread t = new Thread(clicker, "click-" + c);
      threads.add(t);
      t.start();
    }
    sleepUntil(measureFrom);
    long finishedBefore = running.finished();
    long failedBefore = running.failed();
    sleepUntil(measureTo);
    long finishedAfter = running.finished();
    long failed = running.failed() - failedBefore;
    if (failed > 0) {
      System.err.println("segfill bench: " + failed + " generation job(s) failed; the first: "
          + running.firstFailure());
    }
    for (Thread t : threads) {
      t.join();
    }
    double[] all = clickers.stream().flatMapToDouble(k -> Arrays.stream(k.latencies))
        .toArray();
    double seconds = windowNanos / 1e9;
    double perMinute = generations > 0 ? (finishedAfter - finishedBefore) / seconds * 60 : 0;
    if (all.length == 0) {
      return new LoadPoint(clients, generations, 0, errors.get(), 0, 0, 0, perMinute, failed);
    }
    Percentiles p = new Percentiles(all);
    return new LoadPoint(clients, generations, all.length, errors.get(), p.at(50), p.at(99),
        all.length / seconds, perMinute, failed);
  }

  /**
   * One closed-loop client: clicks back to back until {@code to}, keeping the latencies (ms) of
   * the clicks begun at or after {@code from} that were answered 200.
   */
  private final class Clicker implements Runnable {
    private final String image;
    private final String click;
    private final long from;
    private final long to;
    private final AtomicLong errors;
    private double[] latencies = new double[0];

    Clicker(String image, String click, long from, long to, AtomicLong errors) {
      this.image = image;
      this.click = click;
      this.from = from;
      this.to = to;
      this.errors = errors;
    }

    @Override
    public void run() {
      double[] ms = new double[1024];
      int n = 0;
      long now = System.nanoTime();
      while (now < to) {
        long t0 = now;
        int status;
        try {
          status = client.segment(image, click);
        } catch (IOException e) {
          status = -1;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
        now = System.nanoTime();
        if (t0 < from) {
          continue;
        }
        if (status != 200) {
          errors.incrementAndGet();
          continue;
        }
        if (n == ms.length) {
          ms = Arrays.copyOf(ms, 2 * n);
        }
        ms[n++] = (now - t0) / 1e6;
      }
      latencies = Arrays.copyOf(ms, n);
    }
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      Thread.sleep(Math.max(1, left / 1_000_000));
    }
  }
}
