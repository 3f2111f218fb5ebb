package com.wuye.workflow.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.wuye.workflow.ProcessTestSupport;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The printable records under /app/records: what each shows, to whom, in its office only; a
 * page changes nothing.
 */
class RecordPagesTest extends ProcessTestSupport {

  static Map<String, Object> complaint(String matter, boolean written) {
    Map<String, Object> c = new HashMap<>();
    c.put("community", "翠苑小區");
    c.put("building", "F座");
    c.put("unit", "9樓0" + (int) (Math.random() * 9) + "室");
    c.put("residentName", "黃先生");
    c.put("residentPhone", "93456789");
    c.put("channel", "HOTLINE");
    c.put("writtenComplaint", written);
    c.put("matter", matter + System.nanoTime());
    c.put("description", "業戶投訴:" + matter);
    return c;
  }

  String inAnHour() {
    return java.time.LocalDateTime.now(ZoneId.of("Asia/Hong_Kong")).plusHours(1).withSecond(0)
        .withNano(0).toString();
  }

  @Test
  @DisplayName("CP-7.8 CP-10.3 CP-11 a complaint's file: the complaint, every level of its 工作傳簽單, the signed visit record and the written reply letter, for its office and the company roles only")
  void complaintFile() {
    ProcessInstance instance = start("staff", "ComplaintProcess", complaint("外牆滲水", true));
    String no = instance.getBusinessKey();
    // the tasks' forms link here: a path the process derives, never text someone typed
    assertThat(runtimeService.getVariable(instance.getId(), "recordPath"))
        .isEqualTo("/app/records/complaints/" + no);
    complete("duty", instance, "Task_LogComplaint", Map.of("category", "MAINTENANCE",
        "dutyOfficerHandles", "NO"));
    complete("supervisor", instance, "Task_ClassifyComplaint", Map.of("classification", "VALID"));
    HttpResponse<String> before = rest("supervisor").get("/app/records/complaints/" + no);
    assertThat(before.statusCode()).isEqualTo(200);
    assertThat(before.body()).as("an empty visit record to take to the visit")
        .contains("業戶訪問記錄", "signature-box", "□ 滿意");
    complete("supervisor", instance, "Task_ContactResident", Map.of("contactNote", "已聯系",
        "agreedReplyAt", inAnHour(), "specialCircumstance", "業戶晚上才在家"));
    complete("supervisor", instance, "Task_HandleValidComplaint", Map.of("handlingOutcome",
        "BEYOND_MY_POWER", "escalationReason", "需動用維修基金"));
    complete("director", instance, "Task_SuperiorHandles", Map.of("superiorResult",
        "報主管副總經理審批", "escalateFurther", "DEPUTY_GM"));
    complete("deputy", instance, "Task_DeputyGmHandles", Map.of("deputyGmResult", "批准動用維修基金",
        "deputyGmDecision", "RESOLVED"));
    complete("supervisor", instance, "Task_HandleValidComplaint", Map.of("handlingOutcome",
        "RESOLVED", "handlingResult", "已維修", "replyMethod", "VISIT", "residentOpinion",
        "維修妥當", "residentSignature", "黃大明", "residentSatisfiedAnswer", "YES",
        "writtenReplyText", "黃先生:外牆滲水已於本週修妥,謹此回復。"));

    long dutyLogRows = jdbc().queryForObject("SELECT COUNT(*) FROM duty_log", Long.class);
    HttpResponse<String> page = rest("director").get("/app/records/complaints/" + no);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(page.body()).contains("翠苑管理處", no, "業戶投訴檔案", "投訴熱線", "有效投訴",
        "需動用維修基金", "報主管副總經理審批", "批准動用維修基金", "主管副總經理", "再上報,交主管副總經理",
        "維修妥當", "黃大明", "外牆滲水已於本週修妥,謹此回復。", "黃先生 業戶:", "管理處主任簽名")
        .doesNotContain("deputy-gm", "office-director", "PASSED_UP");
    assertThat(rest("deputy").get("/app/records/complaints/" + no).statusCode()).isEqualTo(200);
    assertThat(rest("director2").get("/app/records/complaints/" + no).statusCode())
        .as("another office's director").isEqualTo(404);
    assertThat(rest("staff").get("/app/records/complaints/" + no).statusCode())
        .as("a role that does not read complaint files").isEqualTo(403);
    assertThat(rest("owner").get("/app/records/complaints/" + no).statusCode()).isEqualTo(403);
    assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM duty_log", Long.class))
        .as("reading changes nothing").isEqualTo(dutyLogRows);
  }

