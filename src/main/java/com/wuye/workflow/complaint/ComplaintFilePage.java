package com.wuye.workflow.complaint;

import com.wuye.workflow.forms.StaffText;
import com.wuye.workflow.office.Offices;
import com.wuye.workflow.records.People;
import com.wuye.workflow.security.CurrentUser;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * A complaint's file as a page to read and print: the complaint, its missed deadlines, the
 * 工作傳簽單 with every level, the 業戶訪問記錄 (an empty one to take to the visit, or the recorded
 * opinion), the 特別事故報告 of a collective case and the letter of each written reply (CP-11).
 * The same readers and office isolation as {@code /api/complaints/{no}}; it changes nothing.
 */
@Controller
@com.wuye.workflow.records.RecordPage
class ComplaintFilePage {

  private static final Map<String, String> DECISIONS = Map.of("PASSED_UP", "再上報",
      "ASKED_CENTER", "報投訴處理中心協助", "RESOLVED", "處理完畢", "RESULT", "處理完畢");

  private final ComplaintRecords records;
  private final CurrentUser currentUser;
  private final Offices offices;
  private final StaffText text;
  private final People people;
  private final com.wuye.workflow.forms.FormCatalog forms;

  ComplaintFilePage(ComplaintRecords records, CurrentUser currentUser, Offices offices,
      StaffText text, People people, com.wuye.workflow.forms.FormCatalog forms) {
    this.forms = forms;
    this.records = records;
    this.currentUser = currentUser;
    this.offices = offices;
    this.text = text;
    this.people = people;
  }

  record Complaint(String no, String receivedAt, String receivedBy, String channel,
      String community, String building, String unit, String residentName, String residentPhone,
      String written, String classification, String matter, String description, String handledBy,
      String handledAt, String agreedReplyAt, String specialCircumstance, String status,
      String satisfied, String emailFrom) {
  }

  record Deadline(String label, String due, String state) {
  }

  record SlipEntry(String level, String who, String at, String result, String next) {
  }

  record Slip(String createdBy, String createdAt, String reason, List<SlipEntry> entries) {
  }

  record Visit(String at, String visitor, String opinion, String satisfied, String signature) {
  }

  record Household(String no, String place, String resident, String toldAt, String visited) {
  }

  record Report(String caseNo, String filledBy, String filledAt, String agreedReplyAt,
      String description, String plan, String outcome, List<Household> households) {
  }

  record Attachment(String name, long size, String href) {
  }

  record Reply(String text, String date) {
  }

