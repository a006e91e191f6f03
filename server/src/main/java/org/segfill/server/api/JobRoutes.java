package org.segfill.server.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.segfill.engine.edit.EditRequest;
import org.segfill.engine.inpaint.Target;
import org.segfill.server.ServerLimits;
import org.segfill.server.engine.EngineSet;
import org.segfill.server.engine.Readiness;
import org.segfill.server.http.ApiException;
import org.segfill.server.http.JsonBodies;
import org.segfill.server.http.Responses;
import org.segfill.server.http.Route;
import org.segfill.server.jobs.Job;
import org.segfill.server.jobs.JobQueue;
import org.segfill.server.jobs.JobRegistry;
import org.segfill.server.jobs.JobResult;
import org.segfill.server.jobs.JobSpec;
import org.segfill.server.jobs.JobState;
import org.segfill.server.store.ImageStore;
import org.segfill.server.store.JobManifest;
import org.segfill.server.store.MaskStore;
import org.segfill.server.store.ResultStore;
import org.segfill.server.store.StoredImage;
import org.segfill.server.store.StoredMask;

/**
 * Generation jobs: create ({@code 202}), list, get, cancel, and fetch results. Jobs live in
 * memory for the retention period; completed ones are also answered from the results directory,
 * which survives restarts.
 */
public final class JobRoutes {

  /** Most jobs {@code GET /v1/jobs} lists. */
  static final int MAX_LISTED = 200;

  private final JobRegistry jobs;
  private final JobQueue queue;
  private final ResultStore results;
  private final ImageStore images;
  private final MaskStore masks;
  private final Readiness readiness;
  private final ServerLimits limits;
  private final JobRequests requests = new JobRequests();

  /** Routes over the job registry, queue and results directory. */
  public JobRoutes(JobRegistry jobs, JobQueue queue, ResultStore results, ImageStore images,
      MaskStore masks, Readiness readiness, ServerLimits limits) {
    this.jobs = jobs;
    this.queue = queue;
    this.results = results;
    this.images = images;
    this.masks = masks;
    this.readiness = readiness;
    this.limits = limits;
  }

  /** The routes of this group. */
  public List<Route> routes() {
    return List.of(Route.post("/v1/jobs", this::create),
        Route.get("/v1/jobs", this::list),
        Route.get("/v1/jobs/{id}", this::get),
        Route.delete("/v1/jobs/{id}", this::cancel),
        Route.get("/v1/jobs/{id}/results/{k}.png", this::result));
  }

  private void create(Context ctx) {
    EngineSet engines = readiness.require();
    JobBody body = JsonBodies.read(ctx, limits.maxJsonBytes(), JobBody.class);
    if (body.image() == null) {
      throw ApiException.malformed("image", "image: missing; the id of an uploaded image");
    }
    if (body.mask() == null) {
      throw ApiException.malformed("mask", "mask: missing; the id of a mask of that image");
    }
    StoredImage image = images.require(body.image(), "image");
    StoredMask mask = masks.require(body.mask(), "mask");
    if (mask.width() != image.width() || mask.height() != image.height()) {
      throw ApiException.outOfRange("mask", "mask: it is " + mask.width() + "x" + mask.height()
          + " but the image is " + image.width() + "x" + image.height()
          + "; the mask must have the image's size", image.width() + "x" + image.height());
    }
    EditRequest request = requests.parse(body, images);
    checkServable(request, mask, engines);
    JobSpec spec = new JobSpec(image.image(), mask.width(), mask.height(), mask.pixels(),
        request, body.previews() == null || body.previews(),
        JobRequests.summary(body, request));
    Job job = jobs.create(spec);
    try {
      queue.submit(job);
    } catch (ApiException e) {
      jobs.remove(job.id());
      throw e;
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", job.id());
    json.put("state", job.state().id());
    json.put("url", "/v1/jobs/" + job.id());
    json.put("events", "/v1/jobs/" + job.id() + "/events");
    json.put("request", spec.summary());
    ctx.header("Location", "/v1/jobs/" + job.id());
    Responses.json(ctx, 202, json);
  }

  // What the engine would refuse only after queueing is refused now, with the field named.
  private static void checkServable(EditRequest request, StoredMask mask, EngineSet engines) {
    Target target = request.generation().target();
    if (target == Target.SUBJECT && request.background() == null && !engines.hasSdxl()) {
      throw ApiException.outOfRange("target", "target: generating a subject from a prompt needs"
          + " the SDXL bundle (--sdxl); without it give a background (colour, blur or image)"
          + " to composite", null);
    }
    long pixels = (long) mask.width() * mask.height();
    if (target != Target.BACKGROUND && mask.area() == 0) {
      throw ApiException.outOfRange("mask", "mask: selects nothing; target=" + target.id()
          + " repaints the selection", null);
    }
    if (target == Target.BACKGROUND && mask.area() == pixels) {
      throw ApiException.outOfRange("mask", "mask: selects the whole image, so there is no"
          + " background to replace", null);
    }
  }

  private void list(Context ctx) {
    List<Map<String, Object>> out = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Job job : jobs.all()) {
      seen.add(job.id());
      Map<String, Object> j = new LinkedHashMap<>();
      Map<String, Object> full = job.toJson();
      j.put("id", job.id());
      j.put("state", full.get("state"));
      j.put("created", full.get("created"));
      j.put("finished", full.get("finished"));
      j.put("results", job.results().size());
      out.add(j);
    }
    for (JobManifest m : results.manifests()) {
      if (seen.add(m.id())) {
        out.add(summary(m));
      }
    }
    Responses.json(ctx, 200, Map.of("jobs", out.subList(0, Math.min(out.size(), MAX_LISTED))));
  }

