package org.segfill.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.segfill.models.testbundle.TestBundles;
import org.segfill.models.testbundle.TwoShapesScene;

/**
 * The editor page in headless Chromium on the tiny SAM and SDXL bundles: upload, click the
 * ellipse (3 candidates, the best chosen, the mask is the ellipse), brush, invert and undo,
 * 3 variants with the progress bar advancing, a second job cancelled, the gallery. Every check
 * reads the DOM (or the API for a mask the DOM names); a screenshot is saved on every run.
 */
class EditorPageSdxlBrowserTest {

  private static final TwoShapesScene SCENE = Scenes.SMALL;
  private static final int W = SCENE.width();
  private static final int H = SCENE.height();

  @TempDir Path dir;
  private SegfillServer server;
  private ApiClient api;
  private EditorBrowser browser;

  @BeforeEach
  void start() throws Exception {
    EditorBrowser.assumeInstalled();
    Path bundles = TestBundles.writeSam(dir.resolve("sam"));
    Path sdxl = TestBundles.writeSdxl(dir.resolve("sdxl"));
    server = TestServers.start(dir.resolve("results"), Setting.SAM,
        bundles.resolve(TestBundles.SAM_ONNX), Setting.SDXL, sdxl);
    api = new ApiClient(server.port());
    browser = EditorBrowser.open(server.port());
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.screenshot(Path.of("target", "page-sdxl.png"));
      browser.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void clickBrushInvertUndoGenerateCancelAndGallery() throws Exception {
    assertEquals("sam", browser.data("engines", "segmenter"));
    assertEquals("sdxl", browser.data("engines", "inpainter"));
    assertFalse(browser.byId("classic-notice").isDisplayed(), "SDXL is installed");
    assertFalse(browser.byId("prompt").getDomProperty("value").isBlank(), "prompt prefilled");
    assertFalse(browser.byId("negative-prompt").getDomProperty("value").isBlank());
    assertEquals("3", browser.byId("count").getDomProperty("value"));

    Path photo = Files.write(dir.resolve("scene.png"), Scenes.png(SCENE));
    browser.upload(photo);
    assertEquals(String.valueOf(W), browser.data("canvas", "width"));
    double scale = browser.displayScale(W);
    // Shown enlarged: a page that took screen pixels for photo pixels would miss the ellipse.
    assertTrue(scale > 1.4, "display scale " + scale);

    // First click: SAM's 3 candidates with scores, the best one chosen and shown.
    double[] c = SCENE.ellipseClick();
    browser.click(c[0], c[1], W, H, false);
    browser.settle();
    assertEquals("", browser.errorText());
    assertEquals(3, browser.dataLong("candidates", "count"));
    List<WebElement> candidates = browser.driver().findElements(By.cssSelector(".candidate"));
    WebElement best = candidates.stream().max(Comparator.comparingDouble(
        (WebElement e) -> Double.parseDouble(e.getDomAttribute("data-score")))).orElseThrow();
    for (WebElement e : candidates) {
      double score = Double.parseDouble(e.getDomAttribute("data-score"));
      assertTrue(score >= 0 && score <= 1.5, "score " + score);
      WebElement thumb = e.findElement(By.cssSelector("canvas.thumb"));
      browser.await("a thumbnail of each candidate", Duration.ofSeconds(10),
          () -> "72".equals(thumb.getDomAttribute("width")));
    }
    assertEquals(3, candidates.stream().map(e -> e.getDomAttribute("data-area")).distinct()
        .count(), "three different candidates");
    assertEquals("true", best.getDomAttribute("aria-pressed"));
    String chosen = browser.data("mask-state", "mask-id");
    assertEquals(best.getDomAttribute("data-mask-id"), chosen);
    byte[] mask = maskPixels(chosen);
    double iou = TwoShapesScene.iou(mask, SCENE.ellipseMask());
    assertTrue(iou >= 0.9, "the clicked mask against the ellipse: IoU " + iou);
    long ellipseArea = count(SCENE.ellipseMask());
    long area = browser.dataLong("mask-state", "area");
    assertEquals(count(mask), area, "the page reports the chosen mask's area");
    assertTrue(Math.abs(area - ellipseArea) <= 0.1 * ellipseArea, area + " vs " + ellipseArea);
    assertEquals(1, browser.dataLong("mask-state", "undo"));
    assertEquals(1, browser.dataLong("prompt-state", "positive"));

    // Choosing another candidate replaces the mask without a new undo step.
    WebElement other = candidates.stream().filter(e -> e != best).findFirst().orElseThrow();
    other.click();
    browser.settle();
    assertEquals(other.getDomAttribute("data-mask-id"), browser.data("mask-state", "mask-id"));
    assertEquals(1, browser.dataLong("mask-state", "undo"));
    best.click();
    browser.settle();
    assertEquals(chosen, browser.data("mask-state", "mask-id"));

    // Brush: a 12 px stroke 40 px long over the background adds about 2*12*40 + pi*12^2.
    browser.press("b");
    assertEquals("true", browser.byId("brush-toggle").getDomAttribute("aria-pressed"));
    setRange("brush-radius", 12);
    browser.drag(W, H, 25, 150, 45, 150, 65, 150);
    browser.settle();
    assertEquals("", browser.errorText());
    long brushed = browser.dataLong("mask-state", "area");
    double expected = 2 * 12 * 40 + Math.PI * 12 * 12;
    assertTrue(Math.abs((brushed - area) - expected) < 0.15 * expected,
        "the stroke added " + (brushed - area) + " px, expected about " + expected);
    assertEquals(2, browser.dataLong("mask-state", "undo"));
    browser.press("b");
    assertEquals("false", browser.byId("brush-toggle").getDomAttribute("aria-pressed"));

    // Invert (I), undo (Z), redo (Shift+Z), undo again with the button.
    browser.press("i");
    browser.settle();
    assertEquals((long) W * H - brushed, browser.dataLong("mask-state", "area"), "inverted");
    assertEquals(3, browser.dataLong("mask-state", "undo"));
    browser.press("z");
    browser.settle();
    assertEquals(brushed, browser.dataLong("mask-state", "area"), "undone");
    assertEquals(1, browser.dataLong("mask-state", "redo"));
    browser.pressShifted("z");
    browser.settle();
    assertEquals((long) W * H - brushed, browser.dataLong("mask-state", "area"), "redone");
    browser.byId("undo").click();
    browser.settle();
    assertEquals(brushed, browser.dataLong("mask-state", "area"));
    assertEquals(2, browser.dataLong("mask-state", "undo"));
    String subject = browser.data("mask-state", "mask-id");

    // Three variants; the progress bar advances through the steps of each.
    setField("steps", "100");
    setField("seed", "42");
    recordProgress();
    browser.byId("generate").click();
    browser.await("the job ends", Duration.ofSeconds(120),
        () -> browser.data("job-state", "state").matches("succeeded|failed|cancelled"));
    List<Double> seen = recordedProgress();
    assertEquals("succeeded", browser.data("job-state", "state"), browser.byId("job-state")
        .getText());
    String firstJob = browser.data("job-state", "job-id");
    assertTrue(seen.stream().filter(v -> v > 0 && v < 1).distinct().count() >= 3,
        "the progress bar showed " + seen);
    for (int i = 1; i < seen.size(); i++) {
      assertTrue(seen.get(i) >= seen.get(i - 1), "progress went back: " + seen);
    }
    assertEquals(1.0, seen.get(seen.size() - 1), 1e-9);
    assertTrue(browser.dataLong("progress", "events") >= 3);
    assertEquals(3, browser.dataLong("progress", "results"));
    // Step previews are drawn (decoded in the page: the CSP forbids data: images).
    assertTrue(browser.dataLong("preview", "previews") >= 1);
    long previewWidth = Long.parseLong(browser.byId("preview").getDomProperty("width"));
    assertTrue(previewWidth > 1 && previewWidth <= 128, "preview width " + previewWidth);
    JsonNode job = api.get("/v1/jobs/" + firstJob).json();
    assertEquals(subject, job.get("request").get("mask").asText(), "the job used the mask shown");
    assertEquals(100, job.get("request").get("steps").asInt());
    assertGallery(firstJob);

    // A second job, cancelled while it is queued or running.
    // The longest job the form allows (4 x 150 steps), queued behind three such jobs sent over
    // the API (one job runs at a time): the tiny UNet runs 4 x 150 steps in about a second, and
    // on a busy CI machine the cancel click sometimes landed after the page's job alone had
    // finished ("Done: 4 result(s)").
    List<String> blockers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ApiClient.Resp r = api.postJson("/v1/jobs", Map.of("image",
          job.get("request").get("image").asText(), "mask", subject, "steps", 150,
          "strength", 1.0, "count", 4, "previews", false));
      assertEquals(202, r.status(), r::toString);
      blockers.add(r.json().get("id").asText());
    }
    setField("steps", "150");
    setField("count", "4");
    browser.byId("generate").click();
    // Cancelled as soon as the page names it: the tiny UNet runs even 4 x 150 steps in about
    // a second, so waiting for its first step event as well let it finish first on a busy CI
    // machine ("Done: 4 result(s)").
    browser.await("the second job is submitted", Duration.ofSeconds(60),
        () -> !firstJob.equals(browser.data("job-state", "job-id")));
    String secondJob = browser.data("job-state", "job-id");
    assertNotEquals(firstJob, secondJob);
    assertTrue(browser.byId("cancel").isEnabled(), () -> "job: "
        + browser.byId("job-state").getText());
    browser.byId("cancel").click();
    browser.await("the second job is cancelled", Duration.ofSeconds(30),
        () -> "cancelled".equals(browser.data("job-state", "state")));
    assertEquals("cancelled", api.get("/v1/jobs/" + secondJob).json().get("state").asText());
    for (String blocker : blockers) {
      api.delete("/v1/jobs/" + blocker);
      ApiAsserts.awaitJob(api, blocker, Duration.ofSeconds(30));
    }
    assertTrue(browser.byId("job-state").getText().startsWith("Cancelled"));
    assertTrue(browser.byId("generate").isEnabled());
    assertFalse(browser.byId("cancel").isEnabled());
    assertGallery(firstJob);
  }

