package com.wuye.workflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.wuye.workflow.ProcessTestSupport;
import com.wuye.workflow.WebClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Who may do what, for every group, as the demo users through the REST API: which processes
 * they start, which tasks they see, claim and complete, whether they read Cockpit's data and
 * the reports, and whether they deploy. And nothing but the login page and static files
 * answers a request without credentials.
 */
class AccessMatrixTest extends ProcessTestSupport {

  static final List<String> PROCESSES = List.of("door", "emergency", "complaint", "report");
  static final Map<String, String> PROCESS_KEYS = Map.of("door", "UnlockedDoorProcess",
      "emergency", "EmergencyIncidentProcess", "complaint", "ComplaintProcess",
      "report", "MonthlyComplaintReportProcess");
  static final String ALL_TASKS = "knock log classify cover areas key fire deputy gm center";

  @Autowired
  HistoryService historyService;

  /** One open task of each group (probe name → task id), created afresh for each row. */
  Map<String, String> probes;

  static Map<String, Object> doorReport() {
    return new HashMap<>(Map.of("community", "翠苑小區", "building", "A座", "unit", "12樓03室",
        "finderType", "STAFF", "finderName", "陳志明", "foundAt", "2026-11-25T21:10",
        "keyInDoor", "NO"));
  }

  static Map<String, Object> incident(String kind) {
    return new HashMap<>(Map.of("incidentKind", kind, "community", "翠苑小區", "place", "A座大堂",
        "reporterName", "陳志明"));
  }

  static Map<String, Object> complaint() {
    return new HashMap<>(Map.of("community", "翠苑小區", "building", "B座", "unit", "3樓01室",
        "residentName", "王大文", "residentPhone", "91234567", "channel", "PHONE",
        "writtenComplaint", false, "matter", "電梯故障", "description", "電梯停在三樓"));
  }

  String probe(String processKey, Map<String, Object> variables, String taskKey) {
    ProcessInstance instance = runtimeService.createProcessInstanceByKey(processKey)
        .setVariables(variables).startBeforeActivity(taskKey).execute();
    return taskService.createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(taskKey).singleResult().getId();
  }

  /** A level of the escalation chain (CP-7.8, CP-8.2), reached directly. */
  String seniorProbe(String levelTask) {
    Map<String, Object> variables = complaint();
    variables.put("complaintNo", "TS-PROBE");
    variables.put("replyDue", new Date(System.currentTimeMillis() + 86_400_000L));
    return probe("ComplaintProcess", variables, levelTask);
  }

  void oneTaskPerGroup() {
    probes = new LinkedHashMap<>();
    ProcessInstance door = runtimeService.startProcessInstanceByKey("UnlockedDoorProcess", doorReport());
    probes.put("knock", taskService.createTaskQuery().processInstanceId(door.getId()).singleResult().getId());
    ProcessInstance logged = runtimeService.startProcessInstanceByKey("ComplaintProcess", complaint());
    probes.put("log", taskService.createTaskQuery().processInstanceId(logged.getId()).singleResult().getId());
    ProcessInstance classified = runtimeService.startProcessInstanceByKey("ComplaintProcess", complaint());
    taskService.complete(taskService.createTaskQuery().processInstanceId(classified.getId())
        .singleResult().getId(), Map.of("category", "SERVICE", "dutyOfficerHandles", "NO"));
    probes.put("classify", taskService.createTaskQuery().processInstanceId(classified.getId())
        .singleResult().getId());
    Map<String, Object> nobodyHome = doorReport();
    nobodyHome.put("ownerArrived", false);
    nobodyHome.put("keySealed", false);
    probes.put("cover", probe("UnlockedDoorProcess", nobodyHome, "Task_ArrangeShiftCover"));
    probes.put("areas", probe("EmergencyIncidentProcess", incident("STRONG_WIND"), "Task_CheckCommonAreas"));
    probes.put("key", probe("UnlockedDoorProcess", doorReport(), "Task_HandOverKey"));
    probes.put("fire", probe("EmergencyIncidentProcess", incident("FIRE"), "Task_AcknowledgeFireReport"));
    probes.put("deputy", seniorProbe("Task_DeputyGmHandles"));
    probes.put("gm", seniorProbe("Task_GeneralManagerHandles"));
    probes.put("center", seniorProbe("Task_ComplaintCenterHelps"));
  }

