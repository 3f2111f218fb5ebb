package com.wuye.workflow.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The managers' dashboard on Cockpit's start page (#17), as its readers see it in Chromium: the
 * offices they may see, the open complaints by deadline state with the cases behind each
 * number, and the charts drawn from the months' figures.
 */
class DashboardBrowserTest extends BrowserTestSupport {

  /** The colour of 兩小時內與業戶聯系's line (CONTACT_2H, the third deadline) in the chart. */
  static final int[] CONTACT_LINE = {0x2c, 0xa0, 0x2c};

  /**
   * A month's complaints through the procedure in the month itself (the engine's clock set
   * back): the resident contacted in time or after the deadline passed, the reply by visit,
   * satisfied or not.
   */
  void monthOfComplaints(YearMonth month, int complaints, int late, int unsatisfied) {
    for (int i = 0; i < complaints; i++) {
      LocalDateTime received = month.atDay(10 + i).atTime(9, 0);
      setClock(officeTime(received.plusMinutes(1)));
      ProcessInstance instance = waitingForContact(received);
      if (i < late) {
        setClock(officeTime(received.plusHours(2).plusMinutes(5)));
        Job timer = managementService.createJobQuery().processInstanceId(instance.getId())
            .activityId("BoundaryEvent_ContactResidentMissed").singleResult();
        BpmnAwareTests.execute(timer);
      } else {
        setClock(officeTime(received.plusHours(1)));
      }
      complete("supervisor", instance, "Task_ContactResident", Map.of("contactNote", "已致電業戶",
          "agreedReplyAt", received.withHour(17).toString()));
      setClock(officeTime(received.withHour(16)));
      complete("supervisor", instance, "Task_HandleValidComplaint", Map.of("handlingOutcome",
          "RESOLVED", "handlingResult", "已修理升降機", "replyMethod", "VISIT",
          "residentOpinion", i < unsatisfied ? "仍不滿意" : "滿意", "residentSignature", "梁太",
          "residentSatisfiedAnswer", i < unsatisfied ? "NO" : "YES"));
    }
    setClock(new Date());
  }

  /** The cockpit dashboard's figure for a deadline state of an office, once drawn. */
  long shown(String office, String state) {
    WebElement number = browser().visible(By.cssSelector(
        ".wuye-office[data-office='" + office + "'] [data-state='" + state + "'] a"));
    return Long.parseLong(number.getText().trim());
  }

  /** Whether the chart's canvas holds a pixel of the colour given (a line or point drawn). */
  boolean drawnIn(String office, String chartTitle, int[] rgb) {
    Object found = browser().script("""
        const box = document.querySelector(arguments[0]);
        const canvas = box && box.querySelector('canvas');
        if (!canvas) { return false; }
        const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        for (let i = 0; i < data.length; i += 4) {
          if (Math.abs(data[i] - arguments[1]) < 8 && Math.abs(data[i + 1] - arguments[2]) < 8
              && Math.abs(data[i + 2] - arguments[3]) < 8 && data[i + 3] > 200) { return true; }
        }
        return false;""", (office == null ? "" : ".wuye-office[data-office='" + office + "'] ")
        + "[data-chart='" + chartTitle + "']", rgb[0], rgb[1], rgb[2]);
    return Boolean.TRUE.equals(found);
  }

  /** The dashboard alone, whole (the window made tall enough), as the README shows it. */
  void sectionPicture(String name) {
    var window = browser().driver().manage().window();
    org.openqa.selenium.Dimension size = window.getSize();
    try {
      window.setSize(new org.openqa.selenium.Dimension(1400, 2600));
      WebElement section = browser().visible(By.cssSelector("section.wuye-dashboard"));
      browser().scrollTo(section);
      java.nio.file.Files.createDirectories(Browser.SCREENSHOTS);
      java.nio.file.Files.write(Browser.SCREENSHOTS.resolve(getClass().getSimpleName() + "-"
          + name + ".png"), section.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      window.setSize(size);
      // the page drawn for the tall window is left for a plain page of the application (its
      // origin, so that logging out still finds the session's cookies): the next starts afresh
      browser().get("/records/print.css");
    }
  }

  void openDashboard(String user) {
    browser().login("cockpit", user);
    browser().get("/camunda/app/cockpit/default/#/dashboard");
    browser().driver().navigate().refresh();
    browser().visible(By.cssSelector("section.wuye-dashboard"));
    browser().until(d -> !d.findElements(By.cssSelector(".wuye-office canvas")).isEmpty());
  }

  @Test
  @DisplayName("CP-7.1 CP-15 CP-16 the director sees 翠苑管理處's dashboard in Cockpit with the deadlines' and the satisfaction chart drawn from the months' complaints; the deputy GM sees both offices; staff have no Cockpit")
  void directorDeputyAndStaff() {
    YearMonth thisMonth = YearMonth.now(OFFICE_ZONE);
    monthOfComplaints(thisMonth.minusMonths(2), 4, 1, 1);
    monthOfComplaints(thisMonth.minusMonths(1), 3, 0, 1);
    LocalDateTime now = LocalDateTime.now(OFFICE_ZONE).withSecond(0).withNano(0);
    waitingForContact(now.minusHours(3));     // overdue
    String envelopeNo = "DB-" + System.nanoTime() % 1_000_000;
    sealedKey("L座", "7樓07室", "鄰居", "鄰居", envelopeNo);

    openDashboard("director");
    assertThat(browser().driver().findElements(By.cssSelector(".wuye-office[data-office]")))
        .extracting(e -> e.getDomAttribute("data-office")).containsExactly("cuiyuan");
    String text = browser().visible(By.cssSelector("section.wuye-dashboard")).getText();
    assertThat(text).contains("翠苑管理處", "未結投訴", "已逾期", "各期限按時完成率", "業戶滿意率",
        "本月投訴:按類別", "封存鑰匙").doesNotContain("金輝管理處");
    assertThat(shown("cuiyuan", "overdue")).isGreaterThanOrEqualTo(1);
    assertThat(browser().visible(By.cssSelector("[data-envelope='" + envelopeNo + "']")).getText())
        .contains("翠苑管理處", "L座 7樓07室", "0 小時");
    assertThat(drawnIn("cuiyuan", "各期限按時完成率(近12個月)", CONTACT_LINE))
        .as("the line of 兩小時內與業戶聯系 drawn").isTrue();
    assertThat(drawnIn(null, "業戶滿意率(近12個月)", new int[] {0x1f, 0x77, 0xb4}))
        .as("翠苑管理處's satisfaction line drawn").isTrue();
    assertThat(englishShown("section.wuye-dashboard")).as("English words on the dashboard").isEmpty();
    screenshot("dashboard-director");
    sectionPicture("dashboard-director-section");

    openDashboard("deputy");
    assertThat(browser().driver().findElements(By.cssSelector(".wuye-office[data-office]")))
        .extracting(e -> e.getDomAttribute("data-office")).containsExactly("cuiyuan", "jinhui");
    screenshot("dashboard-deputy");

    browser().logout();
    browser().get("/camunda/app/cockpit/default/");
    browser().visible(By.cssSelector("input[ng-model='username']")).sendKeys("staff");
    browser().driver().findElement(By.cssSelector("input[ng-model='password']")).sendKeys("demo");
    browser().click(By.cssSelector("button[type='submit']"));
    browser().until(d -> d.findElement(By.tagName("body")).getText().contains("登入失敗"));
    assertThat(browser().driver().findElements(By.cssSelector("section.wuye-dashboard"))).isEmpty();
  }

  @Test
  @DisplayName("CP-7.1 a complaint whose contact deadline passes moves from due within the hour to overdue on the Cockpit dashboard, and the number leads to the case")
  void deadlinePasses() {
    LocalDateTime now = LocalDateTime.now(OFFICE_ZONE).withSecond(0).withNano(0);
    setClock(officeTime(now));
    ProcessInstance instance = waitingForContact(now.minusMinutes(100));   // due in 20 minutes
    openDashboard("director");
    long within = shown("cuiyuan", "dueWithinHour");
    long overdue = shown("cuiyuan", "overdue");
    assertThat(within).isGreaterThanOrEqualTo(1);

    setClock(officeTime(now.plusMinutes(21)));
    openDashboard("director");
    assertThat(shown("cuiyuan", "dueWithinHour")).isEqualTo(within - 1);
    assertThat(shown("cuiyuan", "overdue")).isEqualTo(overdue + 1);
    String href = browser().visible(By.cssSelector(
        ".wuye-office[data-office='cuiyuan'] [data-state='overdue'] a")).getDomAttribute("href");
    browser().get(href);
    assertThat(browser().visible(By.tagName("body")).getText())
        .contains("已逾期", instance.getBusinessKey(), "與業戶聯系並約定回復時間");
    screenshot("dashboard-overdue-cases");
  }
}
