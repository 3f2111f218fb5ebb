package com.wuye.workflow.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.wuye.workflow.dutylog.DutyLogRepository;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.PrintsPage;
import org.openqa.selenium.print.PrintOptions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The printable records in Chromium, as a manager opens them after logging in to Tasklist:
 * shown in Chinese, printed to A4 PDF through the browser with the office and the record's
 * number on every page; refused to a role that may not read them.
 */
class RecordsBrowserTest extends BrowserTestSupport {

  @Autowired
  DutyLogRepository dutyLog;

  /** The page printed by Chromium (DevTools' print), A4; its text and its number of pages. */
  record Printed(String text, int pages) {
  }

  Printed print() throws Exception {
    PrintOptions options = new PrintOptions();
    options.setPageSize(new org.openqa.selenium.print.PageSize(29.7, 21.0));
    options.setBackground(true);
    String pdf = ((PrintsPage) browser().driver()).print(options).getContent();
    try (PDDocument document = Loader.loadPDF(Base64.getDecoder().decode(pdf))) {
      // a table cell wrapped on paper is one text: the lines joined, the spaces kept
      return new Printed(new PDFTextStripper().getText(document).replaceAll("\\R", ""),
          document.getNumberOfPages());
    }
  }

  @Test
  @DisplayName("CP-7.8 CP-11 a complaint's file opened by its office's director after logging in to Tasklist, printed to PDF with its Chinese content; a member of staff is refused")
  void complaintFilePrinted() throws Exception {
    ProcessInstance instance = start("staff", "ComplaintProcess", Map.of("community", "翠苑小區",
        "building", "H座", "unit", "5樓05室", "residentName", "馮太", "residentPhone", "95678901",
        "channel", "PHONE", "writtenComplaint", false, "matter", "天台漏水" + System.nanoTime(),
        "description", "天台漏水至頂層單位"));
    String no = instance.getBusinessKey();
    complete("duty", instance, "Task_LogComplaint", Map.of("category", "MAINTENANCE",
        "dutyOfficerHandles", "NO"));
    complete("supervisor", instance, "Task_ClassifyComplaint", Map.of("classification", "VALID"));
    complete("supervisor", instance, "Task_ContactResident", Map.of("contactNote", "已聯系",
        "agreedReplyAt", LocalDateTime.now(ZoneId.of("Asia/Hong_Kong")).plusHours(1)
            .withSecond(0).withNano(0).toString(), "specialCircumstance", "業戶晚上才在家"));
    complete("supervisor", instance, "Task_HandleValidComplaint", Map.of("handlingOutcome",
        "BEYOND_MY_POWER", "escalationReason", "需動用維修基金"));
    complete("director", instance, "Task_SuperiorHandles", Map.of("superiorResult", "已安排承辦商",
        "escalateFurther", "NONE"));

    tasklist.loginAs("director");
    browser().get("/app/records/complaints/" + no);
    browser().visible(By.cssSelector("h1"));
    assertThat(browser().driver().findElement(By.tagName("body")).getText())
        .contains("業戶投訴檔案", no, "工作傳簽單", "已安排承辦商");
    assertThat(englishShown()).as("English words on the complaint file").isEmpty();
    screenshot("complaint-file");
    Printed printed = print();
    assertThat(printed.text()).contains("翠苑管理處", no, "業戶投訴檔案", "工作傳簽單",
        "需動用維修基金", "已安排承辦商", "業戶訪問記錄", "業戶簽名");
    assertThat(printed.pages()).isBetween(1, 3);

    // from Cockpit's case page, the tab 可列印記錄 leads to the file
    browser().login("cockpit", "director");
    browser().get("/camunda/app/cockpit/default/#/process-instance/" + instance.getId()
        + "/runtime?tab=wuye.caseRecords");
    var link = browser().visible(By.cssSelector("a[href='/app/records/cases/" + instance.getId() + "']"));
    assertThat(link.getText()).contains("可列印記錄");
    screenshot("cockpit-case-records-tab");

    tasklist.loginAs("staff");
    browser().get("/app/records/complaints/" + no);
    assertThat(browser().driver().findElement(By.tagName("body")).getText())
        .contains("無法顯示記錄", "沒有權限").doesNotContain("天台漏水至頂層單位");
    screenshot("complaint-file-refused");
  }