  @Test
  @DisplayName("CP-9 the 值班記錄表 of a day and community: every entry with its time, what and who, signature lines; another office's is not there; a wrong date is refused in Chinese")
  void dutyLogPage() {
    ProcessInstance instance = start("staff", "ComplaintProcess", complaint("走廊燈", false));
    complete("duty", instance, "Task_LogComplaint", Map.of("category", "SERVICE",
        "dutyOfficerHandles", "NO", "dutyLogNote", "已通知維修"));
    String today = LocalDate.now(ZoneId.of("Asia/Hong_Kong")).toString();
    HttpResponse<String> page = rest("duty").get("/app/records/duty-log?date=" + today
        + "&community=" + java.net.URLEncoder.encode("翠苑小區", java.nio.charset.StandardCharsets.UTF_8));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("值班記錄表", "翠苑管理處", "翠苑小區", "記錄投訴於值班記錄表",
        "已通知維修", instance.getBusinessKey(), "值班員簽名", "接班人簽名");
    assertThat(rest("duty2").get("/app/records/duty-log?date=" + today + "&community="
        + java.net.URLEncoder.encode("翠苑小區", java.nio.charset.StandardCharsets.UTF_8))
        .statusCode()).isEqualTo(404);
    HttpResponse<String> wrong = rest("duty").get("/app/records/duty-log?date=2026-13-40");
    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(wrong.body()).contains("不是有效的日期");
  }

  @Test
  @DisplayName("Records: a case's printable record from Cockpit's case page, for its office only")
  void caseRecordsFromCockpit() {
    ProcessInstance instance = start("staff", "ComplaintProcess", complaint("信箱損壞", false));
    HttpResponse<String> found = rest("director").get("/app/records/cases/" + instance.getId());
    assertThat(found.statusCode()).isEqualTo(302);
    assertThat(found.headers().firstValue("Location").orElse(""))
        .endsWith("/app/records/complaints/" + instance.getBusinessKey());
    HttpResponse<String> other = rest("director2").get("/app/records/cases/" + instance.getId());
    assertThat(other.statusCode()).isEqualTo(404);
    assertThat(other.body()).doesNotContain(instance.getBusinessKey());
  }

  @Test
  @DisplayName("Records: the index lists the day's records of the caller's offices, found by number too")
  void index() {
    ProcessInstance instance = start("staff", "ComplaintProcess", complaint("垃圾房", false));
    String no = instance.getBusinessKey();
    HttpResponse<String> mine = rest("supervisor").get("/app/records");
    assertThat(mine.statusCode()).isEqualTo(200);
    assertThat(mine.body()).contains("記錄一覽", "值班記錄表", no, "/app/records/complaints/" + no);
    assertThat(rest("supervisor2").get("/app/records").body()).doesNotContain(no);
    assertThat(rest("supervisor").get("/app/records?number=" + no).body())
        .contains("/app/records/complaints/" + no);
    assertThat(rest("supervisor2").get("/app/records?number=" + no).body())
        .doesNotContain("/app/records/complaints/" + no);
  }

  @Test
  @DisplayName("UD-4.4.1.2 UD-4.4.1.4 the 專用信封 label with its signature lines and the owner's receipt, for the office's custodians and managers only")
  void keyEnvelopeLabel() {
    String envelopeNo = "REC-" + System.nanoTime() % 1_000_000;
    sealedKey("G座", "2樓02室", "鄰居何先生", "何先生簽", envelopeNo);
    HttpResponse<String> page = rest("custodian").get("/app/records/key-envelopes/" + envelopeNo);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("專用信封", envelopeNo, "翠苑管理處", "G座 2樓02室", "封存中",
        "鄰居何先生", "何先生簽", "劉建華", "發現人員簽名", "第三方見證人簽名", "業主簽收",
        "在業主簽收前任何人不得打開專用信封");
    assertThat(rest("custodian2").get("/app/records/key-envelopes/" + envelopeNo).statusCode())
        .isEqualTo(404);
    assertThat(rest("supervisor").get("/app/records/key-envelopes/" + envelopeNo).statusCode())
        .isEqualTo(403);
  }

