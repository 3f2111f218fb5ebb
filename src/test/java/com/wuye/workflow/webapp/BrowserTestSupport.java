package com.wuye.workflow.webapp;

import com.wuye.workflow.ProcessTestSupport;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The application as {@link ProcessTestSupport} starts it, seen through Chromium: one browser
 * per test class, in Traditional Chinese. Situations are prepared through the Java API, the
 * staff's part is done in the browser, and the outcome is checked in the engine again.
 */
@ExtendWith(BrowserExtension.class)
abstract class BrowserTestSupport extends ProcessTestSupport {

  private static Browser browser;

  @Autowired
  protected FormService formService;
  @Autowired
  protected RepositoryService repositoryService;

  protected Tasklist tasklist;

  /** Started on first use, so a class that is skipped starts no browser. */
  Browser browser() {
    if (browser == null) {
      browser = new Browser();
    }
    return browser;
  }

  @BeforeEach
  void pointBrowserAtApplication() {
    browser().baseUrl(port);
    tasklist = new Tasklist(browser());
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
      browser = null;
    }
  }

  /** The Camunda Form the engine gives the task (its formRef). */
  protected String formOf(Task task) {
    Task withForm = taskService.createTaskQuery().taskId(task.getId()).initializeFormKeys()
        .singleResult();
    CamundaFormRef ref = withForm.getCamundaFormRef();
    if (ref == null) {
      throw new AssertionError(task.getTaskDefinitionKey() + " has no Camunda Form");
    }
    return ref.getKey();
  }

  /** The Camunda Form of the latest version of the process's start event. */
  protected String startFormOf(String processKey) {
    ProcessDefinition definition = repositoryService.createProcessDefinitionQuery()
        .processDefinitionKey(processKey).latestVersion().singleResult();
    CamundaFormRef ref = formService.getStartFormData(definition.getId()).getCamundaFormRef();
    if (ref == null) {
      throw new AssertionError(processKey + " has no Camunda start form");
    }
    return ref.getKey();
  }

  /** The open task's form is the one the engine names for it, rendered without error. */
  protected void assertTaskFormShown(Task task) {
    tasklist.assertShows(Tasklist.TASK, formOf(task));
  }

  protected void assertStartFormShown(String processKey) {
    tasklist.assertShows(Tasklist.START_DIALOG, startFormOf(processKey));
  }

  protected void screenshot(String step) {
    browser().screenshot(step);
  }

  /** A word in Latin letters (two or more: a building "A座" is the residents' own name). */
  static final java.util.regex.Pattern LATIN_WORD = java.util.regex.Pattern.compile(
      "[A-Za-z][A-Za-z'’]+");
  /** System codes staff use as they are: TS-20261202-000001, JT-000001, KE-1001, v7.24.0. */
  static final java.util.regex.Pattern SYSTEM_CODE = java.util.regex.Pattern.compile(
      "\\b[A-Z]{2,}-[0-9A-Za-z-]+|\\bv\\d+(?:\\.\\d+)+");
  /** The product's name, as its own notice says it. */
  static final java.util.Set<String> PRODUCT = java.util.Set.of("Camunda", "Tasklist", "Platform");

  /**
   * The Latin-letter words a person sees on the page now — its text and the placeholders of
   * empty fields — other than system codes and the product's name. What people typed is in
   * the fields' values and not counted.
   */
  protected java.util.List<String> englishShown() {
    return englishShown("body");
  }

  /** {@link #englishShown()} within the first element {@code selector} finds. */
  protected java.util.List<String> englishShown(String selector) {
    String shown = (String) ((org.openqa.selenium.JavascriptExecutor) browser().driver())
        .executeScript("const root = document.querySelector(arguments[0]);"
            + "return root.innerText + '\\n' + Array.from("
            + "root.querySelectorAll('input[placeholder], textarea[placeholder]'))"
            + ".filter(e => e.offsetParent !== null && !e.value)"
            + ".map(e => e.getAttribute('placeholder')).join('\\n');", selector);
    java.util.List<String> words = new java.util.ArrayList<>();
    java.util.regex.Matcher m = LATIN_WORD.matcher(SYSTEM_CODE.matcher(shown).replaceAll(" "));
    while (m.find()) {
      if (!PRODUCT.contains(m.group()) && !words.contains(m.group())) {
        words.add(m.group());
      }
    }
    return words;
  }

  protected static By css(String selector) {
    return By.cssSelector(selector);
  }
}
