package org.segfill.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;

/**
 * Headless Chromium on the editor page, through Debian's {@code chromium} and
 * {@code chromium-driver}. Both paths are given explicitly, so Selenium Manager never runs (it
 * would download a browser). Mouse gestures are given in the photo's own pixels and mapped to the
 * screen from the canvas's on-screen box, independently of the page's own mapping.
 */
final class EditorBrowser implements AutoCloseable {

  /** Debian's driver; {@code -Dsegfill.chromedriver=PATH} names another. */
  static final Path CHROMEDRIVER = Path.of(System.getProperty("segfill.chromedriver",
      "/usr/bin/chromedriver"));
  /** Debian's browser (the binary, then its launcher); {@code -Dsegfill.chromium=PATH}. */
  private static final List<Path> CHROMIUM = System.getProperty("segfill.chromium") != null
      ? List.of(Path.of(System.getProperty("segfill.chromium")))
      : List.of(Path.of("/usr/lib/chromium/chromium"), Path.of("/usr/bin/chromium"));
  /** A small window, so the 320 px test photo is shown enlarged (not at 1:1). */
  private static final String WINDOW = "--window-size=1000,900";

  private final ChromeDriver driver;

  private EditorBrowser(ChromeDriver driver) {
    this.driver = driver;
  }

  /** Skips the calling test, with the reason, unless chromium and chromedriver are installed. */
  static void assumeInstalled() {
    assumeTrue(Files.isExecutable(CHROMEDRIVER), "browser test: " + CHROMEDRIVER
        + " is missing (apt-get install chromium chromium-driver; .ci/run installs them)");
    assumeTrue(chromium().isPresent(), "browser test: no Chromium at " + CHROMIUM
        + " (apt-get install chromium chromium-driver; .ci/run installs them)");
  }

  private static Optional<Path> chromium() {
    return CHROMIUM.stream().filter(Files::isExecutable).findFirst();
  }

  /** A headless browser showing the page of the server on {@code port}, engines shown. */
  static EditorBrowser open(int port) {
    EditorBrowser browser = load(port);
    browser.await("the engines are shown", Duration.ofSeconds(60),
        browser::ready);
    return browser;
  }

  /** A headless browser that has just loaded the page of the server on {@code port}. */
  static EditorBrowser load(int port) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium().orElseThrow().toFile());
    // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", WINDOW, "--force-device-scale-factor=1");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    driver.get("http://127.0.0.1:" + port + "/");
    return new EditorBrowser(driver);
  }

  /** Whether the page has shown the engines (and so can be used). */
  boolean ready() {
    return "true".equals(bodyData("ready"));
  }

  ChromeDriver driver() {
    return driver;
  }

  WebElement byId(String id) {
    return driver.findElement(By.id(id));
  }

  /** Attribute {@code data-<name>} of element {@code id}, or null. */
  String data(String id, String name) {
    return byId(id).getDomAttribute("data-" + name);
  }

  long dataLong(String id, String name) {
    return Long.parseLong(data(id, name));
  }

  private String bodyData(String name) {
    return driver.findElement(By.tagName("body")).getDomAttribute("data-" + name);
  }

  /** Waits until no API call of the page is in flight. */
  void settle() {
    await("the page settles", Duration.ofSeconds(60), () -> "0".equals(bodyData("pending")));
  }

  /** Polls {@code condition} until true; fails with the page's status and error otherwise. */
  void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what + "; page status: '"
            + byId("status").getText() + "', error: '" + errorText() + "', job: '"
            + byId("job-state").getText() + "'");
      }
      sleep(25);
    }
  }

  /** The shown error's text, or "" when none is shown. */
  String errorText() {
    WebElement error = byId("error");
    return error.isDisplayed() ? error.getText() : "";
  }

  /** Uploads {@code file} through the file picker and waits for the photo to show. */
  void upload(Path file) {
    byId("file-input").sendKeys(file.toAbsolutePath().toString());
    awaitPhoto();
  }

  /** Drops a PNG file named {@code name} on the stage, as a drag from the desktop would. */
  void drop(byte[] png, String name) {
    ((JavascriptExecutor) driver).executeScript(
        "const bytes = Uint8Array.from(atob(arguments[0]), (c) => c.charCodeAt(0));"
            + " const dt = new DataTransfer();"
            + " dt.items.add(new File([bytes], arguments[1], { type: 'image/png' }));"
            + " document.getElementById('stage').dispatchEvent(new DragEvent('drop',"
            + " { dataTransfer: dt, bubbles: true, cancelable: true }));",
        java.util.Base64.getEncoder().encodeToString(png), name);
    awaitPhoto();
  }

  private void awaitPhoto() {
    await("the photo is shown", Duration.ofSeconds(30),
        () -> !byId("canvas").getDomAttribute("data-image-id").isEmpty());
    settle();
  }

  /** The canvas's on-screen box: left, top, width, height (CSS px). */
  double[] canvasBox() {
    @SuppressWarnings("unchecked")
    List<Number> r = (List<Number>) ((JavascriptExecutor) driver).executeScript(
        "const r = document.getElementById('canvas').getBoundingClientRect();"
            + " return [r.left, r.top, r.width, r.height];");
    return r.stream().mapToDouble(Number::doubleValue).toArray();
  }

  /** CSS pixels per photo pixel on screen. */
  double displayScale(int photoWidth) {
    return canvasBox()[2] / photoWidth;
  }

  private int[] screen(double x, double y, int photoWidth, int photoHeight) {
    double[] box = canvasBox();
    return new int[] {(int) Math.round(box[0] + x * box[2] / photoWidth),
        (int) Math.round(box[1] + y * box[3] / photoHeight)};
  }

  /** Left click (or right click) at photo pixel (x, y). */
  void click(double x, double y, int w, int h, boolean right) {
    int[] s = screen(x, y, w, h);
    Actions a = new Actions(driver).moveToLocation(s[0], s[1]);
    (right ? a.contextClick() : a.click()).perform();
  }

  /** Alt + left click at photo pixel (x, y). */
  void altClick(double x, double y, int w, int h) {
    int[] s = screen(x, y, w, h);
    new Actions(driver).moveToLocation(s[0], s[1]).keyDown(Keys.ALT).click().keyUp(Keys.ALT)
        .perform();
  }

  /** A left-button drag through photo pixels {@code path} (x0, y0, x1, y1, ...). */
  void drag(int w, int h, double... path) {
    int[] s = screen(path[0], path[1], w, h);
    Actions a = new Actions(driver).moveToLocation(s[0], s[1]).clickAndHold();
    for (int i = 2; i < path.length; i += 2) {
      int[] t = screen(path[i], path[i + 1], w, h);
      a = a.moveToLocation(t[0], t[1]);
    }
    a.release().perform();
  }

  /** Types {@code keys} on the page (shortcuts), outside any field. */
  void press(CharSequence... keys) {
    new Actions(driver).sendKeys(keys).perform();
  }

  /** Types {@code key} with Shift held (Actions.sendKeys would release Shift before it). */
  void pressShifted(String key) {
    new Actions(driver).keyDown(Keys.SHIFT).sendKeys(key).keyUp(Keys.SHIFT).perform();
  }

  /** Saves a screenshot of the whole page (window grown to its height) to {@code file}. */
  void screenshot(Path file) {
    try {
      Files.createDirectories(file.getParent());
      Number height = (Number) ((JavascriptExecutor) driver).executeScript(
          "return document.documentElement.scrollHeight;");
      driver.manage().window().setSize(new org.openqa.selenium.Dimension(1000,
          Math.min(4000, height.intValue() + 150)));
      Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
      Files.move(shot, file, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
