package org.segfill.server;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.segfill.engine.image.ImageDecoder;
import org.segfill.engine.image.ImageLimits;
import org.segfill.engine.sam.EmbeddingCache;
import org.segfill.server.api.ImageRoutes;
import org.segfill.server.api.JobEventsRoute;
import org.segfill.server.api.JobRoutes;
import org.segfill.server.api.MaskRoutes;
import org.segfill.server.api.SegmentRoutes;
import org.segfill.server.api.SystemRoutes;
import org.segfill.server.engine.EngineLoader;
import org.segfill.server.engine.EngineSet;
import org.segfill.server.engine.Readiness;
import org.segfill.server.engine.SamSegmentation;
import org.segfill.server.engine.SegmentLane;
import org.segfill.server.http.HostAllowlist;
import org.segfill.server.http.ProblemMapper;
import org.segfill.server.http.RequestGuard;
import org.segfill.server.http.Responses;
import org.segfill.server.http.Route;
import org.segfill.server.http.RouteTable;
import org.segfill.server.jobs.JobQueue;
import org.segfill.server.jobs.JobRegistry;
import org.segfill.server.jobs.JobRunner;
import org.segfill.server.jobs.PreviewEncoder;
import org.segfill.server.metrics.Metrics;
import org.segfill.server.store.ContentCache;
import org.segfill.server.store.ImageStore;
import org.segfill.server.store.MaskStore;
import org.segfill.server.store.ResultStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running {@code segfill serve}: the HTTP server and everything behind it, all owned by this
 * instance (no static state, so tests run several side by side).
 *
 * <pre>{@code
 * try (SegfillServer server = SegfillServer.start(ServerConfig.defaults(Path.of("results")))) {
 *   server.awaitEngines(Duration.ofMinutes(5));
 *   // http://127.0.0.1:7070/
 * }
 * }</pre>
 *
 * <p>The server listens at once ({@code /health/live} answers), then loads and warms up the
 * engines on a background thread; {@code /health/ready} and the engine routes answer 503 until
 * they are ready. {@link #close()} shuts down gracefully: new work gets 503, queued jobs are
 * cancelled, running jobs get the grace period to finish and are then cancelled, which takes
 * effect within one denoising step.
 */
public final class SegfillServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SegfillServer.class);

  private final ServerConfig config;
  private final Metrics metrics = new Metrics();
  private final Readiness readiness = new Readiness();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final ResultStore results;
  private final ContentCache cache;
  private final SegmentLane lane;
  private final JobRegistry jobs = new JobRegistry();
  private final PreviewEncoder previews;
  private final JobQueue queue;
  private final JobEventsRoute events;
  private final RouteTable routes = new RouteTable();
  private final ScheduledExecutorService housekeeping;
  private final Javalin app;

  private SegfillServer(ServerConfig config) {
    this.config = config;
    ServerLimits limits = config.limits();
    results = new ResultStore(config.results());
    int recovered = results.recover();
    if (recovered > 0) {
      LOG.info("results: {} completed jobs found in {}", recovered, results.root());
    }
    cache = new ContentCache(limits.cacheBytes());
    ImageDecoder decoder = new ImageDecoder(new ImageLimits(limits.maxUploadBytes(),
        limits.maxPixels(), limits.maxSide()));
    ImageStore images = new ImageStore(cache, decoder);
    MaskStore masks = new MaskStore(cache);
    lane = new SegmentLane(limits.segmentThreads(), limits.segmentQueueLength());
    previews = PreviewEncoder.forJobs(limits.concurrentJobs(), metrics.previews());
    queue = new JobQueue(limits.concurrentJobs(), limits.queueLength(),
        new JobRunner(readiness, results, metrics, previews, lane::yieldToClicks), metrics);
    events = new JobEventsRoute(jobs, results, limits.maxEventStreams(), stopping::get);
    routes.add(new ImageRoutes(images, readiness, lane, limits).routes())
        .add(new SegmentRoutes(images, masks, readiness, lane, limits, metrics).routes())
        .add(new MaskRoutes(images, masks, decoder, limits).routes())
        .add(new JobRoutes(jobs, queue, results, images, masks, readiness, limits).routes())
        .add(events.routes())
        .add(new SystemRoutes(readiness, metrics, draining::get, config).routes());
    registerGauges();
    housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "segfill-housekeeping");
      t.setDaemon(true);
      return t;
    });
    app = Javalin.create(this::configure);
  }

  /**
   * Starts a server for {@code config}: listens, then loads the engines in the background.
   *
   * @throws IllegalArgumentException for an unusable results directory or bundle folder
   */
  public static SegfillServer start(ServerConfig config) {
    return start(config, EngineLoader::load);
  }

  /** Starts a server whose engines come from {@code engines} (run on a background thread). */
  public static SegfillServer start(ServerConfig config,
      Function<ServerConfig, EngineSet> engines) {
    EngineLoader.checkBundles(config);
    SegfillServer server = new SegfillServer(config);
    server.app.start();
    server.loadInBackground(engines);
    server.scheduleHousekeeping();
    return server;
  }

  /** The port the server listens on (useful with port 0). */
  public int port() {
    return app.port();
  }

  /** The configuration it runs with. */
  public ServerConfig config() {
    return config;
  }

  /** Every route the server registers, in one table (the OpenAPI test compares against it). */
  public List<Route> routes() {
    return routes.routes();
  }

  /** The metrics registry, for embedding and tests. */
  public Metrics metrics() {
    return metrics;
  }

  /**
   * Waits until the engines are ready or failed, at most {@code timeout}; returns the state.
   */
  public Readiness.State awaitEngines(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (readiness.state() == Readiness.State.LOADING && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return readiness.state();
  }

  /** Why the engines failed to load, if they did. */
  public java.util.Optional<String> engineFailure() {
    return readiness.failure();
  }

  /**
   * Runs {@code action} once if a sticky CUDA error is seen (reliability.md A6): by then
   * {@code /health/live} answers 503 and the process should exit for its supervisor.
   */
  public void onDeviceLost(Runnable action) {
    readiness.onDeviceLost(action);
  }

  /** What {@code /v1/engines} says, once ready. */
  public java.util.Optional<Map<String, Object>> engines() {
    return readiness.engines().map(EngineSet::describe);
  }

  private void configure(JavalinConfig cfg) {
    ServerLimits limits = config.limits();
    cfg.startup.showJavalinBanner = false;
    cfg.startup.showOldJavalinVersionWarning = false;
    cfg.startup.startupWatcherEnabled = false;
    cfg.jetty.host = config.bind();
    cfg.jetty.port = config.port();
    // Every route reads bodies through BoundedBody; these caps guard any other path.
    cfg.http.maxRequestSize = limits.maxJsonBytes();
    cfg.jetty.multipartConfig.maxTotalRequestSize(
        limits.maxUploadBytes() + ServerLimits.MULTIPART_OVERHEAD_BYTES, SizeUnit.BYTES);
    cfg.jetty.multipartConfig.maxFileSize(limits.maxUploadBytes(), SizeUnit.BYTES);
    cfg.jetty.modifyServer(server -> server.setStopTimeout(5_000));
    cfg.staticFiles.add(files -> {
      files.hostedPath = "/";
      files.directory = "/public";
      files.location = Location.CLASSPATH;
      files.headers = Map.of("Cache-Control", "no-cache");
    });
    cfg.routes.before(new RequestGuard(HostAllowlist.of(config.bind(), config.allowedHosts()),
        config.token(), draining::get));
    routes.register(cfg.routes);
    ProblemMapper problems = new ProblemMapper();
    cfg.routes.exception(Exception.class, (e, ctx) -> {
      problems.write(ctx, e);
      readiness.observe(e);
    });
    cfg.routes.exception(HttpResponseException.class, (e, ctx) -> problems.write(ctx, e));
    cfg.requestLogger.http(this::record);
  }

  private void record(Context ctx, Float ms) {
    String route = ctx.attribute(RouteTable.ROUTE_ATTRIBUTE);
    if (route == null) {
      route = ctx.statusCode() < 400 ? "static" : "unmatched";
    }
    String method = ctx.req().getMethod();
    metrics.requests().inc(method, route, Integer.toString(ctx.statusCode()));
    metrics.requestSeconds().observe(ms / 1000.0, method, route);
  }

  private void registerGauges() {
    metrics.gauge("segfill_jobs_queued", "Generation jobs waiting for a worker.",
        queue::waiting);
    metrics.gauge("segfill_jobs_running", "Generation jobs running.", queue::running);
    metrics.gauge("segfill_segment_queue", "Segmentation tasks waiting for a lane thread.",
        lane::waiting);
    metrics.gauge("segfill_cache_bytes", "Bytes held by the image and mask cache.",
        cache::bytes);
    metrics.gauge("segfill_cache_entries", "Images and masks in the cache.", cache::size);
    metrics.gauge("segfill_event_streams", "Open server-sent event streams.",
        events::openStreams);
    metrics.gauge("segfill_ready", "1 when the engines are loaded and warmed up.",
        () -> readiness.engines().isPresent() ? 1 : 0);
    metrics.gauge("segfill_embedding_cache_bytes", "Bytes held by the SAM embedding cache.",
        () -> embeddingStats().map(EmbeddingCache.Stats::bytes).orElse(0L));
    metrics.gauge("segfill_embedding_cache_entries", "Images in the SAM embedding cache.",
        () -> embeddingStats().map(EmbeddingCache.Stats::entries).orElse(0));
  }

  private java.util.Optional<EmbeddingCache.Stats> embeddingStats() {
    return readiness.engines().map(EngineSet::segmentation)
        .filter(SamSegmentation.class::isInstance).map(SamSegmentation.class::cast)
        .map(SamSegmentation::cacheStats);
  }

  private void loadInBackground(Function<ServerConfig, EngineSet> engines) {
    Thread loader = new Thread(() -> {
      try {
        EngineSet set = engines.apply(config);
        if (closed.get()) {
          set.close();
        } else {
          readiness.ready(set);
          LOG.info("engines ready: {}", new String(Responses.json(set.describe()),
              java.nio.charset.StandardCharsets.UTF_8));
        }
      } catch (RuntimeException | Error e) {
        LOG.error("the engines failed to load", e);
        readiness.failed(e.getMessage() == null ? e.toString() : e.getMessage());
      }
    }, "segfill-engine-loader");
    loader.setDaemon(true);
    loader.start();
  }

  private void scheduleHousekeeping() {
    ServerLimits limits = config.limits();
    long period = Math.max(1, Math.min(10, limits.jobRetentionSeconds()));
    housekeeping.scheduleWithFixedDelay(() -> {
      try {
        Instant now = Instant.now();
        jobs.expire(now.minusSeconds(limits.jobRetentionSeconds()));
        if (limits.resultRetentionSeconds() > 0) {
          results.deleteFinishedBefore(now.minusSeconds(limits.resultRetentionSeconds()));
        }
      } catch (RuntimeException e) {
        LOG.warn("housekeeping failed", e);
      }
    }, period, period, TimeUnit.SECONDS);
  }

  /** Shuts down gracefully (see the class comment); idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    draining.set(true);
    queue.shutdown(Duration.ofSeconds(config.limits().shutdownGraceSeconds()));
    // After the jobs, before the event streams: the ended jobs' last events go out first.
    previews.close();
    housekeeping.shutdownNow();
    stopping.set(true);
    lane.close();
    app.stop();
    readiness.engines().ifPresent(EngineSet::close);
  }
}
