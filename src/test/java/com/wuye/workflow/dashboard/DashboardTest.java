package com.wuye.workflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.wuye.workflow.ProcessTestSupport;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.Map;
import com.wuye.workflow.report.MonthlyReportService;
import java.time.YearMonth;
import java.util.TreeMap;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The managers' figures (#17): what the endpoint counts, for whom. */
class DashboardTest extends ProcessTestSupport {


  JsonNode office(JsonNode dashboard, String id) {
    for (JsonNode o : dashboard.path("offices")) {
      if (o.path("office").asText().equals(id)) {
        return o;
      }
    }
    return null;
  }

  @Test
  @DisplayName("CP-7.1 CP-15 the dashboard counts the office's open complaints by deadline state, as the deadlines say, and a month's rates as its monthly report; a director sees their office, the deputy GM every office, staff nothing")
  void figuresAndWhoSeesThem() {
    LocalDateTime now = LocalDateTime.now(OFFICE_ZONE).withSecond(0).withNano(0);
    setClock(officeTime(now));
    JsonNode before = office(json(rest("director").get("/api/dashboard")), "cuiyuan").path("open");

    waitingForContact(now);                    // contact due in 2 hours: on time
    waitingForContact(now.minusMinutes(90));   // due in 30 minutes: within the hour
    waitingForContact(now.minusHours(3));      // due an hour ago: overdue

    JsonNode dashboard = json(rest("director").get("/api/dashboard"));
    JsonNode open = office(dashboard, "cuiyuan").path("open");
    assertThat(open.path("onTime").asLong() - before.path("onTime").asLong()).isEqualTo(1);
    assertThat(open.path("dueWithinHour").asLong() - before.path("dueWithinHour").asLong())
        .isEqualTo(1);
    assertThat(open.path("overdue").asLong() - before.path("overdue").asLong()).isEqualTo(1);
    assertThat(dashboard.path("offices")).as("the director's own office only").hasSize(1);
    assertThat(office(dashboard, "cuiyuan").path("months")).hasSize(12);

    // a month's on-time rates and satisfaction are the monthly report's for that month
    String lastMonth = java.time.YearMonth.from(now).minusMonths(1).toString();
    JsonNode report = json(rest("director").get("/api/reports/monthly?month=" + lastMonth
        + "&office=cuiyuan"));
    JsonNode shown = office(dashboard, "cuiyuan").path("months").get(10);
    assertThat(shown.path("month").asText()).isEqualTo(lastMonth);
    for (int i = 0; i < report.path("deadlines").size(); i++) {
      assertThat(shown.path("deadlines").get(i).path("onTimeRate"))
          .isEqualTo(report.path("deadlines").get(i).path("onTimeRate"));
    }
    assertThat(shown.path("satisfactionRate"))
        .isEqualTo(report.path("satisfaction").path("rate"));

    assertThat(json(rest("deputy").get("/api/dashboard")).path("offices")).hasSize(2);
    assertThat(rest("staff").get("/api/dashboard").statusCode()).isEqualTo(403);
    assertThat(rest("supervisor").get("/api/dashboard").statusCode()).isEqualTo(403);
  }

  @Test
  @DisplayName("UD-4.4 the dashboard lists the sealed envelopes waiting for their owners with their age, the oldest first, of the offices the caller sees")
  void sealedEnvelopes() {
    String envelopeNo = "DSH-" + System.nanoTime() % 1_000_000;
    sealedKey("L座", "7樓07室", "鄰居", "鄰居", envelopeNo);
    setClock(new Date(System.currentTimeMillis() + 30 * 3_600_000L));

    JsonNode envelopes = json(rest("director").get("/api/dashboard")).path("sealedEnvelopes");
    assertThat(envelopes.findValuesAsText("envelopeNo")).contains(envelopeNo);
    for (JsonNode e : envelopes) {
      if (e.path("envelopeNo").asText().equals(envelopeNo)) {
        assertThat(e.path("ageHours").asLong()).isBetween(29L, 31L);
        assertThat(e.path("place").asText()).isEqualTo("L座 7樓07室");
      }
    }
    for (int i = 1; i < envelopes.size(); i++) {
      assertThat(envelopes.get(i - 1).path("ageHours").asLong())
          .isGreaterThanOrEqualTo(envelopes.get(i).path("ageHours").asLong());
    }
    assertThat(json(rest("director2").get("/api/dashboard")).path("sealedEnvelopes")
        .findValuesAsText("envelopeNo")).doesNotContain(envelopeNo);
  }

  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  MonthlyReportService reports;

