package com.wuye.workflow.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Camunda Tasklist as staff use it: filters, the task list, a task's form, the start dialog. */
final class Tasklist {

  static final By TASK = By.cssSelector("[cam-tasklist-task]");
  static final By START_DIALOG = By.cssSelector(".modal-content");
  private static final By TASK_FORM = By.cssSelector("[cam-tasklist-task] form.fjs-form");
  private static final By COMPLETE = By.xpath(
      "//*[@cam-tasklist-task]//div[contains(@class,'form-actions')]//button[normalize-space(.)='完成']");

  private final Browser browser;

  Tasklist(Browser browser) {
    this.browser = browser;
  }

  Tasklist loginAs(String user) {
    browser.login("tasklist", user);
    return this;
  }

  /** The header's links, e.g. 啟動流程. */
  String header() {
    return browser.visible(By.cssSelector("[cam-widget-header]")).getText();
  }

  List<String> filterNames() {
    browser.visible(By.cssSelector(".task-filter"));
    return browser.driver().findElements(By.cssSelector(".task-filter h4.name a")).stream()
        .map(a -> a.getText().replaceAll("\\s*\\(?\\d+\\)?\\s*$", "").trim()).toList();
  }

  Tasklist filter(String name) {
    By filter = By.xpath("//div[contains(@class,'task-filter')]"
        + "[.//h4[contains(@class,'name')]/a[starts-with(normalize-space(.),'" + name + "')]]");
    browser.click(browser.visible(filter).findElement(By.cssSelector("h4.name a")));
    browser.until(driver -> driver.findElement(filter).getAttribute("class").contains("active"));
    return this;
  }