  static Set<String> set(String names) {
    return names == null || names.isBlank() ? Set.of()
        : new TreeSet<>(Arrays.asList(names.trim().split("\\s+")));
  }

  static String startBody(String process) {
    Map<String, Object> variables = switch (process) {
      case "door" -> doorReport();
      case "emergency" -> incident("OTHER");
      default -> complaint();
    };
    return BadInputTest.body(variables);
  }

  long instancesOf(String processKey) {
    return historyService.createHistoricProcessInstanceQuery().processDefinitionKey(processKey).count();
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("Each group's allowed and refused actions")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      # user     | starts                               | sees         | claims       | cockpit | duty log | complaints | key envelopes | deploys
      staff      | door emergency complaint             | knock        | knock        | false   | 403      | 403        | 403           | 403
      duty       | door emergency complaint             | log          | log          | false   | 200      | 200        | 200           | 403
      supervisor | report                               | classify     | classify     | false   | 200      | 200        | 403           | 403
      head       | -                                    | cover        | cover        | false   | 403      | 403        | 403           | 403
      guard      | -                                    | areas        | areas        | false   | 403      | 403        | 403           | 403
      custodian  | -                                    | key          | key          | false   | 403      | 403        | 200           | 403
      director   | report                               | ALL          | fire         | true    | 200      | 200        | 200           | 403
      deputy     | -                                    | ALL          | deputy       | true    | 200      | 200        | 200           | 403
      gm         | -                                    | ALL          | gm           | true    | 200      | 200        | 200           | 403
      center     | complaint                            | ALL          | center       | true    | 200      | 200        | 403           | 403
      owner      | -                                    | -            | -            | true    | 403      | 403        | 403           | 200
      admin      | door emergency complaint report      | ALL          | ALL          | true    | 200      | 200        | 200           | 200
      """)
  void accessMatrix(String user, String starts, String sees, String claims, boolean cockpit,
      int dutyLog, int complaints, int keyEnvelopes, int deploys) {
    oneTaskPerGroup();
    WebClient client = rest(user);
    Set<String> mayStart = set(starts);
    Set<String> seen = set("ALL".equals(sees) ? ALL_TASKS : sees);
    Set<String> mayClaim = set("ALL".equals(claims) ? ALL_TASKS : claims);

    // start: which processes Tasklist offers, and a start over REST (nothing created when refused)
    JsonNode startable = json(client.get("/engine-rest/process-definition?latestVersion=true"
        + "&startableInTasklist=true&startablePermissionCheck=true"));
    Set<String> offered = new TreeSet<>();
    startable.forEach(d -> PROCESS_KEYS.forEach((name, key) -> {
      if (key.equals(d.path("key").asText())) {
        offered.add(name);
      }
    }));
    assertThat(offered).as("%s is offered", user).isEqualTo(mayStart);
    for (String process : List.of("door", "emergency", "complaint")) {
      String key = PROCESS_KEYS.get(process);
      long before = instancesOf(key);
      HttpResponse<String> started = client.postJson(
          "/engine-rest/process-definition/key/" + key + "/start", startBody(process));
      if (mayStart.contains(process)) {
        assertThat(started.statusCode()).as("%s starts %s: %s", user, key, started.body()).isEqualTo(200);
        assertThat(instancesOf(key)).isEqualTo(before + 1);
      } else {
        assertThat(started.statusCode()).as("%s starts %s", user, key).isIn(403, 404);
        assertThat(instancesOf(key)).isEqualTo(before);
      }
    }

    // tasks: which it sees, which it may claim, and that it cannot complete the others
    String ids = String.join(",", probes.values());
    Set<String> visible = new TreeSet<>();
    for (JsonNode task : json(client.get("/engine-rest/task?taskIdIn=" + ids))) {
      probes.forEach((name, id) -> {
        if (id.equals(task.path("id").asText())) {
          visible.add(name);
        }
      });
    }
    assertThat(visible).as("%s sees", user).isEqualTo(seen);
    for (var probe : probes.entrySet()) {
      String task = "/engine-rest/task/" + probe.getValue();
      HttpResponse<String> claim = client.postJson(task + "/claim", "{\"userId\": \"" + user + "\"}");
      if (mayClaim.contains(probe.getKey())) {
        assertThat(claim.statusCode()).as("%s claims %s: %s", user, probe.getKey(), claim.body()).isEqualTo(204);
        assertThat(client.postJson(task + "/unclaim", "").statusCode()).isEqualTo(204);
      } else {
        assertThat(claim.statusCode()).as("%s claims %s", user, probe.getKey()).isEqualTo(403);
        assertThat(client.postJson(task + "/complete", "{}").statusCode())
            .as("%s completes %s", user, probe.getKey()).isEqualTo(403);
        assertThat(taskService.createTaskQuery().taskId(probe.getValue()).count()).isEqualTo(1);
      }
    }

    // Cockpit's data: the history and the deployments
    long history = json(client.get("/engine-rest/history/process-instance/count")).path("count").asLong();
    JsonNode deployments = json(client.get("/engine-rest/deployment"));
    if (cockpit && user.equals("owner")) {
      // the process owner reads the diagrams, never the cases and residents in them
      assertThat(history).as("%s reads history", user).isZero();
      assertThat(deployments).as("%s reads deployments", user).isNotEmpty();
    } else if (cockpit) {
      assertThat(history).as("%s reads history", user).isEqualTo(historyService
          .createHistoricProcessInstanceQuery().count());
      assertThat(deployments).as("%s reads deployments", user).isNotEmpty();
    } else {
      assertThat(history).as("%s reads history", user).isZero();
      assertThat(deployments).as("%s reads deployments", user).isEmpty();
    }

    // reports
    assertThat(client.get("/api/duty-log?from=2000-01-01&to=2100-12-31").statusCode())
        .as("%s reads the duty log", user).isEqualTo(dutyLog);
    assertThat(client.get("/api/complaints?from=2000-01-01&to=2100-12-31").statusCode())
        .as("%s reads complaints", user).isEqualTo(complaints);
    assertThat(client.get("/api/key-envelopes").statusCode())
        .as("%s reads key envelopes", user).isEqualTo(keyEnvelopes);

    // deploy, the way Camunda Modeler does
    String diagram = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_AccessProbe"
            targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="AccessProbe%s" isExecutable="false" camunda:historyTimeToLive="P1D" />
        </bpmn:definitions>""".formatted(user);
    long deploymentsBefore = engine.getRepositoryService().createDeploymentQuery().count();
    HttpResponse<String> deployed = client.postMultipart("/engine-rest/deployment/create",
        Map.of("deployment-name", "access-probe-" + user, "deployment-source", "Camunda Modeler"),
        Map.of("data", Map.entry("AccessProbe.bpmn", diagram.getBytes(StandardCharsets.UTF_8))));
    assertThat(deployed.statusCode()).as("%s deploys: %s", user, deployed.body()).isEqualTo(deploys);
    assertThat(engine.getRepositoryService().createDeploymentQuery().count())
        .isEqualTo(deploymentsBefore + (deploys == 200 ? 1 : 0));
  }

