package org.segfill.server.jobs;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.segfill.engine.edit.EditResult;
import org.segfill.engine.edit.EditVariant;
import org.segfill.engine.mask.Mask;
import org.segfill.engine.sdxl.ProgressListener;
import org.segfill.engine.sdxl.StepProgress;
import org.segfill.server.engine.EngineSet;
import org.segfill.server.engine.Readiness;
import org.segfill.server.http.Problem;
import org.segfill.server.http.ProblemMapper;
import org.segfill.server.metrics.Metrics;
import org.segfill.server.store.JobManifest;
import org.segfill.server.store.ResultStore;

/**
 * Runs one job on a queue worker: the edit (with progress, previews, cancellation and, on the
 * CPU backend, the clicks' {@link StepGate} between steps), then each variant written to the
 * results directory before it is announced, then the manifest. A failed or cancelled job leaves
 * nothing on disk. The selection's native mask lives exactly as long as the edit.
 *
 * <p>Every event of a run goes out through the job's {@link JobOutbox}: step previews are
 * encoded on the {@link PreviewEncoder}'s threads while the worker goes on, and the events keep
 * their order (see {@link JobOutbox} for the rule).
 */
public final class JobRunner {

  private final Readiness readiness;
  private final ResultStore results;
  private final Metrics metrics;
  private final ProblemMapper problems = new ProblemMapper();
  private final PreviewEncoder previews;
  private final StepGate clicks;

  /**
   * A runner using the engines of {@code readiness}, writing to {@code results}, encoding step
   * previews on {@code previews}, passing {@code clicks} between denoising steps when the
   * engines run on the CPU ({@link StepGate#forBackend}).
   */
  public JobRunner(Readiness readiness, ResultStore results, Metrics metrics,
      PreviewEncoder previews, StepGate clicks) {
    this.readiness = readiness;
    this.results = results;
    this.metrics = metrics;
    this.previews = previews;
    this.clicks = clicks;
  }

  /** Runs {@code job} to a terminal state; never throws. */
  public void run(Job job) {
    metrics.stageSeconds().observe(
        Duration.between(job.created(), Instant.now()).toNanos() / 1e9, "job_queue_wait");
    if (!job.start()) {
      job.cancelled();
      metrics.jobs().inc("cancelled");
      return;
    }
    long start = System.nanoTime();
    JobSpec spec = job.spec();
    JobOutbox events = previews.outbox(job);
    try (Mask selection = Mask.of(spec.maskWidth(), spec.maskHeight(), spec.maskPixels())) {
      EngineSet engines = readiness.require();
      StepGate gate = StepGate.forBackend(engines.backend().kind(), clicks);
      EditResult edit = engines.editor().edit(spec.image(), selection, spec.request(),
          listener(events, spec.previews(), gate), job::cancelRequested);
      List<JobManifest.Result> written = new ArrayList<>();
      for (int k = 0; k < edit.variants().size(); k++) {
        EditVariant v = edit.variants().get(k);
        results.writeResult(job.id(), k, v.image(), v.recipe());
        Long seed = v.seed() >= 0 ? v.seed() : null;
        written.add(new JobManifest.Result(k, seed, v.recipe()));
        JobResult announced = new JobResult(k, seed, v.recipe(), JobResult.url(job.id(), k));
        events.then(() -> job.result(announced));
      }
      results.complete(new JobManifest(job.id(), job.created().toString(),
          Instant.now().toString(), written, edit.timingsMs(), edit.warnings()));
      edit.timingsMs().forEach((stage, ms) ->
          metrics.stageSeconds().observe(ms / 1000.0, "edit_" + stage));
      events.then(() -> job.succeed(edit.timingsMs(), edit.warnings()));
      metrics.jobs().inc("succeeded");
    } catch (CancellationException e) {
      results.delete(job.id());
      events.then(job::cancelled);
      metrics.jobs().inc("cancelled");
    } catch (IOException | RuntimeException e) {
      failed(job, events, e);
    } catch (Error e) {
      // The job must still end (its subscribers wait for a terminal event); the error goes on.
      failed(job, events, new IllegalStateException(e.toString(), e));
      throw e;
    } finally {
      metrics.stageSeconds().observe((System.nanoTime() - start) / 1e9, "job_run");
    }
  }

  private static ProgressListener listener(JobOutbox events, boolean wantsPreview,
      StepGate gate) {
    return new ProgressListener() {
      @Override
      public void onStep(StepProgress p) {
        // Handed over, not encoded here: the worker goes straight on to the next step.
        events.step(p.step(), p.steps(), wantsPreview ? p.preview() : null);
        try {
          gate.awaitTurn();
        } catch (InterruptedException e) {
          // The worker is being stopped; the job goes on to its cancel check.
          Thread.currentThread().interrupt();
        }
      }

      @Override
      public boolean wantsPreview() {
        return wantsPreview;
      }
    };
  }

  private void failed(Job job, JobOutbox events, Exception e) {
    results.delete(job.id());
    Map<String, Object> problem = Problem.of(problems.toApiException(e)).toJson();
    events.then(() -> job.fail(problem));
    readiness.observe(e);
    metrics.jobs().inc("failed");
  }
}