  private void assertGallery(String jobId) {
    browser.await("3 results in the gallery", Duration.ofSeconds(30),
        () -> browser.dataLong("gallery", "count") == 3);
    List<WebElement> results = browser.driver().findElements(By.cssSelector("#gallery .result"));
    assertEquals(3, results.size());
    List<Long> seeds = new ArrayList<>();
    for (WebElement r : results) {
      assertEquals(jobId, r.getDomAttribute("data-job"));
      seeds.add(Long.parseLong(r.getDomAttribute("data-seed")));
      int k = Integer.parseInt(r.getDomAttribute("data-index"));
      assertEquals("/v1/jobs/" + jobId + "/results/" + k + ".png", r.getDomAttribute("data-url"));
      browser.await("result " + k + " loads", Duration.ofSeconds(10),
          () -> "true".equals(r.getDomAttribute("data-loaded")));
      assertEquals(String.valueOf(W),
          r.findElement(By.cssSelector("canvas.after")).getDomAttribute("width"));
      assertEquals(String.valueOf(W),
          r.findElement(By.cssSelector("canvas.before")).getDomAttribute("width"));
      assertEquals(1, r.findElements(By.cssSelector("input.compare-slider")).size());
      String href = r.findElement(By.cssSelector("a.download")).getDomAttribute("href");
      assertTrue(href.startsWith("blob:"), "the download holds the fetched PNG: " + href);
    }
    seeds.sort(null);
    assertEquals(List.of(42L, 43L, 44L), seeds, "one seed per variant, from the one given");
  }

