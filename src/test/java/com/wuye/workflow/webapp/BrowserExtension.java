package com.wuye.workflow.webapp;

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
      System.out.println("!".repeat(100));
      System.out.println("!!! " + warning);
      System.out.println("!".repeat(100));
    }
    return ConditionEvaluationResult.disabled(warning);
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
