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

  protected static By css(String selector) {
    return By.cssSelector(selector);
  }
}
