package com.wuye.workflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wuye.workflow.WebClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the platform promises, proven over HTTP against the running application: the webapps
 * are served, the REST API is authenticated, each demo role gets in where its procedures
 * give it a place and nowhere else, and the company's processes are deployed with their forms.
 * Run on H2 ({@link PlatformH2Test}) and on PostgreSQL ({@link PlatformPostgresTest}).
 */
abstract class PlatformContract {

  static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> PROCESS_KEYS = List.of("UnlockedDoorProcess",
      "EmergencyIncidentProcess", "ComplaintProcess", "MonthlyComplaintReportProcess");
  /** A late task done at last: its misses get their completion time (ComplaintRecords). */
  static final String MISSED_TASK_COMPLETED = "UPDATE deadline_miss SET completed_at = ?"
      + " WHERE process_instance_id = ? AND task_key = ? AND completed_at IS NULL";
  /** Automatic answers queued to a sender in the last day (Notifier.autoRepliesTo). */
  static final String AUTO_REPLIES_TO = "SELECT COUNT(*) FROM mail_outbox WHERE auto_reply = TRUE"
      + " AND recipients = ? AND created_at >= ?";
  /** The engine's look-up of the latest version of a form (CamundaFormDefinition.xml, 7.24). */
  static final String LATEST_FORM = "select * from ACT_RE_CAMFORMDEF where KEY_ = ?"
      + " and TENANT_ID_ is null and VERSION_ = (select max(VERSION_) from ACT_RE_CAMFORMDEF"
      + " where KEY_ = ? and TENANT_ID_ is null)";

  @LocalServerPort
  int port;
  @org.springframework.beans.factory.annotation.Autowired
  org.springframework.context.ApplicationContext context;

  WebClient anonymous() {
    return new WebClient(port);
  }

  WebClient rest(String user) {
    return new WebClient(port).basic(user, "demo");
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }

