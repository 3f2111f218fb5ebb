package com.wuye.workflow.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;

import com.fasterxml.jackson.databind.JsonNode;
import com.wuye.workflow.ProcessTestSupport;
import com.wuye.workflow.forms.FormInputException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

class MonthlyComplaintReportProcessTest extends ProcessTestSupport {

  @TestConfiguration
  static class Coverage extends ProcessEngineCoverageConfiguration {
    @Bean
    @Override
    public ProcessEngineCoverageProperties defaultCoverageProperties() {
      return fullCoverageOf("MonthlyComplaintReportProcess", "MonthlyComplaintReportSchedule");
    }
  }

  static final ZoneId OFFICE = ZoneId.of("Asia/Hong_Kong");
  static final String[] CHANNELS = {"PHONE", "HOTLINE", "FAX", "EMAIL", "VISIT", "COMPLAINT_CENTER"};
  static final String[] CLASSES = {"VALID", "ASSISTED", "INVALID"};
  static final String[] COMMUNITIES = {"翠苑小區", "碧濤花園", "金輝大廈"};
  static final Map<String, String> OFFICE_OF = Map.of("翠苑小區", "cuiyuan", "碧濤花園", "cuiyuan",
      "金輝大廈", "jinhui");
  static final String[] MATTERS = {"電梯故障", "管理費", "噪音", "清潔"};

  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  MonthlyReportService reports;

  static Date at(String local) {
    return Date.from(ZonedDateTime.of(LocalDateTime.parse(local), OFFICE).toInstant());
  }

  record Generated(String channel, String classification, String community, String matter,
      boolean related, boolean closed, LocalDateTime receivedAt) {
    String office() {
      return OFFICE_OF.get(community);
    }
  }

