package com.wuye.workflow.dashboard;

import com.wuye.workflow.forms.FormCatalog;
import com.wuye.workflow.forms.StaffText;
import com.wuye.workflow.office.OfficeProperties.Office;
import com.wuye.workflow.office.Offices;
import com.wuye.workflow.report.MonthlyReportService;
import com.wuye.workflow.security.CurrentUser;
import com.wuye.workflow.unlockeddoor.KeyEnvelope;
import com.wuye.workflow.unlockeddoor.KeyEnvelopeService;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
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
  private final OpenComplaints open;
  private final FormCatalog forms;
  private final StaffText text;

  DashboardController(CurrentUser currentUser, Offices offices, MonthlyReportService reports,
      KeyEnvelopeService envelopes, OpenComplaints open, FormCatalog forms, StaffText text) {
    this.currentUser = currentUser;
    this.offices = offices;
    this.reports = reports;
    this.envelopes = envelopes;
    this.open = open;
    this.forms = forms;
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
      o.put("open", open.countByState(office.getId(), now));
      List<YearMonth> last12 = new ArrayList<>();
      for (int back = 11; back >= 0; back--) {
        last12.add(thisMonth.minusMonths(back));
      }
      Map<YearMonth, Map<String, Object>> summaries = reports.summaries(office.getId(), last12);
      List<Map<String, Object>> months = new ArrayList<>();
      summaries.forEach((month, summary) -> months.add(monthFigures(month, summary)));
      Map<String, Object> current = summaries.get(thisMonth);
      o.put("months", months);
      o.put("complaintsThisMonth", current.get("complaints"));
      o.put("byClassification", labelled(current.get("byClassification"), "classify-complaint",
          "classification"));
      o.put("byChannel", labelled(current.get("byChannel"), "complaint-received", "channel"));
      byOffice.add(o);
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("month", thisMonth.toString());
    answer.put("offices", byOffice);
    answer.put("sealedEnvelopes", sealedEnvelopes(now));
    return answer;
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
      one.put("missed", d.get("missed"));
      one.put("onTimeRate", d.get("onTimeRate"));
      deadlines.add(one);
    }
    m.put("deadlines", deadlines);
    Map<String, Object> satisfaction = (Map<String, Object>) report.get("satisfaction");
    m.put("satisfactionRate", satisfaction == null ? null : satisfaction.get("rate"));
    return m;
  }

  /**
   * A count per value as the dashboard lists it, most first: the value, the label its form shows
   * (未分類 for a complaint not classified yet) and the count.
   */
  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> labelled(Object counts, String formId, String field) {
    List<Map<String, Object>> list = new ArrayList<>();
    ((Map<String, Object>) counts).forEach((value, n) -> {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("value", value);
      one.put("label", "UNCLASSIFIED".equals(value) ? "未分類" : forms.label(formId, field, value));
      one.put("count", n);
      list.add(one);
    });
    return list;
  }

  private List<Map<String, Object>> sealedEnvelopes(Date now) {
    List<Map<String, Object>> list = new ArrayList<>();
    LocalDateTime serverNow = LocalDateTime.ofInstant(now.toInstant(), java.time.ZoneId.systemDefault());
    for (KeyEnvelope e : envelopes.findByStatus(KeyEnvelope.SEALED, offices.recordFilter())) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("envelopeNo", e.envelopeNo());
      one.put("office", e.officeId());
      one.put("officeName", offices.name(e.officeId()));
      one.put("href", "/app/records/key-envelopes/" + org.springframework.web.util.UriUtils
          .encodePathSegment(e.envelopeNo(), java.nio.charset.StandardCharsets.UTF_8));
      one.put("community", e.community());
      one.put("place", e.building() + " " + e.unit());
      one.put("sealedAt", text.dateTime(e.sealedAt()));
      one.put("ageHours", Duration.between(e.sealedAt(), serverNow).toHours());
      list.add(one);
    }
    list.sort((a, b) -> Long.compare((Long) b.get("ageHours"), (Long) a.get("ageHours")));
    return list;
  }
}
