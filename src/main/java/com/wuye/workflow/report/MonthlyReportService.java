package com.wuye.workflow.report;

import static com.wuye.workflow.complaint.ComplaintVariables.PROCESS_KEY;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.wuye.workflow.complaint.ComplaintProperties;
import com.wuye.workflow.complaint.Deadline;
import com.wuye.workflow.security.SystemAccess;
import java.sql.Timestamp;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * 部門客戶投訴工作月報 (CP-15, CP-16), computed from the records — never typed in: complaints by
 * channel, classification, community and matter; collective complaints; the on-time rate of
 * each deadline with the misses and how late; escalations; re-complaints; every complaint
 * received with its class, result and whether each of its deadlines was kept (CP-16.1); and
 * the satisfaction rate over every visit that asked the resident's opinion (CP-16.3). A month is
 * the calendar month in the office's time zone.
 *
 * <p>A computed report is stored as a new version of its office's month; the version the
 * director approved is frozen and is what {@link #fetch} returns unless another is asked for.
 */
@Service
public class MonthlyReportService {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JdbcTemplate jdbc;
  private final HistoryService historyService;
  private final ManagementService managementService;
  private final IdentityService identityService;
  private final ComplaintProperties properties;
  private final com.wuye.workflow.office.Offices offices;

  MonthlyReportService(JdbcTemplate jdbc, @Lazy HistoryService historyService,
      @Lazy ManagementService managementService, @Lazy IdentityService identityService,
      ComplaintProperties properties, com.wuye.workflow.office.Offices offices) {
    this.offices = offices;
    this.jdbc = jdbc;
    this.historyService = historyService;
    this.managementService = managementService;
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
    Scope scope = scope(month, officeId);
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
    report.put("complaintList", complaintList(scope));
    report.put("satisfaction", satisfaction(scope));
    return report;
  }

  /**
   * Stores freshly computed figures as the next version of the office's month and returns the
   * version number. Earlier versions stay as they were.
   */
  public int storeVersion(YearMonth month, String officeId, String processInstanceId,
      Map<String, Object> figures) {
    Integer last = jdbc.queryForObject("SELECT MAX(version) FROM monthly_report"
        + " WHERE report_month = ? AND " + officeIs(officeId), Integer.class,
        officeArgs(month, officeId));
    int version = last == null ? 1 : last + 1;
    try {
      jdbc.update("""
          INSERT INTO monthly_report (report_month, process_instance_id, computed_at, figures,
              office_id, version, summary)
          VALUES (?, ?, ?, ?, ?, ?, ?)""", month.toString(), processInstanceId,
          new Timestamp(ClockUtil.getCurrentTime().getTime()), JSON.writeValueAsString(figures),
          officeId, version, JSON.writeValueAsString(summaryOf(figures)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return version;
  }

  /**
   * CP-16.3: the samples drawn for the report of this process instance (duty-log ids, complaint
   * numbers), recorded once: a second draw for the same report changes nothing.
   */
  public void recordSamples(String processInstanceId, String dutyLogSample,
      String satisfactionSample) {
    jdbc.update("""
        UPDATE monthly_report SET duty_log_sample = ?, satisfaction_sample = ?
        WHERE process_instance_id = ? AND duty_log_sample IS NULL
            AND satisfaction_sample IS NULL""", dutyLogSample, satisfactionSample,
        processInstanceId);
  }

  /**
   * The director approved the report of this process instance: the version is frozen — its
   * figures are never written again — and becomes the one the downloads show.
   */
  public void approve(String processInstanceId, Object supervisorComment, Object directorComment) {
    Timestamp now = new Timestamp(ClockUtil.getCurrentTime().getTime());
    jdbc.update("""
        UPDATE monthly_report SET supervisor_comment = ?, director_comment = ?, submitted_at = ?,
            approved_at = ?
        WHERE process_instance_id = ?""", supervisorComment, directorComment, now, now,
        processInstanceId);
  }

  /**
   * The report as a reader asks for it: the stored {@code version}, or without one the latest
   * approved version (the latest computed when none is approved yet); a month never compiled
   * is computed from the records as they are now ({@code version} null). Each comes with its
   * version, when it was computed and when approved.
   *
   * @throws java.util.NoSuchElementException when the version asked for does not exist
   */
  public Map<String, Object> fetch(YearMonth month, String officeId, Integer version) {
    List<Object> args = new ArrayList<>(List.of(officeArgs(month, officeId)));
    if (version != null) {
      args.add(version);
    }
    List<Map<String, Object>> stored = jdbc.queryForList("SELECT version, computed_at,"
        + " approved_at, figures FROM monthly_report WHERE report_month = ? AND "
        + officeIs(officeId) + (version == null ? "" : " AND version = ?")
        + " ORDER BY CASE WHEN approved_at IS NULL THEN 1 ELSE 0 END, version DESC LIMIT 1",
        args.toArray());
    if (stored.isEmpty()) {
      if (version != null) {
        throw new java.util.NoSuchElementException("沒有此版本的月報:" + version);
      }
      Map<String, Object> live = compute(month, officeId);
      live.put("version", null);
      live.put("approved", false);
      live.put("computedAt", null);
      live.put("approvedAt", null);
      return live;
    }
    Map<String, Object> row = stored.get(0);
    Map<String, Object> report;
    try {
      report = JSON.readValue((String) row.get("FIGURES"),
          new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Object>>() { });
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    ZoneId zone = properties.getTimeZone();
    report.put("version", ((Number) row.get("VERSION")).intValue());
    report.put("approved", row.get("APPROVED_AT") != null);
    report.put("computedAt", localTime((Timestamp) row.get("COMPUTED_AT"), zone));
    report.put("approvedAt", localTime((Timestamp) row.get("APPROVED_AT"), zone));
    return report;
  }

  /**
   * The headline figures of an office's months, as {@link #fetch} without a version would give
   * them (the latest approved version, else the latest computed, else the records as they are
   * now), but only what {@link #summaryOf} keeps: what the managers' dashboard draws. A stored
   * version is read from its summary, not its full figures, and a month never compiled is
   * computed without the list of every complaint — so twelve months stay cheap however busy
   * the office.
   */
  public Map<YearMonth, Map<String, Object>> summaries(String officeId, List<YearMonth> months) {
    Map<YearMonth, Map<String, Object>> answer = new LinkedHashMap<>();
    if (months.isEmpty()) {
      return answer;
    }
    List<Object> args = new ArrayList<>();
    for (YearMonth month : months) {
      args.add(month.toString());
    }
    if (officeId != null) {
      args.add(officeId);
    }
    Map<String, Map<String, Object>> chosen = new LinkedHashMap<>();
    jdbc.query("SELECT id, report_month, version, approved_at, summary FROM monthly_report"
        + " WHERE report_month IN (" + String.join(", ", java.util.Collections.nCopies(months.size(), "?"))
        + ") AND " + officeIs(officeId)
        + " ORDER BY report_month, CASE WHEN approved_at IS NULL THEN 1 ELSE 0 END, version DESC",
        rs -> {
          String month = rs.getString("report_month");
          if (!chosen.containsKey(month)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", rs.getLong("id"));
            row.put("version", rs.getInt("version"));
            row.put("approved", rs.getTimestamp("approved_at") != null);
            row.put("summary", rs.getString("summary"));
            chosen.put(month, row);
          }
        }, args.toArray());
    for (YearMonth month : months) {
      Map<String, Object> row = chosen.get(month.toString());
      Map<String, Object> summary;
      if (row == null) {
        summary = computeSummary(month, officeId);
        summary.put("version", null);
        summary.put("approved", false);
      } else {
        summary = storedSummary((Long) row.get("id"), (String) row.get("summary"));
        summary.put("version", row.get("version"));
        summary.put("approved", row.get("approved"));
      }
      answer.put(month, summary);
    }
    return answer;
  }

  /**
   * What the dashboard shows of a report: the complaints by channel and class, each deadline's
   * tasks, misses and on-time rate, and the satisfaction rate. Stored beside each version's
   * figures ({@code monthly_report.summary}).
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> summaryOf(Map<String, Object> figures) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("month", figures.get("month"));
    summary.put("office", figures.get("office"));
    summary.put("complaints", figures.get("complaints"));
    summary.put("byChannel", figures.get("byChannel"));
    summary.put("byClassification", figures.get("byClassification"));
    summary.put("deadlines", figures.get("deadlines"));
    Map<String, Object> satisfaction = (Map<String, Object>) figures.get("satisfaction");
    Map<String, Object> rate = new LinkedHashMap<>();
    if (satisfaction != null) {
      rate.put("visits", satisfaction.get("visits"));
      rate.put("satisfied", satisfaction.get("satisfied"));
      rate.put("rate", satisfaction.get("rate"));
    }
    summary.put("satisfaction", rate);
    return summary;
  }

  /** A month's headline figures from the records now, without the list of every complaint. */
  private Map<String, Object> computeSummary(YearMonth month, String officeId) {
    Scope scope = scope(month, officeId);
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("month", month.toString());
    figures.put("office", officeId);
    figures.put("complaints", count("SELECT COUNT(*) FROM complaint WHERE received_at >= ? AND received_at < ?", scope));
    figures.put("byChannel", groupCount("channel", scope));
    figures.put("byClassification", groupCount("COALESCE(classification, 'UNCLASSIFIED')", scope));
    figures.put("deadlines", deadlines(scope));
    figures.put("satisfaction", satisfaction(scope));
    return summaryOf(figures);
  }

  /**
   * A stored version's summary; a version stored before summaries were kept (V12) gets its
   * summary from its figures, written once.
   */
  private Map<String, Object> storedSummary(long id, String summary) {
    try {
      if (summary != null) {
        return JSON.readValue(summary, MAP);
      }
      String figures = jdbc.queryForObject("SELECT figures FROM monthly_report WHERE id = ?",
          String.class, id);
      Map<String, Object> derived = summaryOf(JSON.readValue(figures, MAP));
      jdbc.update("UPDATE monthly_report SET summary = ? WHERE id = ? AND summary IS NULL",
          JSON.writeValueAsString(derived), id);
      return derived;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Object>>
      MAP = new com.fasterxml.jackson.core.type.TypeReference<>() { };

  private Scope scope(YearMonth month, String officeId) {
    ZoneId zone = properties.getTimeZone();
    return new Scope(officeId, Timestamp.from(month.atDay(1).atStartOfDay(zone).toInstant()),
        Timestamp.from(month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant()));
  }

  /** Every stored version of the office's month, oldest first: number, computed, approved. */
  public List<Map<String, Object>> versions(YearMonth month, String officeId) {
    ZoneId zone = properties.getTimeZone();
    return jdbc.queryForList("SELECT version, computed_at, approved_at FROM monthly_report"
        + " WHERE report_month = ? AND " + officeIs(officeId) + " ORDER BY version",
        officeArgs(month, officeId)).stream().map(r -> {
          Map<String, Object> v = new LinkedHashMap<>();
          v.put("version", ((Number) r.get("VERSION")).intValue());
          v.put("computedAt", localTime((Timestamp) r.get("COMPUTED_AT"), zone));
          v.put("approved", r.get("APPROVED_AT") != null);
          v.put("approvedAt", localTime((Timestamp) r.get("APPROVED_AT"), zone));
          return v;
        }).toList();
  }

  /** An office's reports, or the company-wide ones of before offices (no office). */
  private static String officeIs(String officeId) {
    return officeId == null ? "office_id IS NULL" : "office_id = ?";
  }

  private static Object[] officeArgs(YearMonth month, String officeId) {
    return officeId == null ? new Object[] {month.toString()}
        : new Object[] {month.toString(), officeId};
  }

  /**
   * CP-16.3: the visits that asked the resident's opinion of the outcome — a complaint's reply
   * by home visit (complaint/ComplaintChecks), a collective complaint's household visit
   * (likewise) and the supervision's satisfaction visit ({@code recordSatisfactionVisit}).
   */
  static final List<String> OPINION_VISITS = List.of("COMPLAINT_REPLY", "COLLECTIVE_REPLY",
      "SATISFACTION");

  /** The satisfaction rate over every opinion visit of the month, and the count of each kind. */
  private Map<String, Object> satisfaction(Scope scope) {
    Map<String, Map<String, Object>> byPurpose = new LinkedHashMap<>();
    for (String purpose : OPINION_VISITS) {
      Map<String, Object> kind = new LinkedHashMap<>();
      kind.put("visits", 0L);
      kind.put("satisfied", 0L);
      byPurpose.put(purpose, kind);
    }
    jdbc.query("SELECT purpose, COUNT(*) AS visits,"
        + " SUM(CASE WHEN satisfied THEN 1 ELSE 0 END) AS satisfied FROM visit_record"
        + " WHERE purpose IN ('" + String.join("', '", OPINION_VISITS) + "')"
        + " AND visited_at >= ? AND visited_at < ?" + scope.office() + " GROUP BY purpose",
        rs -> {
          Map<String, Object> kind = byPurpose.get(rs.getString("purpose"));
          kind.put("visits", rs.getLong("visits"));
          kind.put("satisfied", rs.getLong("satisfied"));
        }, scope.args());
    long visits = byPurpose.values().stream().mapToLong(k -> (Long) k.get("visits")).sum();
    long satisfied = byPurpose.values().stream().mapToLong(k -> (Long) k.get("satisfied")).sum();
    Map<String, Object> satisfaction = new LinkedHashMap<>();
    satisfaction.put("visits", visits);
    satisfaction.put("satisfied", satisfied);
    satisfaction.put("rate", visits == 0 ? null : ratio(satisfied, visits));
    satisfaction.put("byPurpose", byPurpose);
    return satisfaction;
  }

  /**
   * CP-16.1: every complaint received in the month, with its class, its result and, for each
   * deadline that applied to it, whether it was kept: MISSED when a miss was recorded, PENDING
   * while its task is still open, otherwise KEPT.
   */
  private List<Map<String, Object>> complaintList(Scope scope) {
    List<Map<String, Object>> complaints = jdbc.queryForList("SELECT complaint_no,"
        + " process_instance_id, received_at, community, building, unit, channel, matter,"
        + " classification, status, closed_at, resident_satisfied, related_complaint_no"
        + " FROM complaint WHERE received_at >= ? AND received_at < ?" + scope.office()
        + " ORDER BY received_at, id", scope.args());
    Map<String, Map<Deadline, String>> states = new LinkedHashMap<>();
    Map<String, String> numberOfInstance = new LinkedHashMap<>();
    for (Map<String, Object> c : complaints) {
      states.put((String) c.get("COMPLAINT_NO"), new java.util.EnumMap<>(Deadline.class));
      numberOfInstance.put((String) c.get("PROCESS_INSTANCE_ID"), (String) c.get("COMPLAINT_NO"));
    }
    Map<String, Deadline> byTask = new LinkedHashMap<>();
    for (Deadline deadline : Deadline.values()) {
      byTask.put(deadline.taskKey(), deadline);
    }
    // one native query of the engine's task history (its public API) for the whole month: the
    // deadline tasks of the month's complaints, found through each complaint's own instance
    Map<String, Object> parameters = new LinkedHashMap<>();
    List<String> keys = new ArrayList<>();
    for (String taskKey : byTask.keySet()) {
      keys.add("#{task" + keys.size() + "}");
      parameters.put("task" + (keys.size() - 1), taskKey);
    }
    String sql = "SELECT T.* FROM " + tableName(HistoricTaskInstance.class) + " T"
        + " JOIN complaint C ON T.PROC_INST_ID_ = C.process_instance_id"
        + " WHERE C.received_at >= #{from} AND C.received_at < #{to}"
        + (scope.officeId() == null ? "" : " AND C.office_id = #{office}")
        + " AND T.PROC_DEF_KEY_ = #{processKey}"
        + " AND T.TASK_DEF_KEY_ IN (" + String.join(", ", keys) + ")";
    List<HistoricTaskInstance> tasks = SystemAccess.withoutAuthorization(identityService, () -> {
      var query = historyService.createNativeHistoricTaskInstanceQuery().sql(sql)
          .parameter("from", scope.from()).parameter("to", scope.to())
          .parameter("office", scope.officeId()).parameter("processKey", PROCESS_KEY);
      parameters.forEach(query::parameter);
      return query.list();
    });
    for (var task : tasks) {
      String no = numberOfInstance.get(task.getProcessInstanceId());
      if (no == null) {
        continue;
      }
      Deadline deadline = byTask.get(task.getTaskDefinitionKey());
      if (task.getEndTime() == null) {
        states.get(no).put(deadline, "PENDING");
      } else if ("completed".equals(task.getDeleteReason())) {
        states.get(no).putIfAbsent(deadline, "KEPT");
      }
    }
    Map<String, Map<Deadline, Long>> lateness = new LinkedHashMap<>();
    jdbc.query("SELECT complaint_no, deadline, due_at, completed_at FROM deadline_miss"
        + " WHERE complaint_no IN (SELECT complaint_no FROM complaint WHERE received_at >= ?"
        + " AND received_at < ?" + scope.office() + ") ORDER BY due_at, id", rs -> {
          String no = rs.getString("complaint_no");
          Deadline deadline = Deadline.valueOf(rs.getString("deadline"));
          if (states.containsKey(no)) {
            states.get(no).put(deadline, "MISSED");
            Timestamp done = rs.getTimestamp("completed_at");
            lateness.computeIfAbsent(no, k -> new java.util.EnumMap<>(Deadline.class)).put(deadline,
                done == null ? null : (done.getTime() - rs.getTimestamp("due_at").getTime()) / 60_000);
          }
        }, scope.args());
    ZoneId zone = properties.getTimeZone();
    List<Map<String, Object>> list = new ArrayList<>();
    for (Map<String, Object> c : complaints) {
      String no = (String) c.get("COMPLAINT_NO");
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("complaintNo", no);
      row.put("receivedAt", localTime((Timestamp) c.get("RECEIVED_AT"), zone));
      row.put("community", c.get("COMMUNITY"));
      row.put("building", c.get("BUILDING"));
      row.put("unit", c.get("UNIT"));
      row.put("channel", c.get("CHANNEL"));
      row.put("matter", c.get("MATTER"));
      row.put("classification", c.get("CLASSIFICATION"));
      row.put("status", c.get("STATUS"));
      row.put("closedAt", localTime((Timestamp) c.get("CLOSED_AT"), zone));
      row.put("residentSatisfied", c.get("RESIDENT_SATISFIED"));
      row.put("relatedComplaintNo", c.get("RELATED_COMPLAINT_NO"));
      List<Map<String, Object>> deadlines = new ArrayList<>();
      states.get(no).forEach((deadline, state) -> {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("deadline", deadline.name());
        d.put("label", deadline.label());
        d.put("state", state);
        d.put("minutesLate", lateness.getOrDefault(no, Map.of()).get(deadline));
        deadlines.add(d);
      });
      row.put("deadlines", deadlines);
      row.put("deadlinesKept", deadlines.stream().noneMatch(d -> "MISSED".equals(d.get("state"))));
      list.add(row);
    }
    return list;
  }

  /** 2026-11-25T21:10 in the office's time zone; null stays null. */
  private static String localTime(Timestamp time, ZoneId zone) {
    return time == null ? null : time.toInstant().atZone(zone).toLocalDateTime()
        .truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString();
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
    // a native count over the task history's own columns, which WUYE_HI_TASKINST_DEADLINE
    // (dashboard/DeadlineHistoryIndex) holds in this order; the engine's query would filter the
    // process through its definitions table, which no index of the history can serve
    String started = "SELECT COUNT(*) FROM " + tableName(HistoricTaskInstance.class)
        + " WHERE PROC_DEF_KEY_ = #{processKey} AND TASK_DEF_KEY_ = #{taskKey}"
        + (scope.officeId() == null ? "" : " AND TENANT_ID_ = #{office}")
        + " AND START_TIME_ >= #{from} AND START_TIME_ < #{to}";
    for (Deadline deadline : Deadline.values()) {
      long applied = SystemAccess.withoutAuthorization(identityService, () -> historyService
          .createNativeHistoricTaskInstanceQuery().sql(started)
          .parameter("processKey", PROCESS_KEY).parameter("taskKey", deadline.taskKey())
          .parameter("office", scope.officeId()).parameter("from", scope.from())
          .parameter("to", scope.to()).count());
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

  /** The engine's table of {@code entity} (with the configured prefix, if any). */
  private String tableName(Class<?> entity) {
    return SystemAccess.withoutAuthorization(identityService,
        () -> managementService.getTableName(entity));
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
