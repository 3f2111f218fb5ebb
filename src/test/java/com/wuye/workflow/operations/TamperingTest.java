package com.wuye.workflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.wuye.workflow.ProcessTestSupport;
import com.wuye.workflow.WebClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A careful insider with the demo accounts and a REST client, trying to change a case other
 * than through the task in front of them (issue "A case changes only through the task in front
 * of you"). Each attempt is refused, and the test checks that nothing changed: the case's
 * variables and tasks, the records, the duty log, the outbox, the deployments.
 */
@TestPropertySource(properties = "wuye.security.trusted-proxies=127.0.0.1")
class TamperingTest extends ProcessTestSupport {

  static final String COMPLAINT_START = "/engine-rest/process-definition/key/ComplaintProcess/start";

  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  HistoryService historyService;
  @Autowired
  RepositoryService repositoryService;

  ProcessInstance complaint;
  Task logTask;

  static String complaintStart(String extra) {
    return """
        {"variables": {
          "community": {"value": "翠苑小區"}, "building": {"value": "B座"},
          "unit": {"value": "3樓01室"}, "residentName": {"value": "王大文"},
          "residentPhone": {"value": "91234567"}, "channel": {"value": "PHONE"},
          "writtenComplaint": {"value": false}, "matter": {"value": "電梯故障"},
          "description": {"value": "電梯停在三樓"}%s}%s}""".formatted(extra, "");
  }

  @BeforeEach
  void aComplaintWaitingForTheDutyOfficer() {
    HttpResponse<String> started = rest("duty").postJson(COMPLAINT_START, complaintStart(""));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    complaint = runtimeService.createProcessInstanceQuery()
        .processInstanceId(json(started).path("id").asText()).singleResult();
    logTask = taskService.createTaskQuery().processInstanceId(complaint.getId())
        .taskDefinitionKey("Task_LogComplaint").singleResult();
    assertThat(logTask).isNotNull();
  }

  /** Everything an attack could have changed about the case, to compare before and after. */
  record Snapshot(Map<String, Object> variables, List<String> openTasks, Object due,
      List<String> links, String assignee, long dutyLog, long outbox, long missed,
      long complaints, long instances, long deployments) {
  }

  Snapshot snapshot() {
    Task task = taskService.createTaskQuery().taskId(logTask.getId()).singleResult();
    return new Snapshot(new java.util.TreeMap<>(runtimeService.getVariables(complaint.getId())),
        taskService.createTaskQuery().processInstanceId(complaint.getId()).list().stream()
            .map(t -> t.getTaskDefinitionKey()).sorted().toList(),
        task == null ? null : task.getDueDate(),
        taskService.getIdentityLinksForTask(logTask.getId()).stream()
            .map(l -> l.getType() + ":" + l.getGroupId() + ":" + l.getUserId()).sorted().toList(),
        task == null ? null : task.getAssignee(),
        count("duty_log"), count("mail_outbox"), count("deadline_miss"),
        count("complaint"), runtimeService.createProcessInstanceQuery().count(),
        repositoryService.createDeploymentQuery().count());
  }

  long count(String table) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
  }

  static Stream<Arguments> foreignStarts() {
    return Stream.of(
        Arguments.of("start instructions: the complaint closed at once",
            complaintStart("").replaceFirst("}$", ", \"startInstructions\": [{\"type\": "
                + "\"startBeforeActivity\", \"activityId\": \"EndEvent_ComplaintClosed\"}]}"),
            "startInstructions"),
        Arguments.of("skipped start checks",
            complaintStart("").replaceFirst("}$", ", \"skipCustomListeners\": true}"),
            "skipCustomListeners"),
        Arguments.of("a complaint number of one's own choosing",
            complaintStart("").replaceFirst("}$", ", \"businessKey\": \"TS-20260101-0001\"}"),
            "businessKey"),
        Arguments.of("a deadline set by the caller",
            complaintStart(", \"onSpotReplyDue\": {\"value\": \"2099-01-01T00:00:00.000+0000\","
                + " \"type\": \"Date\"}"), "onSpotReplyDue"),
        Arguments.of("an Object variable of an arbitrary class",
            complaintStart(", \"description\": {\"value\": \"x\", \"type\": \"Object\","
                + " \"valueInfo\": {\"objectTypeName\": \"java.net.URL\","
                + " \"serializationDataFormat\": \"application/json\"}}"), "description"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("foreignStarts")
  @DisplayName("A process starts only at its start event, with its start form's fields")
  void startsOnlyAtTheStartEvent(String attack, String body, String named) {
    Snapshot before = snapshot();
    HttpResponse<String> answer = rest("duty").postJson(COMPLAINT_START, body);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
    assertThat(json(answer).path("message").asText()).contains(named);
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  @DisplayName("A forged key envelope cannot be registered by starting the door case at the sealing step")
  void noForgedEnvelope() {
    long envelopes = count("key_envelope");
    HttpResponse<String> answer = rest("staff").postJson(
        "/engine-rest/process-definition/key/UnlockedDoorProcess/start", """
        {"variables": {"community": {"value": "翠苑小區"}, "building": {"value": "A座"},
          "unit": {"value": "12樓03室"}, "finderType": {"value": "STAFF"},
          "finderName": {"value": "陳志明"}, "foundAt": {"value": "2026-11-25T21:10"},
          "keyInDoor": {"value": "YES"}, "envelopeNo": {"value": "ENV-FORGED"}},
         "startInstructions": [{"type": "startBeforeActivity",
           "activityId": "ServiceTask_SealKeyEnvelope"}]}""");
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(count("key_envelope")).isEqualTo(envelopes);
  }

  static Stream<Arguments> foreignSubmissions() {
    return Stream.of(
        Arguments.of("another complaint's number (read-only field)",
            "\"complaintNo\": {\"value\": \"TS-20200101-0001\"}", "complaintNo"),
        Arguments.of("a field of another form", "\"writtenComplaint\": {\"value\": true}",
            "writtenComplaint"),
        Arguments.of("a deadline", "\"onSpotReplyDue\": {\"value\": \"2099-01-01\"}",
            "onSpotReplyDue"),
        Arguments.of("a resident's phone rewritten (read-only field)",
            "\"residentPhone\": {\"value\": \"99999999\"}", "residentPhone"),
        Arguments.of("a choice the form does not offer",
            "\"dutyOfficerHandles\": {\"value\": \"MAYBE\"}", "dutyOfficerHandles"),
        Arguments.of("a list where text belongs",
            "\"dutyLogNote\": {\"value\": [\"a\"], \"type\": \"Json\"}", "dutyLogNote"),
        Arguments.of("text longer than the field",
            "\"dutyLogNote\": {\"value\": \"" + "長".repeat(2001) + "\"}", "dutyLogNote"),
        Arguments.of("a serialized Java object",
            "\"dutyLogNote\": {\"value\": \"rO0AB\", \"type\": \"Object\"}", "dutyLogNote"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("foreignSubmissions")
  @DisplayName("A task is completed only with its own form's fields, typed and within limits")
  void onlyTheFormsFields(String attack, String field, String named) {
    taskService.claim(logTask.getId(), "duty");
    Snapshot before = snapshot();
    for (String action : List.of("complete", "submit-form")) {
      HttpResponse<String> answer = rest("duty").postJson("/engine-rest/task/" + logTask.getId()
          + "/" + action, "{\"variables\": {\"dutyOfficerHandles\": {\"value\": \"NO\"},"
          + " \"category\": {\"value\": \"" + firstCategory() + "\"}, " + field + "}}");
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
      assertThat(json(answer).path("message").asText()).contains(named);
    }
    assertThat(snapshot()).isEqualTo(before);
  }

  String firstCategory() {
    try {
      JsonNode form = JSON.readTree(Files.readAllBytes(Path.of("forms/log-complaint.form")));
      for (JsonNode component : form.path("components")) {
        if ("category".equals(component.path("key").asText())) {
          return component.path("values").get(0).path("value").asText();
        }
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    throw new IllegalStateException("no category field");
  }

  @Test
  @DisplayName("The read-only fields Tasklist sends back with their values are accepted and change nothing")
  void readOnlyFieldsAsTasklistSendsThem() {
    taskService.claim(logTask.getId(), "duty");
    HttpResponse<String> answer = rest("duty").postJson("/engine-rest/task/" + logTask.getId()
        + "/submit-form", "{\"variables\": {\"complaintNo\": {\"value\": \""
        + complaint.getBusinessKey() + "\"}, \"residentPhone\": {\"value\": \"91234567\"},"
        + " \"dutyOfficerHandles\": {\"value\": \"NO\"}, \"category\": {\"value\": \""
        + firstCategory() + "\"}}}");
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(204);
    assertThat(runtimeService.getVariable(complaint.getId(), "complaintNo"))
        .isEqualTo(complaint.getBusinessKey());
    assertThat(dutyLogOf(complaint)).anySatisfy(entry ->
        assertThat(entry.recordedBy()).isEqualTo("duty"));
  }

  static Stream<Arguments> taskEdits() {
    return Stream.of(
        Arguments.of("PUT", "/variables/onSpotReplyDue", "{\"value\": \"2099-01-01\"}"),
        Arguments.of("POST", "/variables", "{\"modifications\": {\"writtenComplaint\": {\"value\": false}}}"),
        Arguments.of("PUT", "/localVariables/complaintNo", "{\"value\": \"TS-X\"}"),
        Arguments.of("DELETE", "/variables/residentPhone", null),
        Arguments.of("PUT", "", "{\"name\": \"x\", \"due\": \"2099-01-01T00:00:00.000+0000\"}"),
        Arguments.of("POST", "/identity-links", "{\"groupId\": \"guard-leader\", \"type\": \"candidate\"}"),
        Arguments.of("POST", "/identity-links/delete", "{\"groupId\": \"duty-officer\", \"type\": \"candidate\"}"),
        Arguments.of("POST", "/assignee", "{\"userId\": \"staff\"}"),
        Arguments.of("POST", "/delegate", "{\"userId\": \"staff\"}"),
        Arguments.of("POST", "/claim", "{\"userId\": \"staff\"}"),
        Arguments.of("POST", "/bpmnError", "{\"errorCode\": \"COMPLAINT_INVALID\"}"),
        Arguments.of("POST", "/bpmnEscalation", "{\"escalationCode\": \"CONTACT_2H\"}"),
        Arguments.of("POST", "/attachment/create", "{}"));
  }

  @ParameterizedTest(name = "{0} task{1}")
  @MethodSource("taskEdits")
  @DisplayName("Task candidates cannot set variables, due dates or candidates, assign others, or throw errors and escalations")
  void noTaskEdits(String method, String path, String body) {
    Snapshot before = snapshot();
    for (String base : List.of("/engine-rest", "/engine-rest/engine/default")) {
      HttpResponse<String> answer = rest("duty").send(method, base + "/task/" + logTask.getId()
          + path, body);
      assertThat(answer.statusCode()).as(answer.body()).isIn(400, 403);
      assertThat(answer.body()).doesNotContain("org.camunda", "SQL", "\tat ");
    }
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  @DisplayName("The same refusals hold in the webapps' own API that Tasklist uses")
  void webappApiToo() {
    Snapshot before = snapshot();
    WebClient tasklist = new WebClient(port);
    assertThat(tasklist.loginToWebapp("tasklist", "duty", "demo").statusCode()).isEqualTo(200);
    String api = "/camunda/api/engine/engine/default/task/" + logTask.getId();
    assertThat(tasklist.send("PUT", api + "/variables/onSpotReplyDue", "{\"value\": \"x\"}")
        .statusCode()).isEqualTo(403);
    assertThat(tasklist.postJson(api + "/bpmnError", "{\"errorCode\": \"X\"}").statusCode())
        .isEqualTo(403);
    HttpResponse<String> extra = tasklist.postJson(api + "/submit-form",
        "{\"variables\": {\"writtenComplaint\": {\"value\": false}}}");
    assertThat(extra.statusCode()).as(extra.body()).isEqualTo(400);
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  @DisplayName("A task held by one person is completed or given back only by that person")
  void heldTasks() {
    taskService.claim(logTask.getId(), "duty");
    identityService.saveUser(newUser("duty9", "duty-officer"));
    identityService.createMembership("duty9", "duty-officer");
    // of the same office: the task is refused because someone holds it, not for its office
    identityService.createTenantUserMembership("cuiyuan", "duty9");
    try {
      Snapshot before = snapshot();
      WebClient other = new WebClient(port).basic("duty9", "Demo-1234-pass");
      String task = "/engine-rest/task/" + logTask.getId();
      assertThat(other.postJson(task + "/unclaim", "").statusCode()).isEqualTo(403);
      assertThat(other.postJson(task + "/complete", "{}").statusCode()).isEqualTo(403);
      assertThat(other.postJson(task + "/claim", "{\"userId\": \"duty9\"}").statusCode())
          .isIn(403, 500);
      assertThat(snapshot()).isEqualTo(before);

      assertThat(rest("duty").postJson(task + "/unclaim", "").statusCode()).isEqualTo(204);
      assertThat(taskService.createTaskQuery().taskId(logTask.getId()).singleResult()
          .getAssignee()).isNull();
    } finally {
      identityService.deleteUser("duty9");
    }
  }

  User newUser(String id, String group) {
    User user = identityService.newUser(id);
    user.setFirstName(id);
    user.setLastName(group);
    user.setEmail(id + "@wuye.example");
    user.setPassword("Demo-1234-pass");
    return user;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"BeanSql", "EngineServices", "JavaClass", "Script", "TimerStart",
      "ToOwner", "ToOwnerUser", "UnknownBean"})
  @DisplayName("A diagram that calls beyond the project's steps is refused with the element named; nothing is deployed")
  void deploymentRules(String name) throws Exception {
    // stored as .bpmn.txt, so that no auto-deployment (the benchmark's bare Camunda) picks them up
    byte[] diagram = Files.readAllBytes(Path.of("src/test/resources/tampering/" + name + ".bpmn.txt"));
    long deployments = repositoryService.createDeploymentQuery().count();
    long dutyLogRows = count("duty_log");
    HttpResponse<String> answer = rest("owner").postMultipart("/engine-rest/deployment/create",
        Map.of("deployment-name", name, "deployment-source", "Camunda Modeler"),
        Map.of("data", Map.entry(name + ".bpmn", diagram)));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
    String element = new String(diagram, StandardCharsets.UTF_8)
        .replaceAll("(?s).*<bpmn:(?:serviceTask|scriptTask|startEvent|userTask) id=\"([^\"]+)\".*", "$1");
    assertThat(answer.body()).contains(element);
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);
    assertThat(count("duty_log")).isEqualTo(dutyLogRows);
  }

  @Test
  @DisplayName("Every diagram of processes/ still deploys from Camunda Modeler as the process owner")
  void everyDiagramDeploysFromModeler() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("processes"))) {
      for (Path file : files.filter(f -> f.toString().matches(".*\\.(bpmn|dmn)$")).toList()) {
        String changed = Files.readString(file).replace("</bpmn:definitions>",
            "<!-- re-deployed --></bpmn:definitions>").replace("</definitions>",
            "<!-- re-deployed --></definitions>");
        HttpResponse<String> answer = rest("owner").postMultipart("/engine-rest/deployment/create",
            Map.of("deployment-name", file.getFileName().toString(),
                "deployment-source", "Camunda Modeler"),
            Map.of("data", Map.entry(file.getFileName().toString(),
                changed.getBytes(StandardCharsets.UTF_8))));
        assertThat(answer.statusCode()).as("%s: %s", file, answer.body()).isEqualTo(200);
      }
    }
  }

  @Test
  @DisplayName("The process owner cannot delete a deployment with cases, nor read residents' data")
  void processOwnerLimits() {
    String deploymentId = repositoryService.getProcessDefinition(
        complaint.getProcessDefinitionId()).getDeploymentId();
    long instances = runtimeService.createProcessInstanceQuery().count();
    for (String query : List.of("", "?cascade=true")) {
      HttpResponse<String> answer = rest("owner").send("DELETE",
          "/engine-rest/deployment/" + deploymentId + query, null);
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
    }
    assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(instances);
    assertThat(repositoryService.createDeploymentQuery().deploymentId(deploymentId).count())
        .isEqualTo(1);

    assertThat(json(rest("owner").get("/engine-rest/process-instance")).size()).isZero();
    assertThat(json(rest("owner").get("/engine-rest/history/process-instance")).size()).isZero();
    assertThat(json(rest("owner").get("/engine-rest/task")).size()).isZero();
    assertThat(json(rest("owner").get("/engine-rest/variable-instance")).size()).isZero();
    assertThat(rest("owner").get("/engine-rest/process-definition/key/ComplaintProcess")
        .statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("Users change their password but not the e-mail address the office's notifications go to")
  void ownProfile() {
    identityService.saveUser(newUser("staff9", "service-staff"));
    try {
      WebClient self = new WebClient(port).basic("staff9", "Demo-1234-pass");
      HttpResponse<String> profile = self.send("PUT", "/engine-rest/user/staff9/profile",
          "{\"id\": \"staff9\", \"firstName\": \"x\", \"lastName\": \"y\","
              + " \"email\": \"attacker@evil.example\"}");
      assertThat(profile.statusCode()).isEqualTo(403);
      assertThat(self.send("DELETE", "/engine-rest/user/staff9", null).statusCode())
          .isEqualTo(403);
      assertThat(identityService.createUserQuery().userId("staff9").singleResult().getEmail())
          .isEqualTo("staff9@wuye.example");
      HttpResponse<String> password = self.send("PUT", "/engine-rest/user/staff9/credentials",
          "{\"password\": \"Another-5678-pass\", \"authenticatedUserPassword\": \"Demo-1234-pass\"}");
      assertThat(password.statusCode()).as(password.body()).isEqualTo(204);
      assertThat(identityService.checkPassword("staff9", "Another-5678-pass")).isTrue();
    } finally {
      identityService.deleteUser("staff9");
    }
  }

  @Test
  @DisplayName("Failed logins slow down their source, never lock out the user; health probes never count")
  void failedLogins() {
    WebClient attacker = new WebClient(port).basic("admin", "wrong").header("X-Forwarded-For",
        "203.0.113.9");
    List<Integer> statuses = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      statuses.add(attacker.get("/engine-rest/task/count").statusCode());
    }
    assertThat(statuses.subList(0, 5)).containsOnly(401);
    assertThat(statuses).contains(429);
    HttpResponse<String> throttled = attacker.get("/engine-rest/task/count");
    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
    assertThat(json(throttled).path("message").asText()).contains("秒後再試");

    // the named user is not locked: admin logs in from anywhere else, also through the webapp
    assertThat(new WebClient(port).basic("admin", "demo").header("X-Forwarded-For", "203.0.113.10")
        .get("/engine-rest/task/count").statusCode()).isEqualTo(200);
    assertThat(identityService.checkPassword("admin", "demo")).isTrue();
    // an address that is not a trusted proxy cannot choose its X-Forwarded-For (all here are 127.0.0.1)
    for (int i = 0; i < 20; i++) {
      assertThat(new WebClient(port).header("X-Forwarded-For", "203.0.113.11")
          .get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    }
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM login_throttle WHERE source = ?",
        Long.class, "203.0.113.11")).isZero();
  }

  @Test
  @DisplayName("UD-4.4.1.2 the door photo must be a real picture: an HTML file declared as PNG is refused, and the page cannot be framed")
  void photoIsARealPicture() {
    Map<String, Object> variables = new HashMap<>(Map.of("community", "翠苑小區",
        "building", "A座", "unit", "12樓03室", "finderType", "NON_STAFF", "finderName", "李先生",
        "finderPhone", "91234567", "foundAt", "2026-11-25T21:10", "keyInDoor", "YES",
        "lockConsent", "YES"));
    ProcessInstance door = runtimeService.createProcessInstanceByKey("UnlockedDoorProcess")
        .setVariables(variables).startBeforeActivity("Task_SecureDoorWithFinderWitness").execute();
    String path = "/app/door-photo/" + door.getId();
    HttpResponse<String> page = rest("guard").get(path);
    assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    HttpResponse<String> html = rest("guard").postMultipart(path, Map.of(), Map.of("photo",
        Map.entry("door.png", "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8))));
    assertThat(html.statusCode()).isEqualTo(400);
    assertThat(json(html).path("message").asText()).contains("JPEG");
    assertThat((Object) runtimeService.getVariableTyped(door.getId(), "doorPhoto")).isNull();
    assertThat(rest("staff").postMultipart(path, Map.of(), Map.of("photo", Map.entry("door.jpg",
        new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}))).statusCode())
        .isIn(403, 404);
    assertThat((Object) runtimeService.getVariableTyped(door.getId(), "doorPhoto")).isNull();
  }

  @Test
  @DisplayName("A task held by someone off shift is reassigned by the office director, recorded; a candidate cannot")
  void directorReassigns() {
    taskService.claim(logTask.getId(), "duty");
    String path = "/api/tasks/" + logTask.getId() + "/assignee";
    long logged = count("duty_log");
    HttpResponse<String> byCandidate = rest("duty").postJson(path,
        "{\"assignee\": null, \"reason\": \"我想交回\"}");
    assertThat(byCandidate.statusCode()).isEqualTo(403);
    HttpResponse<String> noReason = rest("director").postJson(path, "{\"assignee\": null}");
    assertThat(noReason.statusCode()).isEqualTo(400);
    HttpResponse<String> toOutsider = rest("director").postJson(path,
        "{\"assignee\": \"guard\", \"reason\": \"調班\"}");
    assertThat(toOutsider.statusCode()).isEqualTo(400);
    assertThat(taskService.createTaskQuery().taskId(logTask.getId()).singleResult().getAssignee())
        .isEqualTo("duty");
    assertThat(count("duty_log")).isEqualTo(logged);

    HttpResponse<String> back = rest("director").postJson(path,
        "{\"assignee\": null, \"reason\": \"李值班已下班\"}");
    assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
    assertThat(taskService.createTaskQuery().taskId(logTask.getId()).singleResult().getAssignee())
        .isNull();
    assertThat(dutyLogOf(complaint)).anySatisfy(entry -> {
      assertThat(entry.entryType()).isEqualTo("改派任務");
      assertThat(entry.summary()).contains("李值班已下班");
      assertThat(entry.recordedBy()).isEqualTo("director");
    });
  }

  @Test
  @DisplayName("No error answer shows SQL, stack traces or class names")
  void errorsShowNoInternals() {
    for (String path : List.of("/engine-rest/task/none/form-variables",
        "/engine-rest/process-definition/key/NoSuchProcess/start",
        "/engine-rest/history/process-instance?startedBefore=notadate")) {
      HttpResponse<String> answer = path.endsWith("start")
          ? rest("duty").postJson(path, "{\"variables\": 5}") : rest("duty").get(path);
      assertThat(answer.statusCode()).isBetween(400, 499);
      assertThat(answer.body()).doesNotContainPattern("\\b[a-z]+\\.[a-z]+\\.[a-z.]*[A-Z]\\w+")
          .doesNotContain("SQL", "\tat ");
    }
    assertThat(com.wuye.workflow.security.ErrorAnswerFilterAccess.sanitize(500,
        "{\"type\":\"ProcessEngineException\",\"message\":\"### Error updating database. Cause: org.h2.jdbc.JdbcSQLDataException: Value too long INSERT INTO key_envelope\"}"))
        .contains("ProcessEngineException").doesNotContain("INSERT", "org.h2");
  }

  @Test
  @DisplayName("The engine's own refusal reads in the staff's words, over REST and in the webapps' API, and changes nothing")
  void engineRefusalsInStaffWords() {
    Snapshot before = snapshot();
    String instance = "/process-instance/" + complaint.getId();
    WebClient tasklist = new WebClient(port);
    assertThat(tasklist.loginToWebapp("tasklist", "duty", "demo").statusCode()).isEqualTo(200);
    for (WebClient client : List.of(rest("duty"), tasklist)) {
      String base = client == tasklist ? "/camunda/api/engine/engine/default" : "/engine-rest";
      HttpResponse<String> read = client.get(base + instance + "/variables");
      assertThat(read.statusCode()).as(read.body()).isEqualTo(403);
      assertThat(json(read).path("type").asText()).isEqualTo("AuthorizationException");
      assertThat(json(read).path("message").asText()).isEqualTo("你沒有權限查看此資料。");
      assertThat(read.body()).doesNotContain("王大文", "does not have");

      HttpResponse<String> suspend = client.send("PUT", base + instance + "/suspended",
          "{\"suspended\": true}");
      assertThat(suspend.statusCode()).as(suspend.body()).isEqualTo(403);
      assertThat(json(suspend).path("message").asText()).isEqualTo("你沒有權限進行此操作。");
    }
    // an administrator's read: the engine's "Required admin … or 'READ' permission on 'System'"
    HttpResponse<String> system = rest("duty").get("/engine-rest/telemetry/data");
    assertThat(system.statusCode()).as(system.body()).isEqualTo(403);
    assertThat(json(system).path("message").asText()).isEqualTo("你沒有權限查看此資料。");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(complaint.getId())
        .singleResult().isSuspended()).isFalse();
    assertThat(snapshot()).isEqualTo(before);
    assertThat(com.wuye.workflow.security.ErrorAnswerFilterAccess.sanitize(403,
        "{\"type\":\"AuthorizationException\",\"message\":\"Required admin authenticated group or user.\"}"))
        .contains("你沒有權限進行此操作。").doesNotContain("admin");
    // the project's own refusals keep their message
    assertThat(com.wuye.workflow.security.ErrorAnswerFilterAccess.sanitize(403,
        "{\"type\":\"AuthorizationException\",\"message\":\"此個案屬於其他管理處,你沒有權限。\"}"))
        .contains("此個案屬於其他管理處");
  }

  @Test
  @DisplayName("A value typed with a line break cannot forge a log line")
  void logLinesCannotBeForged() {
    assertThat(com.wuye.workflow.operations.EscapedMessageConverterAccess.escape(
        "ENV-1\r\n2026-12-01 INFO forged")).isEqualTo("ENV-1\\r\\n2026-12-01 INFO forged");
  }

  ProcessInstance sealedKeyCase(String envelopeNo) {
    Map<String, Object> variables = new HashMap<>(Map.of("community", "翠苑小區",
        "building", "A座", "unit", "12樓03室", "finderType", "STAFF", "finderName", "陳志明",
        "foundAt", "2026-11-25T21:10", "keyInDoor", "YES", "envelopeNo", envelopeNo,
        "finderSignature", "陳志明", "onSiteStaffSignature", "劉建華"));
    variables.put("ownerArrived", false);
    variables.put("keySealed", false);
    variables.put("consentGivenBy", "業主");
    ProcessInstance door = runtimeService.createProcessInstanceByKey("UnlockedDoorProcess")
        .setVariables(variables).startBeforeActivity("ServiceTask_SealKeyEnvelope").execute();
    assertThat(taskService.createTaskQuery().processInstanceId(door.getId())
        .taskDefinitionKey("Task_HandOverKey").count()).isEqualTo(1);
    return door;
  }

  @Test
  @DisplayName("UD-4.4.1.3 / UD-4.4.2.4 a sealed key stays sealed whatever is tried, and every refused attempt is in the envelope's history")
  void keyCustody() {
    ProcessInstance door = sealedKeyCase("ENV-T-0001");
    String task = taskService.createTaskQuery().processInstanceId(door.getId())
        .taskDefinitionKey("Task_HandOverKey").singleResult().getId();
    long events = jdbc.queryForObject("SELECT COUNT(*) FROM key_envelope_event e JOIN key_envelope k"
        + " ON e.envelope_id = k.id WHERE k.envelope_no = 'ENV-T-0001'", Long.class);

    // a forged envelope number in the read-only field, an error thrown from outside
    HttpResponse<String> forged = rest("custodian").postJson("/engine-rest/task/" + task
        + "/submit-form", "{\"variables\": {\"envelopeNo\": {\"value\": \"ENV-OTHER\"}}}");
    assertThat(forged.statusCode()).isEqualTo(400);
    assertThat(rest("custodian").postJson("/engine-rest/task/" + task + "/bpmnError",
        "{\"errorCode\": \"X\"}").statusCode()).isEqualTo(403);
    // the administrator deleting the case: it never ends while the key is sealed
    HttpResponse<String> deleted = rest("admin").send("DELETE",
        "/engine-rest/process-instance/" + door.getId(), null);
    assertThat(deleted.statusCode()).isBetween(400, 499);
    assertThat(deleted.body()).contains("ENV-T-0001").doesNotContain("org.camunda");

    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(door.getId()).count())
        .isEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT status FROM key_envelope WHERE envelope_no = ?",
        String.class, "ENV-T-0001")).isEqualTo("SEALED");
    List<String> history = jdbc.queryForList("SELECT e.action FROM key_envelope_event e JOIN"
        + " key_envelope k ON e.envelope_id = k.id WHERE k.envelope_no = 'ENV-T-0001' ORDER BY e.id",
        String.class);
    assertThat(history).hasSize((int) events + 3);
    assertThat(history.subList((int) events, history.size())).containsOnly("REFUSED");
  }

  @Test
  @DisplayName("An Object variable of an arbitrary class is not deserialized on read")
  void noArbitraryDeserialization() {
    runtimeService.setVariable(complaint.getId(), "planted",
        org.camunda.bpm.engine.variable.Variables.serializedObjectValue("\"http://evil.example/\"")
            .serializationDataFormat("application/json").objectTypeName("java.net.URL").create());
    HttpResponse<String> read = rest("director").get("/engine-rest/process-instance/"
        + complaint.getId() + "/variables/planted");
    assertThat(read.statusCode()).isNotEqualTo(200);
    assertThat(read.body()).doesNotContain("java.net", "org.camunda", "\tat ");
    HttpResponse<String> raw = rest("director").get("/engine-rest/process-instance/"
        + complaint.getId() + "/variables/planted?deserializeValue=false");
    assertThat(raw.statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("CP-4 a complaint is not joined to a collective case, nor closed with one, by a message from outside")
  void noMessagesFromOutside() {
    Snapshot before = snapshot();
    for (String message : List.of("Message_JoinedCollectiveComplaint",
        "Message_CollectiveComplaintClosed")) {
      HttpResponse<String> answer = rest("duty").postJson("/engine-rest/message",
          "{\"messageName\": \"" + message + "\", \"businessKey\": \""
              + complaint.getBusinessKey() + "\", \"all\": true}");
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
    }
    assertThat(rest("duty").postJson("/engine-rest/signal", "{\"name\": \"anything\"}")
        .statusCode()).isEqualTo(403);
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  @DisplayName("No task exists outside a procedure: creating a stand-alone task is refused to everyone, the administrator included, over REST and the Java API, and nothing is created")
  void noStandaloneTasks() {
    long tasks = taskService.createTaskQuery().count();
    for (String user : List.of("admin", "supervisor", "owner")) {
      HttpResponse<String> answer = rest(user).postJson("/engine-rest/task/create",
          "{\"id\": \"standalone-" + user + "\", \"name\": \"自建任務\"}");
      assertThat(answer.statusCode()).as("%s: %s", user, answer.body()).isBetween(400, 599);
      assertThat(answer.body()).doesNotContain("at org.", "\\tat ");
      if (user.equals("admin")) {
        // the administrator passes the REST boundary; the engine refuses
        assertThat(answer.body()).contains("standalone");
      }
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> taskService.saveTask(
        taskService.newTask("standalone-java"))).hasMessageContaining("standalone");
    assertThat(taskService.createTaskQuery().count()).isEqualTo(tasks);
  }
}
