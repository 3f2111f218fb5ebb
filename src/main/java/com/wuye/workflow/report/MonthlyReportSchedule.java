package com.wuye.workflow.report;

import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The cycle of {@code MonthlyComplaintReportSchedule}'s timer: 01:00 on the 1st of every month
 * in the office's time zone ({@code wuye.complaint.time-zone}), as an ISO 8601 repeating
 * interval the engine understands ({@code R/2026-12-01T01:00+08:00/P1M}).
 */
@Component("monthlyReportSchedule")
public class MonthlyReportSchedule {

  private final MonthlyReportService reports;

  MonthlyReportSchedule(MonthlyReportService reports) {
    this.reports = reports;
  }

  public String cycle() {
    ZonedDateTime now = ClockUtil.getCurrentTime().toInstant().atZone(reports.zone());
    ZonedDateTime first = now.toLocalDate().withDayOfMonth(1).plusMonths(1)
        .atTime(LocalTime.of(1, 0)).atZone(reports.zone());
    return "R/" + first.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + "/P1M";
  }
}
