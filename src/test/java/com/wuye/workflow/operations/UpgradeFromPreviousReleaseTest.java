package com.wuye.workflow.operations;

import java.util.List;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wuye.workflow.WebClient;
import com.wuye.workflow.WorkflowApplication;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An installation upgraded with cases in flight keeps working. The database in
 * {@code src/test/resources/previous-release/} was made by release 0.1 (commit c623d46, demo
 * profile): an unlocked-door case whose owner could not be reached, waiting for
 * 確認有無緊急情況 (its emergency call activity still maps the business key and the place with
 * expressions this release no longer deploys); one whose key is sealed in envelope PREV-0001,
 * waiting for 業主簽收鑰匙; and a complaint waiting for 記錄投訴於值班記錄表. This release
 * starts on it, deploys its new diagram versions, and each case completes on its old version
 * through the new trust boundary.
 */
class UpgradeFromPreviousReleaseTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  @DisplayName("UD-4.3 / UD-4.4.1.4 / CP-6 cases started on release 0.1 belong to their community's office and complete after the upgrade; a sealed key is handed over on the newest form, with its identity check")
  void casesInFlightComplete() throws Exception {
    try (var app = startOnCopyOf("src/test/resources/previous-release/wuye-workflow.mv.db", dir)) {
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      ProcessEngine engine = app.getBean(ProcessEngine.class);
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      var runtime = engine.getRuntimeService();

      ProcessInstance sealed = runtime.createProcessInstanceQuery()
          .processDefinitionKey("UnlockedDoorProcess").activityIdIn("Task_HandOverKey").singleResult();
      ProcessInstance unreachable = runtime.createProcessInstanceQuery()
          .processDefinitionKey("UnlockedDoorProcess").activityIdIn("Task_CheckForEmergency")
          .singleResult();
      ProcessInstance complaint = runtime.createProcessInstanceQuery()
          .processDefinitionKey("ComplaintProcess").activityIdIn("Task_LogComplaint").singleResult();
      assertThat(engine.getRepositoryService().getProcessDefinition(
          sealed.getProcessDefinitionId()).getVersion()).isEqualTo(1);
      assertThat(engine.getRepositoryService().createProcessDefinitionQuery()
          .processDefinitionKey("UnlockedDoorProcess").latestVersion().singleResult().getVersion())
          .isEqualTo(2);

      // offices came after release 0.1: every case in flight now belongs to its community's
      // office (翠苑小區 → 翠苑管理處) with its records, seen by that office and the company roles only
      for (ProcessInstance old : List.of(sealed, unreachable, complaint)) {
        assertThat(old.getTenantId()).as("office of %s", old.getId()).isEqualTo("cuiyuan");
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
            .processInstanceId(old.getId()).singleResult().getTenantId()).isEqualTo("cuiyuan");
        for (String user : List.of("director", "deputy", "center")) {
          assertThat(JSON.readTree(new WebClient(port).basic(user, "demo").get(
              "/engine-rest/history/process-instance?processInstanceId=" + old.getId()).body()))
              .as("%s sees the old case", user).hasSize(1);
        }
        assertThat(JSON.readTree(new WebClient(port).basic("director2", "demo").get(
            "/engine-rest/history/process-instance?processInstanceId=" + old.getId()).body()))
            .as("the other office's director does not").isEmpty();
        assertThat(JSON.readTree(new WebClient(port).basic("duty2", "demo").get(
            "/engine-rest/task?processInstanceId=" + old.getId()).body())).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM duty_log WHERE process_instance_id = ?"
            + " AND (office_id IS NULL OR office_id <> 'cuiyuan')", Long.class, old.getId()))
            .as("duty-log rows of %s without their office", old.getId()).isZero();
      }
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM duty_log WHERE office_id = 'cuiyuan'",
          Long.class)).isPositive();
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM duty_log WHERE office_id IS NULL",
          Long.class)).isZero();
      assertThat(jdbc.queryForObject("SELECT office_id FROM key_envelope WHERE envelope_no = ?",
          String.class, "PREV-0001")).isEqualTo("cuiyuan");
      assertThat(jdbc.queryForObject("SELECT office_id FROM complaint WHERE process_instance_id = ?",
          String.class, complaint.getId())).isEqualTo("cuiyuan");
      assertThat(new WebClient(port).basic("custodian2", "demo").get("/api/key-envelopes/PREV-0001")
          .statusCode()).isEqualTo(404);

      // the sealed key goes back to its owner through the custodian's form — the newest
      // version of hand-over-key (binding latest), with the identity document — on the old
      // diagram, which has no director's step: a name other than the consent's ("業主張先生")
      // is refused there and the key stays sealed; the owner's own name releases it
      HttpResponse<String> someoneElse = trySubmit(port, "custodian", sealed, "Task_HandOverKey", """
          {"situationExplained": {"value": true}, "claimantName": {"value": "李四"},
           "ownerIdType": {"value": "HK_ID"}, "ownerIdLastDigits": {"value": "1234"},
           "ownerIdChecked": {"value": true}, "ownerSignature": {"value": "李四"},
           "belongingsReminderGiven": {"value": true}}""");
      assertThat(someoneElse.statusCode()).as(someoneElse.body()).isEqualTo(400);
      assertThat(JSON.readTree(someoneElse.body()).path("message").asText())
          .contains("姓名不符", "舊版流程");
      assertThat(jdbc.queryForObject("SELECT status FROM key_envelope WHERE envelope_no = ?",
          String.class, "PREV-0001")).isEqualTo("SEALED");
      assertThat(runtime.createProcessInstanceQuery().processInstanceId(sealed.getId())
          .activityIdIn("Task_HandOverKey").count()).isEqualTo(1);
      submit(port, "custodian", sealed, "Task_HandOverKey", """
          {"situationExplained": {"value": true}, "claimantName": {"value": "張先生"},
           "ownerIdType": {"value": "HK_ID"}, "ownerIdLastDigits": {"value": "1234"},
           "ownerIdChecked": {"value": true}, "ownerSignature": {"value": "張先生"},
           "belongingsReminderGiven": {"value": true}}""");
      assertThat(jdbc.queryForMap("SELECT status, owner_name, owner_id_type, owner_id_last_digits,"
          + " released_by FROM key_envelope WHERE envelope_no = ?", "PREV-0001"))
          .containsEntry("STATUS", "RELEASED").containsEntry("OWNER_NAME", "張先生")
          .containsEntry("OWNER_ID_TYPE", "HK_ID").containsEntry("OWNER_ID_LAST_DIGITS", "1234")
          .containsEntry("RELEASED_BY", "custodian");
      assertThat(jdbc.queryForList("SELECT e.action FROM key_envelope_event e JOIN key_envelope k"
          + " ON e.envelope_id = k.id WHERE k.envelope_no = 'PREV-0001' ORDER BY e.id", String.class))
          .endsWith("RELEASE_REFUSED", "RELEASED");
      submit(port, "staff", sealed, "Task_FollowUpOwner", """
          {"followUpMethod": {"value": "PHONE"}, "followUpResult": {"value": "業主已取回鑰匙"}}""");
      assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
          .processInstanceId(sealed.getId()).singleResult().getEndTime()).isNotNull();

      // the old call activity's expressions still run: the emergency procedure starts with the place
      submit(port, "staff", unreachable, "Task_CheckForEmergency", """
          {"emergencyFound": {"value": "YES"}, "emergencyKind": {"value": "FIRE"},
           "observation": {"value": "門內有煙"}, "nobodyEntered": {"value": true}}""");
      ProcessInstance emergency = runtime.createProcessInstanceQuery()
          .superProcessInstanceId(unreachable.getId()).singleResult();
      assertThat(emergency).isNotNull();
      assertThat(runtime.getVariable(emergency.getId(), "place")).isEqualTo("A座 12樓03室");
      assertThat(emergency.getTenantId()).isEqualTo("cuiyuan");

      submit(port, "duty", complaint, "Task_LogComplaint", """
          {"category": {"value": "SERVICE"}, "dutyOfficerHandles": {"value": "NO"},
           "dutyLogNote": {"value": "已記錄"}}""");
      assertThat(engine.getTaskService().createTaskQuery().processInstanceId(complaint.getId())
          .taskDefinitionKey("Task_ClassifyComplaint").count()).isEqualTo(1);

      // release 0.1 let the process owner read every case; the upgrade took that back
      assertThat(JSON.readTree(new WebClient(port).basic("owner", "demo")
          .get("/engine-rest/history/process-instance/count").body()).path("count").asLong())
          .isZero();
    }
  }

  /**
   * This release started (demo profile, no job executor) on a copy of a database an earlier
   * release made, in {@code dir}.
   */
  static org.springframework.context.ConfigurableApplicationContext startOnCopyOf(String database,
      Path dir) throws java.io.IOException {
    Files.copy(Path.of(database), dir.resolve("wuye-workflow.mv.db"));
    return new SpringApplicationBuilder(WorkflowApplication.class).profiles("demo")
        .run("--server.port=0", "--camunda.bpm.job-execution.enabled=false",
            "--WUYE_H2_FILE=" + dir.resolve("wuye-workflow"));
  }

  static void submit(int port, String user, ProcessInstance instance, String taskKey,
      String variables) throws Exception {
    HttpResponse<String> done = trySubmit(port, user, instance, taskKey, variables);
    assertThat(done.statusCode()).as("%s: %s", taskKey, done.body()).isEqualTo(204);
  }

  /** Claims the task (unless the user holds it already) and submits its form; the answer. */
  static HttpResponse<String> trySubmit(int port, String user, ProcessInstance instance,
      String taskKey, String variables) throws Exception {
    WebClient client = new WebClient(port).basic(user, "demo");
    JsonNode tasks = JSON.readTree(client.get("/engine-rest/task?processInstanceId="
        + instance.getId() + "&taskDefinitionKey=" + taskKey).body());
    assertThat(tasks).as("%s sees %s", user, taskKey).hasSize(1);
    String task = tasks.get(0).path("id").asText();
    if (!user.equals(tasks.get(0).path("assignee").asText())) {
      assertThat(client.postJson("/engine-rest/task/" + task + "/claim",
          "{\"userId\": \"" + user + "\"}").statusCode()).isEqualTo(204);
    }
    return client.postJson("/engine-rest/task/" + task + "/submit-form",
        "{\"variables\": " + variables + "}");
  }
}