  @Test
  @DisplayName("With no mail server the outbox sender marks the waiting mails without waiting for one another node holds")
  void outboxSenderPassesOverAMailAnotherNodeHolds() throws Exception {
    var jdbc = context.getBean(org.springframework.jdbc.core.JdbcTemplate.class);
    var sender = context.getBean(com.wuye.workflow.notification.OutboxSender.class);
    String tag = "outbox-held-" + java.util.UUID.randomUUID();
    long held = pendingMail(jdbc, tag + "-held");
    long free = pendingMail(jdbc, tag + "-free");
    try (var otherNode = context.getBean(javax.sql.DataSource.class).getConnection()) {
      otherNode.setAutoCommit(false);
      try (var lock = otherNode.prepareStatement(
          "SELECT id FROM mail_outbox WHERE id = ? FOR UPDATE")) {
        lock.setLong(1, held);
        lock.executeQuery().close();
      }
      org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5),
          sender::sendDue, "the sender waited for the mail the other node holds");
      assertThat(lastError(jdbc, free)).isEqualTo(NO_MAIL_SERVER);
      assertThat(lastError(jdbc, held)).as("held by the other node: left for later").isNull();
      otherNode.rollback();
    }
    sender.sendDue();
    assertThat(lastError(jdbc, held)).isEqualTo(NO_MAIL_SERVER);
  }

  static final String NO_MAIL_SERVER = "未設定郵件伺服器(no mail server configured)";

  private static long pendingMail(org.springframework.jdbc.core.JdbcTemplate jdbc, String key) {
    java.sql.Timestamp now = new java.sql.Timestamp(System.currentTimeMillis());
    jdbc.update("""
        INSERT INTO mail_outbox (event_key, created_at, recipients, subject, body, status,
            attempts, next_attempt_at)
        VALUES (?, ?, 'duty@wuye.example', '測試', '測試', 'PENDING', 0, ?)""", key, now, now);
    return jdbc.queryForObject("SELECT id FROM mail_outbox WHERE event_key = ?", Long.class, key);
  }

  private static String lastError(org.springframework.jdbc.core.JdbcTemplate jdbc, long id) {
    return jdbc.queryForObject("SELECT last_error FROM mail_outbox WHERE id = ?", String.class,
        id);
  }

  @Test
  @DisplayName("The root page leads to the webapps, and Tasklist's page is served")
  void webappsAreServed() {
    HttpResponse<String> root = anonymous().get("/");
    assertThat(root.statusCode()).isBetween(300, 399);
    assertThat(root.headers().firstValue("Location")).hasValueSatisfying(
        location -> assertThat(location).contains("/camunda/app/"));
    HttpResponse<String> tasklist = anonymous().get("/camunda/app/tasklist/default/");
    assertThat(tasklist.statusCode()).isEqualTo(200);
    assertThat(tasklist.body()).contains("<html");
  }

  /**
   * Wrong passwords make the engine delay further logins of that user (login throttling), so
   * those checks use a user of their own instead of a demo user other tests log in as.
   */
  String throttledUser(String id) {
    rest("admin").postJson("/engine-rest/user/create",
        "{\"profile\": {\"id\": \"" + id + "\", \"firstName\": \"測試\", \"lastName\": \"用戶\"},"
            + " \"credentials\": {\"password\": \"demo\"}}");
    rest("admin").postJson("/engine-rest/group/service-staff/members/" + id, "");
    return id;
  }

  @Test
  @DisplayName("The REST API refuses a request without credentials and with a wrong password")
  void restRequiresAuthentication() {
    String user = throttledUser("resttarget");
    assertThat(anonymous().get("/engine-rest/task").statusCode()).isEqualTo(401);
    assertThat(anonymous().get("/engine-rest/process-definition").statusCode()).isEqualTo(401);
    assertThat(rest(user).get("/engine-rest/task").statusCode()).isEqualTo(200);
    assertThat(new WebClient(port).basic(user, "wrong").get("/engine-rest/task").statusCode())
        .isEqualTo(401);
    assertThat(new WebClient(port).basic("nobody", "demo").get("/engine-rest/task").statusCode())
        .isEqualTo(401);
  }

  @Test
  @DisplayName("The H2 console is not exposed")
  void h2ConsoleIsNotExposed() {
    assertThat(anonymous().get("/h2-console").statusCode()).isEqualTo(404);
    assertThat(rest("admin").get("/h2-console/").statusCode()).isEqualTo(404);
  }

  @ParameterizedTest(name = "{0} → {1}: {2}")
  @DisplayName("Each role logs in to the webapps its people use and is refused the others")
  @CsvSource({
      "staff,      tasklist, 200", "staff,      cockpit, 403", "staff,      admin, 403",
      "duty,       tasklist, 200", "duty,       cockpit, 403",
      "supervisor, tasklist, 200", "supervisor, cockpit, 403",
      "head,       tasklist, 200", "guard,      tasklist, 200", "custodian,  tasklist, 200",
      "director,   tasklist, 200", "director,   cockpit, 200", "director,   admin, 403",
      "deputy,     cockpit,  200", "gm,         cockpit, 200", "center,     cockpit, 200",
      "owner,      cockpit,  200", "owner,      tasklist, 403", "owner,      admin, 403",
      "admin,      tasklist, 200", "admin,      cockpit, 200", "admin,      admin, 200",
  })
  void webappAccess(String user, String app, int expectedStatus) {
    assertThat(anonymous().loginToWebapp(app, user, "demo").statusCode())
        .isEqualTo(expectedStatus);
  }

  @Test
  @DisplayName("A wrong password does not open Tasklist")
  void wrongPasswordIsRefused() {
    String user = throttledUser("webtarget");
    assertThat(anonymous().loginToWebapp("tasklist", user, "not-demo").statusCode())
        .isEqualTo(401);
  }

  @Test
  @DisplayName("All four processes are deployed, each with a historyTimeToLive and its start form")
  void processesAreDeployedWithForms() {
    WebClient admin = rest("admin");
    for (String key : PROCESS_KEYS) {
      HttpResponse<String> definition = admin.get("/engine-rest/process-definition/key/" + key);
      assertThat(definition.statusCode()).as(key).isEqualTo(200);
      assertThat(json(definition).path("historyTimeToLive").asInt()).as(key).isPositive();
      HttpResponse<String> form =
          admin.get("/engine-rest/process-definition/key/" + key + "/deployed-start-form");
      assertThat(form.statusCode()).as(key + " start form").isEqualTo(200);
      assertThat(json(form).path("components").isArray()).as(key).isTrue();
    }
  }

  @Test
  @DisplayName("Each role sees only the processes it may start")
  void startableProcessesPerRole() {
    assertThat(keysVisibleTo("staff")).containsExactlyInAnyOrder(
        "UnlockedDoorProcess", "EmergencyIncidentProcess", "ComplaintProcess");
    assertThat(keysVisibleTo("supervisor")).containsExactly("MonthlyComplaintReportProcess");
    assertThat(keysVisibleTo("center")).containsExactly("ComplaintProcess");
    assertThat(keysVisibleTo("custodian")).isEmpty();
    assertThat(keysVisibleTo("owner")).isEmpty();

    // staff cannot even read the report process, so to them it does not exist
    HttpResponse<String> refused = rest("staff").postJson(
        "/engine-rest/process-definition/key/MonthlyComplaintReportProcess/start", "{}");
    assertThat(refused.statusCode()).isEqualTo(404);
    HttpResponse<String> ownerRefused = rest("owner").postJson(
        "/engine-rest/process-definition/key/ComplaintProcess/start", "{}");
    assertThat(ownerRefused.statusCode()).isEqualTo(403);
  }

  private List<String> keysVisibleTo(String user) {
    HttpResponse<String> response =
        rest(user).get("/engine-rest/process-definition?latestVersion=true"
            + "&startableInTasklist=true&startablePermissionCheck=true");
    assertThat(response.statusCode()).isEqualTo(200);
    List<String> keys = new ArrayList<>();
    json(response).forEach(d -> keys.add(d.path("key").asText()));
    return keys;
  }

  @Test
  @DisplayName("A task is seen and worked only by its group; managers read it, staff cannot")
  void tasksAreSeenAndWorkedOnlyByTheirGroup() {
    HttpResponse<String> started = rest("staff").postJson(
        "/engine-rest/process-definition/key/EmergencyIncidentProcess/start",
        """
        {"variables": {
          "incidentKind": {"value": "OTHER"},
          "community": {"value": "翠苑小區"},
          "place": {"value": "A座大堂"},
          "reporterName": {"value": "陳志明"}
        }}""");
    assertThat(started.statusCode()).isEqualTo(200);
    String instanceId = json(started).path("id").asText();
    String taskQuery = "/engine-rest/task?processInstanceId=" + instanceId;

    JsonNode dutyTasks = json(rest("duty").get(taskQuery));
    assertThat(dutyTasks).hasSize(1);
    String taskId = dutyTasks.get(0).path("id").asText();

    assertThat(json(rest("staff").get(taskQuery))).isEmpty();
    assertThat(json(rest("supervisor").get(taskQuery))).isEmpty();
    assertThat(json(rest("director").get(taskQuery))).hasSize(1);
    assertThat(rest("staff").postJson("/engine-rest/task/" + taskId + "/claim",
        "{\"userId\": \"staff\"}").statusCode()).isEqualTo(403);
    assertThat(rest("director").postJson("/engine-rest/task/" + taskId + "/complete", "{}")
        .statusCode()).isEqualTo(403);

    assertThat(rest("duty").postJson("/engine-rest/task/" + taskId + "/claim",
        "{\"userId\": \"duty\"}").statusCode()).isEqualTo(204);
    assertThat(rest("duty").get("/engine-rest/task/" + taskId + "/deployed-form").statusCode())
        .isEqualTo(200);
    assertThat(rest("duty").postJson("/engine-rest/task/" + taskId + "/complete",
        "{\"variables\": {\"handlingNote\": {\"value\": \"已處理\"}}}").statusCode())
        .isEqualTo(204);
    assertThat(json(rest("director").get("/engine-rest/history/process-instance/" + instanceId))
        .path("state").asText()).isEqualTo("COMPLETED");
    assertThat(json(rest("staff").get("/engine-rest/history/process-instance?processInstanceId="
        + instanceId))).isEmpty();
  }

  @Test
  @DisplayName("Managers read Cockpit data; front-line staff do not")
  void cockpitDataIsForManagers() {
    assertThat(json(rest("director").get("/engine-rest/deployment")).size()).isPositive();
    assertThat(json(rest("staff").get("/engine-rest/deployment"))).isEmpty();
    assertThat(json(rest("staff").get("/engine-rest/history/process-instance"))).isEmpty();
  }

  @Test
  @DisplayName("Each group finds its Tasklist filters, in Chinese, and not the other groups'")
  void tasklistFiltersPerGroup() {
    List<String> dutyFilters = filterNames("duty");
    assertThat(dutyFilters).contains("我的任務", "值班員的任務", "值班員的逾期任務");
    assertThat(dutyFilters).doesNotContain("客戶服務主管的任務", "服務中心專人保管的任務");
    assertThat(filterNames("custodian")).contains("我的任務", "服務中心專人保管的任務");
  }

  private List<String> filterNames(String user) {
    List<String> names = new ArrayList<>();
    json(rest(user).get("/engine-rest/filter")).forEach(f -> names.add(f.path("name").asText()));
    return names;
  }

  @Test
  @DisplayName("Only the process owner deploys: a Camunda Modeler deployment of a diagram "
      + "becomes the new version and its forms still resolve")
  void processOwnerDeploysFromModeler() throws Exception {
    byte[] diagram = Files.readAllBytes(Path.of("processes/ComplaintProcess.bpmn"));
    String changed = new String(diagram, StandardCharsets.UTF_8)
        .replace("name=\"投訴已完結\"", "name=\"投訴已完結 \"");
    Map<String, String> fields = Map.of(
        "deployment-name", "ComplaintProcess",
        "deployment-source", "Camunda Modeler",
        "enable-duplicate-filtering", "true");
    var files = Map.of("data",
        Map.entry("ComplaintProcess.bpmn", changed.getBytes(StandardCharsets.UTF_8)));

    assertThat(rest("staff").postMultipart("/engine-rest/deployment/create", fields, files)
        .statusCode()).isEqualTo(403);
    assertThat(rest("director").postMultipart("/engine-rest/deployment/create", fields, files)
        .statusCode()).isEqualTo(403);
    int versionBefore = json(rest("owner").get(
        "/engine-rest/process-definition/key/ComplaintProcess")).path("version").asInt();

    HttpResponse<String> deployed =
        rest("owner").postMultipart("/engine-rest/deployment/create", fields, files);
    assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);

    JsonNode latest = json(rest("owner").get("/engine-rest/process-definition/key/ComplaintProcess"));
    assertThat(latest.path("version").asInt()).isEqualTo(versionBefore + 1);
    assertThat(rest("admin").get("/engine-rest/process-definition/" + latest.path("id").asText()
        + "/deployed-start-form").statusCode()).isEqualTo(200);
    assertThat(keysVisibleTo("duty")).contains("ComplaintProcess");
  }
}
