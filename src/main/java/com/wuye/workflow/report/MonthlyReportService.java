package com.wuye.workflow.report;

import com.wuye.workflow.complaint.ComplaintProperties;
import com.wuye.workflow.complaint.Deadline;
import com.wuye.workflow.security.SystemAccess;
import java.sql.Timestamp;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * 部門客戶投訴工作月報 (CP-15, CP-16), computed from the records — never typed in: complaints by
 * channel, classification, community and matter; collective complaints; the on-time rate of
 * each deadline with the misses and how late; escalations; re-complaints; and the
 * satisfaction rate from the satisfaction visits. A month is the calendar month in the
 * office's time zone.
 */
@Service
public class MonthlyReportService {

  private final JdbcTemplate jdbc;
  private final HistoryService historyService;
  private final IdentityService identityService;
  private final ComplaintProperties properties;
  private final com.wuye.workflow.office.Offices offices;

  MonthlyReportService(JdbcTemplate jdbc, @Lazy HistoryService historyService,
      @Lazy IdentityService identityService, ComplaintProperties properties,
      com.wuye.workflow.office.Offices offices) {
    this.offices = offices;
    this.jdbc = jdbc;
    this.historyService = historyService;
    this.identityService = identityService;
    this.properties = properties;
  }

  /** "2026-11" → the month; anything else is refused with a message for the user. */
  public static YearMonth parseMonth(String month) {
    if (month == null || !month.matches("\\d{4}-(0[1-9]|1[0-2])")) {
      throw new IllegalArgumentException("月份須為 YYYY-MM(例如 2026-11):" + month);
    }
    return YearMonth.parse(month);
  }

  public ZoneId zone() {
    return properties.getTimeZone();
  }

  /**
   * The report of one office for the month, or with {@code officeId} null the company's summary
   * of every office (the complaint centre's), with each office's complaints beside it.
   */
  public Map<String, Object> compute(YearMonth month, String officeId) {
    ZoneId zone = properties.getTimeZone();
    Timestamp from = Timestamp.from(month.atDay(1).atStartOfDay(zone).toInstant());
    Timestamp to = Timestamp.from(month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant());
    Scope scope = new Scope(officeId, from, to);
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("month", month.toString());
    report.put("office", officeId);
    report.put("officeName", officeId == null ? "全公司" : offices.name(officeId));
    report.put("complaints", count("SELECT COUNT(*) FROM complaint WHERE received_at >= ? AND received_at < ?", scope));
    if (officeId == null) {
      report.put("byOffice", groupCount("office_id", scope));
    }
    report.put("byChannel", groupCount("channel", scope));
    report.put("byClassification", groupCount("COALESCE(classification, 'UNCLASSIFIED')", scope));
    report.put("byCommunity", groupCount("community", scope));
    report.put("byMatter", jdbc.queryForList("SELECT MIN(matter) AS matter, COUNT(*) AS complaints"
        + " FROM complaint WHERE received_at >= ? AND received_at < ?" + scope.office()
        + " GROUP BY matter_key ORDER BY complaints DESC, matter LIMIT 20", scope.args()));
    report.put("collectiveComplaints", count(
        "SELECT COUNT(*) FROM collective_case WHERE opened_at >= ? AND opened_at < ?", scope));
    report.put("reComplaints", count("SELECT COUNT(*) FROM complaint WHERE received_at >= ?"
        + " AND received_at < ? AND related_complaint_no IS NOT NULL", scope));
    report.put("deadlines", deadlines(scope));
    report.put("misses", jdbc.queryForList("SELECT complaint_no, deadline, due_at, completed_at,"
        + " escalated_to FROM deadline_miss WHERE due_at >= ? AND due_at < ?" + scope.office()
        + " ORDER BY due_at, id", scope.args()).stream().map(miss -> {
          Map<String, Object> row = new LinkedHashMap<>(miss);
          Timestamp due = (Timestamp) miss.get("DUE_AT");
          Timestamp done = (Timestamp) miss.get("COMPLETED_AT");
          row.put("MINUTES_LATE", done == null ? null : (done.getTime() - due.getTime()) / 60_000);
          return row;
        }).toList());
    long misses = count("SELECT COUNT(*) FROM deadline_miss WHERE due_at >= ? AND due_at < ?", scope);
    long slips = count("SELECT COUNT(*) FROM work_circulation_slip WHERE created_at >= ? AND created_at < ?", scope);
    report.put("escalations", Map.of("missedDeadlines", misses, "workCirculationSlips", slips,
        "total", misses + slips));
    long visits = count("SELECT COUNT(*) FROM visit_record WHERE purpose = 'SATISFACTION'"
        + " AND visited_at >= ? AND visited_at < ?", scope);
    long satisfied = count("SELECT COUNT(*) FROM visit_record WHERE purpose = 'SATISFACTION'"
        + " AND satisfied = TRUE AND visited_at >= ? AND visited_at < ?", scope);
    Map<String, Object> satisfaction = new LinkedHashMap<>();
    satisfaction.put("visits", visits);
    satisfaction.put("satisfied", satisfied);
    satisfaction.put("rate", visits == 0 ? null : ratio(satisfied, visits));
    report.put("satisfaction", satisfaction);
    return report;
  }