  @ParameterizedTest(name = "{0} completes {1}")
  @DisplayName("A member of the task's group completes it")
  @CsvSource(delimiter = '|', textBlock = """
      staff      | knock    | someoneHome=YES, remindedToLock=true
      duty       | log      | category=SERVICE, dutyOfficerHandles=NO
      supervisor | classify | classification=VALID
      head       | cover    | coverArrangement=已安排張三接替
      guard      | areas    | hazardsFound=NO, commonAreaFindings=未發現隱患
      director   | fire     | -
      deputy     | deputy   | deputyGmResult=已批准維修, deputyGmDecision=RESOLVED
      gm         | gm       | generalManagerResult=已批准
      center     | center   | centerHelpResult=已跟進
      """)
  void membersComplete(String user, String probe, String form) {
    Map<String, Object> variables = new HashMap<>();
    if (!form.equals("-")) {
      for (String pair : form.split(",\\s*")) {
        String[] kv = pair.split("=", 2);
        variables.put(kv[0], kv[1].equals("true") ? Boolean.TRUE : kv[1]);
      }
    }
    oneTaskPerGroup();
    String task = "/engine-rest/task/" + probes.get(probe);
    WebClient client = rest(user);
    assertThat(client.postJson(task + "/claim", "{\"userId\": \"" + user + "\"}").statusCode())
        .isEqualTo(204);
    HttpResponse<String> completed = client.postJson(task + "/submit-form", BadInputTest.body(variables));
    assertThat(completed.statusCode()).as(completed.body()).isEqualTo(204);
    assertThat(taskService.createTaskQuery().taskId(probes.get(probe)).count()).isZero();
  }

