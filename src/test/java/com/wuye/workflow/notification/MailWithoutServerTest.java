package com.wuye.workflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.wuye.workflow.ProcessTestSupport;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The embedded default: no mail server configured. */
class MailWithoutServerTest extends ProcessTestSupport {

  @Autowired
  OutboxSender sender;
  @Autowired
  JdbcTemplate jdbc;

  @Test
  @DisplayName("With no mail server configured the process works and messages stay in the outbox marked so")
  void noServerConfigured() {
    ProcessInstance instance = start("staff", "EmergencyIncidentProcess", Map.of("incidentKind", "FIRE",
        "community", "翠苑小區", "place", "D座", "reporterName", "陳志明"));
    assertThat(instance).isWaitingAt("Task_RespondToFire", "Task_AcknowledgeFireReport");
    assertThat(sender.sendDue()).isZero();
    // both fire tasks are urgent: the duty officers and guard leaders, and the director
    assertThat(jdbc.queryForList("SELECT subject FROM mail_outbox WHERE process_instance_id = ?",
        String.class, instance.getId())).containsExactlyInAnyOrder(
            "[火警] 火警應急處理 — 翠苑小區", "[火警] 知悉火警並指揮處理 — 翠苑小區");
    Map<String, Object> row = jdbc.queryForMap("SELECT * FROM mail_outbox WHERE"
        + " process_instance_id = ? AND subject LIKE ?", instance.getId(), "%知悉火警%");
    assertThat(row.get("SUBJECT")).isEqualTo("[火警] 知悉火警並指揮處理 — 翠苑小區");
    assertThat(row.get("RECIPIENTS")).isEqualTo("director@wuye.example");
    assertThat(row.get("STATUS")).isEqualTo("PENDING");
    assertThat(row.get("LAST_ERROR")).isEqualTo("未設定郵件伺服器(no mail server configured)");
  }
}
