package ai.hyperion.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver (never a downloaded browser), with the
 * few steps the admin UI tests repeat: sign in, open a page, fill a dialog, screenshot, run
 * axe-core. Missing browser packages skip the tests, or fail them when {@code CI} is set.
 */
final class Browser implements AutoCloseable {

  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  static final Path SCREENSHOTS = Path.of("target", "ui-screenshots");
  private static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

  final ChromeDriver driver;
  final WebDriverWait wait;
  private final String baseUrl;

  Browser(String baseUrl) {
    this.baseUrl = baseUrl;
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,900");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER))
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    viewport(1280, 800);
  }

  static void requireChromium() {
    boolean present = new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
    if (System.getenv("CI") != null) {
      assertTrue(present, "CI needs Debian's chromium and chromium-driver (.ci/run installs them)");
    }
    assumeTrue(present, "Skipped: install Debian's chromium and chromium-driver to run UI tests");
  }

  /** The page's layout viewport, exactly (a window size would include the browser's frame). */
  void viewport(int width, int height) {
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
  }

  void timeZone(String zone) {
    driver.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", zone));
  }

  void signIn(String key) {
    driver.get(baseUrl + "/admin/");
    WebElement input = wait.until(ExpectedConditions.elementToBeClickable(By.name("key")));
    input.sendKeys(key);
    button("Sign in").click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("nav.sidenav")));
  }

  /** Opens a page of the console and waits until it finished loading. */
  void open(String page, String query) {
    driver.get(baseUrl + "/admin/#/" + page + (query == null ? "" : "?" + query));
    driver.navigate().refresh();
    settle();
  }

  /** Waits until no loading indicator is left on the page. */
  void settle() {
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main.page h1")));
    wait.until(d -> d.findElements(By.cssSelector(".state.loading")).isEmpty());
  }

  WebElement button(String text) {
    return wait.until(
        ExpectedConditions.elementToBeClickable(
            By.xpath("//button[normalize-space()=" + literal(text) + "]")));
  }

  /** A button of the open dialog. */
  WebElement dialogButton(String text) {
    return wait.until(
        ExpectedConditions.elementToBeClickable(
            By.xpath("//dialog[@open]//button[normalize-space()=" + literal(text) + "]")));
  }

  List<WebElement> buttons(String text) {
    return driver.findElements(By.xpath("//button[normalize-space()=" + literal(text) + "]"));
  }

  /** The open dialog's control whose label starts with {@code label}. */
  WebElement field(String label) {
    WebElement labelElement =
        wait.until(
            ExpectedConditions.presenceOfElementLocated(
                By.xpath(
                    "//dialog[@open]//label[starts-with(normalize-space(), "
                        + literal(label)
                        + ")]")));
    return driver.findElement(By.id(labelElement.getAttribute("for")));
  }

  void fill(String label, String value) {
    WebElement input = field(label);
    input.clear();
    input.sendKeys(value);
  }

  WebElement dialog() {
    return wait.until(
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog[open]")));
  }

  void dialogClosed() {
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("dialog[open]"), 0));
  }

  /** The table row that contains the text. */
  WebElement row(String text) {
    return wait.until(
        ExpectedConditions.visibilityOfElementLocated(
            By.xpath("//tbody/tr[contains(normalize-space(), " + literal(text) + ")]")));
  }

  String mainText() {
    return driver.findElement(By.cssSelector("main")).getText();
  }

  Object script(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
  }

  void screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    File shot = driver.getScreenshotAs(OutputType.FILE);
    Files.copy(
        shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  /** axe-core on the current page: no serious or critical WCAG 2.1 A/AA violation. */
  void assertAccessible(String page) {
    Results results = new AxeBuilder().withTags(WCAG).analyze(driver);
    assertTrue(results.getErrorMessage() == null, "axe failed: " + results.getErrorMessage());
    List<Rule> serious =
        results.getViolations().stream()
            .filter(
                rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
            .toList();
    assertEquals(
        List.of(),
        serious.stream()
            .map(
                rule ->
                    rule.getId()
                        + " ("
                        + rule.getImpact()
                        + "): "
                        + rule.getNodes().stream()
                            .map(node -> String.valueOf(node.getTarget()))
                            .collect(Collectors.joining(", ")))
            .toList(),
        "accessibility violations on " + page);
  }

  private static String literal(String text) {
    return text.contains("'") ? "\"" + text + "\"" : "'" + text + "'";
  }

  @Override
  public void close() {
    driver.quit();
  }
}
