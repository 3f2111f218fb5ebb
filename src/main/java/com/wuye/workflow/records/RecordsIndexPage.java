package com.wuye.workflow.records;

import com.wuye.workflow.complaint.ComplaintRecords;
import com.wuye.workflow.forms.RequestDates;
import com.wuye.workflow.forms.StaffText;
import com.wuye.workflow.office.OfficeProperties;
import com.wuye.workflow.office.Offices;
import com.wuye.workflow.security.CurrentUser;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * 記錄一覽: the records a user may open — a day's 值班記錄表 of each community they see and that
 * day's complaint files — found by date, community and number. Only the caller's offices.
 */
@Controller
@com.wuye.workflow.records.RecordPage
class RecordsIndexPage {

  static final String[] READERS = {"duty-officer", "cs-supervisor", "office-director",
      "deputy-gm", "general-manager", "complaint-center", "camunda-admin"};

  private final CurrentUser currentUser;
  private final Offices offices;
  private final ComplaintRecords complaints;
  private final StaffText text;
  private final org.springframework.jdbc.core.JdbcTemplate jdbc;

  RecordsIndexPage(CurrentUser currentUser, Offices offices, ComplaintRecords complaints,
      StaffText text, org.springframework.jdbc.core.JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.currentUser = currentUser;
    this.offices = offices;
    this.complaints = complaints;
    this.text = text;
  }

  record Link(String title, String href) {
  }

  record ComplaintLine(String no, String receivedAt, String place, String matter, String href) {
  }

  @GetMapping("/app/records")
  String index(@RequestParam(required = false) String date,
      @RequestParam(required = false) String community,
      @RequestParam(required = false) String number, Model model) {
    currentUser.require(READERS);
    List<OfficeProperties.Office> mine = offices.callerOffices();
    List<String> communities = mine.stream().flatMap(o -> o.getCommunities().stream())
        .map(OfficeProperties.Community::getName).toList();
    model.addAttribute("officeNames", String.join("、", mine.stream()
        .map(OfficeProperties.Office::getName).toList()));
    model.addAttribute("communities", communities);
    model.addAttribute("community", community);
    model.addAttribute("number", number);
    String day = date == null || date.isBlank()
        ? java.time.LocalDate.now(text.zone()).toString() : date;
    model.addAttribute("date", day);
    if (number != null && !number.isBlank()) {
      String no = number.trim();
      var found = complaints.complaint(no).filter(c -> offices.callerSees((String) c.get("OFFICE_ID")));
      if (found.isEmpty() && envelopeSeen(no)) {
        model.addAttribute("dutyLogs", List.of(new Link("專用信封 " + no,
            "/app/records/key-envelopes/" + URLEncoder.encode(no, StandardCharsets.UTF_8))));
        return "records/index";
      }
      if (found.isPresent()) {
        model.addAttribute("complaints", List.of(line(found.get())));
      } else {
        model.addAttribute("message", "沒有編號「" + no + "」的投訴。");
      }
      return "records/index";
    }
    List<Link> logs = new ArrayList<>();
    for (String c : communities) {
      if (community == null || community.isBlank() || community.equals(c)) {
        logs.add(new Link(day + " " + c + " 值班記錄表", "/app/records/duty-log?date=" + day
            + "&community=" + URLEncoder.encode(c, StandardCharsets.UTF_8)));
      }
    }
    model.addAttribute("dutyLogs", logs);
    List<Link> notices = new ArrayList<>();
    List<Link> reports = new ArrayList<>();
    String month = java.time.YearMonth.from(java.time.LocalDate.parse(day)).toString();
    for (OfficeProperties.Office office : mine) {
      reports.add(new Link(office.getName() + " " + StaffText.month(java.time.YearMonth.parse(month))
          + " 部門客戶投訴工作月報", "/app/records/monthly-report?month=" + month + "&office="
          + office.getId()));
    }
    for (String c : communities) {
      if (community == null || community.isBlank() || community.equals(c)) {
        String q = URLEncoder.encode(c, StandardCharsets.UTF_8);
        notices.add(new Link(c + " 火警應急須知", "/app/records/notices/fire?community=" + q));
        notices.add(new Link(c + " 強風應急須知", "/app/records/notices/strong-wind?community=" + q));
        notices.add(new Link(c + " 地震應急須知", "/app/records/notices/earthquake?community=" + q));
      }
    }
    model.addAttribute("notices", notices);
    model.addAttribute("reports", reports);
    java.time.LocalDateTime[] range = RequestDates.officeDays(day, day, text.zone());
    model.addAttribute("complaints", complaints.findComplaints(range[0], range[1],
        offices.recordFilter(), community == null || community.isBlank() ? null : community)
        .stream().map(this::line).toList());
    return "records/index";
  }

  /** Whether an envelope of this number exists in the caller's offices. */
  private boolean envelopeSeen(String number) {
    List<String> filter = offices.recordFilter();
    List<Object> args = new ArrayList<>(List.of(number));
    String sql = "SELECT COUNT(*) FROM key_envelope WHERE envelope_no = ?"
        + Offices.restrict("office_id", filter, args);
    Long n = jdbc.queryForObject(sql, Long.class, args.toArray());
    return n != null && n > 0;
  }

  private ComplaintLine line(java.util.Map<String, Object> c) {
    return new ComplaintLine((String) c.get("COMPLAINT_NO"),
        text.dateTime(new java.util.Date(((java.sql.Timestamp) c.get("RECEIVED_AT")).getTime())),
        c.get("COMMUNITY") + " " + c.get("BUILDING") + " " + c.get("UNIT"),
        (String) c.get("MATTER"), "/app/records/complaints/" + c.get("COMPLAINT_NO"));
  }
}
