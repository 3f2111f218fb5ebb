package com.wuye.workflow.dashboard;

import com.wuye.workflow.forms.StaffText;
import com.wuye.workflow.office.OfficeProperties.Office;
import com.wuye.workflow.office.Offices;
import com.wuye.workflow.report.MonthlyReportService;
import com.wuye.workflow.security.CurrentUser;
import com.wuye.workflow.security.SystemAccess;
import com.wuye.workflow.unlockeddoor.KeyEnvelope;
import com.wuye.workflow.unlockeddoor.KeyEnvelopeService;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.annotation.Lazy;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/dashboard}: the managers' figures at a glance (#17), for the offices the caller
 * sees: open complaints by deadline state (on time, due within the hour, overdue), each
 * deadline's on-time rate and the satisfaction rate per month over the last 12 months (a closed
 * month as its approved monthly report says, the current month from the records now), the
 * month's complaints per class and channel, and the sealed key envelopes waiting for their
 * owners, the oldest first.
 */
@RestController
class DashboardController {

  static final String[] READERS = {"office-director", "deputy-gm", "general-manager",
      "complaint-center", "camunda-admin"};

  private final CurrentUser currentUser;
  private final Offices offices;
  private final MonthlyReportService reports;
  private final KeyEnvelopeService envelopes;
  private final TaskService tasks;
  private final IdentityService identity;
  private final StaffText text;

  DashboardController(CurrentUser currentUser, Offices offices, MonthlyReportService reports,
      KeyEnvelopeService envelopes, @Lazy TaskService tasks, @Lazy IdentityService identity,
      StaffText text) {
    this.currentUser = currentUser;
    this.offices = offices;
    this.reports = reports;
    this.envelopes = envelopes;
    this.tasks = tasks;
    this.identity = identity;
    this.text = text;
  }

  @GetMapping("/api/dashboard")
  Map<String, Object> dashboard() {
    currentUser.require(READERS);
    Date now = ClockUtil.getCurrentTime();
    YearMonth thisMonth = YearMonth.from(now.toInstant().atZone(text.zone()));
    List<Map<String, Object>> byOffice = new ArrayList<>();
    for (Office office : offices.callerOffices()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("office", office.getId());
      o.put("officeName", office.getName());
      o.put("open", openByDeadlineState(office.getId(), now));
      List<Map<String, Object>> months = new ArrayList<>();
      Map<String, Object> current = null;
      for (int back = 11; back >= 0; back--) {
        YearMonth month = thisMonth.minusMonths(back);
        Map<String, Object> report = reports.fetch(month, office.getId(), null);
        if (back == 0) {
          current = report;
        }
        months.add(monthFigures(month, report));
      }
      o.put("months", months);
      o.put("byClassification", current.get("byClassification"));
      o.put("byChannel", current.get("byChannel"));
      byOffice.add(o);
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("month", thisMonth.toString());
    answer.put("offices", byOffice);
    answer.put("sealedEnvelopes", sealedEnvelopes(now));
    return answer;
  }

  /**
   * The office's open complaints by the state of their nearest open deadline: overdue, due
   * within the hour, or on time (with a due date later); those with no open deadline are not
   * counted.
   */
  private Map<String, Long> openByDeadlineState(String officeId, Date now) {
    List<Task> open = SystemAccess.withoutAuthorization(identity, () -> tasks.createTaskQuery()
        .processDefinitionKey("ComplaintProcess").tenantIdIn(officeId).dueAfter(new Date(0))
        .active().list());
    Map<String, Date> nearest = new HashMap<>();
    for (Task task : open) {
      if (task.getDueDate() != null) {
        nearest.merge(task.getProcessInstanceId(), task.getDueDate(),
            (a, b) -> a.before(b) ? a : b);
      }
    }
    long overdue = 0;
    long withinHour = 0;
    long onTime = 0;
    for (Date due : nearest.values()) {
      if (!due.after(now)) {
        overdue++;
      } else if (due.getTime() - now.getTime() <= Duration.ofHours(1).toMillis()) {
        withinHour++;
      } else {
        onTime++;
      }
    }
    Map<String, Long> states = new LinkedHashMap<>();
    states.put("onTime", onTime);
    states.put("dueWithinHour", withinHour);
    states.put("overdue", overdue);
    return states;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> monthFigures(YearMonth month, Map<String, Object> report) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("month", month.toString());
    m.put("approved", Boolean.TRUE.equals(report.get("approved")));
    List<Map<String, Object>> deadlines = new ArrayList<>();
    for (Map<String, Object> d : (List<Map<String, Object>>) report.get("deadlines")) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("deadline", d.get("deadline"));
      one.put("label", d.get("label"));
      one.put("tasks", d.get("tasks"));
      one.put("onTimeRate", d.get("onTimeRate"));
      deadlines.add(one);
    }
    m.put("deadlines", deadlines);
    Map<String, Object> satisfaction = (Map<String, Object>) report.get("satisfaction");
    m.put("satisfactionRate", satisfaction == null ? null : satisfaction.get("rate"));
    return m;
  }

  private List<Map<String, Object>> sealedEnvelopes(Date now) {
    List<Map<String, Object>> list = new ArrayList<>();
    LocalDateTime serverNow = LocalDateTime.ofInstant(now.toInstant(), java.time.ZoneId.systemDefault());
    for (KeyEnvelope e : envelopes.findByStatus(KeyEnvelope.SEALED, offices.recordFilter())) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("envelopeNo", e.envelopeNo());
      one.put("office", e.officeId());
      one.put("community", e.community());
      one.put("place", e.building() + " " + e.unit());
      one.put("sealedAt", text.officeTime(e.sealedAt()).toString());
      one.put("ageHours", Duration.between(e.sealedAt(), serverNow).toHours());
      list.add(one);
    }
    list.sort((a, b) -> Long.compare((Long) b.get("ageHours"), (Long) a.get("ageHours")));
    return list;
  }
}
