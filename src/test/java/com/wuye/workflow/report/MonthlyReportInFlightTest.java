package com.wuye.workflow.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.wuye.workflow.ProcessTestSupport;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A monthly report started on the diagram of before CP-16.3's changes (kept in
 * {@code src/test/resources/previous-diagrams/}: no draw step of its own, spot-check open to the
 * CS supervisor too, satisfaction visits by the CS supervisor) completes with this release's
 * beans, and its version is recorded and approved like any other.
 */
class MonthlyReportInFlightTest extends ProcessTestSupport {

  static final ZoneId OFFICE = ZoneId.of("Asia/Hong_Kong");

  @Autowired
  JdbcTemplate jdbc;

  static Date at(String local) {
    return Date.from(ZonedDateTime.of(LocalDateTime.parse(local), OFFICE).toInstant());
  }

  @Test
  @DisplayName("CP-15 CP-16.3 a report started on the previous diagram version completes: its samples are drawn by the compile step, its tasks go where that version sent them, its version is approved")
  void previousDiagramCompletes() {
    jdbc.update("""
        INSERT INTO complaint (complaint_no, process_instance_id, received_at, community, building,
            unit, resident_name, resident_phone, channel, written, matter, matter_key, description,
            handled_on_the_spot, status, office_id)
        VALUES ('OLD-1', 'generated', ?, '翠苑小區', 'A座', '1室', '業戶', '91234567', 'PHONE', FALSE,
            '噪音', '噪音', '-', FALSE, 'CLOSED', 'cuiyuan')""",
        new java.sql.Timestamp(at("2024-03-10T10:00").getTime()));
    // stored as .bpmn.txt, so that no auto-deployment (the benchmark's bare Camunda) picks it up
    previousDeployment = engine.getRepositoryService().createDeployment()
        .name("previous-report-diagram").addInputStream("MonthlyComplaintReportProcess.bpmn",
            getClass().getResourceAsStream("/previous-diagrams/MonthlyComplaintReportProcess.bpmn.txt"))
        .deploy().getId();
    ProcessDefinition previous = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey("MonthlyComplaintReportProcess").latestVersion().singleResult();
    Object drawStep = engine.getRepositoryService().getBpmnModelInstance(previous.getId())
        .getModelElementById("ServiceTask_DrawSupervisionSamples");
    assertThat(drawStep).isNull();

    setClock(at("2024-04-01T09:00"));
    ProcessInstance instance = as("supervisor", () -> runtimeService.startProcessInstanceById(
        previous.getId(), Map.of("reportMonth", "2024-03")));
    assertThat(instance.getTenantId()).isEqualTo("cuiyuan");
    assertThat((String) runtimeService.getVariable(instance.getId(), "reportComplaints")).contains("OLD-1");
    assertThat((String) runtimeService.getVariable(instance.getId(), "dutyLogSample")).isNotBlank();
    assertThat((List<?>) runtimeService.getVariable(instance.getId(), "satisfactionSample"))
        .singleElement().asString().startsWith("OLD-1 ");
    assertThat(jdbc.queryForObject("SELECT satisfaction_sample FROM monthly_report"
        + " WHERE process_instance_id = ?", String.class, instance.getId())).isEqualTo("OLD-1");

    complete("supervisor", instance, "Task_PrepareMonthlyReport", Map.of("supervisorComment", "無"));
    complete("director", instance, "Task_ReviewMonthlyReport", Map.of("reviewDecision", "APPROVE",
        "directorComment", "同意"));
    complete("supervisor", instance, "Task_SpotCheckDutyLog", Map.of("dutyLogComplete", "YES",
        "spotCheckResult", "完整"));
    Task visit = task("supervisor", instance, "Task_SatisfactionVisit");
    assertThat(candidateGroups(visit)).containsExactly("cs-supervisor");
    complete("supervisor", instance, "Task_SatisfactionVisit", Map.of("residentOpinion", "滿意",
        "residentSatisfiedAnswer", "YES"));

    assertThat(instance).isEnded().hasPassed("ServiceTask_SubmitToComplaintCenter", "EndEvent_ReportSubmitted");
    assertThat(jdbc.queryForMap("SELECT version, approved_at FROM monthly_report"
        + " WHERE process_instance_id = ?", instance.getId())).satisfies(r -> {
          assertThat(r.get("VERSION")).isEqualTo(1);
          assertThat(r.get("APPROVED_AT")).isNotNull();
        });
    Map<String, Object> fetched = reports.fetch(java.time.YearMonth.of(2024, 3), "cuiyuan", null);
    assertThat(fetched).containsEntry("version", 1).containsEntry("approved", true)
        .containsEntry("complaints", 1);
  }

  @Autowired
  MonthlyReportService reports;

  String previousDeployment;

  /** The engine is shared with the other test classes: the current diagram is the latest again. */
  @org.junit.jupiter.api.AfterEach
  void removePreviousDiagram() {
    if (previousDeployment != null) {
      engine.getRepositoryService().deleteDeployment(previousDeployment, true, true);
    }
  }
}
