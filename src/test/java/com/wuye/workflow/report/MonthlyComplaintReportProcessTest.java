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
      boolean related, boolean closed, LocalDateTime receivedAt, String no) {
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
      String no = "GEN-" + seed + "-" + i;
      Generated g = new Generated(CHANNELS[random.nextInt(CHANNELS.length)],
          random.nextInt(5) == 0 ? null : CLASSES[random.nextInt(CLASSES.length)],
          COMMUNITIES[random.nextInt(COMMUNITIES.length)], MATTERS[random.nextInt(MATTERS.length)],
          random.nextInt(8) == 0, random.nextBoolean(), received, no);
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
    List<Task> visits = as("director", () -> taskService.createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey("Task_SatisfactionVisit").list());
    assertThat(visits).hasSize(MonthlyReportProcessSupport.SATISFACTION_SAMPLE);
    for (int i = 0; i < visits.size(); i++) {
      Task visit = visits.get(i);
      boolean satisfied = i > 0;
      as("director", () -> {
        taskService.claim(visit.getId(), "director");
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
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("visits", 5L).containsEntry("satisfied", 4L).containsEntry("rate", 0.8);
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

  // ---------------------------------------------------------------- CP-16.1: every complaint

  /** A complaint handled on the spot, received now by the duty officer of 翠苑管理處. */
  ProcessInstance onTheSpot(String matter) {
    Map<String, Object> complaint = new HashMap<>();
    complaint.put("community", "翠苑小區");
    complaint.put("building", "C座");
    complaint.put("unit", matter.length() + "樓01室");
    complaint.put("residentName", "陳大文");
    complaint.put("residentPhone", "91234567");
    complaint.put("channel", "PHONE");
    complaint.put("writtenComplaint", false);
    complaint.put("matter", matter);
    complaint.put("description", "業戶投訴的內容");
    complaint.put("handledOnTheSpot", true);
    complaint.put("onTheSpotResult", "已即時處理");
    return start("staff", "ComplaintProcess", complaint);
  }

  String complaintNo(ProcessInstance instance) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceId(instance.getId()).singleResult().getBusinessKey();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> listed(Map<String, Object> report) {
    Map<String, Map<String, Object>> byNo = new java.util.LinkedHashMap<>();
    for (Map<String, Object> c : (List<Map<String, Object>>) report.get("complaintList")) {
      byNo.put((String) c.get("complaintNo"), c);
    }
    return byNo;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> deadlineStates(Map<String, Object> complaint) {
    Map<String, Object> states = new java.util.LinkedHashMap<>();
    for (Map<String, Object> d : (List<Map<String, Object>>) complaint.get("deadlines")) {
      states.put((String) d.get("deadline"), d.get("state"));
    }
    return states;
  }

  /** The report's row of one deadline: tasks, missed, on-time rate. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> deadlineRow(Map<String, Object> report, String deadline) {
    return ((List<Map<String, Object>>) report.get("deadlines")).stream()
        .filter(d -> deadline.equals(d.get("deadline"))).findFirst().orElseThrow();
  }

  @Test
  @DisplayName("CP-16.1 the report lists every complaint the office received in the month with its class, result and whether each deadline was kept, in the JSON, the CSV and the reviewer's form")
  void everyComplaintListed() throws Exception {
    YearMonth month = YearMonth.of(2025, 10);
    List<Generated> generated = generate(month, 40, 23);
    Generated late = generated.stream().filter(g -> g.office().equals("cuiyuan")).findFirst().orElseThrow();
    jdbc.update("""
        INSERT INTO deadline_miss (complaint_no, process_instance_id, deadline, task_key,
            responsible_group, due_at, detected_at, escalated_to, completed_at, office_id)
        VALUES (?, 'generated', 'CONTACT_2H', 'Task_ContactResident', 'cs-supervisor', ?, ?,
            'office-director', ?, 'cuiyuan')""", late.no(),
        Timestamp.from(month.atDay(3).atTime(12, 0).atZone(OFFICE).toInstant()),
        Timestamp.from(month.atDay(3).atTime(12, 1).atZone(OFFICE).toInstant()),
        Timestamp.from(month.atDay(3).atTime(12, 45).atZone(OFFICE).toInstant()));

    // real cases: one still waiting for its reply, one replied by home visit, one replied late
    setClock(at("2025-10-20T10:00"));
    ProcessInstance pending = onTheSpot("走廊燈");
    complete("duty", pending, "Task_LogOnTheSpotComplaint", Map.of("dutyLogNote", "已記錄",
        "handledBy", "清潔員李明", "handledAt", "2025-10-20T10:00"));
    ProcessInstance kept = onTheSpot("垃圾房清潔");
    complete("duty", kept, "Task_LogOnTheSpotComplaint", Map.of("dutyLogNote", "已記錄",
        "handledBy", "清潔員李明", "handledAt", "2025-10-20T10:00"));
    complete("duty", kept, "Task_ReplyAfterOnTheSpot", Map.of("replyMethod", "VISIT",
        "residentOpinion", "滿意", "residentSignature", "陳大文", "residentSatisfiedAnswer", "YES"));
    ProcessInstance missed = onTheSpot("水管漏水");
    complete("duty", missed, "Task_LogOnTheSpotComplaint", Map.of("dutyLogNote", "已記錄",
        "handledBy", "清潔員李明", "handledAt", "2025-10-20T10:00"));
    Date due = task("duty", missed, "Task_ReplyAfterOnTheSpot").getDueDate();
    setClock(due);
    execute(managementService.createJobQuery().processInstanceId(missed.getId())
        .activityId("BoundaryEvent_ReplyAfterOnTheSpotMissed").singleResult());
    setClock(new Date(due.getTime() + 30 * 60_000));
    complete("duty", missed, "Task_ReplyAfterOnTheSpot", Map.of("replyMethod", "PHONE",
        "residentOpinion", "不滿意", "residentSatisfiedAnswer", "NO"));

    Map<String, Object> report = reports.compute(month, "cuiyuan");
    Map<String, Map<String, Object>> listed = listed(report);
    List<String> expected = new ArrayList<>(generated.stream().filter(g -> g.office().equals("cuiyuan"))
        .map(Generated::no).toList());
    expected.addAll(List.of(complaintNo(pending), complaintNo(kept), complaintNo(missed)));
    assertThat(listed.keySet()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(report.get("complaints")).isEqualTo((long) expected.size());
    for (Generated g : generated.stream().filter(g -> g.office().equals("cuiyuan")).toList()) {
      Map<String, Object> c = listed.get(g.no());
      assertThat(c.get("classification")).as(g.no()).isEqualTo(g.classification());
      assertThat(c.get("status")).as(g.no()).isEqualTo(g.closed() ? "CLOSED" : "OPEN");
      assertThat(c.get("deadlinesKept")).as(g.no()).isEqualTo(g != late);
    }
    assertThat(deadlineStates(listed.get(late.no()))).isEqualTo(Map.of("CONTACT_2H", "MISSED"));
    assertThat((List<?>) listed.get(late.no()).get("deadlines")).singleElement()
        .satisfies(d -> assertThat(((Map<?, ?>) d).get("minutesLate")).isEqualTo(45L));

    Map<String, Object> pendingRow = listed.get(complaintNo(pending));
    assertThat(deadlineStates(pendingRow)).isEqualTo(Map.of("REPORT_1H", "KEPT",
        "REPLY_ON_SPOT_2H", "PENDING"));
    assertThat(pendingRow.get("deadlinesKept")).isEqualTo(true);
    assertThat(pendingRow.get("status")).isEqualTo("OPEN");
    Map<String, Object> keptRow = listed.get(complaintNo(kept));
    assertThat(deadlineStates(keptRow)).isEqualTo(Map.of("REPORT_1H", "KEPT",
        "REPLY_ON_SPOT_2H", "KEPT"));
    assertThat(keptRow.get("status")).isEqualTo("CLOSED");
    assertThat(keptRow.get("residentSatisfied")).isEqualTo(true);
    Map<String, Object> missedRow = listed.get(complaintNo(missed));
    assertThat(deadlineStates(missedRow)).isEqualTo(Map.of("REPORT_1H", "KEPT",
        "REPLY_ON_SPOT_2H", "MISSED"));
    assertThat(missedRow.get("deadlinesKept")).isEqualTo(false);
    assertThat(missedRow.get("status")).isEqualTo("OPEN");
    List<Object> jinhui = listed(reports.compute(month, "jinhui")).keySet().stream()
        .map(Object.class::cast).toList();
    assertThat(jinhui).isNotEmpty().doesNotContain(late.no(), complaintNo(kept));

    // CP-15 the on-time rates count the tasks of the office's month: the three real cases each
    // had both on-the-spot deadlines, and one reply was late
    assertThat(deadlineRow(report, "REPORT_1H")).containsEntry("tasks", 3L).containsEntry("missed", 0L);
    assertThat(deadlineRow(report, "REPLY_ON_SPOT_2H")).containsEntry("tasks", 3L)
        .containsEntry("missed", 1L);
    assertThat(deadlineRow(reports.compute(month, "jinhui"), "REPLY_ON_SPOT_2H"))
        .containsEntry("tasks", 0L);
    assertThat(deadlineRow(reports.compute(month, null), "REPLY_ON_SPOT_2H")).containsEntry("tasks", 3L);
    assertThat(deadlineRow(reports.compute(month.plusMonths(1), "cuiyuan"), "REPLY_ON_SPOT_2H"))
        .containsEntry("tasks", 0L);

    // the reviewer's form and the download show the list
    setClock(at("2025-11-01T09:00"));
    ProcessInstance instance = start("supervisor", "MonthlyComplaintReportProcess", Map.of("reportMonth", "2025-10"));
    String lines = (String) runtimeService.getVariable(instance.getId(), "reportComplaints");
    assertThat(lines).contains(complaintNo(missed) + " 10月20日", "當場處理後兩小時內回復業主:逾期(遲 30 分鐘)",
        complaintNo(kept), "已完結(業戶滿意)", complaintNo(pending), "未到期/處理中", late.no(),
        "兩小時內與業戶聯系:逾期(遲 45 分鐘)");
    assertThat(lines.lines().count()).isEqualTo(expected.size());
    complete("supervisor", instance, "Task_PrepareMonthlyReport", Map.of("supervisorComment", "已閱"));
    HttpResponse<String> csv = rest("director").get((String) runtimeService.getVariable(instance.getId(),
        "reportDownloadPath"));
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.body()).contains("\"投訴編號\",\"受理時間\"")
        .contains("\"" + complaintNo(missed) + "\",\"2025-10-20 10:00\"")
        .containsPattern(java.util.regex.Pattern.quote("\"" + late.no() + "\"") + ".*\"否\"")
        .containsPattern(java.util.regex.Pattern.quote("\"" + complaintNo(kept) + "\"") + ".*\"已完結\\(業戶滿意\\)\",\"是\"");
    JsonNode json = json(rest("director").get("/api/reports/monthly?month=2025-10&office=cuiyuan"));
    assertThat(json.path("complaintList").size()).isEqualTo(expected.size());
  }

  // ---------------------------------------------------------------- CP-16.3: satisfaction

  void opinionVisit(String purpose, String office, LocalDateTime at, boolean satisfied) {
    jdbc.update("""
        INSERT INTO visit_record (complaint_no, community, visited_at, visitor, purpose,
            resident_opinion, resident_signature, satisfied, office_id)
        VALUES ('GEN-V', '翠苑小區', ?, 'supervisor', ?, '意見', '簽名', ?, ?)""",
        Timestamp.from(at.atZone(OFFICE).toInstant()), purpose, satisfied, office);
  }

  @Test
  @DisplayName("CP-16.3 the satisfaction rate counts every visit of the month that asked the resident's opinion: complaint replies, collective replies and satisfaction visits")
  void satisfactionOverEveryOpinionVisit() throws Exception {
    YearMonth month = YearMonth.of(2024, 4);
    opinionVisit("COMPLAINT_REPLY", "cuiyuan", month.atDay(2).atTime(10, 0), true);
    opinionVisit("COMPLAINT_REPLY", "cuiyuan", month.atDay(3).atTime(10, 0), false);
    opinionVisit("COLLECTIVE_REPLY", "cuiyuan", month.atDay(4).atTime(10, 0), true);
    opinionVisit("COLLECTIVE_REPLY", "cuiyuan", month.atDay(5).atTime(10, 0), true);
    opinionVisit("SATISFACTION", "cuiyuan", month.atDay(30).atTime(23, 0), false);
    // not this office, not this month
    opinionVisit("SATISFACTION", "jinhui", month.atDay(6).atTime(10, 0), false);
    opinionVisit("COMPLAINT_REPLY", "cuiyuan", month.plusMonths(1).atDay(1).atTime(0, 30), false);

    @SuppressWarnings("unchecked")
    Map<String, Object> satisfaction = (Map<String, Object>) reports.compute(month, "cuiyuan").get("satisfaction");
    assertThat(satisfaction).containsEntry("visits", 5L).containsEntry("satisfied", 3L)
        .containsEntry("rate", 0.6);
    assertThat(satisfaction.get("byPurpose")).isEqualTo(Map.of(
        "COMPLAINT_REPLY", Map.of("visits", 2L, "satisfied", 1L),
        "COLLECTIVE_REPLY", Map.of("visits", 2L, "satisfied", 2L),
        "SATISFACTION", Map.of("visits", 1L, "satisfied", 0L)));
    @SuppressWarnings("unchecked")
    Map<String, Object> company = (Map<String, Object>) reports.compute(month, null).get("satisfaction");
    assertThat(company).containsEntry("visits", 6L).containsEntry("satisfied", 3L);
    assertThat(MonthlyReportFormat.summary(reports.compute(month, "cuiyuan")))
        .contains("滿意率(回訪 5 戶,滿意 3 戶):60.0%", "投訴回復上門 2 戶(滿意 1)",
            "集體投訴上門回復 2 戶(滿意 2)", "滿意度回訪 1 戶(滿意 0)");

    // every kind of visit the code writes is counted: the purpose (4th argument of
    // ComplaintRecords.insertVisit, or the literal of an INSERT INTO visit_record) of each writer
    java.util.Set<String> written = new java.util.TreeSet<>();
    java.util.regex.Pattern call = java.util.regex.Pattern.compile("\\.insertVisit\\(([^;]*)\\);");
    java.util.regex.Pattern sql = java.util.regex.Pattern.compile(
        "INSERT INTO visit_record[^;]*?VALUES \\(\\?, \\?, \\?, \\?, '([A-Z_]+)'");
    try (var sources = java.nio.file.Files.walk(java.nio.file.Path.of("src/main/java"))) {
      for (var source : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
        String code = java.nio.file.Files.readString(source);
        var calls = call.matcher(code);
        while (calls.find()) {
          String purpose = arguments(calls.group(1)).get(3);
          assertThat(purpose).as(source + ": a purpose written as a literal").matches("\"[A-Z_]+\"");
          written.add(purpose.replace("\"", ""));
        }
        sql.matcher(code).results().forEach(m -> written.add(m.group(1)));
      }
    }
    assertThat(written).containsExactlyInAnyOrder("COMPLAINT_REPLY", "COLLECTIVE_REPLY", "SATISFACTION");
    assertThat(MonthlyReportService.OPINION_VISITS).containsExactlyInAnyOrderElementsOf(written);
  }

  /** The arguments of a call, split at the commas outside parentheses. */
  static List<String> arguments(String call) {
    List<String> arguments = new ArrayList<>();
    int depth = 0;
    StringBuilder argument = new StringBuilder();
    for (char ch : call.toCharArray()) {
      if (ch == ',' && depth == 0) {
        arguments.add(argument.toString().strip());
        argument.setLength(0);
        continue;
      }
      depth += ch == '(' ? 1 : ch == ')' ? -1 : 0;
      argument.append(ch);
    }
    arguments.add(argument.toString().strip());
    return arguments;
  }

  // ---------------------------------------------------------------- CP-16.3: random samples

  void dutyLogEntries(YearMonth month, String office, int n) {
    for (int i = 0; i < n; i++) {
      jdbc.update("""
          INSERT INTO duty_log (logged_at, community, unit, process_key, process_instance_id,
              entry_type, summary, recorded_by, office_id)
          VALUES (?, ?, ?, 'ComplaintProcess', 'generated', '投訴已受理', '記錄', 'duty', ?)""",
          Timestamp.from(month.atDay(1 + i % 28).atTime(9, i % 60).atZone(OFFICE).toInstant()),
          office.equals("cuiyuan") ? "翠苑小區" : "金輝大廈", i + "室", office);
    }
  }

  static List<Long> sampledIds(String dutyLogSample) {
    return java.util.regex.Pattern.compile("^#(\\d+) ", java.util.regex.Pattern.MULTILINE)
        .matcher(dutyLogSample).results().map(r -> Long.parseLong(r.group(1))).toList();
  }

  @Test
  @DisplayName("CP-16.3 CP-16.2 the spot-check and satisfaction-visit samples are drawn at random, not from the month, recorded with the report, and given to the office director of the report's office only")
  void samplesDrawnAtRandomForTheDirector() {
    YearMonth month = YearMonth.of(2024, 11);
    dutyLogEntries(month, "cuiyuan", 60);
    dutyLogEntries(month, "jinhui", 20);
    dutyLogEntries(month.plusMonths(1), "cuiyuan", 20);
    List<Generated> generated = generate(month, 80, 29);
    List<String> closedHere = generated.stream().filter(g -> g.office().equals("cuiyuan") && g.closed())
        .map(Generated::no).toList();
    assertThat(closedHere).hasSizeGreaterThan(MonthlyReportProcessSupport.SATISFACTION_SAMPLE + 5);
    List<Long> entriesHere = jdbc.queryForList("SELECT id FROM duty_log WHERE office_id = 'cuiyuan'"
        + " AND logged_at >= ? AND logged_at < ?", Long.class,
        Timestamp.from(month.atDay(1).atStartOfDay(OFFICE).toInstant()),
        Timestamp.from(month.plusMonths(1).atDay(1).atStartOfDay(OFFICE).toInstant()));

    setClock(at("2024-12-01T09:00"));
    List<List<Long>> dutyLogDraws = new ArrayList<>();
    List<List<String>> visitDraws = new ArrayList<>();
    for (int draw = 0; draw < 2; draw++) {
      ProcessInstance instance = start("supervisor", "MonthlyComplaintReportProcess", Map.of("reportMonth", month.toString()));
      assertThat(instance).hasPassed("ServiceTask_DrawSupervisionSamples");
      List<Long> ids = sampledIds((String) runtimeService.getVariable(instance.getId(), "dutyLogSample"));
      assertThat(ids).hasSize(MonthlyReportProcessSupport.DUTY_LOG_SAMPLE).doesNotHaveDuplicates()
          .isSubsetOf(entriesHere);
      @SuppressWarnings("unchecked")
      List<String> households = ((List<String>) runtimeService.getVariable(instance.getId(), "satisfactionSample"))
          .stream().map(h -> h.substring(0, h.indexOf(' '))).toList();
      assertThat(households).hasSize(MonthlyReportProcessSupport.SATISFACTION_SAMPLE).doesNotHaveDuplicates()
          .isSubsetOf(closedHere);
      // recorded with the report
      Map<String, Object> row = jdbc.queryForMap("SELECT duty_log_sample, satisfaction_sample"
          + " FROM monthly_report WHERE process_instance_id = ?", instance.getId());
      assertThat(row.get("DUTY_LOG_SAMPLE")).isEqualTo(ids.stream().map(String::valueOf)
          .collect(Collectors.joining(",")));
      assertThat(row.get("SATISFACTION_SAMPLE")).isEqualTo(String.join(",", households));
      dutyLogDraws.add(ids);
      visitDraws.add(households);

      // the office director of the report's office, not the CS supervisor, not another office
      Task spotCheck = task("director", instance, "Task_SpotCheckDutyLog");
      assertThat(spotCheck).isNotNull();
      assertThat(spotCheck.getTenantId()).isEqualTo("cuiyuan");
      assertThat(candidateGroups(spotCheck)).containsExactly("office-director");
      assertThat(task("supervisor", instance, "Task_SpotCheckDutyLog")).isNull();
      assertThat(task("director2", instance, "Task_SpotCheckDutyLog")).isNull();
      List<Task> visits = as("director", () -> taskService.createTaskQuery().processInstanceId(instance.getId())
          .taskDefinitionKey("Task_SatisfactionVisit").list());
      assertThat(visits).hasSize(MonthlyReportProcessSupport.SATISFACTION_SAMPLE)
          .allSatisfy(v -> assertThat(candidateGroups(v)).containsExactly("office-director"));
      for (String other : List.of("supervisor", "director2", "supervisor2")) {
        assertThat(as(other, () -> taskService.createTaskQuery().processInstanceId(instance.getId())
            .taskDefinitionKey("Task_SatisfactionVisit").count())).as(other).isZero();
      }
    }
    // the same month drawn twice: not the same records, so nothing follows from the month
    assertThat(dutyLogDraws.get(0)).isNotEqualTo(dutyLogDraws.get(1));
    assertThat(visitDraws.get(0)).isNotEqualTo(visitDraws.get(1));
  }

  // ---------------------------------------------------------------- CP-15: versions

  @Test
  @DisplayName("CP-15 CP-16.1 an approved report is frozen: computing again makes a new version, both are kept, and the downloads show the approved one unless another version is asked for; another office's director gets 404")
  void approvedVersionFrozen() throws Exception {
    YearMonth month = YearMonth.of(2024, 8);
    long first = generate(month, 20, 31).stream().filter(g -> g.office().equals("cuiyuan")).count();
    setClock(at("2024-09-01T09:00"));
    ProcessInstance approved = start("supervisor", "MonthlyComplaintReportProcess", Map.of("reportMonth", "2024-08"));
    assertThat((String) runtimeService.getVariable(approved.getId(), "reportDownloadPath"))
        .endsWith("&office=cuiyuan&version=1");
    complete("supervisor", approved, "Task_PrepareMonthlyReport", Map.of("supervisorComment", "無"));
    complete("director", approved, "Task_ReviewMonthlyReport", Map.of("reviewDecision", "APPROVE", "directorComment", "同意"));
    String frozen = jdbc.queryForObject("SELECT figures FROM monthly_report WHERE process_instance_id = ?",
        String.class, approved.getId());

    // records change, and the month is computed again
    long second = first + generate(month, 10, 37).stream().filter(g -> g.office().equals("cuiyuan")).count();
    assertThat(second).isGreaterThan(first);
    setClock(at("2024-09-03T09:00"));
    ProcessInstance again = start("director", "MonthlyComplaintReportProcess", Map.of("reportMonth", "2024-08"));
    assertThat((String) runtimeService.getVariable(again.getId(), "reportDownloadPath")).endsWith("&version=2");

    JsonNode latestApproved = json(rest("supervisor").get("/api/reports/monthly?month=2024-08&office=cuiyuan"));
    assertThat(latestApproved.path("version").asInt()).isEqualTo(1);
    assertThat(latestApproved.path("approved").asBoolean()).isTrue();
    assertThat(latestApproved.path("complaints").asLong()).isEqualTo(first);
    assertThat(latestApproved.path("complaintList").size()).isEqualTo((int) first);
    JsonNode newer = json(rest("supervisor").get("/api/reports/monthly?month=2024-08&office=cuiyuan&version=2"));
    assertThat(newer.path("version").asInt()).isEqualTo(2);
    assertThat(newer.path("approved").asBoolean()).isFalse();
    assertThat(newer.path("complaints").asLong()).isEqualTo(second);
    // the centre reads the approved one too, as CSV
    HttpResponse<String> csv = rest("center").get("/api/reports/monthly.csv?month=2024-08&office=cuiyuan");
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.body()).contains("\"版本\",\"第 1 版(管理處主任已審閱同意)\"", "\"投訴總數\",\"" + first + "\"");
    assertThat(rest("center").get("/api/reports/monthly.csv?month=2024-08&office=cuiyuan&version=2").body())
        .contains("\"版本\",\"第 2 版(未審閱)\"", "\"投訴總數\",\"" + second + "\"");
    JsonNode versions = json(rest("director").get("/api/reports/monthly/versions?month=2024-08&office=cuiyuan"));
    assertThat(versions.size()).isEqualTo(2);
    assertThat(versions.get(0).path("approved").asBoolean()).isTrue();
    assertThat(versions.get(1).path("approved").asBoolean()).isFalse();
    assertThat(jdbc.queryForList("SELECT version FROM monthly_report WHERE report_month = '2024-08'"
        + " AND office_id = 'cuiyuan' ORDER BY version", Integer.class)).containsExactly(1, 2);
    assertThat(jdbc.queryForObject("SELECT figures FROM monthly_report WHERE process_instance_id = ?",
        String.class, approved.getId())).isEqualTo(frozen);

    // the second version approved in its turn becomes the one shown; the first stays as it was
    complete("supervisor", again, "Task_PrepareMonthlyReport", Map.of("supervisorComment", "補充"));
    complete("director", again, "Task_ReviewMonthlyReport", Map.of("reviewDecision", "APPROVE", "directorComment", "同意"));
    assertThat(json(rest("director").get("/api/reports/monthly?month=2024-08&office=cuiyuan"))
        .path("version").asInt()).isEqualTo(2);
    assertThat(json(rest("director").get("/api/reports/monthly?month=2024-08&office=cuiyuan&version=1"))
        .path("complaints").asLong()).isEqualTo(first);

    // another office's director: nothing of this office, no version, nothing changed
    long rows = jdbc.queryForObject("SELECT COUNT(*) FROM monthly_report", Long.class);
    for (String path : List.of("/api/reports/monthly?month=2024-08&office=cuiyuan&version=1",
        "/api/reports/monthly.csv?month=2024-08&office=cuiyuan&version=2",
        "/api/reports/monthly/versions?month=2024-08&office=cuiyuan")) {
      HttpResponse<String> refused = rest("director2").get(path);
      assertThat(refused.statusCode()).as(path).isEqualTo(404);
      assertThat(refused.body()).as(path).doesNotContain("GEN-");
    }
    JsonNode own = json(rest("director2").get("/api/reports/monthly?month=2024-08"));
    assertThat(own.path("office").asText()).isEqualTo("jinhui");
    assertThat(own.path("version").isNull()).isTrue();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM monthly_report", Long.class)).isEqualTo(rows);
    assertThat(rest("director").get("/api/reports/monthly?month=2024-08&office=cuiyuan&version=3")
        .statusCode()).isEqualTo(404);
    assertThat(rest("director").get("/api/reports/monthly?month=2024-08&office=cuiyuan&version=0")
        .statusCode()).isEqualTo(400);
  }
}
