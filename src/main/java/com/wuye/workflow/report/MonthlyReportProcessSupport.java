package com.wuye.workflow.report;

import com.wuye.workflow.office.Offices;
import com.wuye.workflow.forms.FormInputException;
import com.wuye.workflow.forms.FormValues;
import com.wuye.workflow.notification.Notifier;
import com.wuye.workflow.security.CurrentUser;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** What the monthly report process calls: its schedule, checks and service tasks. */
@Configuration
class MonthlyReportProcessSupport {

  static final int DUTY_LOG_SAMPLE = 10;
  static final int SATISFACTION_SAMPLE = 5;

  /**
   * The draw: a secure random generator, so that no one can tell from the month (or from an
   * earlier draw) which records the director will check; the draw is recorded with the report.
   */
  private static final SecureRandom DRAW = new SecureRandom();

  /** Start: the month (chosen by hand, or else the month before) and its deadline. */
  @Bean("reportChecks")
  ExecutionListener reportChecks(MonthlyReportService reports) {
    return execution -> {
      if (!execution.getCurrentActivityId().startsWith("StartEvent_")) {
        checkTask(execution);
        return;
      }
      YearMonth month;
      if (execution.getVariable("reportMonth") != null) {
        try {
          month = MonthlyReportService.parseMonth((String) execution.getVariable("reportMonth"));
        } catch (IllegalArgumentException | ClassCastException e) {
          throw new FormInputException("reportMonth", "月份須為 YYYY-MM(例如 2026-11)。");
        }
      } else {
        month = YearMonth.from(ClockUtil.getCurrentTime().toInstant().atZone(reports.zone())).minusMonths(1);
      }
      // each office makes its own report (CP-15): the schedule starts one per office, a
      // supervisor's start is their office's (office/OfficeTenantIdProvider)
      if (execution.getTenantId() == null) {
        throw new FormInputException("office", "請填寫月報所屬的管理處。");
      }
      execution.setVariable("reportMonth", month.toString());
      // CP-15: to the complaint centre before the 5th of the next month
      execution.setVariable("reportDue", Date.from(month.plusMonths(1).atDay(5)
          .atStartOfDay(reports.zone()).toInstant()));
    };
  }

  private static void checkTask(DelegateExecution execution) {
    if (execution.isCanceled()) {
      return;
    }
    FormValues form = FormValues.of(execution);
    switch (execution.getCurrentActivityId()) {
      case "Task_PrepareMonthlyReport" -> form.requireText("supervisorComment", "客服主管意見");
      case "Task_ReviewMonthlyReport" -> form.requireOneOf("reviewDecision", "審閱結果",
          Set.of("APPROVE", "RETURN")).requireText("directorComment", "主任審閱意見");
      case "Task_SuperviseMonthlyReport" -> form.requireText("supervisionNote", "督辦記錄");
      case "Task_SpotCheckDutyLog" -> form.requireOneOf("dutyLogComplete", "值班記錄是否完整?",
          Set.of("YES", "NO")).requireText("spotCheckResult", "抽查結果");
      case "Task_SatisfactionVisit" -> form.requireText("residentOpinion", "業戶意見")
          .requireOneOf("residentSatisfiedAnswer", "業戶是否滿意?", Set.of("YES", "NO"));
      default -> {
        // nothing to check
      }
    }
  }

  /**
   * 計算部門客戶投訴工作月報: figures from the records, stored as a new version of the office's
   * month (CP-15, CP-16.1), shown in the forms with every complaint of the month.
   */
  @Bean("compileMonthlyReport")
  JavaDelegate compileMonthlyReport(MonthlyReportService reports, JdbcTemplate jdbc) {
    return execution -> {
      YearMonth month = YearMonth.parse((String) execution.getVariable("reportMonth"));
      String office = execution.getTenantId();
      Map<String, Object> figures = reports.compute(month, office);
      int version = reports.storeVersion(month, office, execution.getProcessInstanceId(), figures);
      execution.setVariable("reportVersion", version);
      execution.setVariable("reportSummary", MonthlyReportFormat.summary(figures));
      execution.setVariable("reportComplaints", MonthlyReportFormat.complaintLines(figures,
          MonthlyReportFormat.FORM_TEXT_LIMIT));
      execution.setVariable("reportDownloadPath", "/api/reports/monthly.csv?month=" + month
          + "&office=" + office + "&version=" + version);
      // the printable page and its spreadsheet (/app/records) of this very version
      execution.setVariable("reportPagePath", "/app/records/monthly-report?month=" + month
          + "&office=" + office + "&version=" + version);
      // a diagram of before the draw was a step of its own drew here, and its tasks expect it
      if (!hasDrawStep(execution)) {
        drawSamples(execution, reports, jdbc);
      }
    };
  }

