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
    s.append("按渠道:").append(labelled((Map<String, Long>) r.get("byChannel"), CHANNELS)).append("\n");
    s.append("按類別:").append(labelled((Map<String, Long>) r.get("byClassification"), CLASSES)).append("\n");
    s.append("按小區:").append(labelled((Map<String, Long>) r.get("byCommunity"), Map.of())).append("\n");
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
    return s.toString();
  }

  /** UTF-8 with a byte-order mark, so a spreadsheet opens the Chinese intact. */
  @SuppressWarnings("unchecked")
  public static byte[] csv(Map<String, Object> r) {
    StringBuilder c = new StringBuilder("\uFEFF");
    row(c, "部門客戶投訴工作月報", r.get("month"));
    row(c, "投訴總數", r.get("complaints"));
    ((Map<String, Long>) r.get("byChannel")).forEach((k, v) -> row(c, "渠道:" + CHANNELS.getOrDefault(k, k), v));
    ((Map<String, Long>) r.get("byClassification")).forEach((k, v) -> row(c, "類別:" + CLASSES.getOrDefault(k, k), v));
    ((Map<String, Long>) r.get("byCommunity")).forEach((k, v) -> row(c, "小區:" + k, v));
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
    return c.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void row(StringBuilder csv, String label, Object value) {
    csv.append(quote(label)).append(',').append(quote(String.valueOf(value))).append("\r\n");
  }

  /** Quotes a CSV cell; a leading =,+,-,@ is defused so a spreadsheet never runs it. */
  static String quote(String cell) {
    String safe = cell.matches("^[=+\\-@].*") ? "'" + cell : cell;
    return "\"" + safe.replace("\"", "\"\"") + "\"";
  }

  static String percent(Object rate) {
    return rate == null ? "—" : String.format("%.1f%%", ((Number) rate).doubleValue() * 100);
  }

  private static String labelled(Map<String, Long> counts, Map<String, String> labels) {
    StringBuilder s = new StringBuilder();
    counts.forEach((k, v) -> s.append(s.length() == 0 ? "" : "、").append(labels.getOrDefault(k, k))
        .append(" ").append(v));
    return s.length() == 0 ? "無" : s.toString();
  }
}
