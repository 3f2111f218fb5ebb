package com.wuye.workflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.wuye.workflow.ProcessTestSupport;
import com.wuye.workflow.WebClient;
import java.net.http.HttpResponse;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.junit.jupiter.api.DisplayName;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * What operators and their load balancer see: health probes that answer anyone with a bare
 * status, details only for administrators, no other actuator endpoint, and log lines that
 * name the case they were written for.
 */
@ExtendWith(OutputCaptureExtension.class)
class OperationsEndpointsTest extends ProcessTestSupport {

  WebClient anonymous() {
    return new WebClient(port);
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("Liveness and readiness answer a load balancer without credentials, with the status only")
  @ValueSource(strings = {"/actuator/health/liveness", "/actuator/health/readiness", "/actuator/health"})
  void probesArePublicAndBare(String path) {
    HttpResponse<String> response = anonymous().get(path);
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode health = json(response);
    assertThat(health.path("status").asText()).isEqualTo("UP");
    assertThat(health.has("components")).as("no components for anonymous").isFalse();
    assertThat(health.has("details")).isFalse();
    // a user who is not an administrator sees no more than that
    assertThat(json(rest("director").get(path)).has("components")).isFalse();
  }

  @Test
  @DisplayName("An administrator sees readiness made of the database and the job executor; switched-off job execution is reported, not failed")
  void readinessDetailsForAdministrators() {
    JsonNode readiness = json(rest("admin").get("/actuator/health/readiness"));
    assertThat(readiness.path("status").asText()).isEqualTo("UP");
    List<String> components = new java.util.ArrayList<>();
    readiness.path("components").fieldNames().forEachRemaining(components::add);
    assertThat(components).containsExactlyInAnyOrder("db", "jobExecutor", "readinessState");
    assertThat(readiness.at("/components/db/status").asText()).isEqualTo("UP");
    assertThat(readiness.at("/components/jobExecutor/status").asText()).isEqualTo("UP");
    assertThat(readiness.at("/components/jobExecutor/details/jobExecution").asText())
        .contains("disabled by configuration");
  }

  @Test
  @DisplayName("Wrong credentials at a probe are refused")
  void wrongCredentialsRefused() {
    // a user of its own: wrong passwords slow down that user's next logins (login throttling)
    rest("admin").postJson("/engine-rest/user/create",
        "{\"profile\": {\"id\": \"probeuser\", \"firstName\": \"測試\", \"lastName\": \"用戶\"},"
            + " \"credentials\": {\"password\": \"demo\"}}");
    assertThat(new WebClient(port).basic("probeuser", "wrong").get("/actuator/health/readiness")
        .statusCode()).isEqualTo(401);
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("No other actuator endpoint is reachable over HTTP, not even for an administrator")
  @ValueSource(strings = {"/actuator", "/actuator/env", "/actuator/beans", "/actuator/configprops",
      "/actuator/metrics", "/actuator/info", "/actuator/loggers", "/actuator/heapdump",
      "/actuator/threaddump", "/actuator/mappings", "/actuator/shutdown"})
  void nothingElseExposed(String path) {
    assertThat(anonymous().get(path).statusCode()).isEqualTo(404);
    assertThat(rest("admin").get(path).statusCode()).isEqualTo(404);
    assertThat(anonymous().postJson(path, "{}").statusCode()).isIn(404, 405);
  }

  @Test
  @DisplayName("A node whose job executor should run but does not is not ready")
  void jobExecutorStoppedIsDown() {
    CamundaBpmProperties camunda = new CamundaBpmProperties();
    camunda.getJobExecution().setEnabled(true);
    var indicator = new JobExecutorHealthIndicator(new StandaloneInMemProcessEngineConfiguration(),
        camunda);
    assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
  }

  @Test
  @DisplayName("A line logged by a process step carries the complaint number and the process instance id")
  void logLinesNameTheirCase(CapturedOutput output) {
    Date received = new Date();
    setClock(received);
    Map<String, Object> complaint = new HashMap<>();
    complaint.put("community", "翠苑小區");
    complaint.put("building", "B座");
    complaint.put("unit", "3樓01室");
    complaint.put("residentName", "王大文");
    complaint.put("residentPhone", "91234567");
    complaint.put("channel", "PHONE");
    complaint.put("writtenComplaint", false);
    complaint.put("matter", "電梯故障-日誌");
    complaint.put("description", "電梯停在三樓");
    ProcessInstance instance = start("staff", "ComplaintProcess", complaint);
    complete("duty", instance, "Task_LogComplaint", Map.of("category", "SERVICE",
        "dutyOfficerHandles", "NO"));
    complete("supervisor", instance, "Task_ClassifyComplaint", Map.of("classification", "VALID"));
    Job contactTimer = managementService.createJobQuery().processInstanceId(instance.getId())
        .activityId("BoundaryEvent_ContactResidentMissed").singleResult();
    setClock(new Date(received.getTime() + 2 * 3_600_000L + 60_000));
    managementService.executeJob(contactTimer.getId());

    String line = output.getOut().lines()
        .filter(l -> l.contains("Deadline CONTACT_2H")).findFirst().orElseThrow();
    assertThat(line).contains("[" + instance.getBusinessKey() + " " + instance.getId() + "]");

    // outside a process step a line has no case, and no empty brackets either
    LoggerFactory.getLogger(OperationsEndpointsTest.class).info("outside any case");
    String outside = output.getOut().lines()
        .filter(l -> l.contains("outside any case")).findFirst().orElseThrow();
    assertThat(outside).contains(" INFO ").doesNotContain("[ ]", instance.getId());
  }
}
