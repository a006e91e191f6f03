package org.segfill.server.jobs;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 */
public final class JobRunner {

  private final Readiness readiness;
  private final ResultStore results;
  private final Metrics metrics;
  private final ProblemMapper problems = new ProblemMapper();
  private final Previews previews = new Previews();
  private final StepGate clicks;

  /**
   * A runner using the engines of {@code readiness}, writing to {@code results}, passing
   * {@code clicks} between denoising steps when the engines run on the CPU
   * ({@link StepGate#forBackend}).
   */
  public JobRunner(Readiness readiness, ResultStore results, Metrics metrics, StepGate clicks) {
    this.readiness = readiness;
    this.results = results;
    this.metrics = metrics;
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
    try (Mask selection = Mask.of(spec.maskWidth(), spec.maskHeight(), spec.maskPixels())) {
      EngineSet engines = readiness.require();
      StepGate gate = StepGate.forBackend(engines.backend().kind(), clicks);
      EditResult edit = engines.editor().edit(spec.image(), selection, spec.request(),
          listener(job, gate), job::cancelRequested);
      List<JobManifest.Result> written = new ArrayList<>();
      for (int k = 0; k < edit.variants().size(); k++) {
        EditVariant v = edit.variants().get(k);
        results.writeResult(job.id(), k, v.image(), v.recipe());
        Long seed = v.seed() >= 0 ? v.seed() : null;
        written.add(new JobManifest.Result(k, seed, v.recipe()));
        job.result(new JobResult(k, seed, v.recipe(), JobResult.url(job.id(), k)));
      }
      results.complete(new JobManifest(job.id(), job.created().toString(),
          Instant.now().toString(), written, edit.timingsMs(), edit.warnings()));
      edit.timingsMs().forEach((stage, ms) ->
          metrics.stageSeconds().observe(ms / 1000.0, "edit_" + stage));
      job.succeed(edit.timingsMs(), edit.warnings());
      metrics.jobs().inc("succeeded");
    } catch (CancellationException e) {
      results.delete(job.id());
      job.cancelled();
      metrics.jobs().inc("cancelled");
    } catch (IOException | RuntimeException e) {
      failed(job, e);
    } catch (Error e) {
      // The job must still end (its subscribers wait for a terminal event); the error goes on.
      failed(job, new IllegalStateException(e.toString(), e));
      throw e;
    } finally {
      metrics.stageSeconds().observe((System.nanoTime() - start) / 1e9, "job_run");
    }
  }

  private ProgressListener listener(Job job, StepGate gate) {
    boolean wantsPreview = job.spec().previews();
    return new ProgressListener() {
      @Override
      public void onStep(StepProgress p) {
        String preview = wantsPreview && p.preview() != null ? previews.dataUri(p.preview())
            : null;
        job.step(p.step(), p.steps(), preview);
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

  private void failed(Job job, Exception e) {
    results.delete(job.id());
    job.fail(Problem.of(problems.toApiException(e)).toJson());
    readiness.observe(e);
    metrics.jobs().inc("failed");
  }
}