  @Test
  @DisplayName("CP-15 CP-16.1 the 部門客戶投訴工作月報 as a page and as a spreadsheet whose numbers, read back, are the report's; another office's is not there")
  void monthlyReportPageAndSpreadsheet() throws Exception {
    ProcessInstance instance = start("staff", "ComplaintProcess", complaint("噪音", false));
    String month = java.time.YearMonth.now(ZoneId.of("Asia/Hong_Kong")).toString();
    var report = json(rest("supervisor").get("/api/reports/monthly?month=" + month + "&office=cuiyuan"));
    HttpResponse<String> page = rest("supervisor").get("/app/records/monthly-report?month=" + month
        + "&office=cuiyuan");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("部門客戶投訴工作月報", "翠苑管理處", "投訴總數",
        instance.getBusinessKey(), "管理處主任審閱簽名");
    var xlsx = rest("supervisor").getBytes("/app/records/monthly-report.xlsx?month=" + month
        + "&office=cuiyuan");
    assertThat(xlsx.statusCode()).isEqualTo(200);
    try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
        new java.io.ByteArrayInputStream(xlsx.body()))) {
      var figures = book.getSheet("數字");
      double total = -1;
      for (var row : figures) {
        if (row.getCell(0) != null && "投訴總數".equals(row.getCell(0).getStringCellValue())) {
          total = row.getCell(1).getNumericCellValue();
        }
      }
      assertThat(total).isEqualTo(report.path("complaints").asDouble());
      var list = book.getSheet("投訴一覽");
      assertThat(list.getLastRowNum()).isEqualTo(report.path("complaintList").size());
      boolean listed = false;
      for (var row : list) {
        listed |= instance.getBusinessKey().equals(row.getCell(0).getStringCellValue());
      }
      assertThat(listed).as("the complaint on the list sheet").isTrue();
    }
    assertThat(rest("director2").get("/app/records/monthly-report?month=" + month
        + "&office=cuiyuan").statusCode()).isEqualTo(404);
    assertThat(rest("staff").get("/app/records/monthly-report?month=" + month).statusCode())
        .isEqualTo(403);
  }

  @Test
  @DisplayName("EM-1 EM-2 EM-3 the notices to residents of the emergency procedure, ready to post in a community of the caller's office")
  void emergencyNotices() {
    String community = java.net.URLEncoder.encode("翠苑小區", java.nio.charset.StandardCharsets.UTF_8);
    HttpResponse<String> fire = rest("duty").get("/app/records/notices/fire?community=" + community);
    assertThat(fire.statusCode()).isEqualTo(200);
    assertThat(fire.body()).contains("致業戶:火警應急須知", "翠苑小區全體業戶", "保持鎮靜", "翠苑管理處 謹啟");
    assertThat(rest("staff").get("/app/records/notices/strong-wind?community=" + community).body())
        .contains("強風應急須知");
    assertThat(rest("guard").get("/app/records/notices/earthquake?community=" + community).body())
        .contains("地震應急須知");
    assertThat(rest("duty2").get("/app/records/notices/fire?community=" + community).statusCode())
        .as("another office's community").isEqualTo(404);
    assertThat(rest("duty").get("/app/records/notices/flood?community=" + community).statusCode())
        .isEqualTo(404);
  }

  org.springframework.jdbc.core.JdbcTemplate jdbc() {
    return applicationContext.getBean(org.springframework.jdbc.core.JdbcTemplate.class);
  }

  @org.springframework.beans.factory.annotation.Autowired
  org.springframework.context.ApplicationContext applicationContext;
}
