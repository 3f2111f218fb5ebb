package com.wuye.workflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.wuye.workflow.ProcessTestSupport;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;

/**
 * How long things are kept: the engine's history ({@code historyTimeToLive} on every process
 * and decision, cleaned up at night), and the project's own records (three years by default,
 * pruned every night by one node, never a sealed key envelope).
 */
class HistoryAndRetentionTest extends ProcessTestSupport {

  @Autowired
  RepositoryService repositoryService;
  @Autowired
  HistoryService historyService;
  @Autowired
  ProcessEngineConfigurationImpl engineConfiguration;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  RecordsCleanup cleanup;
  @Autowired
  ClusterLease lease;
  @Autowired
  List<ScheduledTaskHolder> scheduledTasks;

  @Test
  @DisplayName("Every deployed process and decision keeps its history for a limited time")
  void everyDefinitionHasHistoryTimeToLive() {
    List<ProcessDefinition> processes = repositoryService.createProcessDefinitionQuery().list();
    List<DecisionDefinition> decisions = repositoryService.createDecisionDefinitionQuery().list();
    assertThat(processes).extracting(ProcessDefinition::getKey).contains("UnlockedDoorProcess",
        "EmergencyIncidentProcess", "ComplaintProcess", "MonthlyComplaintReportProcess");
    assertThat(decisions).extracting(DecisionDefinition::getKey).contains("ComplaintClassification");
    assertThat(processes).allSatisfy(definition -> assertThat(definition.getHistoryTimeToLive())
        .as(definition.getKey()).isNotNull().isPositive());
    assertThat(decisions).allSatisfy(definition -> assertThat(definition.getHistoryTimeToLive())
        .as(definition.getKey()).isNotNull().isPositive());
    assertThat(repositoryService.createCaseDefinitionQuery().list()).allSatisfy(definition ->
        assertThat(definition.getHistoryTimeToLive()).as(definition.getKey()).isPositive());
    assertThat(engineConfiguration.isEnforceHistoryTimeToLive()).isTrue();
  }

