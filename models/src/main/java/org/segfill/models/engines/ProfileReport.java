package org.segfill.models.engines;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.segfill.engine.backend.tensorrt.InputShapes;
import org.segfill.engine.sdxl.SdxlBuckets;

/**
 * {@code segfill build-engines --print-profiles}: what would be built for a bundle, without a GPU
 * and without building, one JSON line per graph: its source and plan file, the typing and
 * precision {@link PlanPrecision} decides from the ONNX file, and every optimisation profile
 * (per input: min, opt, max) with the most it admits (batch; for SDXL image graphs the largest
 * image, its pixel and latent areas, that area over the largest bucket's, and how many buckets
 * fit).
 */
public final class ProfileReport {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ProfileReport() {}

  /**
   * One JSON object per graph of {@code bundle}, in build order.
   *
   * @param staticSize the {@code --static} bucket, or null for every bucket
   * @throws IllegalArgumentException as {@code build-engines} refuses the bundle, naming the flag
   */
  public static List<String> lines(Path bundle, SdxlBuckets.Size staticSize) {
    List<String> lines = new ArrayList<>();
    for (BuildEngines.Prepared p : BuildEngines.prepare(bundle, staticSize)) {
      try {
        lines.add(JSON.writeValueAsString(graph(p)));
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }
    return lines;
  }

  private static ObjectNode graph(BuildEngines.Prepared p) {
    GraphPlan plan = p.job().plan();
    ObjectNode node = JSON.createObjectNode();
    node.put("source", plan.source());
    node.put("plan", plan.plan());
    node.put("typing", p.precision().typing().label());
    node.put("precision", p.precision().precision());
    ArrayNode profiles = node.putArray("profiles");
    for (int k = 0; k < plan.profiles().size(); k++) {
      ObjectNode profile = profiles.addObject();
      profile.put("index", k);
      profile.put("name", plan.profileNames().get(k));
      ObjectNode inputs = profile.putObject("inputs");
      for (InputShapes s : plan.profiles().get(k)) {
        ObjectNode input = inputs.putObject(s.input());
        longs(input.putArray("min"), s.min());
        longs(input.putArray("opt"), s.opt());
        longs(input.putArray("max"), s.max());
      }
      admits(profile.putObject("admits"), plan, k);
    }
    return node;
  }

  private static void admits(ObjectNode admits, GraphPlan plan, int k) {
    admits.put("batch", plan.maxBatch(k));
    SdxlBuckets.Size image = plan.maxImage(k);
    if (image == null) {
      return;
    }
    admits.put("image", image.toString());
    admits.put("pixelArea", image.area());
    admits.put("latentArea", image.latentWidth() * (long) image.latentHeight());
    double ratio = (double) image.area() / BucketBands.largestBucketArea();
    admits.put("vsLargestBucket", Math.round(ratio * 1000) / 1000.0);
    admits.put("buckets", SdxlBuckets.all().stream().filter(b -> plan.admits(k, b)).count());
  }

  private static void longs(ArrayNode array, long[] values) {
    for (long v : values) {
      array.add(v);
    }
  }
}
