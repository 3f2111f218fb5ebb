package com.wuye.workflow.complaint;

import com.wuye.workflow.security.CurrentUser;
import com.wuye.workflow.forms.RequestDates;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Complaints and their records for the people who handle and supervise them: by date and
 * community, and one complaint with its visits, slips, missed deadlines and re-complaints
 * (CP-14: visible from both the old and the new complaint).
 */
@RestController
@RequestMapping("/api/complaints")
class ComplaintController {

  static final String[] READERS = {"duty-officer", "cs-supervisor", "office-director",
      "deputy-gm", "general-manager", "complaint-center", "camunda-admin"};

  private final ComplaintRecords records;
  private final CurrentUser currentUser;
  private final com.wuye.workflow.office.Offices offices;
  private final ComplaintCorrection correction;
  private final com.wuye.workflow.forms.StaffText text;

  ComplaintController(ComplaintRecords records, CurrentUser currentUser,
      com.wuye.workflow.office.Offices offices, ComplaintCorrection correction,
      com.wuye.workflow.forms.StaffText text) {
    this.text = text;
    this.records = records;
    this.currentUser = currentUser;
    this.offices = offices;
    this.correction = correction;
  }

  record Correction(String community, String reason) {
  }

  /**
   * {@code POST /api/complaints/{no}/correction} {@code {"community": "…", "reason": "…"}}: the
   * office director or the complaint centre closes a complaint typed into the wrong community
   * as 登記錯誤 and opens it again in the right office ({@link ComplaintCorrection}).
   */
  @PostMapping("/{complaintNo}/correction")
  Map<String, String> correct(@PathVariable String complaintNo,
      @RequestBody(required = false) Correction request) {
    String newNo = correction.correct(complaintNo, request == null ? null : request.community(),
        request == null ? null : request.reason());
    return Map.of("message", "投訴 " + complaintNo + " 已按登記錯誤結案,並以 " + newNo + " 重新受理。",
        "complaintNo", newNo);
  }

  @GetMapping
  List<Map<String, Object>> find(@RequestParam String from, @RequestParam String to,
      @RequestParam(required = false) String community) {
    currentUser.require(READERS);
    java.time.LocalDateTime[] days = RequestDates.officeDays(from, to, text.zone());
    return columns(records.findComplaints(days[0], days[1], offices.recordFilter(), community == null || community.isBlank() ? null : community));
  }

  @GetMapping("/{complaintNo}")
  Map<String, Object> get(@PathVariable String complaintNo) {
    currentUser.require(READERS);
    // another office's complaint is answered as if it did not exist
    Map<String, Object> complaint = records.complaint(complaintNo)
        .filter(c -> offices.callerSees((String) c.get("OFFICE_ID"))).orElseThrow(() ->
        new ResponseStatusException(HttpStatus.NOT_FOUND, "沒有投訴編號「" + complaintNo + "」。"));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("complaint", columns(complaint));
    result.put("visits", columns(records.visits(complaintNo)));
    result.put("circulationSlips", columns(records.slips(complaintNo)));
    // CP-7.8 / CP-8.2: every level's entry on the slips, oldest first
    result.put("circulationSlipEntries", columns(records.slipEntries(complaintNo)));
    // CP-11: the written replies to a written complaint
    result.put("writtenReplies", columns(records.writtenReplies(complaintNo)));
    result.put("missedDeadlines", columns(records.misses(complaintNo)));
    // CP-5: a mailed complaint's attachments (downloads only, from .../attachments/{id})
    result.put("attachments", columns(records.attachments(complaintNo)));
    result.put("relatedComplaints", columns(records.relatedComplaints(complaintNo)));
    Object caseId = complaint.get("COLLECTIVE_CASE_ID");
    if (caseId != null) {
      String caseNo = records.collectiveCaseNo(((Number) caseId).longValue());
      result.put("collectiveCase", columns(records.collectiveCase(caseNo)));
      result.put("specialIncidentReports", columns(records.specialIncidentReports(caseNo)));
    }
    return result;
  }

  /**
   * An attachment of a mailed complaint, only ever as a download: whatever the sender called it
   * or said it was, the browser is told to save it, not to show or run it.
   */
  @GetMapping("/{complaintNo}/attachments/{id}")
  org.springframework.http.ResponseEntity<byte[]> attachment(@PathVariable String complaintNo,
      @PathVariable long id) {
    currentUser.require(READERS);
    records.complaint(complaintNo).filter(c -> offices.callerSees((String) c.get("OFFICE_ID")))
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
            "沒有投訴編號「" + complaintNo + "」。"));
    Map<String, Object> file = records.attachment(complaintNo, id).orElseThrow(() ->
        new ResponseStatusException(HttpStatus.NOT_FOUND, "沒有這個附件。"));
    return org.springframework.http.ResponseEntity.ok()
        .contentType(org.springframework.http.MediaType.APPLICATION_OCTET_STREAM)
        .header("Content-Disposition", org.springframework.http.ContentDisposition.attachment()
            .filename((String) file.get("FILE_NAME"), java.nio.charset.StandardCharsets.UTF_8)
            .build().toString())
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Security-Policy", "sandbox")
        .body((byte[]) file.get("DATA"));
  }

  /**
   * Rows with their column names in capitals, as H2 reports them: PostgreSQL reports them in
   * lower case, and the JSON of this API must not depend on the database behind it.
   */
  Map<String, Object> columns(Map<String, Object> row) {
    Map<String, Object> named = new LinkedHashMap<>();
    row.forEach((column, value) -> named.put(column.toUpperCase(java.util.Locale.ROOT),
        // times as the office reads them: 2026-12-02T03:54:00+08:00
        value instanceof java.sql.Timestamp time
            ? time.toInstant().atZone(text.zone()).toOffsetDateTime() : value));
    return named;
  }

  List<Map<String, Object>> columns(List<Map<String, Object>> rows) {
    return rows.stream().map(this::columns).toList();
  }
}