  /**
   * 隨機抽取抽查及回訪樣本 (CP-16.3): duty-log entries and closed complaints of the month, drawn
   * at random for the office director's spot-check and satisfaction visits, and recorded with
   * the report so that the sample stays what it was drawn.
   */
  @Bean("drawSupervisionSamples")
  JavaDelegate drawSupervisionSamples(MonthlyReportService reports, JdbcTemplate jdbc) {
    return execution -> drawSamples(execution, reports, jdbc);
  }

  private static boolean hasDrawStep(DelegateExecution execution) {
    return execution.getBpmnModelInstance()
        .getModelElementById("ServiceTask_DrawSupervisionSamples") != null;
  }

  private static void drawSamples(DelegateExecution execution, MonthlyReportService reports,
      JdbcTemplate jdbc) {
    YearMonth month = YearMonth.parse((String) execution.getVariable("reportMonth"));
    String office = execution.getTenantId();
    List<Map<String, Object>> dutyLog = dutyLogSample(jdbc, reports, month, office);
    List<Map<String, Object>> households = satisfactionSample(jdbc, reports, month, office);
    reports.recordSamples(execution.getProcessInstanceId(), ids(dutyLog, "ID"),
        ids(households, "COMPLAINT_NO"));
    execution.setVariable("dutyLogSample", dutyLogText(dutyLog));
    execution.setVariable("satisfactionSample", households.stream().map(c -> c.get("COMPLAINT_NO")
        + " " + c.get("COMMUNITY") + " " + c.get("BUILDING") + " " + c.get("UNIT") + " "
        + c.get("RESIDENT_NAME") + " " + c.get("RESIDENT_PHONE") + " " + c.get("MATTER"))
        .collect(java.util.stream.Collectors.toCollection(ArrayList::new)));
  }

  /** CP-16.2, CP-16.3: a random sample of the month's duty-log entries to verify. */
  static List<Map<String, Object>> dutyLogSample(JdbcTemplate jdbc, MonthlyReportService reports,
      YearMonth month, String office) {
    List<Object> args = bounds(reports, month);
    List<Map<String, Object>> entries = new ArrayList<>(jdbc.queryForList("""
        SELECT id, logged_at, community, unit, entry_type, summary FROM duty_log
        WHERE logged_at >= ? AND logged_at < ?""" + officeOnly(office, args) + " ORDER BY id",
        args.toArray()));
    return draw(entries, DUTY_LOG_SAMPLE);
  }

  static String dutyLogText(List<Map<String, Object>> entries) {
    StringBuilder sample = new StringBuilder();
    entries.forEach(e -> sample.append("#").append(e.get("ID"))
        .append(" ").append(e.get("LOGGED_AT")).append(" ").append(e.get("COMMUNITY")).append(" ")
        .append(e.get("UNIT") == null ? "" : e.get("UNIT")).append(" ").append(e.get("ENTRY_TYPE"))
        .append(":").append(e.get("SUMMARY")).append("\n"));
    return sample.length() == 0 ? "本月沒有值班記錄。" : sample.toString();
  }

  /** CP-16.3: a random sample of the month's closed complaints whose residents are visited. */
  static List<Map<String, Object>> satisfactionSample(JdbcTemplate jdbc,
      MonthlyReportService reports, YearMonth month, String office) {
    List<Object> args = bounds(reports, month);
    List<Map<String, Object>> closed = new ArrayList<>(jdbc.queryForList("""
        SELECT complaint_no, community, building, unit, resident_name, resident_phone, matter
        FROM complaint
        WHERE status = 'CLOSED' AND received_at >= ? AND received_at < ?"""
        + officeOnly(office, args) + " ORDER BY id", args.toArray()));
    return draw(closed, SATISFACTION_SAMPLE);
  }

