package com.wuye.workflow.report;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The monthly report as managers read it: a summary for the task form and a CSV download. */
public final class MonthlyReportFormat {

  static final Map<String, String> CHANNELS = Map.of("PHONE", "值班電話", "HOTLINE", "投訴熱線",
      "FAX", "傳真", "EMAIL", "電子信箱", "VISIT", "上門投訴", "COMPLAINT_CENTER", "公司客戶投訴處理中心轉交");
  static final Map<String, String> CLASSES = Map.of("VALID", "有效投訴", "ASSISTED", "協助處理投訴",
      "INVALID", "無效投訴", "UNCLASSIFIED", "未分類(當場或由值班員處理)");

  /** A complaint's status as staff read it (also the complaint file's). */
  public static final Map<String, String> STATUSES = Map.of("OPEN", "處理中", "CLOSED", "已完結",
      "CORRECTED", "登記錯誤(已更正)");
  static final Map<String, String> DEADLINE_STATES = Map.of("KEPT", "按時", "MISSED", "逾期",
      "PENDING", "未到期/處理中");
  static final Map<String, String> VISIT_PURPOSES = Map.of("COMPLAINT_REPLY", "投訴回復上門",
      "COLLECTIVE_REPLY", "集體投訴上門回復", "SATISFACTION", "滿意度回訪");
  /** Room for the complaint list in a form's text (an engine string variable holds 4000). */
  static final int FORM_TEXT_LIMIT = 3800;

  private MonthlyReportFormat() {
  }

  /** Plain text shown in the report tasks' forms. */
  @SuppressWarnings("unchecked")
  public static String summary(Map<String, Object> r) {
    StringBuilder s = new StringBuilder();
    s.append(r.get("officeName") == null ? "" : r.get("officeName") + " ")
        .append("部門客戶投訴工作月報 ")
        .append(com.wuye.workflow.forms.StaffText.month(java.time.YearMonth.parse((String) r.get("month"))))
        .append("\n");
    s.append("投訴總數:").append(r.get("complaints")).append("\n");
    s.append("按渠道:").append(labelled((Map<String, Object>) r.get("byChannel"), CHANNELS)).append("\n");
    s.append("按類別:").append(labelled((Map<String, Object>) r.get("byClassification"), CLASSES)).append("\n");
    s.append("按小區:").append(labelled((Map<String, Object>) r.get("byCommunity"), Map.of())).append("\n");
    s.append("集體投訴:").append(r.get("collectiveComplaints"))
        .append(";重新投訴:").append(r.get("reComplaints")).append("\n");
    s.append("各期限準時率:\n");
    for (Map<String, Object> d : (List<Map<String, Object>>) r.get("deadlines")) {
      s.append("  ").append(d.get("label")).append(":")
          .append(d.get("tasks")).append(" 項,逾期 ").append(d.get("missed")).append(",準時率 ")
          .append(percent(d.get("onTimeRate"))).append("\n");
    }
    Map<String, Object> e = (Map<String, Object>) r.get("escalations");
    s.append("上報:逾期 ").append(e.get("missedDeadlines")).append(" 次,工作傳簽單 ")
        .append(e.get("workCirculationSlips")).append(" 張\n");
    Map<String, Object> sat = (Map<String, Object>) r.get("satisfaction");
    s.append("滿意率(回訪 ").append(sat.get("visits")).append(" 戶,滿意 ").append(sat.get("satisfied"))
        .append(" 戶):").append(percent(sat.get("rate"))).append("\n");
    Map<String, Map<String, Object>> byPurpose = (Map<String, Map<String, Object>>) sat.get("byPurpose");
    if (byPurpose != null) {
      StringBuilder kinds = new StringBuilder();
      byPurpose.forEach((purpose, kind) -> kinds.append(kinds.length() == 0 ? "" : "、")
          .append(VISIT_PURPOSES.getOrDefault(purpose, purpose)).append(" ").append(kind.get("visits"))
          .append(" 戶(滿意 ").append(kind.get("satisfied")).append(")"));
      s.append("  其中:").append(kinds).append("\n");
    }
    return s.toString();
  }