  private void get(Context ctx) {
    String id = ctx.pathParam("id");
    Optional<Job> job = jobs.get(id);
    if (job.isPresent()) {
      Responses.json(ctx, 200, job.get().toJson());
      return;
    }
    JobManifest m = manifest(id);
    Responses.json(ctx, 200, fromManifest(m));
  }

  private void cancel(Context ctx) {
    String id = ctx.pathParam("id");
    Optional<Job> found = jobs.get(id);
    if (found.isEmpty()) {
      manifest(id);
      throw ApiException.conflict("job-finished", "id", "id: job " + id + " has finished;"
          + " there is nothing to cancel");
    }
    Job job = found.get();
    if (job.state().terminal()) {
      throw ApiException.conflict("job-finished", "id", "id: job " + id + " has already "
          + job.state().id());
    }
    boolean ended = queue.cancel(job);
    Map<String, Object> json = job.toJson();
    // A running job stops at its next denoising step; the events stream says when.
    Responses.json(ctx, ended ? 200 : 202, json);
  }

  private void result(Context ctx) throws IOException {
    String id = ctx.pathParam("id");
    int k = index(ctx.pathParam("k"));
    Optional<Job> found = jobs.get(id);
    if (found.isPresent()) {
      Job job = found.get();
      List<JobResult> ready = job.results();
      if (k < ready.size()) {
        png(ctx, id, k);
        return;
      }
      JobState state = job.state();
      if (state == JobState.SUCCEEDED || k >= job.count()) {
        throw ApiException.notFound("k", "k: job " + id + " has no result " + k);
      }
      throw ApiException.conflict("result-not-ready", "k", "k: result " + k + " of job " + id
          + " is not ready; the job is " + state.id());
    }
    JobManifest m = manifest(id);
    if (k >= m.results().size()) {
      throw ApiException.notFound("k", "k: job " + id + " has no result " + k);
    }
    png(ctx, id, k);
  }

  private void png(Context ctx, String id, int k) throws IOException {
    ctx.header("Cache-Control", "private, max-age=31536000, immutable");
    Responses.png(ctx, results.readPng(id, k));
  }

  private static int index(String text) {
    if (text == null || !text.matches("\\d{1,3}")) {
      throw ApiException.notFound("k", "k: '" + text + "' is not a result index");
    }
    return Integer.parseInt(text);
  }

  private JobManifest manifest(String id) {
    return results.manifest(id).orElseThrow(() -> ApiException.notFound("id", "id: no job '"
        + id + "' (unknown, or expired from memory without results on disk)"));
  }

  private static Map<String, Object> summary(JobManifest m) {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("id", m.id());
    j.put("state", JobState.SUCCEEDED.id());
    j.put("created", m.created());
    j.put("finished", m.finished());
    j.put("results", m.results().size());
    return j;
  }

  /** The API form of a completed job known only from the results directory. */
  static Map<String, Object> fromManifest(JobManifest m) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", m.id());
    json.put("state", JobState.SUCCEEDED.id());
    json.put("created", m.created());
    json.put("finished", m.finished());
    List<Map<String, Object>> list = new ArrayList<>();
    for (JobManifest.Result r : m.results()) {
      list.add(new JobResult(r.index(), r.seed(), r.recipe(), JobResult.url(m.id(), r.index()))
          .toJson());
    }
    json.put("results", list);
    json.put("timings", m.timings());
    json.put("warnings", m.warnings());
    json.put("events", "/v1/jobs/" + m.id() + "/events");
    return json;
  }
}