  @GetMapping("/app/records/complaints/{complaintNo}")
  String complaint(@PathVariable String complaintNo, Model model) {
    currentUser.require(ComplaintController.READERS);
    Map<String, Object> c = records.complaint(complaintNo)
        .filter(row -> offices.callerSees((String) row.get("OFFICE_ID"))).orElseThrow(() ->
            new ResponseStatusException(HttpStatus.NOT_FOUND, "沒有投訴編號「" + complaintNo + "」。"));
    model.addAttribute("officeName", offices.name((String) c.get("OFFICE_ID")));
    model.addAttribute("c", new Complaint(complaintNo, time(c.get("RECEIVED_AT")),
        people.name((String) c.get("RECEIVED_BY")),
        forms.label("complaint-received", "channel", (String) c.get("CHANNEL")),
        (String) c.get("COMMUNITY"), (String) c.get("BUILDING"), (String) c.get("UNIT"),
        (String) c.get("RESIDENT_NAME"), (String) c.get("RESIDENT_PHONE"),
        yesNo(c.get("WRITTEN")), c.get("CLASSIFICATION") == null ? "未分類"
            : forms.label("classify-complaint", "classification", (String) c.get("CLASSIFICATION")),
        (String) c.get("MATTER"), (String) c.get("DESCRIPTION"), (String) c.get("HANDLED_BY"),
        time(c.get("HANDLED_AT")), time(c.get("AGREED_REPLY_AT")),
        (String) c.get("SPECIAL_CIRCUMSTANCE"),
        com.wuye.workflow.report.MonthlyReportFormat.STATUSES.getOrDefault(
            (String) c.get("STATUS"), (String) c.get("STATUS")),
        c.get("RESIDENT_SATISFIED") == null ? "" : yesNo(c.get("RESIDENT_SATISFIED")),
        (String) c.get("EMAIL_FROM")));
    model.addAttribute("deadlines", records.misses(complaintNo).stream().map(m -> new Deadline(
        labelOf((String) m.get("DEADLINE")), time(m.get("DUE_AT")),
        m.get("COMPLETED_AT") == null ? "已逾期,未完成"
            : "已逾期,於 " + time(m.get("COMPLETED_AT")) + " 完成")).toList());
    List<Slip> slips = new ArrayList<>();
    List<Map<String, Object>> entries = records.slipEntries(complaintNo);
    for (Map<String, Object> s : records.slips(complaintNo)) {
      Object id = s.get("ID");
      slips.add(new Slip(people.name((String) s.get("CREATED_BY")), time(s.get("CREATED_AT")),
          (String) s.get("REASON"), entries.stream()
              .filter(e -> ((Number) e.get("SLIP_ID")).longValue() == ((Number) id).longValue())
              .map(e -> new SlipEntry(text.group((String) e.get("HANDLED_BY_GROUP")),
                  people.name((String) e.get("HANDLED_BY")), time(e.get("HANDLED_AT")),
                  (String) e.get("RESULT"), DECISIONS.getOrDefault((String) e.get("DECISION"), "")
                      + (e.get("NEXT_GROUP") == null ? ""
                          : ",交" + text.group((String) e.get("NEXT_GROUP")))))
              .toList()));
    }
    model.addAttribute("slips", slips);
    model.addAttribute("visits", records.visits(complaintNo).stream().map(v -> new Visit(
        time(v.get("VISITED_AT")), people.name((String) v.get("VISITOR")),
        (String) v.get("RESIDENT_OPINION"), yesNo(v.get("SATISFIED")),
        (String) v.get("RESIDENT_SIGNATURE"))).toList());
    Object caseId = c.get("COLLECTIVE_CASE_ID");
    Report report = null;
    if (caseId != null) {
      String caseNo = records.collectiveCaseNo(((Number) caseId).longValue());
      var reports = records.specialIncidentReports(caseNo);
      if (!reports.isEmpty()) {
        Map<String, Object> r = reports.get(0);
        report = new Report(caseNo, people.name((String) r.get("FILLED_BY")),
            time(r.get("FILLED_AT")), time(r.get("AGREED_REPLY_AT")),
            (String) r.get("DESCRIPTION"), (String) r.get("HANDLING_PLAN"),
            (String) r.get("OUTCOME"), records.complaintsOfCollectiveCase(caseNo).stream()
                .map(h -> new Household((String) h.get("COMPLAINT_NO"),
                    h.get("BUILDING") + " " + h.get("UNIT"), (String) h.get("RESIDENT_NAME"),
                    time(h.get("COLLECTIVE_TOLD_AT")),
                    records.visits((String) h.get("COMPLAINT_NO")).isEmpty() ? "未" : "已"))
                .toList());
      }
    }
    model.addAttribute("report", report);
    model.addAttribute("attachments", records.attachments(complaintNo).stream().map(a ->
        new Attachment((String) a.get("FILE_NAME"), ((Number) a.get("SIZE_BYTES")).longValue(),
            "/api/complaints/" + complaintNo + "/attachments/" + a.get("ID"))).toList());
    model.addAttribute("replies", records.writtenReplies(complaintNo).stream().map(r ->
        new Reply((String) r.get("REPLY_TEXT"), date(r.get("WRITTEN_AT")))).toList());
    return "records/complaint";
  }

  private static String labelOf(String deadline) {
    try {
      return com.wuye.workflow.complaint.Deadline.valueOf(deadline).label();
    } catch (IllegalArgumentException unknown) {
      return deadline;
    }
  }

  private String time(Object value) {
    return value instanceof Timestamp t ? text.dateTime(new java.util.Date(t.getTime())) : "";
  }

  private String date(Object value) {
    if (!(value instanceof Timestamp t)) {
      return "";
    }
    return StaffText.date(t.toInstant().atZone(text.zone()).toLocalDate());
  }

  private static String yesNo(Object value) {
    return Boolean.TRUE.equals(value) ? "是" : "否";
  }
}