  /** The task names in the list of the chosen filter, once the list has loaded. */
  List<String> taskNames() {
    browser.until(ExpectedConditions.or(
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector("ol.tasks-list > li")),
        ExpectedConditions.visibilityOfElementLocated(By.xpath(
            "//section[contains(@class,'tasks-list')]//*[contains(normalize-space(.),'找不到符合篩選條件的任務')]"))));
    return browser.driver().findElements(By.cssSelector("ol.tasks-list > li h4")).stream()
        .map(h -> h.getText().trim()).toList();
  }

  Tasklist openFromList(String taskName) {
    WebElement entry = browser.visible(By.xpath(
        "//ol[contains(@class,'tasks-list')]/li//h4/a[normalize-space(.)='" + taskName + "']"));
    browser.click(entry);
    browser.until(ExpectedConditions.textToBe(By.cssSelector("[cam-tasklist-task] h2.task"),
        taskName));
    browser.visible(TASK_FORM);
    return this;
  }

  /** Opens a task by its address, as a link to it would. */
  Tasklist openTask(String taskId) {
    List<WebElement> previous = browser.driver().findElements(TASK_FORM);
    browser.get("/camunda/app/tasklist/default/#/?task=" + taskId);
    previous.forEach(form -> browser.until(ExpectedConditions.stalenessOf(form)));
    browser.visible(TASK_FORM);
    return this;
  }

  /** Opens a task by its address and returns the errors Tasklist shows instead of it. */
  List<String> openTaskExpectingError(String taskId) {
    browser.get("/camunda/app/tasklist/default/#/?task=" + taskId);
    try {
      browser.until(driver -> !errors().isEmpty());
    } catch (TimeoutException e) {
      throw new AssertionError("Tasklist showed task " + taskId + " without an error", e);
    }
    assertThat(browser.driver().findElements(TASK_FORM)).as("a form of task %s", taskId)
        .isEmpty();
    return errors();
  }

  String taskTitle() {
    return browser.visible(By.cssSelector("[cam-tasklist-task] h2.task")).getText().trim();
  }

  /** 認領: the form can be filled in only once the task is the user's. */
  Tasklist claim() {
    browser.click(browser.visible(By.cssSelector("[cam-tasklist-task] button.claim")));
    browser.until(ExpectedConditions.invisibilityOfElementLocated(
        By.cssSelector("[cam-tasklist-task] button.claim")));
    browser.until(ExpectedConditions.invisibilityOfElementLocated(
        By.cssSelector("[cam-tasklist-task] .disabled-form")));
    return this;
  }

  CamundaForm form() {
    return new CamundaForm(browser, TASK);
  }

  /** 完成 at the bottom of the form; fails with Tasklist's message when it is refused. */
  void complete() {
    WebElement button = browser.visible(COMPLETE);
    browser.click(button);
    try {
      browser.until(ExpectedConditions.or(ExpectedConditions.stalenessOf(button),
          ExpectedConditions.invisibilityOf(button),
          driver -> !errors().isEmpty()));
    } catch (TimeoutException e) {
      throw new AssertionError("the task was not completed", e);
    }
    assertThat(errors()).as("Tasklist's error messages after 完成").isEmpty();
  }

  /** 啟動流程 → the process → its start form in the dialog. */
  CamundaForm startForm(String processName) {
    browser.click(browser.visible(By.xpath(
        "//*[@cam-widget-header]//a[normalize-space(.)='啟動流程']")));
    By process = By.xpath(
        "//div[contains(@class,'modal-content')]//a[normalize-space(.)='" + processName + "']");
    By form = By.cssSelector(".modal-content form.fjs-form");
    // AngularJS may re-render the list under a click on a busy machine: click again until the
    // form shows, for at most a minute
    long deadline = System.currentTimeMillis() + 60_000;
    while (true) {
      browser.click(browser.visible(process));
      try {
        browser.visibleWithin(form, java.time.Duration.ofSeconds(10));
        break;
      } catch (TimeoutException notYet) {
        if (System.currentTimeMillis() > deadline || browser.isShown(form)) {
          throw notYet;
        }
      }
    }
    return new CamundaForm(browser, START_DIALOG);
  }

  /**
   * 完成 with the form as it is (nothing filled in): form-js marks what is missing, or the
   * server answers; either way, once something shows.
   */
  void submitAsItIs() {
    browser.click(browser.visible(COMPLETE));
    waitForAnswer(TASK);
  }

  /** Waits until the form shows its field errors, Tasklist an error, or the form is gone. */
  void waitForAnswer(By root) {
    try {
      browser.until(driver -> !driver.findElements(By.cssSelector(".fjs-form-field-error")).isEmpty()
          || !errors().isEmpty() || driver.findElements(root).stream().noneMatch(e -> {
            try {
              return !e.findElements(By.cssSelector("form.fjs-form")).isEmpty();
            } catch (org.openqa.selenium.StaleElementReferenceException gone) {
              return false;
            }
          }));
    } catch (TimeoutException e) {
      // the caller's assertions say what is missing
    }
  }

  /** 開始 in the start dialog. */
  void clickStart() {
    browser.click(By.xpath(
        "//div[contains(@class,'modal-footer')]//button[normalize-space(.)='開始']"));
  }

  /** Starts the process; the dialog closes once it is running. */
  void start() {
    clickStart();
    try {
      browser.until(ExpectedConditions.or(
          ExpectedConditions.invisibilityOfElementLocated(START_DIALOG),
          driver -> !errors().isEmpty()));
    } catch (TimeoutException e) {
      throw new AssertionError("the process was not started", e);
    }
    assertThat(errors()).as("Tasklist's error messages after 開始").isEmpty();
  }

  void closeStartDialog() {
    browser.click(By.xpath(
        "//div[contains(@class,'modal-footer')]//button[normalize-space(.)='關閉']"));
    browser.until(ExpectedConditions.invisibilityOfElementLocated(START_DIALOG));
  }

  /** Tasklist's error notifications and form errors that are showing. */
  List<String> errors() {
    List<String> errors = new ArrayList<>();
    for (WebElement alert : browser.driver().findElements(By.cssSelector(
        ".notifications .alert-danger, [cam-tasklist-form] .alert-danger"))) {
      try {
        if (alert.isDisplayed()) {
          errors.add(alert.getText().replace("×", "").trim());
        }
      } catch (StaleElementReferenceException gone) {
        // dismissed while being read
      }
    }
    return errors;
  }

  /**
   * The form {@code formId} of {@code forms/} is showing in {@code root} without an error:
   * every label it always shows is there. Recorded as rendered by a browser test.
   */
  void assertShows(By root, String formId) {
    List<String> labels = Forms.alwaysShownLabels(formId);
    CamundaForm form = new CamundaForm(browser, root);
    try {
      browser.until(driver -> {
        String shown = form.text();
        return labels.stream().allMatch(shown::contains) || !errors().isEmpty();
      });
    } catch (TimeoutException e) {
      // the assertions below say what is missing
    }
    assertThat(errors()).as("errors shown with form %s", formId).isEmpty();
    String shown = form.text();
    assertThat(labels).as("labels of form %s showing in Tasklist", formId)
        .allSatisfy(label -> assertThat(shown).contains(label));
    Forms.rendered(formId);
  }
}
