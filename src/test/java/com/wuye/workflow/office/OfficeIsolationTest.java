package com.wuye.workflow.office;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.wuye.workflow.ProcessTestSupport;
import com.wuye.workflow.WebClient;
import com.wuye.workflow.notification.OutboxSender;
import jakarta.mail.internet.MimeMessage;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Each office (管理處) sees and works only its own communities' cases, on every surface, over
 * HTTP as the demo users of both offices: Tasklist's lists, counts and filters, the REST API's
 * tasks, instances, history and variables, Cockpit's statistics, the project's records, the
 * door photo page, the reassignment, and the mail of an escalation and of a sealed key. The
 * company-wide roles see both offices. Each refusal is checked to have changed nothing.
 */
@TestPropertySource(properties = {
    "spring.mail.host=localhost", "spring.mail.port=3927", "wuye.mail.poll-interval=PT1H",
    "wuye.mail.initial-delay=PT1H",
    "wuye.mail.base-url=https://wuye.example"})
class OfficeIsolationTest extends ProcessTestSupport {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(3927, "localhost", "smtp"))
      .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
      .withPerMethodLifecycle(true);

  /** One office's demo people and one of its communities. */
  record Office(String id, String name, String community, String staff, String duty,
      String supervisor, String guard, String custodian, String director) {
  }

  static final Office CUIYUAN = new Office("cuiyuan", "翠苑管理處", "翠苑小區", "staff", "duty",
      "supervisor", "guard", "custodian", "director");
  static final Office JINHUI = new Office("jinhui", "金輝管理處", "海景苑", "staff2", "duty2",
      "supervisor2", "guard2", "custodian2", "director2");
  static final List<String> COMPANY_WIDE = List.of("deputy", "gm", "center");

  @Autowired
  OutboxSender sender;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  HistoryService historyService;

  @BeforeEach
  void emptyOutbox() {
    jdbc.update("DELETE FROM mail_outbox");
  }

  /** A complaint and an unlocked-door case with its key sealed, in one office. */
  record Cases(Office office, ProcessInstance complaint, ProcessInstance door, String envelopeNo) {
    Office other() {
      return office == CUIYUAN ? JINHUI : CUIYUAN;
    }
  }

  static Map<String, Object> complaint(Office office, String matter) {
    Map<String, Object> c = new HashMap<>();
    c.put("community", office.community());
    c.put("building", "B座");
    c.put("unit", "3樓0" + (int) (Math.random() * 9) + "室");
    c.put("residentName", "王大文");
    c.put("residentPhone", "91234567");
    c.put("channel", "PHONE");
    c.put("writtenComplaint", false);
    c.put("matter", matter);
    c.put("description", matter);
    return c;
  }

  static Map<String, Object> doorReport(Office office) {
    return new HashMap<>(Map.of("community", office.community(), "building", "A座",
        "unit", "2樓01室", "finderType", "NON_STAFF", "finderName", "鄰居", "finderPhone", "91234567",
        "foundAt", "2026-11-25T21:10", "keyInDoor", "YES"));
  }

  static String startBody(Map<String, Object> variables) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode vars = root.putObject("variables");
    variables.forEach((name, value) -> vars.putObject(name).set("value", JSON.valueToTree(value)));
    return root.toString();
  }

  /** Started over REST by the office's own staff, the way Tasklist's start form does. */
  ProcessInstance startOverRest(String user, String processKey, Map<String, Object> variables) {
    HttpResponse<String> started = rest(user).postJson(
        "/engine-rest/process-definition/key/" + processKey + "/start", startBody(variables));
    assertThat(started.statusCode()).as("%s starts %s: %s", user, processKey, started.body())
        .isEqualTo(200);
    return runtimeService.createProcessInstanceQuery()
        .processInstanceId(json(started).path("id").asText()).singleResult();
  }

  /** Both kinds of case in the office, driven by its own people up to the sealed key. */
  Cases casesIn(Office office) {
    ProcessInstance complaint = startOverRest(office.staff(), "ComplaintProcess",
        complaint(office, "電梯故障" + System.nanoTime()));
    ProcessInstance door = startOverRest(office.staff(), "UnlockedDoorProcess", doorReport(office));
    complete(office.staff(), door, "Task_KnockOnDoor", Map.of("someoneHome", "NO"));
    complete(office.staff(), door, "Task_ContactOwner", Map.of("ownerContactResult", "CANNOT_COME_BACK"));
    complete(office.staff(), door, "Task_ObtainOwnerConsent", Map.of("lockConsent", "YES",
        "consentGivenBy", "業主", "consentAt", "2026-11-25T21:30"));
    return new Cases(office, complaint, door, null);
  }

  Cases seal(Cases cases) {
    Office office = cases.office();
    runtimeService.setVariable(cases.door().getId(), "doorPhoto",
        Variables.fileValue("d.jpg").file(new byte[] {1}).mimeType("image/jpeg").create());
    String envelopeNo = "OFF-" + office.id() + "-" + System.nanoTime() % 1_000_000;
    complete(office.guard(), cases.door(), "Task_SecureDoorWithFinderWitness", Map.of(
        "doorLocked", true, "envelopeNo", envelopeNo, "onSiteStaffSignature", "劉",
        "finderSignature", "鄰居", "finderPhone", "91234567", "noteLeftOnDoor", true,
        "envelopeHandedIn", true, "nobodyEntered", true));
    return new Cases(office, cases.complaint(), cases.door(), envelopeNo);
  }

  static Set<String> instanceIds(JsonNode list, String field) {
    Set<String> ids = new TreeSet<>();
    list.forEach(item -> ids.add(item.path(field).asText()));
    return ids;
  }

  static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  String openTask(ProcessInstance instance) {
    return taskService.createTaskQuery().processInstanceId(instance.getId()).list().get(0).getId();
  }

  @Test
  @DisplayName("Offices: a case belongs to its community's office from its start; another office's member cannot register it, a community in no office is refused naming it, and the complaint centre registers for any office")
  void casesBelongToTheirCommunitysOffice() {
    ProcessInstance own = startOverRest("staff", "ComplaintProcess", complaint(CUIYUAN, "噪音"));
    assertThat(own.getTenantId()).isEqualTo("cuiyuan");
    assertThat(jdbc.queryForObject("SELECT office_id FROM complaint WHERE complaint_no = ?",
        String.class, own.getBusinessKey())).isEqualTo("cuiyuan");
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(own.getId())
        .singleResult().getTenantId()).isEqualTo("cuiyuan");
    assertThat(taskService.createTaskQuery().processInstanceId(own.getId()).singleResult()
        .getTenantId()).isEqualTo("cuiyuan");

    long before = historyService.createHistoricProcessInstanceQuery().count();
    long complaintsBefore = jdbc.queryForObject("SELECT COUNT(*) FROM complaint", Long.class);
    HttpResponse<String> foreign = rest("staff").postJson(
        "/engine-rest/process-definition/key/ComplaintProcess/start",
        startBody(complaint(JINHUI, "噪音")));
    assertThat(foreign.statusCode()).isEqualTo(400);
    assertThat(json(foreign).path("message").asText()).contains("金輝管理處", "翠苑小區");
    // the same from Tasklist's start form: staff read the message alone, without the engine's ids
    HttpResponse<String> fromTasklist = rest("staff").postJson(
        "/engine-rest/process-definition/key/ComplaintProcess/submit-form",
        startBody(complaint(JINHUI, "噪音")));
    assertThat(fromTasklist.statusCode()).isEqualTo(400);
    assertThat(json(fromTasklist).path("message").asText())
        .startsWith("金輝管理處的個案只能由金輝管理處的人員登記").doesNotContain("ComplaintProcess:");
    HttpResponse<String> foreignDoor = rest("staff").postJson(
        "/engine-rest/process-definition/key/UnlockedDoorProcess/start", startBody(doorReport(JINHUI)));
    assertThat(foreignDoor.statusCode()).isEqualTo(400);
    HttpResponse<String> nowhere = rest("staff").postJson(
        "/engine-rest/process-definition/key/ComplaintProcess/start",
        startBody(Map.of("community", "不存在花園", "building", "A座", "unit", "1樓01室",
            "residentName", "王", "residentPhone", "91234567", "channel", "PHONE",
            "writtenComplaint", false, "matter", "噪音", "description", "噪音")));
    assertThat(nowhere.statusCode()).isEqualTo(400);
    assertThat(json(nowhere).path("message").asText()).contains("不存在花園", "不屬於任何管理處");
    HttpResponse<String> emergency = rest("staff2").postJson(
        "/engine-rest/process-definition/key/EmergencyIncidentProcess/start",
        startBody(Map.of("incidentKind", "FIRE", "community", "翠苑小區", "place", "大堂",
            "reporterName", "趙")));
    assertThat(emergency.statusCode()).isEqualTo(400);
    assertThat(historyService.createHistoricProcessInstanceQuery().count()).as("nothing created")
        .isEqualTo(before);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM complaint", Long.class))
        .isEqualTo(complaintsBefore);

    ProcessInstance byCentre = startOverRest("center", "ComplaintProcess", complaint(JINHUI, "管理費"));
    assertThat(byCentre.getTenantId()).isEqualTo("jinhui");
    ProcessInstance emergencyOfJinhui = startOverRest("staff2", "EmergencyIncidentProcess",
        Map.of("incidentKind", "FIRE", "community", "金輝大廈", "place", "大堂", "reporterName", "趙"));
    assertThat(emergencyOfJinhui.getTenantId()).isEqualTo("jinhui");
  }

  @Test
  @DisplayName("Offices: a person of two offices (a shared night duty) sees and registers the cases of both, and no third")
  void personOfTwoOffices() {
    var user = identityService.newUser("nightduty");
    user.setFirstName("夜班");
    user.setLastName("值班員");
    user.setPassword("demo");
    identityService.saveUser(user);
    identityService.createMembership("nightduty", "duty-officer");
    identityService.createTenantUserMembership("cuiyuan", "nightduty");
    identityService.createTenantUserMembership("jinhui", "nightduty");
    try {
      ProcessInstance inCuiyuan = startOverRest("nightduty", "ComplaintProcess", complaint(CUIYUAN, "夜間噪音"));
      ProcessInstance inJinhui = startOverRest("nightduty", "ComplaintProcess", complaint(JINHUI, "夜間噪音"));
      assertThat(inCuiyuan.getTenantId()).isEqualTo("cuiyuan");
      assertThat(inJinhui.getTenantId()).isEqualTo("jinhui");
      Set<String> seen = instanceIds(json(rest("nightduty").get("/engine-rest/task?maxResults=1000")),
          "processInstanceId");
      assertThat(seen).contains(inCuiyuan.getId(), inJinhui.getId());
      complete("nightduty", inJinhui, "Task_LogComplaint", Map.of("category", "OTHER",
          "dutyOfficerHandles", "NO"));
      assertThat(task("supervisor2", inJinhui, "Task_ClassifyComplaint")).isNotNull();
      assertThat(task("supervisor", inJinhui, "Task_ClassifyComplaint")).isNull();
    } finally {
      identityService.deleteUser("nightduty");
    }
  }

  @Test
  @DisplayName("Offices: a diagram is deployed for every office; a deployment for one office (Modeler's Tenant ID) is refused and nothing is deployed")
  void deploymentForOneOfficeRefused() {
    String diagram = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_OfficeProbe"
            targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="OfficeProbe" isExecutable="false" camunda:historyTimeToLive="P1D" />
        </bpmn:definitions>""";
    long before = engine.getRepositoryService().createDeploymentQuery().count();
    for (String user : List.of("owner", "admin")) {
      HttpResponse<String> deployed = rest(user).postMultipart("/engine-rest/deployment/create",
          Map.of("deployment-name", "office-probe", "deployment-source", "Camunda Modeler",
              "tenant-id", "cuiyuan"),
          Map.of("data", Map.entry("OfficeProbe.bpmn", diagram.getBytes(StandardCharsets.UTF_8))));
      if (user.equals("admin")) {
        // the administrator passes the engine's tenant check; the deployment rules refuse it
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(400);
        assertThat(json(deployed).path("message").asText()).contains("Tenant ID");
      } else {
        assertThat(deployed.statusCode()).as(deployed.body()).isIn(400, 403);
      }
      assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isEqualTo(before);
    }
  }

  @Test
  @DisplayName("UD-4.3 EM-4 an emergency reported from an unlocked door stays with the door's office, and the police station of the community is filled in")
  void calledEmergencyStaysInTheOffice() {
    ProcessInstance door = startOverRest("staff2", "UnlockedDoorProcess", doorReport(JINHUI));
    assertThat(runtimeService.getVariable(door.getId(), "policeStation")).isEqualTo("海景派出所");
    complete("staff2", door, "Task_KnockOnDoor", Map.of("someoneHome", "NO"));
    complete("staff2", door, "Task_ContactOwner", Map.of("ownerContactResult", "UNREACHABLE"));
    complete("staff2", door, "Task_CheckForEmergency", Map.of("emergencyFound", "YES",
        "emergencyKind", "OTHER", "observation", "門內有水流出", "nobodyEntered", true));
    ProcessInstance emergency = runtimeService.createProcessInstanceQuery()
        .superProcessInstanceId(door.getId()).singleResult();
    assertThat(emergency).isNotNull();
    assertThat(emergency.getTenantId()).isEqualTo("jinhui");
    assertThat(rest("director").get("/engine-rest/process-instance/" + emergency.getId())
        .statusCode()).isEqualTo(404);
    assertThat(rest("director2").get("/engine-rest/process-instance/" + emergency.getId())
        .statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("Offices: on every surface each office's people see and work only their office's cases, the company-wide roles see both, and a refusal changes nothing")
  void everySurfaceIsIsolated() {
    Cases cuiyuan = seal(casesIn(CUIYUAN));
    Cases jinhui = seal(casesIn(JINHUI));
    for (Cases own : List.of(cuiyuan, jinhui)) {
      Cases other = own == cuiyuan ? jinhui : cuiyuan;
      Office office = own.office();
      Set<String> mine = Set.of(own.complaint().getId(), own.door().getId());
      Set<String> theirs = Set.of(other.complaint().getId(), other.door().getId());

      // Tasklist and REST: lists and counts of tasks
      for (String user : List.of(office.duty(), office.custodian(), office.director())) {
        JsonNode tasks = json(rest(user).get("/engine-rest/task?maxResults=1000"));
        Set<String> seen = instanceIds(tasks, "processInstanceId");
        assertThat(seen).as("%s sees tasks of", user).doesNotContainAnyElementsOf(theirs);
        tasks.forEach(t -> assertThat(t.path("tenantId").asText()).as(user).isEqualTo(office.id()));
        assertThat(json(rest(user).get("/engine-rest/task/count")).path("count").asInt())
            .as("%s's task count", user).isEqualTo(tasks.size());
      }
      assertThat(instanceIds(json(rest(office.duty()).get("/engine-rest/task?maxResults=1000")),
          "processInstanceId")).contains(own.complaint().getId());
      assertThat(instanceIds(json(rest(office.custodian()).get("/engine-rest/task?maxResults=1000")),
          "processInstanceId")).contains(own.door().getId());

      // Tasklist's filters: the duty officers' list and its count
      String filterId = json(rest(office.duty()).get("/engine-rest/filter?name=" + q("值班員的任務")))
          .get(0).path("id").asText();
      JsonNode filtered = json(rest(office.duty()).postJson("/engine-rest/filter/" + filterId
          + "/list?maxResults=1000", "{}"));
      assertThat(instanceIds(filtered, "processInstanceId")).contains(own.complaint().getId())
          .doesNotContainAnyElementsOf(theirs);
      assertThat(json(rest(office.duty()).postJson("/engine-rest/filter/" + filterId + "/count", "{}"))
          .path("count").asInt()).isEqualTo(filtered.size());

      // another office's task: invisible, and neither claimed nor completed
      String foreignTask = openTask(other.complaint());
      WebClient duty = rest(office.duty());
      assertThat(duty.get("/engine-rest/task/" + foreignTask).statusCode()).isEqualTo(404);
      HttpResponse<String> claim = duty.postJson("/engine-rest/task/" + foreignTask + "/claim",
          "{\"userId\": \"" + office.duty() + "\"}");
      assertThat(claim.statusCode()).isIn(403, 404);
      assertThat(duty.postJson("/engine-rest/task/" + foreignTask + "/complete", "{}").statusCode())
          .isIn(403, 404);
      assertThat(duty.postJson("/engine-rest/task/" + foreignTask + "/submit-form",
          "{\"variables\": {}}").statusCode()).isIn(400, 403, 404);
      Task untouched = taskService.createTaskQuery().taskId(foreignTask).singleResult();
      assertThat(untouched).isNotNull();
      assertThat(untouched.getAssignee()).isNull();

      // Cockpit and REST: instances, statistics, variables and history
      WebClient director = rest(office.director());
      assertThat(instanceIds(json(director.get("/engine-rest/process-instance?maxResults=1000")), "id"))
          .containsAll(mine).doesNotContainAnyElementsOf(theirs);
      for (String foreign : theirs) {
        assertThat(director.get("/engine-rest/process-instance/" + foreign).statusCode()).isEqualTo(404);
        HttpResponse<String> variables = director.get("/engine-rest/process-instance/" + foreign + "/variables");
        assertThat(variables.statusCode()).isIn(403, 404);
        assertThat(variables.body()).doesNotContain("王大文", "鄰居");
        assertThat(json(director.get("/engine-rest/history/variable-instance?processInstanceId=" + foreign)))
            .isEmpty();
        assertThat(json(director.get("/engine-rest/history/task?processInstanceId=" + foreign))).isEmpty();
      }
      assertThat(instanceIds(json(director.get("/engine-rest/history/process-instance?maxResults=1000")), "id"))
          .containsAll(mine).doesNotContainAnyElementsOf(theirs);
      long ownRunning = runtimeService.createProcessInstanceQuery().tenantIdIn(office.id())
          .processDefinitionKey("ComplaintProcess").count();
      long counted = 0;
      for (JsonNode statistic : json(director.get("/engine-rest/process-definition/statistics"))) {
        if (statistic.path("definition").path("key").asText().equals("ComplaintProcess")) {
          counted += statistic.path("instances").asLong();
        }
      }
      assertThat(counted).as("Cockpit's count of running complaints for %s", office.director())
          .isPositive().isEqualTo(ownRunning);

      // the project's records
      String today = java.time.LocalDate.now(OFFICE_ZONE).toString();
      JsonNode log = json(rest(office.duty()).get("/api/duty-log?from=2000-01-01&to=2100-12-31&limit=10000"));
      assertThat(instanceIds(log, "processInstanceId")).contains(own.complaint().getId())
          .doesNotContainAnyElementsOf(theirs);
      log.forEach(e -> assertThat(e.path("officeId").asText()).isEqualTo(office.id()));
      JsonNode complaints = json(rest(office.duty()).get("/api/complaints?from=2000-01-01&to=" + today));
      assertThat(instanceIds(complaints, "COMPLAINT_NO")).contains(own.complaint().getBusinessKey())
          .doesNotContain(other.complaint().getBusinessKey());
      assertThat(rest(office.duty()).get("/api/complaints/" + other.complaint().getBusinessKey())
          .statusCode()).isEqualTo(404);
      assertThat(rest(office.duty()).get("/api/complaints/" + own.complaint().getBusinessKey())
          .statusCode()).isEqualTo(200);
      JsonNode envelopes = json(rest(office.custodian()).get("/api/key-envelopes"));
      assertThat(instanceIds(envelopes, "envelopeNo")).contains(own.envelopeNo())
          .doesNotContain(other.envelopeNo());
      assertThat(rest(office.custodian()).get("/api/key-envelopes/" + other.envelopeNo()).statusCode())
          .isEqualTo(404);

      // the door photo page and the reassignment
      ProcessInstance door = startOverRest(office.staff(), "UnlockedDoorProcess", doorReport(office));
      complete(office.staff(), door, "Task_KnockOnDoor", Map.of("someoneHome", "NO"));
      complete(office.staff(), door, "Task_ContactOwner", Map.of("ownerContactResult", "CANNOT_COME_BACK"));
      complete(office.staff(), door, "Task_ObtainOwnerConsent", Map.of("lockConsent", "YES",
          "consentGivenBy", "業主", "consentAt", "2026-11-25T21:30"));
      assertThat(rest(office.guard()).get("/app/door-photo/" + door.getId()).statusCode()).isEqualTo(200);
      String otherGuard = other.office().guard();
      assertThat(rest(otherGuard).get("/app/door-photo/" + door.getId()).statusCode()).isEqualTo(404);
      HttpResponse<String> upload = rest(otherGuard).header("X-Requested-With", "XMLHttpRequest")
          .postMultipart("/app/door-photo/" + door.getId(), Map.of(),
              Map.of("photo", Map.entry("door.png", PNG)));
      assertThat(upload.statusCode()).isEqualTo(404);
      assertThat(runtimeService.getVariable(door.getId(), "doorPhoto")).isNull();
      String held = openTask(other.complaint());
      as(other.office().duty(), () -> {
        taskService.claim(held, other.office().duty());
        return null;
      });
      HttpResponse<String> reassign = rest(office.director()).postJson("/api/tasks/" + held + "/assignee",
          "{\"assignee\": null, \"reason\": \"下班\"}");
      assertThat(reassign.statusCode()).isEqualTo(404);
      assertThat(taskService.createTaskQuery().taskId(held).singleResult().getAssignee())
          .isEqualTo(other.office().duty());
      as(other.office().duty(), () -> {
        taskService.claim(held, null);
        return null;
      });
    }

    // the company-wide roles see both offices
    Set<String> all = Set.of(cuiyuan.complaint().getId(), cuiyuan.door().getId(),
        jinhui.complaint().getId(), jinhui.door().getId());
    for (String user : COMPANY_WIDE) {
      assertThat(instanceIds(json(rest(user).get("/engine-rest/process-instance?maxResults=1000")), "id"))
          .as(user).containsAll(all);
      assertThat(instanceIds(json(rest(user).get("/engine-rest/history/process-instance?maxResults=1000")), "id"))
          .as(user).containsAll(all);
      assertThat(instanceIds(json(rest(user).get("/api/duty-log?from=2000-01-01&to=2100-12-31&limit=10000")),
          "processInstanceId")).as(user).contains(cuiyuan.complaint().getId(), jinhui.complaint().getId());
      assertThat(instanceIds(json(rest(user).get("/api/complaints?from=2000-01-01&to=2100-12-31")), "COMPLAINT_NO"))
          .as(user).contains(cuiyuan.complaint().getBusinessKey(), jinhui.complaint().getBusinessKey());
    }
    assertThat(instanceIds(json(rest("deputy").get("/api/key-envelopes")), "envelopeNo"))
        .contains(cuiyuan.envelopeNo(), jinhui.envelopeNo());
  }

  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0};

  List<MimeMessage> to(String address) {
    return com.wuye.workflow.notification.Mailbox.to(smtp, address);
  }

  @Test
  @DisplayName("CP-7.8 UD-4.4.1.4 an escalation mails the case's office director, a sealed key the case's office custodians, never the other office's")
  void mailGoesToTheCasesOffice() throws Exception {
    // mail other test classes left queued on the shared database is not this test's
    jdbc.update("DELETE FROM mail_outbox");
    Map<String, ProcessInstance> complaints = new HashMap<>();
    for (Office office : List.of(CUIYUAN, JINHUI)) {
      ProcessInstance complaint = startOverRest(office.staff(), "ComplaintProcess",
          complaint(office, "管理費多收" + System.nanoTime()));
      complete(office.duty(), complaint, "Task_LogComplaint", Map.of("category", "FEES",
          "dutyOfficerHandles", "NO"));
      complete(office.supervisor(), complaint, "Task_ClassifyComplaint", Map.of("classification", "VALID"));
      complaints.put(office.id(), complaint);
    }
    ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + 3 * 3_600_000L));
    for (ProcessInstance complaint : complaints.values()) {
      execute(managementService.createJobQuery().processInstanceId(complaint.getId())
          .activityId("BoundaryEvent_ContactResidentMissed").singleResult());
    }
    sender.sendDue();
    ClockUtil.reset();
    Cases cuiyuanKey = seal(casesIn(CUIYUAN));
    Cases jinhuiKey = seal(casesIn(JINHUI));
    sender.sendDue();

    for (Office office : List.of(CUIYUAN, JINHUI)) {
      Office other = office == CUIYUAN ? JINHUI : CUIYUAN;
      String complaintNo = complaints.get(office.id()).getBusinessKey();
      String otherNo = complaints.get(other.id()).getBusinessKey();
      List<String> directorSubjects = subjects(office.director() + "@wuye.example");
      assertThat(directorSubjects).anySatisfy(s -> assertThat(s).startsWith("[逾期督辦]").contains(complaintNo));
      assertThat(directorSubjects).noneSatisfy(s -> assertThat(s).contains(otherNo));
      Cases key = office == CUIYUAN ? cuiyuanKey : jinhuiKey;
      List<String> custodianSubjects = subjects(office.custodian() + "@wuye.example");
      assertThat(custodianSubjects).singleElement().satisfies(s ->
          assertThat(s).startsWith("[鑰匙封存待交還]").contains(office.community()));
      Task superviseTask = task(office.director(), complaints.get(office.id()), "Task_SuperviseMissedDeadline");
      assertThat(superviseTask).as("%s sees the escalation", office.director()).isNotNull();
      assertThat(task(other.director(), complaints.get(office.id()), "Task_SuperviseMissedDeadline"))
          .as("%s does not", other.director()).isNull();
      assertThat(key.envelopeNo()).isNotNull();
    }
    // the deputy GM hears of nothing here that is not theirs, and the staff of neither office
    assertThat(to("staff@wuye.example")).isEmpty();
    assertThat(to("staff2@wuye.example")).isEmpty();
  }

  List<String> subjects(String address) throws Exception {
    List<String> subjects = new ArrayList<>();
    for (MimeMessage message : to(address)) {
      subjects.add(message.getSubject());
    }
    return subjects;
  }

  @Test
  @DisplayName("Offices: a complaint typed into the wrong community is closed as 登記錯誤 and opened again in the right office with its receipt time, linked both ways and written to both offices' duty logs")
  void wrongCommunityCorrected() {
    ProcessInstance wrong = startOverRest("staff", "ComplaintProcess", complaint(CUIYUAN, "水管漏水"));
    String wrongNo = wrong.getBusinessKey();
    Object receivedAt = runtimeService.getVariable(wrong.getId(), "receivedAt");
    ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + 30 * 60_000L));

    // refused: staff, the other office's director, no reason, a community in no office
    String body = "{\"community\": \"金輝大廈\", \"reason\": \"業戶住在金輝大廈,登記時選錯小區\"}";
    assertThat(rest("staff").postJson("/api/complaints/" + wrongNo + "/correction", body).statusCode())
        .isEqualTo(403);
    assertThat(rest("director2").postJson("/api/complaints/" + wrongNo + "/correction", body).statusCode())
        .isEqualTo(404);
    assertThat(rest("director").postJson("/api/complaints/" + wrongNo + "/correction",
        "{\"community\": \"金輝大廈\", \"reason\": \" \"}").statusCode()).isEqualTo(400);
    HttpResponse<String> nowhere = rest("director").postJson("/api/complaints/" + wrongNo + "/correction",
        "{\"community\": \"不存在花園\", \"reason\": \"選錯\"}");
    assertThat(nowhere.statusCode()).isEqualTo(400);
    assertThat(json(nowhere).path("message").asText()).contains("不存在花園");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(wrong.getId()).count())
        .as("nothing changed").isEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT status FROM complaint WHERE complaint_no = ?", String.class,
        wrongNo)).isEqualTo("OPEN");

    HttpResponse<String> corrected = rest("director").postJson(
        "/api/complaints/" + wrongNo + "/correction", body);
    assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(200);
    String rightNo = json(corrected).path("complaintNo").asText();
    ClockUtil.reset();

    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(wrong.getId()).count()).isZero();
    Map<String, Object> old = jdbc.queryForMap("SELECT * FROM complaint WHERE complaint_no = ?", wrongNo);
    assertThat(old.get("STATUS")).isEqualTo("CORRECTED");
    assertThat(old.get("CORRECTED_TO")).isEqualTo(rightNo);
    Map<String, Object> right = jdbc.queryForMap("SELECT * FROM complaint WHERE complaint_no = ?", rightNo);
    assertThat(right.get("OFFICE_ID")).isEqualTo("jinhui");
    assertThat(right.get("COMMUNITY")).isEqualTo("金輝大廈");
    assertThat(right.get("CORRECTED_FROM")).isEqualTo(wrongNo);
    assertThat(right.get("RECEIVED_AT")).isEqualTo(old.get("RECEIVED_AT"));
    assertThat(right.get("RESIDENT_NAME")).isEqualTo("王大文");
    ProcessInstance reopened = runtimeService.createProcessInstanceQuery()
        .processInstanceBusinessKey(rightNo).singleResult();
    assertThat(reopened.getTenantId()).isEqualTo("jinhui");
    assertThat(runtimeService.getVariable(reopened.getId(), "receivedAt")).isEqualTo(receivedAt);
    assertThat(((Date) runtimeService.getVariable(reopened.getId(), "onSpotReportDue")).getTime())
        .isEqualTo(((Date) receivedAt).getTime() + 3_600_000L);
    for (String office : List.of("cuiyuan", "jinhui")) {
      assertThat(jdbc.queryForObject("""
          SELECT COUNT(*) FROM duty_log WHERE office_id = ? AND entry_type = '登記錯誤更正'
              AND summary LIKE ?""", Long.class, office, "%" + wrongNo + "%" + rightNo + "%"))
          .as("the correction in %s's duty log", office).isEqualTo(1L);
    }
    assertThat(task("duty2", reopened, "Task_LogComplaint")).isNotNull();
    assertThat(task("duty", reopened, "Task_LogComplaint")).isNull();
    // done once: the closed complaint cannot be corrected again
    assertThat(rest("center").postJson("/api/complaints/" + wrongNo + "/correction", body).statusCode())
        .isEqualTo(409);
  }

  @Test
  @DisplayName("CP-15 each office reads its own monthly report, the complaint centre every office's and the company summary")
  void monthlyReportPerOffice() {
    java.time.ZoneId zone = java.time.ZoneId.of("Asia/Hong_Kong");
    java.time.YearMonth yearMonth = java.time.YearMonth.now(zone);
    String month = yearMonth.toString();
    startOverRest("staff", "ComplaintProcess", complaint(CUIYUAN, "清潔" + System.nanoTime()));
    startOverRest("staff2", "ComplaintProcess", complaint(JINHUI, "清潔" + System.nanoTime()));
    JsonNode own = json(rest("supervisor").get("/api/reports/monthly?month=" + month));
    assertThat(own.path("office").asText()).isEqualTo("cuiyuan");
    long counted = jdbc.queryForList("SELECT received_at FROM complaint WHERE office_id = 'cuiyuan'",
        java.sql.Timestamp.class).stream().filter(t -> java.time.YearMonth.from(
            t.toInstant().atZone(zone)).equals(yearMonth)).count();
    assertThat(own.path("complaints").asLong()).isPositive().isEqualTo(counted);
    assertThat(rest("supervisor").get("/api/reports/monthly?month=" + month + "&office=jinhui")
        .statusCode()).isEqualTo(404);
    assertThat(rest("director2").get("/api/reports/monthly.csv?month=" + month + "&office=cuiyuan")
        .statusCode()).isEqualTo(404);
    JsonNode summary = json(rest("center").get("/api/reports/monthly?month=" + month));
    assertThat(summary.path("officeName").asText()).isEqualTo("全公司");
    assertThat(summary.path("byOffice").path("cuiyuan").asLong()).isPositive();
    assertThat(summary.path("byOffice").path("jinhui").asLong()).isPositive();
    assertThat(summary.path("complaints").asLong()).isEqualTo(summary.path("byOffice").path("cuiyuan")
        .asLong() + summary.path("byOffice").path("jinhui").asLong());
    assertThat(json(rest("center").get("/api/reports/monthly?month=" + month + "&office=jinhui"))
        .path("complaints").asLong()).isEqualTo(summary.path("byOffice").path("jinhui").asLong());
  }
}
