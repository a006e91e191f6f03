package org.segfill.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.segfill.models.testbundle.TwoShapesScene;

/**
 * The editor page in headless Chromium on the default configuration (no bundles, classic
 * engines): the page says what the classic engine can and cannot do, a click on the rectangle
 * gives the rectangle's mask (a wrong screen-to-photo mapping would land on the ellipse or the
 * background), negative points, point removal and a box work, a refused job shows the server's
 * problem with its field marked, and a removal runs on the classic fill.
 */
class EditorPageClassicBrowserTest {

  private static final TwoShapesScene SCENE = Scenes.SMALL;
  private static final int W = SCENE.width();
  private static final int H = SCENE.height();

  @TempDir Path dir;
  private SegfillServer server;
  private ApiClient api;
  private EditorBrowser browser;

  @BeforeEach
  void start() {
    EditorBrowser.assumeInstalled();
    server = TestServers.start(dir.resolve("results"));
    api = new ApiClient(server.port());
    browser = EditorBrowser.open(server.port());
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.screenshot(Path.of("target", "page-classic.png"));
      browser.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theClassicEnginesAreExplainedAndAClickGivesAMask() throws Exception {
    assertEquals("classic", browser.data("engines", "segmenter"));
    assertEquals("classic", browser.data("engines", "inpainter"));
    WebElement notice = browser.byId("classic-notice");
    assertTrue(notice.isDisplayed(), "no SDXL bundle: the page says what the classic engine does");
    String text = notice.getText();
    assertTrue(text.contains("It can") && text.contains("It cannot"), text);
    assertTrue(text.contains("--sdxl"), "and how to get generation: " + text);

    // Dropped rather than picked (the SDXL test uses the picker).
    browser.drop(Scenes.png(SCENE), "scene.png");
    assertEquals(String.valueOf(W), browser.data("canvas", "width"));
    assertEquals(String.valueOf(H), browser.data("canvas", "height"));
    assertTrue(browser.displayScale(W) > 1.4);

    double[] c = SCENE.rectangleClick();
    browser.click(c[0], c[1], W, H, false);
    browser.settle();
    assertEquals("", browser.errorText());
    assertTrue(browser.dataLong("candidates", "count") >= 1);
    String maskId = browser.data("mask-state", "mask-id");
    byte[] mask = Scenes.maskPixels(api.get("/v1/masks/" + maskId + ".png").body());
    double iou = TwoShapesScene.iou(mask, SCENE.rectangleMask());
    assertTrue(iou >= 0.85, "the clicked mask against the rectangle: IoU " + iou);
    assertEquals(EditorPageSdxlBrowserTest.count(mask), browser.dataLong("mask-state", "area"));

    // A negative point by right click and one by Alt+click; clicking a point removes it.
    browser.click(30, 160, W, H, true);
    browser.settle();
    browser.altClick(300, 20, W, H);
    browser.settle();
    assertEquals(3, browser.dataLong("prompt-state", "points"));
    assertEquals(2, browser.dataLong("prompt-state", "negative"));
    browser.click(300, 20, W, H, false);
    browser.settle();
    assertEquals(2, browser.dataLong("prompt-state", "points"));
    assertEquals(1, browser.dataLong("prompt-state", "negative"));
    assertEquals("", browser.errorText());

    // A box around the ellipse (GrabCut takes boxes).
    browser.drag(W, H, SCENE.ex() - SCENE.ea() - 6, SCENE.ey() - SCENE.eb() - 6,
        SCENE.ex() + SCENE.ea() + 6, SCENE.ey() + SCENE.eb() + 6);
    browser.settle();
    assertEquals("true", browser.data("prompt-state", "box"));
    assertEquals("", browser.errorText());

    // target=subject needs SDXL or a background: the server's 422 is shown, its field marked.
    browser.byId("clear-selection").click();
    browser.settle();
    browser.click(c[0], c[1], W, H, false);
    browser.settle();
    browser.byId("target").findElement(By.cssSelector("option[value='subject']")).click();
    browser.byId("generate").click();
    browser.await("the refusal is shown", Duration.ofSeconds(30),
        () -> !browser.errorText().isEmpty());
    assertEquals("422", browser.data("error", "status"));
    assertEquals("target", browser.data("error", "field"));
    assertEquals("true", browser.byId("target").getDomAttribute("aria-invalid"));
    assertTrue(browser.errorText().contains("SDXL"), browser.errorText());

    // target=remove runs on the classic fill: one result in the gallery, with no seed.
    browser.byId("error-dismiss").click();
    browser.byId("target").findElement(By.cssSelector("option[value='remove']")).click();
    WebElement count = browser.byId("count");
    count.clear();
    count.sendKeys("1");
    browser.byId("generate").click();
    browser.await("the classic job ends", Duration.ofSeconds(60),
        () -> !browser.data("job-state", "state").matches("idle|queued|running"));
    assertEquals("succeeded", browser.data("job-state", "state"),
        browser.byId("job-state").getText());
    assertEquals("", browser.errorText());
    assertEquals(1, browser.dataLong("gallery", "count"));
    WebElement result = browser.byId("gallery").findElement(By.cssSelector(".result"));
    assertEquals("", result.getDomAttribute("data-seed"), "the classic fill has no seed");
    assertEquals(1.0, Double.parseDouble(browser.byId("progress").getDomProperty("value")));
  }
}