  @Test
  @DisplayName("CP-15 CP-16 a month on the dashboard equals the counts computed separately from generated complaints and visits, and a closed month keeps its approved monthly report's figures when the records change after approval")
  void monthFromRecordsThenAsApproved() {
    YearMonth month = YearMonth.now(OFFICE_ZONE).minusMonths(7);
    String tag = Long.toString(System.nanoTime(), 36);
    String[] channels = {"PHONE", "HOTLINE", "EMAIL", "VISIT"};
    String[] classes = {"VALID", "VALID", "ASSISTED", "INVALID", null};
    Map<String, Long> byChannel = new TreeMap<>();
    Map<String, Long> byClass = new TreeMap<>();
    long visits = 0;
    long satisfied = 0;
    for (int i = 0; i < 37; i++) {
      String no = "DT-" + tag + "-" + i;
      LocalDateTime received = month.atDay(1 + i % 27).atTime(9 + i % 8, i % 60);
      String channel = channels[i % channels.length];
      String classification = classes[i % classes.length];
      insertComplaint(no, officeTime(received), channel, classification);
      byChannel.merge(channel, 1L, Long::sum);
      byClass.merge(classification == null ? "UNCLASSIFIED" : classification, 1L, Long::sum);
      if (i % 3 == 0) {
        boolean happy = i % 4 != 0;
        insertVisit(no, officeTime(received.plusDays(1)), happy);
        visits++;
        satisfied += happy ? 1 : 0;
      }
    }

    JsonNode shown = month(office(json(rest("director").get("/api/dashboard")), "cuiyuan"), month);
    assertThat(shown.path("approved").asBoolean()).isFalse();
    JsonNode live = json(rest("director").get("/api/reports/monthly?month=" + month
        + "&office=cuiyuan"));
    assertThat(counts(live.path("byChannel"))).isEqualTo(byChannel);
    assertThat(counts(live.path("byClassification"))).isEqualTo(byClass);
    assertThat(shown.path("satisfactionRate").asDouble())
        .isEqualTo(Math.round(satisfied * 10000.0 / visits) / 10000.0);

    // the director approves the month's report; records added afterwards change nothing shown
    String reportInstance = "dashboard-test-" + tag;
    reports.storeVersion(month, "cuiyuan", reportInstance, reports.compute(month, "cuiyuan"));
    reports.approve(reportInstance, "主管意見", "主任批准");
    for (int i = 0; i < 5; i++) {
      insertVisit("DT-" + tag + "-0", officeTime(month.atDay(20).atTime(10, i)), false);
    }
    JsonNode after = month(office(json(rest("director").get("/api/dashboard")), "cuiyuan"), month);
    JsonNode approved = json(rest("director").get("/api/reports/monthly?month=" + month
        + "&office=cuiyuan"));
    assertThat(after.path("approved").asBoolean()).isTrue();
    assertThat(approved.path("approved").asBoolean()).isTrue();
    assertThat(after.path("satisfactionRate")).isEqualTo(shown.path("satisfactionRate"));
    assertThat(after.path("satisfactionRate")).isEqualTo(approved.path("satisfaction").path("rate"));
    for (int i = 0; i < approved.path("deadlines").size(); i++) {
      assertThat(after.path("deadlines").get(i).path("onTimeRate"))
          .isEqualTo(approved.path("deadlines").get(i).path("onTimeRate"));
    }
    assertThat(json(rest("director2").get("/api/dashboard")).path("offices").findValuesAsText("office"))
        .containsExactly("jinhui");
  }