  @Test
  @DisplayName("CP-9 a busy day's 值班記錄表 printed to A4 spans pages, the office and the day in the header of each")
  void dutyLogSpansPages() throws Exception {
    LocalDateTime day = LocalDateTime.of(2025, 3, 14, 8, 0);
    for (int i = 0; i < 120; i++) {
      // server time of the office's day: the application stores the server's wall clock
      LocalDateTime at = day.plusMinutes(i * 5L).atZone(ZoneId.of("Asia/Hong_Kong"))
          .withZoneSameInstant(ZoneId.systemDefault()).toLocalDateTime();
      dutyLog.insert(at, "cuiyuan", "翠苑小區", "A座", (i % 20 + 1) + "樓01室", "ComplaintProcess",
          "printed-" + i, "TS-20250314-" + String.format("%06d", i), "巡查記錄",
          "第 " + (i + 1) + " 次巡查大堂及走廊,一切正常。", "duty");
    }
    tasklist.loginAs("duty");
    browser().get("/app/records/duty-log?date=2025-03-14&community="
        + java.net.URLEncoder.encode("翠苑小區", java.nio.charset.StandardCharsets.UTF_8));
    browser().visible(By.cssSelector("h1"));
    assertThat(englishShown()).as("English words on the duty log").isEmpty();
    screenshot("duty-log");
    Printed printed = print();
    assertThat(printed.pages()).as("120 entries over several A4 pages").isGreaterThanOrEqualTo(3);
    assertThat(printed.text()).contains("第 1 次巡查", "第 120 次巡查", "值班員簽名");
    assertThat(printed.text().split("2025年3月14日", -1).length - 1)
        .as("the day in the header of every page").isGreaterThanOrEqualTo(printed.pages());
  }

  @Test
  @DisplayName("UD-4.4 EM-1 CP-15 the 專用信封, a notice to post and the monthly report opened by their readers in Chromium and printed to PDF; refused to another office or role")
  void envelopeNoticeAndReportPrinted() throws Exception {
    String envelopeNo = "PRN-" + System.nanoTime() % 1_000_000;
    sealedKey("J座", "6樓06室", "鄰居區先生", "區先生簽", envelopeNo);

    tasklist.loginAs("custodian");
    browser().get("/app/records/key-envelopes/" + envelopeNo);
    browser().visible(By.cssSelector("h1"));
    assertThat(englishShown()).as("English words on the envelope").isEmpty();
    screenshot("key-envelope");
    assertThat(print().text()).contains("專用信封", envelopeNo, "翠苑管理處", "J座 6樓06室",
        "區先生簽", "發現人員簽名", "業主簽收");

    String community = java.net.URLEncoder.encode("翠苑小區", java.nio.charset.StandardCharsets.UTF_8);
    tasklist.loginAs("guard");
    browser().get("/app/records/notices/fire?community=" + community);
    browser().visible(By.cssSelector("h1"));
    screenshot("fire-notice");
    Printed notice = print();
    assertThat(notice.text()).contains("火警應急須知", "翠苑小區全體業戶", "保持鎮靜", "翠苑管理處 謹啟",
        "翠苑管理處 業戶通知 翠苑小區");
    assertThat(notice.pages()).isBetween(1, 2);

    tasklist.loginAs("supervisor");
    String month = java.time.YearMonth.now(ZoneId.of("Asia/Hong_Kong")).toString();
    browser().get("/app/records/monthly-report?month=" + month + "&office=cuiyuan");
    browser().visible(By.cssSelector("h1"));
    assertThat(englishShown()).as("English words on the monthly report").isEmpty();
    screenshot("monthly-report");
    assertThat(print().text()).contains("部門客戶投訴工作月報", "翠苑管理處", "投訴總數",
        "管理處主任審閱簽名");

    tasklist.loginAs("custodian2");
    browser().get("/app/records/key-envelopes/" + envelopeNo);
    assertThat(browser().driver().findElement(By.tagName("body")).getText())
        .contains("無法顯示記錄").doesNotContain("區先生簽");
    tasklist.loginAs("staff");
    browser().get("/app/records/monthly-report?month=" + month + "&office=cuiyuan");
    assertThat(browser().driver().findElement(By.tagName("body")).getText())
        .contains("沒有權限").doesNotContain("投訴總數");
  }
}