  @ParameterizedTest(name = "{0} → {1}")
  @DisplayName("Without credentials only the login page and static files answer")
  @CsvSource(delimiter = '|', textBlock = """
      /engine-rest/task                                                  | 401
      /engine-rest/process-definition                                    | 401
      /engine-rest/deployment                                            | 401
      /engine-rest/history/process-instance/count                        | 401
      /engine-rest/engine                                                | 401
      /engine-rest/engine/default/task                                   | 401
      /engine-rest/version                                               | 401
      /api/duty-log?from=2026-01-01&to=2026-12-31                        | 401
      /api/complaints?from=2026-01-01&to=2026-12-31                      | 401
      /api/key-envelopes                                                 | 401
      /app/door-photo/x                                                  | 401
      /camunda/api/engine/engine/default/task                            | 401
      /camunda/api/engine/engine/default/process-definition              | 401
      /camunda/api/cockpit/plugin/base/default/process-definition/statistics | 401
      /camunda/api/admin/auth/user/default                               | 404
      /h2-console                                                        | 404
      /actuator/env                                                      | 404
      /camunda/app/tasklist/default/                                     | 200
      /camunda/app/cockpit/default/                                      | 200
      /camunda/app/welcome/default/                                      | 200
      /camunda/app/tasklist/styles/user-styles.css                       | 200
      /camunda/app/tasklist/locales/zh.json                              | 200
      /actuator/health/liveness                                          | 200
      """)
  void anonymousRequests(String path, int expected) {
    assertThat(new WebClient(port).get(path.trim()).statusCode()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("Without credentials nothing can be changed")
  @CsvSource(delimiter = '|', textBlock = """
      /engine-rest/process-definition/key/ComplaintProcess/start     | 401
      /engine-rest/deployment/create                                 | 401
      /api/key-envelopes/KE-1/release                                | 401
      /app/door-photo/x                                              | 401
      /camunda/api/admin/setup/default/user/create                   | 403
      """)
  void anonymousChanges(String path, int expected) {
    long instances = historyService.createHistoricProcessInstanceQuery().count();
    assertThat(new WebClient(port).postJson(path.trim(),
        "{\"profile\": {\"id\": \"intruder\"}, \"credentials\": {\"password\": \"x\"}}").statusCode())
        .isEqualTo(expected);
    assertThat(identityService.createUserQuery().userId("intruder").count()).isZero();
    assertThat(historyService.createHistoricProcessInstanceQuery().count()).isEqualTo(instances);
  }
}
