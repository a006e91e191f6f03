package org.segfill.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * The editor page against a server started with a token (classic engines): the page asks for
 * the token after the API's 401, then every call carries it, including the photo, the masks,
 * the job's event stream and the result PNGs, none of which a plain image or EventSource could
 * fetch.
 */
class EditorPageTokenBrowserTest {

  private static final String TOKEN = "page-token-for-the-browser-test-0123";
  private static final TwoShapesScene SCENE = Scenes.SMALL;
  private static final int W = SCENE.width();
  private static final int H = SCENE.height();

  @TempDir Path dir;
  private SegfillServer server;
  private EditorBrowser browser;

  @BeforeEach
  void start() {
    EditorBrowser.assumeInstalled();
    server = TestServers.start(dir.resolve("results"), Setting.TOKEN, TOKEN);
    browser = EditorBrowser.load(server.port());
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.screenshot(Path.of("target", "page-token.png"));
      browser.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void thePageAsksForTheTokenAndThenEveryCallCarriesIt() {
    browser.await("the token is asked for", Duration.ofSeconds(30),
        () -> browser.byId("token-form").isDisplayed());
    assertFalse(browser.ready());
    assertEquals("401", browser.data("error", "status"));

    browser.byId("token").sendKeys("wrong-token-wrong-token-wrong-token");
    browser.byId("token-submit").click();
    browser.await("a wrong token is refused and asked for again", Duration.ofSeconds(30),
        () -> browser.byId("token-form").isDisplayed());
    assertFalse(browser.ready());

    browser.byId("token").sendKeys(TOKEN);
    browser.byId("token-submit").click();
    browser.await("the engines are shown", Duration.ofSeconds(30), browser::ready);
    assertEquals("classic", browser.data("engines", "segmenter"));
    assertEquals("", browser.errorText());

    browser.drop(Scenes.png(SCENE), "scene.png");
    double[] c = SCENE.rectangleClick();
    browser.click(c[0], c[1], W, H, false);
    browser.settle();
    assertEquals("", browser.errorText());
    long area = browser.dataLong("mask-state", "area");
    long rectangle = EditorPageSdxlBrowserTest.count(SCENE.rectangleMask());
    assertTrue(Math.abs(area - rectangle) < 0.15 * rectangle, area + " vs " + rectangle);

    browser.byId("target").findElement(By.cssSelector("option[value='remove']")).click();
    WebElement count = browser.byId("count");
    count.clear();
    count.sendKeys("1");
    browser.byId("generate").click();
    browser.await("the job ends", Duration.ofSeconds(60),
        () -> !browser.data("job-state", "state").matches("idle|queued|running"));
    assertEquals("succeeded", browser.data("job-state", "state"),
        browser.byId("job-state").getText());
    WebElement result = browser.byId("gallery").findElement(By.cssSelector(".result"));
    browser.await("the result is drawn", Duration.ofSeconds(30),
        () -> "true".equals(result.getDomAttribute("data-loaded")));
    assertEquals(String.valueOf(W),
        result.findElement(By.cssSelector("canvas.after")).getDomAttribute("width"));
    assertEquals("", browser.errorText());
  }
}
