package com.wuye.workflow.operations;

import static com.wuye.workflow.operations.UpgradeFromPreviousReleaseTest.submit;
import static com.wuye.workflow.operations.UpgradeFromPreviousReleaseTest.trySubmit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Cases in flight on the release before the complaint procedure's whole chain, checks and steps
 * (commit ddcdd8f, the last landing; {@code src/test/resources/previous-release/ddcdd8f/},
 * demo profile) complete after the upgrade on their old diagram versions: what those diagrams
 * call ({@code complaintChecks}, the single senior task, the old collective flow, the hand-over
 * without the director's step, the report without drawn samples) is still there.
 */
class UpgradeFromLastLandingTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  @DisplayName("CP-7.8 CP-7.1 CP-8.1 CP-11 UD-4.4.1.4 CP-15 cases started before the escalation chain, the agreed reply time and the key owner check complete on their old diagram versions")
  void casesOfTheLastLandingComplete() throws Exception {
    try (var app = UpgradeFromPreviousReleaseTest.startOnCopyOf(
        "src/test/resources/previous-release/ddcdd8f/wuye-workflow.mv.db", dir)) {
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      ProcessEngine engine = app.getBean(ProcessEngine.class);
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      var runtime = engine.getRuntimeService();

      // CP-7.8: waiting at the old single 主管副總經理/總經理/投訴處理中心處理 task
      ProcessInstance escalated = runtime.createProcessInstanceQuery()
          .processDefinitionKey("ComplaintProcess").activityIdIn("Task_SeniorHandles").singleResult();
      assertThat(engine.getRepositoryService().getProcessDefinition(
          escalated.getProcessDefinitionId()).getVersion()).isEqualTo(1);
      submit(port, "deputy", escalated, "Task_SeniorHandles", """
          {"seniorResult": {"value": "批准動用維修基金"}}""");
      String no = escalated.getBusinessKey();
      // the director's result, kept on the slip by that release, is the slip's first entry now
      assertThat(jdbc.queryForList("""
          SELECT e.handled_by_group, e.result FROM work_circulation_slip_entry e
          JOIN work_circulation_slip s ON e.slip_id = s.id WHERE s.complaint_no = ? ORDER BY e.id""",
          no)).extracting(r -> r.get("HANDLED_BY_GROUP") + ":" + r.get("RESULT"))
          .containsExactly("office-director:報主管副總經理審批", "deputy-gm:批准動用維修基金");
      submit(port, "supervisor", escalated, "Task_HandleValidComplaint", """
          {"handlingOutcome": {"value": "RESOLVED"}, "handlingResult": {"value": "已維修"},
           "replyMethod": {"value": "PHONE"}, "residentOpinion": {"value": "滿意"},
           "residentSatisfiedAnswer": {"value": "YES"}}""");
      assertThat(runtime.createProcessInstanceQuery().processInstanceId(escalated.getId()).count())
          .isZero();
      assertThat(jdbc.queryForObject("SELECT status FROM complaint WHERE complaint_no = ?",
          String.class, no)).isEqualTo("CLOSED");

      // CP-7.1: a contact on the old version agrees a reply time too, and it is the deadline
      ProcessInstance contact = runtime.createProcessInstanceQuery()
          .processDefinitionKey("ComplaintProcess").activityIdIn("Task_ContactResident").singleResult();
      HttpResponse<String> noTime = trySubmit(port, "supervisor", contact, "Task_ContactResident", """
          {"contactNote": {"value": "已聯系"}}""");
      assertThat(noTime.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(noTime.body()).path("message").asText()).contains("約定回復時間");
      String inAnHour = java.time.LocalDateTime.now(java.time.ZoneId.of("Asia/Hong_Kong"))
          .plusHours(1).withSecond(0).withNano(0).toString();
      submit(port, "supervisor", contact, "Task_ContactResident", """
          {"contactNote": {"value": "已聯系"}, "agreedReplyAt": {"value": "%s"},
           "specialCircumstance": {"value": "業戶晚上才在家"}}""".formatted(inAnHour));
      assertThat(jdbc.queryForObject("SELECT agreed_reply_at FROM complaint WHERE complaint_no = ?",
          java.sql.Timestamp.class, contact.getBusinessKey())).isNotNull();
      assertThat(engine.getTaskService().createTaskQuery().processInstanceId(contact.getId())
          .taskDefinitionKey("Task_HandleValidComplaint").singleResult().getDueDate())
          .isEqualTo(runtime.getVariable(contact.getId(), "agreedReplyAt"));

      // CP-8.1 / CP-11: a collective case waiting for the director on the old flow
      ProcessInstance collective = runtime.createProcessInstanceQuery()
          .processDefinitionKey("ComplaintProcess").activityIdIn("Task_OrganiseCollectiveHandling")
          .singleResult();
      String tomorrow = java.time.LocalDateTime.now(java.time.ZoneId.of("Asia/Hong_Kong"))
          .plusDays(1).withSecond(0).withNano(0).toString();
      submit(port, "director", collective, "Task_OrganiseCollectiveHandling", """
          {"residentsContacted": {"value": true}, "agreedReplyAt": {"value": "%s"},
           "incidentDescription": {"value": "業戶聯名"}, "handlingPlan": {"value": "逐戶回復"}}"""
          .formatted(tomorrow));
      submit(port, "supervisor", collective, "Task_VisitHousehold", """
          {"residentOpinion": {"value": "滿意"}, "residentSignature": {"value": "業戶"},
           "residentSatisfiedAnswer": {"value": "YES"},
           "writtenReplyText": {"value": "來函收悉,謹此書面回復。"}}""");
      var close = engine.getManagementService().createJobQuery()
          .processInstanceId(collective.getId()).activityId("ServiceTask_CloseCollectiveComplaint")
          .singleResult();
      engine.getManagementService().executeJob(close.getId());
      assertThat(runtime.createProcessInstanceQuery().processInstanceId(collective.getId()).count())
          .isZero();
      assertThat(jdbc.queryForObject("""
          SELECT r.outcome FROM special_incident_report r JOIN complaint c
              ON c.collective_case_id = r.collective_case_id WHERE c.complaint_no = ?""",
          String.class, collective.getBusinessKey())).isEqualTo("共 1 戶;已上門回復 1 戶,其中 1 戶滿意。");
      assertThat(jdbc.queryForObject("SELECT reply_text FROM written_reply WHERE complaint_no = ?",
          String.class, collective.getBusinessKey())).isEqualTo("來函收悉,謹此書面回復。");

      // UD-4.4.1.4: the old hand-over (no director's step) releases the key to the consent's name
      ProcessInstance sealed = runtime.createProcessInstanceQuery()
          .processDefinitionKey("UnlockedDoorProcess").activityIdIn("Task_HandOverKey").singleResult();
      submit(port, "custodian", sealed, "Task_HandOverKey", """
          {"situationExplained": {"value": true}, "claimantName": {"value": "王大明"},
           "ownerIdType": {"value": "HK_ID"}, "ownerIdLastDigits": {"value": "1234"},
           "ownerIdChecked": {"value": true}, "ownerSignature": {"value": "王大明"},
           "belongingsReminderGiven": {"value": true}}""");
      assertThat(jdbc.queryForMap("SELECT status, owner_id_type FROM key_envelope WHERE envelope_no = ?",
          "REL2-0001")).containsEntry("STATUS", "RELEASED").containsEntry("OWNER_ID_TYPE", "HK_ID");

      // CP-15: a monthly report waiting for review on the diagram before the drawn samples
      ProcessInstance report = runtime.createProcessInstanceQuery()
          .processDefinitionKey("MonthlyComplaintReportProcess").activityIdIn("Task_ReviewMonthlyReport")
          .singleResult();
      submit(port, "director", report, "Task_ReviewMonthlyReport", """
          {"reviewDecision": {"value": "APPROVE"}, "directorComment": {"value": "同意"}}""");
      assertThat(runtime.createProcessInstanceQuery().processInstanceId(report.getId())
          .activityIdIn("Task_ReviewMonthlyReport").count()).isZero();
      Map<String, Object> stored = jdbc.queryForMap("SELECT version, approved_at FROM monthly_report"
          + " WHERE process_instance_id = ?", report.getId());
      assertThat(stored.get("VERSION")).isEqualTo(1);
      assertThat(stored.get("APPROVED_AT")).isNotNull();
    }
  }
}