  // The tiny UNet can finish 100 steps faster than WebDriver polls, so the values are recorded
  // in the page: each time the bar's step or result count changes, its value is appended.
  private void recordProgress() {
    browser.driver().executeScript("const bar = document.getElementById('progress');"
        + " window.progressSeen = [];"
        + " new MutationObserver(() => window.progressSeen.push(bar.value))"
        + ".observe(bar, { attributes: true, attributeFilter: ['data-step', 'data-results'] });");
  }

  private List<Double> recordedProgress() {
    @SuppressWarnings("unchecked")
    List<Number> values = (List<Number>) browser.driver().executeScript(
        "return window.progressSeen.concat([document.getElementById('progress').value]);");
    List<Double> seen = new ArrayList<>();
    values.forEach(v -> seen.add(v.doubleValue()));
    return seen;
  }

  private void setField(String id, String value) {
    WebElement e = browser.byId(id);
    e.clear();
    e.sendKeys(value);
  }

  private void setRange(String id, int value) {
    browser.driver().executeScript("const e = document.getElementById(arguments[0]);"
        + " e.value = arguments[1]; e.dispatchEvent(new Event('input'));", id, value);
  }

  private byte[] maskPixels(String id) {
    return Scenes.maskPixels(api.get("/v1/masks/" + id + ".png").body());
  }

  static long count(byte[] mask) {
    long n = 0;
    for (byte b : mask) {
      n += b != 0 ? 1 : 0;
    }
    return n;
  }
}
