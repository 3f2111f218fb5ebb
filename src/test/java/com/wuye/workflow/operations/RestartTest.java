package com.wuye.workflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.wuye.workflow.WorkflowApplication;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Stopping and starting the application (an update, a power cut) loses no case: on an H2
 * file database, a complaint waiting for a person and complaints waiting on a deadline are
 * there after the restart, and a deadline that passed while the application was down fires
 * as soon as it is back.
 */
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
class RestartTest {

  @TempDir
  Path dataDir;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  ConfigurableApplicationContext start(boolean jobExecution) {
    return new SpringApplicationBuilder(WorkflowApplication.class).profiles("demo")
        .run("--server.port=0",
            "--spring.datasource.url=jdbc:h2:file:" + dataDir.resolve("db"),
            "--camunda.bpm.job-execution.enabled=" + jobExecution,
            "--camunda.bpm.job-execution.wait-time-in-millis=200",
            "--camunda.bpm.job-execution.max-wait=1000",
            "--wuye.records.cleanup-cron=-");
  }

  static Map<String, Object> complaint(String matter) {
    return Map.of("community", "翠苑小區", "building", "D座", "unit", "8樓02室",
        "residentName", "張小姐", "residentPhone", "92345678", "channel", "PHONE",
        "writtenComplaint", false, "matter", matter, "description", "大堂燈壞了");
  }

  static ProcessInstance awaitingContact(ProcessEngine engine, String matter) {
    ProcessInstance instance = engine.getRuntimeService()
        .startProcessInstanceByKey("ComplaintProcess", complaint(matter));
    engine.getRuntimeService().createProcessInstanceModification(instance.getId())
        .cancelAllForActivity("Task_LogComplaint").startBeforeActivity("Task_ContactResident")
        .execute();
    return instance;
  }

  static Job contactTimer(ProcessEngine engine, ProcessInstance instance) {
    return engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
        .activityId("BoundaryEvent_ContactResidentMissed").singleResult();
  }

  @Test
  @DisplayName("CP-7.1 cases waiting for a person or a deadline survive a restart; a deadline passed while down fires after start")
  void casesSurviveARestart() throws InterruptedException {
    ProcessInstance waitingForDutyOfficer;
    ProcessInstance dueWhileDown;
    ProcessInstance stillRunning;
    Task logTask;
    Job laterTimer;
    try (var first = start(false)) {
      ProcessEngine engine = first.getBean(ProcessEngine.class);
      waitingForDutyOfficer = engine.getRuntimeService()
          .startProcessInstanceByKey("ComplaintProcess", complaint("大堂燈壞了"));
      logTask = engine.getTaskService().createTaskQuery()
          .processInstanceId(waitingForDutyOfficer.getId()).singleResult();
      dueWhileDown = awaitingContact(engine, "電梯故障");
      ClockUtil.offset(Duration.ofHours(1).toMillis());
      stillRunning = awaitingContact(engine, "停車場漏水");
      laterTimer = contactTimer(engine, stillRunning);
    }

    // down for 2 hours 10 minutes: the first contact deadline passes, the second not yet
    ClockUtil.offset(Duration.ofHours(2).plusMinutes(10).toMillis());
    try (var second = start(true)) {
      ProcessEngine engine = second.getBean(ProcessEngine.class);
      JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);

      Task afterRestart = engine.getTaskService().createTaskQuery()
          .processInstanceId(waitingForDutyOfficer.getId()).singleResult();
      assertThat(afterRestart.getId()).isEqualTo(logTask.getId());
      assertThat(afterRestart.getTaskDefinitionKey()).isEqualTo("Task_LogComplaint");
      assertThat(engine.getRuntimeService().createProcessInstanceQuery()
          .processInstanceBusinessKey(waitingForDutyOfficer.getBusinessKey()).count()).isEqualTo(1);

      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (contactTimer(engine, dueWhileDown) != null && System.nanoTime() < deadline) {
        Thread.sleep(250);
      }
      assertThat(contactTimer(engine, dueWhileDown)).as("the passed deadline fired").isNull();
      assertThat(jdbc.queryForList("SELECT deadline FROM deadline_miss WHERE complaint_no = ?",
          String.class, dueWhileDown.getBusinessKey())).containsExactly("CONTACT_2H");
      assertThat(engine.getTaskService().createTaskQuery().processInstanceId(dueWhileDown.getId())
          .taskDefinitionKey("Task_SuperviseMissedDeadline").taskCandidateGroup("office-director")
          .count()).isEqualTo(1);

      Job stillWaiting = contactTimer(engine, stillRunning);
      assertThat(stillWaiting.getId()).isEqualTo(laterTimer.getId());
      assertThat(stillWaiting.getDuedate()).isEqualTo(laterTimer.getDuedate())
          .isAfter(ClockUtil.getCurrentTime());
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM deadline_miss WHERE complaint_no = ?",
          Long.class, stillRunning.getBusinessKey())).isZero();
      assertThat(engine.getTaskService().createTaskQuery().processInstanceId(stillRunning.getId())
          .taskDefinitionKey("Task_ContactResident").count()).isEqualTo(1);
    }
  }
}