  /** A month of complaints written straight into the records, with some outside the month. */
  List<Generated> generate(YearMonth month, int n, long seed) {
    Random random = new Random(seed);
    List<Generated> inMonth = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean outside = i % 10 == 9;
      LocalDateTime received = outside
          ? month.plusMonths(1).atDay(1).atStartOfDay().plusMinutes(random.nextInt(600))
          : month.atDay(1 + random.nextInt(month.lengthOfMonth())).atTime(random.nextInt(24), random.nextInt(60));
      Generated g = new Generated(CHANNELS[random.nextInt(CHANNELS.length)],
          random.nextInt(5) == 0 ? null : CLASSES[random.nextInt(CLASSES.length)],
          COMMUNITIES[random.nextInt(COMMUNITIES.length)], MATTERS[random.nextInt(MATTERS.length)],
          random.nextInt(8) == 0, random.nextBoolean(), received);
      String no = "GEN-" + seed + "-" + i;
      jdbc.update("""
          INSERT INTO complaint (complaint_no, process_instance_id, received_at, community, building,
              unit, resident_name, resident_phone, channel, written, matter, matter_key, description,
              handled_on_the_spot, classification, related_complaint_no, status, office_id)
          VALUES (?, 'generated', ?, ?, 'A座', ?, '業戶', '91234567', ?, FALSE, ?, ?, '-', FALSE, ?, ?, ?, ?)""",
          no, Timestamp.from(received.atZone(OFFICE).toInstant()), g.community(), i + "室", g.channel(),
          g.matter(), g.matter(), g.classification(), g.related() ? "GEN-OLD" : null,
          g.closed() ? "CLOSED" : "OPEN", g.office());
      if (!outside) {
        inMonth.add(g);
      }
    }
    return inMonth;
  }

  void visit(YearMonth month, int day, boolean satisfied) {
    jdbc.update("""
        INSERT INTO visit_record (complaint_no, community, visited_at, visitor, purpose,
            resident_opinion, resident_signature, satisfied, office_id)
        VALUES ('GEN-V', '翠苑小區', ?, 'supervisor', 'SATISFACTION', '意見', '簽名', ?, 'cuiyuan')""",
        Timestamp.from(month.atDay(day).atTime(10, 0).atZone(OFFICE).toInstant()), satisfied);
  }

  @Test
  @DisplayName("CP-15 CP-16 the report's figures are computed from the month's records: by channel, classification, community and matter, re-complaints, collective complaints, missed deadlines and the satisfaction rate; each office's report counts its own office, the company summary every office")
  void figuresFromRecords() {
    YearMonth month = YearMonth.of(2025, 3);
    List<Generated> generated = generate(month, 300, 7);
    visit(month, 5, true);
    visit(month, 6, true);
    visit(month, 7, false);
    visit(month.plusMonths(1), 2, false);
    jdbc.update("""
        INSERT INTO collective_case (case_no, community, matter, matter_key, opened_at,
            coordinator_instance_id, marked_by_hand, status, office_id)
        VALUES ('JT-GEN', '翠苑小區', '電梯故障', '電梯故障', ?, 'generated', FALSE, 'CLOSED', 'cuiyuan')""",
        Timestamp.from(month.atDay(10).atStartOfDay(OFFICE).toInstant()));
    jdbc.update("""
        INSERT INTO deadline_miss (complaint_no, process_instance_id, deadline, task_key,
            responsible_group, due_at, detected_at, escalated_to, completed_at, office_id)
        VALUES ('GEN-7-1', 'generated', 'CONTACT_2H', 'Task_ContactResident', 'cs-supervisor', ?, ?,
            'office-director', ?, 'cuiyuan')""",
        Timestamp.from(month.atDay(3).atTime(12, 0).atZone(OFFICE).toInstant()),
        Timestamp.from(month.atDay(3).atTime(12, 1).atZone(OFFICE).toInstant()),
        Timestamp.from(month.atDay(3).atTime(12, 45).atZone(OFFICE).toInstant()));

    Map<String, Object> report = reports.compute(month, null);

    assertThat(report.get("complaints")).isEqualTo((long) generated.size());
    assertThat(report.get("byChannel")).isEqualTo(counts(generated, Generated::channel));
    assertThat(report.get("byClassification")).isEqualTo(counts(generated,
        g -> g.classification() == null ? "UNCLASSIFIED" : g.classification()));
    assertThat(report.get("byCommunity")).isEqualTo(counts(generated, Generated::community));
    assertThat(report.get("reComplaints")).isEqualTo(generated.stream().filter(Generated::related).count());
    assertThat(report.get("collectiveComplaints")).isEqualTo(1L);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> misses = (List<Map<String, Object>>) report.get("misses");
    assertThat(misses).singleElement().satisfies(m -> assertThat(m.get("MINUTES_LATE")).isEqualTo(45L));
    @SuppressWarnings("unchecked")
    Map<String, Object> satisfaction = (Map<String, Object>) report.get("satisfaction");
    assertThat(satisfaction.get("visits")).isEqualTo(3L);
    assertThat(satisfaction.get("satisfied")).isEqualTo(2L);
    assertThat(satisfaction.get("rate")).isEqualTo(0.6667);
    assertThat(report.get("byOffice")).isEqualTo(counts(generated, Generated::office));

    // each office's own report counts its own office's records only
    for (String office : List.of("cuiyuan", "jinhui")) {
      List<Generated> own = generated.stream().filter(g -> g.office().equals(office)).toList();
      Map<String, Object> officeReport = reports.compute(month, office);
      assertThat(officeReport.get("office")).isEqualTo(office);
      assertThat(officeReport.get("complaints")).as(office).isEqualTo((long) own.size());
      assertThat(officeReport.get("byChannel")).as(office).isEqualTo(counts(own, Generated::channel));
      assertThat(officeReport.get("byClassification")).as(office).isEqualTo(counts(own,
          g -> g.classification() == null ? "UNCLASSIFIED" : g.classification()));
      assertThat(officeReport.get("byCommunity")).as(office).isEqualTo(counts(own, Generated::community));
      assertThat(officeReport.get("reComplaints")).as(office)
          .isEqualTo(own.stream().filter(Generated::related).count());
      boolean cuiyuan = office.equals("cuiyuan");
      assertThat(officeReport.get("collectiveComplaints")).as(office).isEqualTo(cuiyuan ? 1L : 0L);
      assertThat((List<?>) officeReport.get("misses")).as(office).hasSize(cuiyuan ? 1 : 0);
      @SuppressWarnings("unchecked")
      Map<String, Object> officeSatisfaction = (Map<String, Object>) officeReport.get("satisfaction");
      assertThat(officeSatisfaction.get("visits")).as(office).isEqualTo(cuiyuan ? 3L : 0L);
    }
  }

  static Map<String, Long> counts(List<Generated> generated, java.util.function.Function<Generated, String> key) {
    return generated.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
  }

  @Test
  @DisplayName("CP-15 CP-16 prepared, returned, approved and sent to the complaint centre; the duty log spot-checked; satisfaction visits recorded")
  void reviewedAndSubmitted() {
    YearMonth month = YearMonth.of(2025, 5);
    generate(month, 30, 11);
    setClock(at("2025-06-02T09:00"));
    ProcessInstance instance = start("supervisor", "MonthlyComplaintReportProcess", Map.of("reportMonth", "2025-05"));

    Task prepare = task("supervisor", instance, "Task_PrepareMonthlyReport");
    assertThat(prepare.getDueDate()).isEqualTo(at("2025-06-05T00:00"));
    assertThat((String) runtimeService.getVariable(instance.getId(), "reportSummary"))
        .contains("翠苑管理處 部門客戶投訴工作月報 2025年5月", "投訴總數");
    complete("supervisor", instance, "Task_PrepareMonthlyReport", Map.of("supervisorComment", "本月投訴以電梯為主"));
    complete("director", instance, "Task_ReviewMonthlyReport", Map.of("reviewDecision", "RETURN",
        "directorComment", "請補充處理措施"));
    complete("supervisor", instance, "Task_PrepareMonthlyReport", Map.of("supervisorComment", "已安排電梯保養"));
    complete("director", instance, "Task_ReviewMonthlyReport", Map.of("reviewDecision", "APPROVE",
        "directorComment", "同意"));

    assertThat((String) runtimeService.getVariable(instance.getId(), "dutyLogSample")).isNotBlank();
    complete("director", instance, "Task_SpotCheckDutyLog", Map.of("dutyLogComplete", "YES", "spotCheckResult", "記錄完整"));
    List<Task> visits = as("supervisor", () -> taskService.createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey("Task_SatisfactionVisit").list());
    assertThat(visits).hasSize(MonthlyReportProcessSupport.SATISFACTION_SAMPLE);
    for (int i = 0; i < visits.size(); i++) {
      Task visit = visits.get(i);
      boolean satisfied = i > 0;
      as("supervisor", () -> {
        taskService.claim(visit.getId(), "supervisor");
        taskService.complete(visit.getId(), Map.of("residentOpinion", "意見", "residentSatisfiedAnswer", satisfied ? "YES" : "NO"));
        return null;
      });
    }
    assertThat(instance).isEnded().hasPassed("ServiceTask_SubmitToComplaintCenter", "EndEvent_ReportSubmitted");
    assertThat(jdbc.queryForMap("SELECT * FROM monthly_report WHERE process_instance_id = ?", instance.getId()))
        .satisfies(r -> {
          assertThat(r.get("SUBMITTED_AT")).isNotNull();
          assertThat(r.get("DIRECTOR_COMMENT")).isEqualTo("同意");
        });
    assertThat(jdbc.queryForObject("""
        SELECT COUNT(*) FROM visit_record WHERE purpose = 'SATISFACTION' AND satisfied = TRUE
            AND visited_at >= ?""", Long.class, Timestamp.from(at("2025-06-01T00:00").toInstant()))).isEqualTo(4L);
    assertThat(reports.compute(YearMonth.of(2025, 6), null).get("satisfaction"))
        .isEqualTo(Map.of("visits", 5L, "satisfied", 4L, "rate", 0.8));
    assertThat(jdbc.queryForObject("SELECT recipients FROM mail_outbox WHERE event_key = ?", String.class,
        "monthly-report:" + instance.getId())).isEqualTo("center@wuye.example");
  }

  @Test
  @DisplayName("CP-15 the 5th passes without the report: the deputy GM gets a task and the director is told")
  void overdueReport() {
    setClock(at("2025-08-01T01:00"));
    ProcessInstance instance = start("director", "MonthlyComplaintReportProcess", Map.of("reportMonth", "2025-07"));
    Job overdue = managementService.createJobQuery().processInstanceId(instance.getId())
        .activityId("BoundaryEvent_ReportOverdue").singleResult();
    assertThat(overdue.getDuedate()).isEqualTo(at("2025-08-05T00:00"));
    setClock(at("2025-08-05T00:00"));
    execute(overdue);
    Task supervise = task("deputy", instance, "Task_SuperviseMonthlyReport");
    assertThat(candidateGroups(supervise)).containsExactly("deputy-gm");
    assertThat(instance).isWaitingAt("Task_PrepareMonthlyReport", "Task_SuperviseMonthlyReport");
    assertThat(jdbc.queryForObject("SELECT recipients FROM mail_outbox WHERE event_key = ?", String.class,
        "task:" + supervise.getId())).contains("deputy@wuye.example", "director@wuye.example");
    complete("deputy", instance, "Task_SuperviseMonthlyReport", Map.of("supervisionNote", "已催辦"));
  }

  @Test
  @DisplayName("CP-15 the schedule starts each office's report on the 1st of each month at 01:00 office time, for the month before; each office's supervisor and director work their own")
  void monthlySchedule() {
    Job timer = managementService.createJobQuery().processDefinitionKey("MonthlyComplaintReportSchedule")
        .timers().singleResult();
    ZonedDateTime now = ZonedDateTime.now(OFFICE);
    assertThat(timer.getDuedate()).isEqualTo(Date.from(now.toLocalDate().withDayOfMonth(1).plusMonths(1)
        .atTime(1, 0).atZone(OFFICE).toInstant()));
    setClock(timer.getDuedate());
    execute(timer);
    Map<String, String> supervisors = Map.of("cuiyuan", "supervisor", "jinhui", "supervisor2");
    Map<String, String> directors = Map.of("cuiyuan", "director", "jinhui", "director2");
    List<ProcessInstance> reports = runtimeService.createProcessInstanceQuery()
        .processDefinitionKey("MonthlyComplaintReportProcess").variableValueEquals("reportMonth",
            YearMonth.from(now).toString()).list();
    assertThat(reports).extracting(ProcessInstance::getTenantId)
        .containsExactlyInAnyOrder("cuiyuan", "jinhui");
    for (ProcessInstance report : reports) {
      String office = report.getTenantId();
      String other = office.equals("cuiyuan") ? "jinhui" : "cuiyuan";
      assertThat(report).isWaitingAt("Task_PrepareMonthlyReport");
      // the other office's supervisor does not even see it
      assertThat(task(supervisors.get(other), report, "Task_PrepareMonthlyReport")).isNull();
      complete(supervisors.get(office), report, "Task_PrepareMonthlyReport", Map.of("supervisorComment", "無"));
      complete(directors.get(office), report, "Task_ReviewMonthlyReport", Map.of("reviewDecision", "APPROVE", "directorComment", "同意"));
      complete(directors.get(office), report, "Task_SpotCheckDutyLog", Map.of("dutyLogComplete", "YES", "spotCheckResult", "完整"));
      assertThat(report).isEnded();
      assertThat(jdbc.queryForObject("SELECT office_id FROM monthly_report WHERE process_instance_id = ?",
          String.class, report.getId())).isEqualTo(office);
    }
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("MonthlyComplaintReportSchedule")
        .count()).isZero();
  }

  @Test
  @DisplayName("CP-15 a month like 2026-13 is refused in the form and over REST; nothing is created")
  void badMonthRefused() {
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey("MonthlyComplaintReportProcess").count();
    assertThatThrownBy(() -> start("supervisor", "MonthlyComplaintReportProcess", Map.of("reportMonth", "2026-13")))
        .isInstanceOf(FormInputException.class).hasMessageContaining("YYYY-MM");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("MonthlyComplaintReportProcess").count())
        .isEqualTo(before);
    for (String month : List.of("2026-13", "2026-1", "2026-11' OR '1'='1", "")) {
      HttpResponse<String> response = rest("director").get("/api/reports/monthly?month="
          + java.net.URLEncoder.encode(month, StandardCharsets.UTF_8));
      assertThat(response.statusCode()).as(month).isEqualTo(400);
    }
    assertThat(rest("staff").get("/api/reports/monthly?month=2026-11").statusCode()).isEqualTo(403);
  }

  @Test
  @DisplayName("CP-15 the report downloads as CSV that opens in a spreadsheet with the Chinese intact (UTF-8 with BOM)")
  void csvDownload() throws Exception {
    YearMonth month = YearMonth.of(2025, 9);
    generate(month, 20, 13);
    HttpResponse<String> json = rest("director").get("/api/reports/monthly?month=2025-09");
    JsonNode figures = ProcessTestSupport.JSON.readTree(json.body());
    var client = java.net.http.HttpClient.newHttpClient();
    var response = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
            "http://localhost:" + port + "/api/reports/monthly.csv?month=2025-09"))
        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("director:demo".getBytes()))
        .build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("text/csv"));
    byte[] body = response.body();
    assertThat(new byte[] {body[0], body[1], body[2]}).isEqualTo(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    String csv = new String(body, StandardCharsets.UTF_8);
    assertThat(csv).contains("\"投訴總數\",\"" + figures.path("complaints").asLong() + "\"", "\"滿意率\"");
  }
}