  private static List<Map<String, Object>> draw(List<Map<String, Object>> rows, int size) {
    Collections.shuffle(rows, DRAW);
    return new ArrayList<>(rows.subList(0, Math.min(size, rows.size())));
  }

  private static String ids(List<Map<String, Object>> rows, String column) {
    return rows.stream().map(r -> String.valueOf(r.get(column)))
        .collect(java.util.stream.Collectors.joining(","));
  }

  private static List<Object> bounds(MonthlyReportService reports, YearMonth month) {
    return new ArrayList<>(List.of(
        Timestamp.from(month.atDay(1).atStartOfDay(reports.zone()).toInstant()),
        Timestamp.from(month.plusMonths(1).atDay(1).atStartOfDay(reports.zone()).toInstant())));
  }

  /**
   * The report's office; a report started before offices existed (no office) samples every
   * office, as it did then.
   */
  private static String officeOnly(String office, List<Object> args) {
    return Offices.restrict("office_id", office == null ? null : List.of(office), args);
  }

  /** 列出各管理處: the schedule makes one report per office (CP-15). */
  @Bean("listOffices")
  JavaDelegate listOffices(Offices offices) {
    return execution -> execution.setVariable("officeIds", offices.all().stream()
        .map(com.wuye.workflow.office.OfficeProperties.Office::getId)
        .collect(java.util.stream.Collectors.toCollection(ArrayList::new)));
  }

  /** 回訪業戶滿意度: the answer goes into the visit records (the satisfaction rate). */
  @Bean("recordSatisfactionVisit")
  ExecutionListener recordSatisfactionVisit(JdbcTemplate jdbc, CurrentUser currentUser) {
    return execution -> {
      if (execution.isCanceled()) {
        return;
      }
      String household = (String) execution.getVariable("satisfactionComplaint");
      String complaintNo = household.substring(0, household.indexOf(' '));
      String community = household.split(" ")[1];
      jdbc.update("""
          INSERT INTO visit_record (complaint_no, community, visited_at, visitor, purpose,
              resident_opinion, resident_signature, satisfied, office_id)
          VALUES (?, ?, ?, ?, 'SATISFACTION', ?, ?, ?, ?)""", complaintNo, community,
          new Timestamp(ClockUtil.getCurrentTime().getTime()), currentUser.id(),
          execution.getVariable("residentOpinion"),
          String.valueOf(execution.getVariable("residentSignature") == null ? "電話回訪"
              : execution.getVariable("residentSignature")),
          "YES".equals(execution.getVariable("residentSatisfiedAnswer")), execution.getTenantId());
    };
  }

  /**
   * 報公司客戶投訴處理中心 (CP-15, CP-16.1): the approved version is frozen and goes to the
   * centre.
   */
  @Bean("submitMonthlyReport")
  JavaDelegate submitMonthlyReport(MonthlyReportService reports, Notifier notifier,
      Offices offices) {
    return execution -> {
      String month = (String) execution.getVariable("reportMonth");
      reports.approve(execution.getProcessInstanceId(), execution.getVariable("supervisorComment"),
          execution.getVariable("directorComment"));
      notifier.toGroups(List.of("complaint-center"), execution.getTenantId(),
          "monthly-report:" + execution.getProcessInstanceId(),
          "[部門客戶投訴工作月報] " + offices.name(execution.getTenantId()) + " "
              + com.wuye.workflow.forms.StaffText.month(YearMonth.parse(month)),
          execution.getVariable("reportSummary") + "\n客服主管意見:" + execution.getVariable("supervisorComment")
              + "\n管理處主任審閱意見:" + execution.getVariable("directorComment") + "\n\n下載:"
              + execution.getVariable("reportDownloadPath"), execution.getProcessInstanceId());
    };
  }
}
