package com.wuye.workflow.webapp;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Browser tests run only where Debian's Chromium and chromedriver are installed; elsewhere
 * they are skipped, and say so loudly, before the application is started for them. A test
 * that fails leaves a screenshot and the page's HTML in {@code target/screenshots/}.
 */
class BrowserExtension implements ExecutionCondition, BeforeEachCallback,
    AfterTestExecutionCallback {

  private static final AtomicBoolean WARNED = new AtomicBoolean();

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    String missing = Browser.missingBinaries();
    if (missing.isEmpty()) {
      return ConditionEvaluationResult.enabled("Chromium and chromedriver are installed");
    }
    String warning = "BROWSER TESTS SKIPPED: Chromium not installed (missing " + missing
        + "); install with: apt-get install chromium chromium-driver fonts-noto-cjk";
    if (WARNED.compareAndSet(false, true)) {
      String banner = "!".repeat(100) + System.lineSeparator() + "!!! " + warning
          + System.lineSeparator() + "!".repeat(100);
      System.out.println(banner);
      // the build's console too: surefire keeps System.out in the report files, but passes
      // what the test JVM writes on its own error stream straight through
      console().println(banner);
    }
    return ConditionEvaluationResult.disabled(warning);
  }

  private static PrintStream console() {
    return new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    browserOf(context).testName = testName(context);
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    if (context.getExecutionException().isPresent()) {
      Browser browser = browserOf(context);
      if (browser != null) {
        browser.screenshot("failure", true);
      }
    }
  }

  /** {@code Class.method}, with the invocation's name for a parameterized test. */
  static String testName(ExtensionContext context) {
    String name = context.getRequiredTestClass().getSimpleName() + "."
        + context.getRequiredTestMethod().getName();
    if (context.getUniqueId().contains("test-template-invocation")) {
      name += "-" + context.getDisplayName();
    }
    return name;
  }

  private static Browser browserOf(ExtensionContext context) {
    return ((BrowserTestSupport) context.getRequiredTestInstance()).browser();
  }
}