  @Test
  @DisplayName("CP-7.1 a complaint whose contact deadline passes moves from due within the hour to overdue on the dashboard, and its case is listed behind the number for its office only")
  void deadlinePasses() {
    LocalDateTime now = LocalDateTime.now(OFFICE_ZONE).withSecond(0).withNano(0);
    setClock(officeTime(now));
    ProcessInstance instance = waitingForContact(now.minusMinutes(100));   // due in 20 minutes
    JsonNode before = office(json(rest("director").get("/api/dashboard")), "cuiyuan").path("open");
    String complaintNo = runtimeService.createProcessInstanceQuery()
        .processInstanceId(instance.getId()).singleResult().getBusinessKey();
    assertThat(rest("director").get("/app/records/open-complaints?office=cuiyuan&state=dueWithinHour")
        .body()).contains(complaintNo).contains("與業戶聯系");

    setClock(officeTime(now.plusMinutes(21)));
    JsonNode after = office(json(rest("director").get("/api/dashboard")), "cuiyuan").path("open");
    assertThat(after.path("dueWithinHour").asLong())
        .isEqualTo(before.path("dueWithinHour").asLong() - 1);
    assertThat(after.path("overdue").asLong()).isEqualTo(before.path("overdue").asLong() + 1);
    assertThat(rest("director").get("/app/records/open-complaints?office=cuiyuan&state=overdue")
        .body()).contains(complaintNo);
    assertThat(rest("director").get("/app/records/open-complaints?office=cuiyuan&state=dueWithinHour")
        .body()).doesNotContain(complaintNo);

    var otherOffice = rest("director2").get("/app/records/open-complaints?office=cuiyuan&state=overdue");
    assertThat(otherOffice.statusCode()).isEqualTo(404);
    assertThat(otherOffice.body()).doesNotContain(complaintNo);
    assertThat(rest("staff").get("/app/records/open-complaints?office=cuiyuan&state=overdue")
        .statusCode()).isEqualTo(403);
    var badState = rest("director").get("/app/records/open-complaints?office=cuiyuan&state=late");
    assertThat(badState.statusCode()).isEqualTo(400);
    assertThat(badState.body()).contains("「state」須為");
  }

  private void insertComplaint(String no, Date received, String channel, String classification) {
    jdbc.update("""
        INSERT INTO complaint (complaint_no, process_instance_id, received_at, received_by,
            community, building, unit, resident_name, resident_phone, channel, written, matter,
            matter_key, description, handled_on_the_spot, classification, status, office_id)
        VALUES (?, ?, ?, 'staff', '翠苑小區', 'A座', '1樓01室', '業戶', '91234567', ?, FALSE,
            '測試事項', '測試事項', '儀表板測試', FALSE, ?, 'CLOSED', 'cuiyuan')""",
        no, "generated-" + no, new java.sql.Timestamp(received.getTime()), channel,
        classification);
  }

  private void insertVisit(String no, Date visited, boolean satisfied) {
    jdbc.update("""
        INSERT INTO visit_record (complaint_no, community, visited_at, visitor, purpose,
            resident_opinion, resident_signature, satisfied, office_id)
        VALUES (?, '翠苑小區', ?, 'supervisor', 'SATISFACTION', '意見', '業戶', ?, 'cuiyuan')""",
        no, new java.sql.Timestamp(visited.getTime()), satisfied);
  }

  private static JsonNode month(JsonNode office, YearMonth month) {
    for (JsonNode m : office.path("months")) {
      if (m.path("month").asText().equals(month.toString())) {
        return m;
      }
    }
    throw new AssertionError("no " + month + " on the dashboard");
  }

  private static Map<String, Long> counts(JsonNode object) {
    Map<String, Long> counts = new TreeMap<>();
    object.fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
    return counts;
  }
}
