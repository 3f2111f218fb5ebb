package com.wuye.workflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.wuye.workflow.ProcessTestSupport;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The managers' figures (#17): what the endpoint counts, for whom. */
class DashboardTest extends ProcessTestSupport {

  static final ZoneId OFFICE = ZoneId.of("Asia/Hong_Kong");

  static Date at(LocalDateTime local) {
    return Date.from(local.atZone(OFFICE).toInstant());
  }

  ProcessInstance waitingForContact(LocalDateTime receivedAt) {
    Map<String, Object> c = new HashMap<>();
    c.put("community", "翠苑小區");
    c.put("building", "K座");
    c.put("unit", "3樓0" + (int) (Math.random() * 9) + "室");
    c.put("residentName", "梁太");
    c.put("residentPhone", "96789012");
    c.put("channel", "HOTLINE");
    c.put("writtenComplaint", false);
    c.put("matter", "升降機" + System.nanoTime());
    c.put("description", "升降機故障");
    c.put("receivedAt", receivedAt.toString());
    ProcessInstance instance = start("staff", "ComplaintProcess", c);
    complete("duty", instance, "Task_LogComplaint", Map.of("category", "MAINTENANCE",
        "dutyOfficerHandles", "NO"));
    complete("supervisor", instance, "Task_ClassifyComplaint", Map.of("classification", "VALID"));
    return instance;
  }

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
    LocalDateTime now = LocalDateTime.now(OFFICE).withSecond(0).withNano(0);
    setClock(at(now));
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
}
