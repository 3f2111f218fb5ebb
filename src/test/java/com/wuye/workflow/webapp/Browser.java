package com.wuye.workflow.webapp;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through Debian's chromedriver (both paths given, so
 * Selenium downloads nothing), in Traditional Chinese like the staff's browsers. One per test
 * class; users change by logging out and in.
 */
final class Browser implements AutoCloseable {

  static final String CHROMIUM = System.getProperty("wuye.chromium", "/usr/bin/chromium");
  static final String CHROMEDRIVER =
      System.getProperty("wuye.chromedriver", "/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  static final Duration TIMEOUT = Duration.ofSeconds(45);
  /** Angular and form-js render within tens of milliseconds; waits look often. */
  static final Duration POLL = Duration.ofMillis(100);
  private static final By USERNAME = By.cssSelector("input[ng-model='username']");
  private static final By PASSWORD = By.cssSelector("input[ng-model='password']");
  /** The header's brand link is rendered only for an authenticated user. */
  private static final By LOGGED_IN = By.cssSelector("a.navbar-brand");

  private final ChromeDriver driver;
  private final WebDriverWait wait;
  private String baseUrl;
  private String loggedIn;
  /** Names screenshots after the running test; set by {@link BrowserExtension}. */
  String testName = "browser";

  /** Whether both binaries are present; otherwise the browser tests are skipped. */
  static String missingBinaries() {
    StringBuilder missing = new StringBuilder();
    for (String binary : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!new File(binary).canExecute()) {
        missing.append(missing.isEmpty() ? "" : ", ").append(binary);
      }
    }
    return missing.toString();
  }

  Browser() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--window-size=1440,1000", "--lang=zh-TW");
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-TW"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER)).build();
    this.driver = new ChromeDriver(service, options);
    this.wait = new WebDriverWait(driver, TIMEOUT, POLL);
    // AngularJS replaces elements while it renders: look again rather than fail
    this.wait.ignoring(StaleElementReferenceException.class);
  }

  void baseUrl(int port) {
    this.baseUrl = "http://localhost:" + port;
  }

  WebDriver driver() {
    return driver;
  }

  String url(String path) {
    return baseUrl + path;
  }

  void get(String path) {
    driver.get(url(path));
  }

  /**
   * Logs {@code user} in to a Camunda webapp through its login page. Another user logged in
   * before is logged out first (the session lives in cookies).
   */
  void login(String app, String user) {
    if (!user.equals(loggedIn)) {
      logout();
    }
    get("/camunda/app/" + app + "/default/");
    until(ExpectedConditions.or(ExpectedConditions.visibilityOfElementLocated(USERNAME),
        ExpectedConditions.visibilityOfElementLocated(LOGGED_IN)));
    List<WebElement> username = driver.findElements(USERNAME);
    if (!username.isEmpty() && username.get(0).isDisplayed()) {
      // the login page focuses the user name field a moment after it shows: type, then check
      WebElement password = driver.findElement(PASSWORD);
      until(driver -> {
        type(username.get(0), user);
        type(password, "demo");
        return user.equals(username.get(0).getDomProperty("value"))
            && "demo".equals(password.getDomProperty("value"));
      });
      click(driver.findElement(By.cssSelector("button[type='submit']")));
    }
    visible(LOGGED_IN);
    loggedIn = user;
  }

  /** Replaces the field's content with {@code text}, as a user selecting it all and typing. */
  void type(WebElement field, String text) {
    field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    field.sendKeys(text);
  }

  /** Forgets the session: the cookies of the application's origin are all there is. */
  void logout() {
    if (baseUrl != null && driver.getCurrentUrl().startsWith(baseUrl)) {
      driver.manage().deleteAllCookies();
    }
    loggedIn = null;
  }

  <T> T until(Function<WebDriver, T> condition) {
    return wait.until(condition);
  }

  WebElement visible(By by) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  /** Like {@link #visible} with a shorter wait, for a step that is retried. */
  WebElement visibleWithin(By by, java.time.Duration timeout) {
    return new WebDriverWait(driver, timeout, POLL)
        .until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  boolean isShown(By by) {
    return driver.findElements(by).stream().anyMatch(WebElement::isDisplayed);
  }

  /** Scrolls the element to the middle first: the fixed footer covers the window's bottom. */
  void click(WebElement element) {
    scrollTo(element);
    wait.until(ExpectedConditions.elementToBeClickable(element)).click();
  }

  /**
   * Clicks what {@code locator} finds, finding it again when AngularJS replaced the element
   * between finding and clicking it.
   */
  void click(By locator) {
    wait.until(driver -> {
      try {
        WebElement element = driver.findElement(locator);
        if (!element.isDisplayed() || !element.isEnabled()) {
          return false;
        }
        scrollTo(element);
        element.click();
        return true;
      } catch (org.openqa.selenium.StaleElementReferenceException
          | org.openqa.selenium.NoSuchElementException
          | org.openqa.selenium.ElementClickInterceptedException replaced) {
        return false;
      }
    });
  }

  Object script(String javascript, Object... arguments) {
    return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
  }

  void scrollTo(WebElement element) {
    ((JavascriptExecutor) driver).executeScript(
        "arguments[0].scrollIntoView({block: 'center'})", element);
  }

  /** {@code target/screenshots/<test>-<step>.png}. */
  Path screenshot(String step) {
    return screenshot(step, false);
  }

  /** The screenshot, with the page's HTML beside it where {@code withHtml} (failures). */
  Path screenshot(String step, boolean withHtml) {
    try {
      Files.createDirectories(SCREENSHOTS);
      String name = (testName + "-" + step).replaceAll("[^\\p{L}\\p{N}._\\-]+", "_");
      Path png = SCREENSHOTS.resolve(name + ".png");
      Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), png,
          StandardCopyOption.REPLACE_EXISTING);
      if (withHtml) {
        Files.writeString(SCREENSHOTS.resolve(name + ".html"), driver.getPageSource(),
            StandardCharsets.UTF_8);
      }
      return png;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
