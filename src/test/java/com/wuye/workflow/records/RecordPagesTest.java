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

  org.springframework.jdbc.core.JdbcTemplate jdbc() {
    return applicationContext.getBean(org.springframework.jdbc.core.JdbcTemplate.class);
  }

  @org.springframework.beans.factory.annotation.Autowired
  org.springframework.context.ApplicationContext applicationContext;
}