  /** The month's bounds and, for one office's report, the office: "… AND office_id = ?". */
  private record Scope(String officeId, Timestamp from, Timestamp to) {
    String office() {
      return officeId == null ? "" : " AND office_id = ?";
    }

    Object[] args(Object... before) {
      List<Object> args = new ArrayList<>(List.of(before));
      args.add(from);
      args.add(to);
      if (officeId != null) {
        args.add(officeId);
      }
      return args.toArray();
    }
  }

  /** Each deadline: how many tasks had it this month, how many missed it, the on-time rate. */
  private List<Map<String, Object>> deadlines(Scope scope) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Deadline deadline : Deadline.values()) {
      long applied = SystemAccess.withoutAuthorization(identityService, () -> {
        var tasks = historyService.createHistoricTaskInstanceQuery()
            .processDefinitionKey("ComplaintProcess").taskDefinitionKey(deadline.taskKey())
            .startedAfter(new Date(scope.from().getTime() - 1))
            .startedBefore(new Date(scope.to().getTime()));
        if (scope.officeId() != null) {
          tasks.tenantIdIn(scope.officeId());
        }
        return tasks.count();
      });
      long missed = count("SELECT COUNT(*) FROM deadline_miss WHERE deadline = ? AND due_at >= ?"
          + " AND due_at < ?" + scope.office(), scope.args(deadline.name()));
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("deadline", deadline.name());
      row.put("label", deadline.label());
      row.put("clause", deadline.clause());
      row.put("tasks", applied);
      row.put("missed", missed);
      row.put("onTimeRate", applied == 0 ? null : ratio(Math.max(applied - missed, 0), applied));
      rows.add(row);
    }
    return rows;
  }

  private Map<String, Long> groupCount(String column, Scope scope) {
    Map<String, Long> counts = new LinkedHashMap<>();
    jdbc.query("SELECT " + column + " AS k, COUNT(*) AS n FROM complaint WHERE received_at >= ? "
        + "AND received_at < ?" + scope.office() + " GROUP BY " + column + " ORDER BY n DESC, k",
        rs -> {
          counts.put(rs.getString("k"), rs.getLong("n"));
        }, scope.args());
    return counts;
  }

  private long count(String sql, Scope scope) {
    Long n = jdbc.queryForObject(sql + scope.office(), Long.class, scope.args());
    return n == null ? 0 : n;
  }

  private long count(String sql, Object... args) {
    Long n = jdbc.queryForObject(sql, Long.class, args);
    return n == null ? 0 : n;
  }

  static double ratio(long part, long whole) {
    return Math.round(part * 10000.0 / whole) / 10000.0;
  }
}