  /**
   * CP-16.1: every complaint of the month, one line each — number, received, community, class,
   * result, deadlines — cut at {@code limit} characters with a note that the download has all.
   */
  @SuppressWarnings("unchecked")
  public static String complaintLines(Map<String, Object> r, int limit) {
    List<Map<String, Object>> list = (List<Map<String, Object>>) r.get("complaintList");
    if (list == null) {
      return "";
    }
    if (list.isEmpty()) {
      return "本月沒有受理投訴。";
    }
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < list.size(); i++) {
      String line = complaintLine(list.get(i)) + "\n";
      String rest = "……其餘 " + (list.size() - i) + " 宗見下載的月報。";
      if (s.length() + line.length() + rest.length() > limit && i < list.size() - 1
          || s.length() + line.length() > limit) {
        return s.append(rest).toString();
      }
      s.append(line);
    }
    return s.toString();
  }

  /** 投訴編號 受理時間 小區 渠道 事項 類別 處理結果 期限. */
  @SuppressWarnings("unchecked")
  static String complaintLine(Map<String, Object> c) {
    return c.get("complaintNo") + " " + staffTime(c.get("receivedAt")) + " " + c.get("community")
        + " " + CHANNELS.getOrDefault(String.valueOf(c.get("channel")), String.valueOf(c.get("channel")))
        + " " + c.get("matter") + " " + className(c) + " " + result(c) + " "
        + deadlines((List<Map<String, Object>>) c.get("deadlines"));
  }

  static String className(Map<String, Object> c) {
    return CLASSES.get(c.get("classification") == null ? "UNCLASSIFIED"
        : String.valueOf(c.get("classification")));
  }

  /** 已完結(業戶滿意) / 處理中 / 登記錯誤(已更正). */
  static String result(Map<String, Object> c) {
    String status = STATUSES.getOrDefault(String.valueOf(c.get("status")), String.valueOf(c.get("status")));
    Object satisfied = c.get("residentSatisfied");
    return satisfied == null ? status
        : status + (Boolean.TRUE.equals(satisfied) ? "(業戶滿意)" : "(業戶不滿意)");
  }

  /** 期限全部按時 / 逾期:兩小時內與業戶聯系(遲 45 分鐘);按時:… */
  static String deadlines(List<Map<String, Object>> deadlines) {
    if (deadlines == null || deadlines.isEmpty()) {
      return "無期限";
    }
    StringBuilder s = new StringBuilder();
    for (Map<String, Object> d : deadlines) {
      s.append(s.length() == 0 ? "" : ";").append(d.get("label")).append(":")
          .append(DEADLINE_STATES.getOrDefault(String.valueOf(d.get("state")), String.valueOf(d.get("state"))));
      if (d.get("minutesLate") != null) {
        s.append("(遲 ").append(d.get("minutesLate")).append(" 分鐘)");
      }
    }
    return s.toString();
  }

  /** 2026-11-25T21:10 → 11月25日 21:10 (the month is the report's). */
  static String staffTime(Object local) {
    if (local == null) {
      return "";
    }
    java.time.LocalDateTime t = java.time.LocalDateTime.parse(String.valueOf(local));
    return t.getMonthValue() + "月" + t.getDayOfMonth() + "日 " + String.format("%02d:%02d",
        t.getHour(), t.getMinute());
  }

  /** One figure of the report: its label, and a number (a rate as a fraction) or a text. */
  public record Figure(String label, Object value, boolean rate) {
  }

  /** The report's figures, in the order the page and the spreadsheet show them. */
  @SuppressWarnings("unchecked")
  public static List<Figure> figures(Map<String, Object> r) {
    List<Figure> f = new java.util.ArrayList<>();
    f.add(new Figure("投訴總數", r.get("complaints"), false));
    ((Map<String, Object>) r.get("byChannel")).forEach((k, v) ->
        f.add(new Figure("渠道:" + CHANNELS.getOrDefault(k, k), v, false)));
    ((Map<String, Object>) r.get("byClassification")).forEach((k, v) ->
        f.add(new Figure("類別:" + CLASSES.getOrDefault(k, k), v, false)));
    ((Map<String, Object>) r.get("byCommunity")).forEach((k, v) ->
        f.add(new Figure("小區:" + k, v, false)));
    f.add(new Figure("集體投訴", r.get("collectiveComplaints"), false));
    f.add(new Figure("重新投訴", r.get("reComplaints"), false));
    for (Map<String, Object> d : (List<Map<String, Object>>) r.get("deadlines")) {
      f.add(new Figure("期限:" + d.get("label") + " 項數", d.get("tasks"), false));
      f.add(new Figure("期限:" + d.get("label") + " 逾期", d.get("missed"), false));
      f.add(new Figure("期限:" + d.get("label") + " 準時率", d.get("onTimeRate"), true));
    }
    Map<String, Object> e = (Map<String, Object>) r.get("escalations");
    f.add(new Figure("上報:逾期次數", e.get("missedDeadlines"), false));
    f.add(new Figure("上報:工作傳簽單", e.get("workCirculationSlips"), false));
    Map<String, Object> sat = (Map<String, Object>) r.get("satisfaction");
    f.add(new Figure("滿意度回訪戶數", sat.get("visits"), false));
    f.add(new Figure("滿意戶數", sat.get("satisfied"), false));
    f.add(new Figure("滿意率", sat.get("rate"), true));
    return f;
  }

  /** CP-16.1's list as rows: number, received, community, channel, matter, class, result, deadlines. */
  @SuppressWarnings("unchecked")
  public static List<List<String>> complaintRows(Map<String, Object> r) {
    List<Map<String, Object>> list = (List<Map<String, Object>>) r.get("complaintList");
    if (list == null) {
      return List.of();
    }
    return list.stream().map(c -> List.of(String.valueOf(c.get("complaintNo")),
        staffTime(c.get("receivedAt")), String.valueOf(c.get("community")),
        CHANNELS.getOrDefault(String.valueOf(c.get("channel")), String.valueOf(c.get("channel"))),
        String.valueOf(c.get("matter")), className(c), result(c),
        deadlines((List<Map<String, Object>>) c.get("deadlines")))).toList();
  }

  /** UTF-8 with a byte-order mark, so a spreadsheet opens the Chinese intact. */
  @SuppressWarnings("unchecked")
  public static byte[] csv(Map<String, Object> r) {
    StringBuilder c = new StringBuilder("\uFEFF");
    row(c, "部門客戶投訴工作月報", r.get("month"));
    if (r.get("version") != null) {
      row(c, "版本", "第 " + r.get("version") + " 版" + (Boolean.TRUE.equals(r.get("approved"))
          ? "(管理處主任已審閱同意)" : "(未審閱)"));
    }
    row(c, "投訴總數", r.get("complaints"));
    ((Map<String, Object>) r.get("byChannel")).forEach((k, v) -> row(c, "渠道:" + CHANNELS.getOrDefault(k, k), v));
    ((Map<String, Object>) r.get("byClassification")).forEach((k, v) -> row(c, "類別:" + CLASSES.getOrDefault(k, k), v));
    ((Map<String, Object>) r.get("byCommunity")).forEach((k, v) -> row(c, "小區:" + k, v));
    for (Map<String, Object> m : (List<Map<String, Object>>) r.get("byMatter")) {
      row(c, "事項:" + m.get("MATTER"), m.get("COMPLAINTS"));
    }
    row(c, "集體投訴", r.get("collectiveComplaints"));
    row(c, "重新投訴", r.get("reComplaints"));
    for (Map<String, Object> d : (List<Map<String, Object>>) r.get("deadlines")) {
      row(c, "期限:" + d.get("label") + " 項數", d.get("tasks"));
      row(c, "期限:" + d.get("label") + " 逾期", d.get("missed"));
      row(c, "期限:" + d.get("label") + " 準時率", percent(d.get("onTimeRate")));
    }
    for (Map<String, Object> m : (List<Map<String, Object>>) r.get("misses")) {
      row(c, "逾期:" + m.get("COMPLAINT_NO") + " " + m.get("DEADLINE"),
          m.get("MINUTES_LATE") == null ? "未完成" : m.get("MINUTES_LATE") + " 分鐘");
    }
    Map<String, Object> e = (Map<String, Object>) r.get("escalations");
    row(c, "上報:逾期", e.get("missedDeadlines"));
    row(c, "上報:工作傳簽單", e.get("workCirculationSlips"));
    Map<String, Object> sat = (Map<String, Object>) r.get("satisfaction");
    row(c, "滿意度回訪戶數", sat.get("visits"));
    row(c, "滿意戶數", sat.get("satisfied"));
    row(c, "滿意率", percent(sat.get("rate")));
    Map<String, Map<String, Object>> byPurpose = (Map<String, Map<String, Object>>) sat.get("byPurpose");
    if (byPurpose != null) {
      byPurpose.forEach((purpose, kind) -> {
        row(c, "回訪:" + VISIT_PURPOSES.getOrDefault(purpose, purpose) + " 戶數", kind.get("visits"));
        row(c, "回訪:" + VISIT_PURPOSES.getOrDefault(purpose, purpose) + " 滿意", kind.get("satisfied"));
      });
    }
    List<Map<String, Object>> list = (List<Map<String, Object>>) r.get("complaintList");
    if (list != null) {
      c.append("\r\n");
      line(c, "投訴編號", "受理時間", "小區", "樓棟", "單位", "渠道", "事項", "類別", "處理結果",
          "期限是否遵守", "各期限");
      for (Map<String, Object> m : list) {
        line(c, String.valueOf(m.get("complaintNo")), String.valueOf(m.get("receivedAt")).replace('T', ' '),
            String.valueOf(m.get("community")), String.valueOf(m.get("building")),
            String.valueOf(m.get("unit")),
            CHANNELS.getOrDefault(String.valueOf(m.get("channel")), String.valueOf(m.get("channel"))),
            String.valueOf(m.get("matter")), className(m), result(m),
            Boolean.TRUE.equals(m.get("deadlinesKept")) ? "是" : "否",
            deadlines((List<Map<String, Object>>) m.get("deadlines")));
      }
    }
    return c.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void row(StringBuilder csv, String label, Object value) {
    csv.append(quote(label)).append(',').append(quote(String.valueOf(value))).append("\r\n");
  }

  private static void line(StringBuilder csv, String... cells) {
    for (int i = 0; i < cells.length; i++) {
      csv.append(i == 0 ? "" : ",").append(quote(cells[i]));
    }
    csv.append("\r\n");
  }

  /** Quotes a CSV cell; a leading =,+,-,@ is defused so a spreadsheet never runs it. */
  static String quote(String cell) {
    String safe = cell.matches("^[=+\\-@].*") ? "'" + cell : cell;
    return "\"" + safe.replace("\"", "\"\"") + "\"";
  }

  static String percent(Object rate) {
    return rate == null ? "—" : String.format("%.1f%%", ((Number) rate).doubleValue() * 100);
  }

  private static String labelled(Map<String, Object> counts, Map<String, String> labels) {
    StringBuilder s = new StringBuilder();
    counts.forEach((k, v) -> s.append(s.length() == 0 ? "" : "、").append(labels.getOrDefault(k, k))
        .append(" ").append(v));
    return s.length() == 0 ? "無" : s.toString();
  }
}