  @Test
  @DisplayName("History is cleaned up at night: a finished case is due for removal when its time to live ends")
  void historyCleanupWindow() {
    assertThat(engineConfiguration.isHistoryCleanupEnabled()).isTrue();
    assertThat(engineConfiguration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
    assertThat(engineConfiguration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");
    assertThat(engineConfiguration.getHistoryCleanupStrategy()).isEqualTo("removalTimeBased");

    List<Job> cleanupJobs = historyService.findHistoryCleanupJobs();
    assertThat(cleanupJobs).isNotEmpty().allSatisfy(job -> {
      LocalTime due = job.getDuedate().toInstant().atZone(ZoneId.systemDefault()).toLocalTime();
      assertThat(due).isBetween(LocalTime.of(1, 0), LocalTime.of(5, 0));
    });

    ProcessInstance incident = start("staff", "EmergencyIncidentProcess", Map.of(
        "incidentKind", "OTHER", "community", "翠苑小區", "place", "A座大堂", "reporterName", "陳志明"));
    complete("duty", incident, "Task_HandleIncident", Map.of("handlingNote", "已處理"));
    HistoricProcessInstance finished = historyService.createHistoricProcessInstanceQuery()
        .processInstanceId(incident.getId()).singleResult();
    int days = repositoryService.getProcessDefinition(incident.getProcessDefinitionId())
        .getHistoryTimeToLive();
    assertThat(finished.getRemovalTime()).isEqualTo(
        new java.util.Date(finished.getEndTime().getTime() + Duration.ofDays(days).toMillis()));
  }

  // ---- the project's own records -------------------------------------------------------

  static final Instant NOW = Instant.parse("2030-06-15T10:00:00Z");

  /** A database timestamp {@code days} after the retention's cut-off (negative: before it). */
  static Timestamp cutoffPlus(int days) {
    return Timestamp.valueOf(LocalDateTime.ofInstant(NOW, ZoneId.systemDefault())
        .minusYears(3).plusDays(days));
  }

  long count(String sql, Object... args) {
    return jdbc.queryForObject(sql, Long.class, args);
  }

  void dutyLog(String instance, Timestamp at) {
    jdbc.update("""
        INSERT INTO duty_log (logged_at, community, process_key, process_instance_id,
            entry_type, summary) VALUES (?, '翠苑小區', 'Test', ?, '測試', '測試')""", at, instance);
  }

  void envelope(String no, String instance, String status, Timestamp sealed, Timestamp released) {
    jdbc.update("""
        INSERT INTO key_envelope (envelope_no, process_instance_id, community, building, unit,
            status, sealed_at, sealed_by, finder_name, finder_signature, onsite_staff_signature,
            custodian_group, released_at)
        VALUES (?, ?, '翠苑小區', 'A座', '1樓01室', ?, ?, 'guard', '李', '李', '劉', 'key-custodian', ?)""",
        no, instance, status, sealed, released);
    jdbc.update("""
        INSERT INTO key_envelope_event (envelope_id, happened_at, actor, action, detail)
        VALUES ((SELECT id FROM key_envelope WHERE envelope_no = ?), ?, 'guard', 'SEALED', '封存')""",
        no, sealed);
  }

  void complaint(String no, String instance, String status, Timestamp received, Timestamp closed) {
    jdbc.update("""
        INSERT INTO complaint (complaint_no, process_instance_id, received_at, community, building,
            unit, resident_name, resident_phone, channel, written, matter, matter_key,
            description, handled_on_the_spot, status, closed_at)
        VALUES (?, ?, ?, '翠苑小區', 'B座', '3樓01室', '王', '91234567', 'PHONE', FALSE, '漏水',
            '漏水', '漏水', FALSE, ?, ?)""", no, instance, received, status, closed);
    jdbc.update("""
        INSERT INTO deadline_miss (complaint_no, process_instance_id, deadline, task_key,
            responsible_group, due_at, detected_at, escalated_to)
        VALUES (?, ?, 'CONTACT_2H', 'Task_ContactResident', 'cs-supervisor', ?, ?, 'office-director')""",
        no, instance, received, received);
    jdbc.update("""
        INSERT INTO visit_record (complaint_no, community, visited_at, purpose, resident_opinion,
            resident_signature, satisfied) VALUES (?, '翠苑小區', ?, 'COMPLAINT_REPLY', '滿意', '王', TRUE)""",
        no, received);
    jdbc.update("""
        INSERT INTO work_circulation_slip (complaint_no, process_instance_id, created_at,
            community, reason) VALUES (?, ?, ?, '翠苑小區', '需上報')""", no, instance, received);
  }

  void mail(String eventKey, String status, Timestamp created) {
    jdbc.update("INSERT INTO mail_outbox (event_key, created_at, recipients, subject, body, status,"
        + " attempts, next_attempt_at) VALUES (?, ?, 'director@wuye.example', '測試', '測試', ?, 0, ?)",
        eventKey, created, status, created);
  }

  void notice(String audience, Timestamp issued) {
    jdbc.update("""
        INSERT INTO resident_notice (issued_at, community, incident_kind, audience, body,
            process_instance_id) VALUES (?, '翠苑小區', 'STRONG_WIND', ?, '颱風', 'n')""",
        issued, audience);
  }

  @Test
  @DisplayName("Records older than three years are deleted with what belongs to them; newer ones, open cases and sealed envelopes stay")
  void recordsOlderThanTheRetentionAreDeleted() {
    dutyLog("old-case", cutoffPlus(-1));
    dutyLog("new-case", cutoffPlus(1));
    envelope("KE-OLD-RELEASED", "old-released", "RELEASED", cutoffPlus(-10), cutoffPlus(-1));
    envelope("KE-RECENTLY-RELEASED", "recently-released", "RELEASED", cutoffPlus(-10), cutoffPlus(1));
    envelope("KE-OLD-SEALED", "old-sealed", "SEALED", cutoffPlus(-400), null);
    dutyLog("old-sealed", cutoffPlus(-400));
    complaint("TS-OLD-CLOSED", "old-closed", "CLOSED", cutoffPlus(-5), cutoffPlus(-1));
    complaint("TS-RECENTLY-CLOSED", "recently-closed", "CLOSED", cutoffPlus(-5), cutoffPlus(1));
    complaint("TS-OLD-OPEN", "old-open", "OPEN", cutoffPlus(-30), null);
    dutyLog("old-open", cutoffPlus(-30));
    notice("old notice", cutoffPlus(-1));
    notice("new notice", cutoffPlus(1));
    mail("old-sent", "SENT", cutoffPlus(-1));
    mail("old-queued", "PENDING", cutoffPlus(-1));
    mail("new-sent", "SENT", cutoffPlus(1));
    jdbc.update("INSERT INTO monthly_report (report_month, process_instance_id, computed_at, figures,"
        + " version) VALUES ('2027-05', 'old-report', ?, '{}', 1), ('2027-07', 'new-report', ?, '{}', 1)",
        cutoffPlus(-1), cutoffPlus(1));

    Map<String, Integer> deleted = cleanup.cleanUp(NOW);

    assertThat(count("SELECT COUNT(*) FROM duty_log WHERE process_instance_id = 'old-case'")).isZero();
    assertThat(count("SELECT COUNT(*) FROM duty_log WHERE process_instance_id IN "
        + "('new-case', 'old-sealed', 'old-open')")).isEqualTo(3);

    assertThat(jdbc.queryForList("SELECT envelope_no FROM key_envelope WHERE envelope_no LIKE 'KE-%'",
        String.class)).containsExactlyInAnyOrder("KE-RECENTLY-RELEASED", "KE-OLD-SEALED");
    assertThat(count("""
        SELECT COUNT(*) FROM key_envelope_event e JOIN key_envelope k ON e.envelope_id = k.id
        WHERE k.envelope_no = 'KE-OLD-SEALED'""")).isEqualTo(1);

    assertThat(jdbc.queryForList("SELECT complaint_no FROM complaint WHERE complaint_no LIKE 'TS-%'",
        String.class)).containsExactlyInAnyOrder("TS-RECENTLY-CLOSED", "TS-OLD-OPEN");
    for (String table : List.of("deadline_miss", "visit_record", "work_circulation_slip")) {
      assertThat(jdbc.queryForList("SELECT complaint_no FROM " + table, String.class)).as(table)
          .doesNotContain("TS-OLD-CLOSED").contains("TS-RECENTLY-CLOSED", "TS-OLD-OPEN");
    }
    assertThat(jdbc.queryForList("SELECT audience FROM resident_notice", String.class))
        .contains("new notice").doesNotContain("old notice");
    assertThat(jdbc.queryForList("SELECT event_key FROM mail_outbox", String.class))
        .as("mail still to go out is kept").containsExactlyInAnyOrder("old-queued", "new-sent");
    assertThat(jdbc.queryForList("SELECT process_instance_id FROM monthly_report", String.class))
        .containsExactly("new-report");
    assertThat(deleted).containsEntry("key_envelope", 1).containsEntry("complaint", 1)
        .containsEntry("resident_notice", 1).containsEntry("mail_outbox", 1)
        .containsEntry("monthly_report", 1);

    // a second run finds nothing more to delete
    assertThat(cleanup.cleanUp(NOW).values()).allMatch(rows -> rows == 0);
  }

  @Test
  @DisplayName("A collective case goes with its last complaint, its special incident report with it")
  void collectiveCaseGoesWithItsComplaints() {
    jdbc.update("""
        INSERT INTO collective_case (case_no, community, matter, matter_key, opened_at,
            coordinator_instance_id, marked_by_hand, status, closed_at)
        VALUES ('JT-OLD', '翠苑小區', '停水', '停水', ?, 'coordinator', FALSE, 'CLOSED', ?)""",
        cutoffPlus(-20), cutoffPlus(-2));
    jdbc.update("""
        INSERT INTO special_incident_report (collective_case_id, community, filled_at, households,
            description, handling_plan, agreed_reply_at)
        VALUES ((SELECT id FROM collective_case WHERE case_no = 'JT-OLD'), '翠苑小區', ?, 5, '停水',
            '搶修', ?)""", cutoffPlus(-19), cutoffPlus(-18));
    complaint("TS-COLLECTIVE-OLD", "collective-old", "CLOSED", cutoffPlus(-20), cutoffPlus(-2));
    complaint("TS-COLLECTIVE-NEW", "collective-new", "CLOSED", cutoffPlus(-20), cutoffPlus(2));
    jdbc.update("""
        UPDATE complaint SET collective_case_id = (SELECT id FROM collective_case WHERE case_no = 'JT-OLD')
        WHERE complaint_no IN ('TS-COLLECTIVE-OLD', 'TS-COLLECTIVE-NEW')""");

    cleanup.cleanUp(NOW);
    assertThat(count("SELECT COUNT(*) FROM collective_case WHERE case_no = 'JT-OLD'")).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM complaint WHERE complaint_no = 'TS-COLLECTIVE-OLD'")).isZero();

    cleanup.cleanUp(NOW.plus(Duration.ofDays(3)));
    assertThat(count("SELECT COUNT(*) FROM collective_case WHERE case_no = 'JT-OLD'")).isZero();
    assertThat(count("SELECT COUNT(*) FROM special_incident_report")).isZero();
  }

  @Test
  @DisplayName("Of several nodes whose nightly clean-up fires at once, exactly one runs it; the lease runs out for the next night")
  void oneNodeCleansUp() {
    Instant night = Instant.parse("2031-01-10T18:30:00Z");
    Duration leaseTime = Duration.ofHours(1);
    assertThat(lease.tryAcquire(RecordsCleanup.TASK, "node-a", leaseTime, night)).isTrue();
    assertThat(lease.tryAcquire(RecordsCleanup.TASK, "node-b", leaseTime, night)).isFalse();
    assertThat(lease.tryAcquire(RecordsCleanup.TASK, "node-b", leaseTime,
        night.plusSeconds(5))).isFalse();
    assertThat(lease.tryAcquire(RecordsCleanup.TASK, "node-b", leaseTime,
        night.plus(Duration.ofDays(1)))).isTrue();
    assertThat(jdbc.queryForObject(
        "SELECT held_by FROM scheduled_task_lease WHERE task_name = ?", String.class,
        RecordsCleanup.TASK)).isEqualTo("node-b");

    // while another node holds it, this node's nightly run deletes nothing
    dutyLog("skipped-case", Timestamp.valueOf(LocalDateTime.of(2000, 1, 1, 0, 0)));
    setClock(java.util.Date.from(night.plus(Duration.ofDays(1)).plusSeconds(60)));
    cleanup.nightly();
    assertThat(count("SELECT COUNT(*) FROM duty_log WHERE process_instance_id = 'skipped-case'"))
        .isEqualTo(1);
    setClock(java.util.Date.from(night.plus(Duration.ofDays(2))));
    cleanup.nightly();
    assertThat(count("SELECT COUNT(*) FROM duty_log WHERE process_instance_id = 'skipped-case'"))
        .isZero();
  }

  @Test
  @DisplayName("The clean-up is scheduled every night at 02:30 office time")
  void cleanupIsScheduled() {
    Set<CronTask> cronTasks = new java.util.HashSet<>();
    for (ScheduledTaskHolder holder : scheduledTasks) {
      for (ScheduledTask task : holder.getScheduledTasks()) {
        if (task.getTask() instanceof CronTask cron
            && cron.getRunnable().toString().endsWith("RecordsCleanup.nightly")) {
          cronTasks.add(cron);
        }
      }
    }
    assertThat(cronTasks).singleElement()
        .satisfies(task -> assertThat(task.getExpression()).isEqualTo("0 30 2 * * *"));
  }
}
