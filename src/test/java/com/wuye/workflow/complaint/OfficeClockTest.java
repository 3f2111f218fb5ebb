package com.wuye.workflow.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.wuye.workflow.ProcessTestSupport;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** One clock for people: what staff and the API see is in the office's time zone. */
class OfficeClockTest extends ProcessTestSupport {

  static Set<String> values(JsonNode rows, String field) {
    Set<String> values = new TreeSet<>();
    rows.forEach(row -> values.add(row.path(field).asText()));
    return values;
  }

  @Test
  @DisplayName("CP-5 CP-9 a complaint received at 03:54 office time on 2 December is numbered, listed and logged on the 2nd, with office times, whatever the server's time zone")
  void officeDayAndTime() {
    // 2026-12-01T19:54Z is 2026-12-02 03:54 in Hong Kong
    setClock(Date.from(Instant.parse("2026-12-01T19:54:00Z")));
    Map<String, Object> complaint = new HashMap<>(Map.of("community", "翠苑小區", "building", "A座",
        "unit", "1樓01室", "residentName", "陳生", "residentPhone", "91234567",
        "channel", "PHONE", "writtenComplaint", false, "matter", "凌晨噪音",
        "description", "凌晨噪音"));
    ProcessInstance instance = start("staff", "ComplaintProcess", complaint);
    String complaintNo = instance.getBusinessKey();
    assertThat(complaintNo).startsWith("TS-20261202-");

    JsonNode onTheSecond = json(rest("duty").get("/api/complaints?from=2026-12-02&to=2026-12-02"));
    assertThat(values(onTheSecond, "COMPLAINT_NO")).contains(complaintNo);
    JsonNode onTheFirst = json(rest("duty").get("/api/complaints?from=2026-12-01&to=2026-12-01"));
    assertThat(values(onTheFirst, "COMPLAINT_NO")).doesNotContain(complaintNo);
    onTheSecond.forEach(row -> {
      if (row.path("COMPLAINT_NO").asText().equals(complaintNo)) {
        assertThat(row.path("RECEIVED_AT").asText()).startsWith("2026-12-02T03:54").endsWith("+08:00");
      }
    });

    JsonNode log = json(rest("duty").get("/api/duty-log?from=2026-12-02&to=2026-12-02"
        + "&processInstanceId=" + instance.getId()));
    assertThat(log).isNotEmpty();
    assertThat(log.get(0).path("loggedAt").asText()).startsWith("2026-12-02T03:54");
    assertThat(json(rest("duty").get("/api/duty-log?from=2026-12-01&to=2026-12-01"
        + "&processInstanceId=" + instance.getId()))).isEmpty();
  }
}
