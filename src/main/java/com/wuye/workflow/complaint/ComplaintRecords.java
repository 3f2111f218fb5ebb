package com.wuye.workflow.complaint;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The complaint procedure's records in the project's tables: complaints, collective cases,
 * missed deadlines, work circulation slips (工作傳簽單), special incident reports (特別事故報告) and
 * visit records (業戶訪問記錄). Every write joins the engine's transaction, so a record exists
 * exactly when the engine's step that produced it was committed.
 */
@Repository
public class ComplaintRecords {

  private final JdbcTemplate jdbc;

  public ComplaintRecords(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The engine's clock (tests move it) as a database timestamp in the server's zone. */
  static Timestamp now() {
    return new Timestamp(ClockUtil.getCurrentTime().getTime());
  }

  static Timestamp ts(Date date) {
    return date == null ? null : new Timestamp(date.getTime());
  }

  public record NewComplaint(String processInstanceId, String officeId, Date receivedAt,
      String receivedBy, String community, String building, String unit, String residentName, String residentPhone,
      String channel, boolean written, String matter, String matterKey, String description,
      boolean handledOnTheSpot, String relatedComplaintNo) {
  }

  /** Inserts the complaint and returns its number, e.g. TS-20261125-000042. */
  public String insertComplaint(NewComplaint c, ZoneId zone) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(con -> {
      var ps = con.prepareStatement("""
          INSERT INTO complaint (complaint_no, process_instance_id, received_at, received_by,
              community, building, unit, resident_name, resident_phone, channel, written, matter,
              matter_key, description, handled_on_the_spot, related_complaint_no, office_id,
              status)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN')""",
          new String[] {"id"});
      int i = 1;
      ps.setString(i++, "pending-" + c.processInstanceId());
      ps.setString(i++, c.processInstanceId());
      ps.setTimestamp(i++, ts(c.receivedAt()));
      ps.setString(i++, c.receivedBy());
      ps.setString(i++, c.community());
      ps.setString(i++, c.building());
      ps.setString(i++, c.unit());
      ps.setString(i++, c.residentName());
      ps.setString(i++, c.residentPhone());
      ps.setString(i++, c.channel());
      ps.setBoolean(i++, c.written());
      ps.setString(i++, c.matter());
      ps.setString(i++, c.matterKey());
      ps.setString(i++, c.description());
      ps.setBoolean(i++, c.handledOnTheSpot());
      ps.setString(i++, c.relatedComplaintNo());
      ps.setString(i, c.officeId());
      return ps;
    }, key);
    long id = key.getKey().longValue();
    String day = c.receivedAt().toInstant().atZone(zone).toLocalDate().toString().replace("-", "");
    String complaintNo = String.format("TS-%s-%06d", day, id);
    jdbc.update("UPDATE complaint SET complaint_no = ? WHERE id = ?", complaintNo, id);
    return complaintNo;
  }

  public Optional<Map<String, Object>> complaint(String complaintNo) {
    return jdbc.queryForList("SELECT * FROM complaint WHERE complaint_no = ?", complaintNo)
        .stream().findFirst();
  }

  /** Whether the office has a complaint with this number (another office's does not count). */
  public boolean existsInOffice(String complaintNo, String officeId) {
    return complaint(complaintNo).filter(c -> java.util.Objects.equals(c.get("OFFICE_ID"), officeId))
        .isPresent();
  }

  /** Closes a complaint typed into the wrong community (登記錯誤). */
  public void markCorrected(String complaintNo, String reason) {
    jdbc.update("""
        UPDATE complaint SET status = 'CORRECTED', closed_at = ?, correction_reason = ?
        WHERE complaint_no = ?""", now(), reason, complaintNo);
  }

  /**
   * The corrected complaint's record, for the start of the complaint opened again in its
   * place: its receipt time and receiver carry over. Only a complaint just closed as 登記錯誤 and
   * not yet opened again qualifies.
   */
  public Map<String, Object> correctedAwaitingReopening(String complaintNo) {
    return jdbc.queryForList("""
        SELECT * FROM complaint WHERE complaint_no = ? AND status = 'CORRECTED'
            AND corrected_to IS NULL""", complaintNo).stream().findFirst().orElseThrow(() ->
        new com.wuye.workflow.forms.FormInputException("correctedFrom",
            "投訴「" + complaintNo + "」不是待重新受理的登記錯誤投訴。"));
  }

  public void linkCorrection(String oldNo, String newNo) {
    jdbc.update("UPDATE complaint SET corrected_to = ? WHERE complaint_no = ?", newNo, oldNo);
    jdbc.update("UPDATE complaint SET corrected_from = ? WHERE complaint_no = ?", oldNo, newNo);
  }

  /** Open complaints of the community on the matter since {@code since}, oldest first. */
  /** Open complaints of the office's community on the matter since {@code since}, oldest first. */
  public List<Map<String, Object>> openOnMatter(String officeId, String community,
      String matterKey, Date since) {
    return jdbc.queryForList("""
        SELECT * FROM complaint WHERE community = ? AND matter_key = ? AND received_at >= ?
            AND status = 'OPEN' AND office_id = ? ORDER BY received_at, id""", community,
        matterKey, ts(since), officeId);
  }

  public Optional<Map<String, Object>> openCollectiveCase(String officeId, String community,
      String matterKey) {
    return jdbc.queryForList("""
        SELECT * FROM collective_case WHERE community = ? AND matter_key = ? AND status = 'OPEN'
            AND office_id = ?""", community, matterKey, officeId).stream().findFirst();
  }

  public String insertCollectiveCase(String officeId, String community, String matter,
      String matterKey, String coordinatorInstanceId, boolean byHand) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(con -> {
      var ps = con.prepareStatement("""
          INSERT INTO collective_case (case_no, community, matter, matter_key, opened_at,
              coordinator_instance_id, marked_by_hand, office_id, status)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN')""", new String[] {"id"});
      ps.setString(1, "pending-" + coordinatorInstanceId);
      ps.setString(2, community);
      ps.setString(3, matter);
      ps.setString(4, matterKey);
      ps.setTimestamp(5, now());
      ps.setString(6, coordinatorInstanceId);
      ps.setBoolean(7, byHand);
      ps.setString(8, officeId);
      return ps;
    }, key);
    long id = key.getKey().longValue();
    String caseNo = String.format("JT-%06d", id);
    jdbc.update("UPDATE collective_case SET case_no = ? WHERE id = ?", caseNo, id);
    return caseNo;
  }

  public String collectiveCaseNo(long id) {
    return jdbc.queryForObject("SELECT case_no FROM collective_case WHERE id = ?", String.class, id);
  }

  public Map<String, Object> collectiveCase(String caseNo) {
    return jdbc.queryForMap("SELECT * FROM collective_case WHERE case_no = ?", caseNo);
  }

  public void linkToCollectiveCase(String complaintNo, String caseNo) {
    jdbc.update("""
        UPDATE complaint SET collective_case_id = (SELECT id FROM collective_case WHERE case_no = ?)
        WHERE complaint_no = ?""", caseNo, complaintNo);
  }

  public List<Map<String, Object>> complaintsOfCollectiveCase(String caseNo) {
    return jdbc.queryForList("""
        SELECT c.* FROM complaint c JOIN collective_case k ON c.collective_case_id = k.id
        WHERE k.case_no = ? ORDER BY c.received_at, c.id""", caseNo);
  }

  public void closeCollectiveCase(String caseNo) {
    jdbc.update("UPDATE collective_case SET status = 'CLOSED', closed_at = ? WHERE case_no = ?",
        now(), caseNo);
    jdbc.update("""
        UPDATE complaint SET status = 'CLOSED', closed_at = ?
        WHERE collective_case_id = (SELECT id FROM collective_case WHERE case_no = ?)""",
        now(), caseNo);
  }

  public void classify(String complaintNo, String classification) {
    jdbc.update("UPDATE complaint SET classification = ? WHERE complaint_no = ?",
        classification, complaintNo);
  }

  public void close(String complaintNo, Boolean satisfied) {
    jdbc.update("""
        UPDATE complaint SET status = 'CLOSED', closed_at = ?, resident_satisfied = ?
        WHERE complaint_no = ?""", now(), satisfied, complaintNo);
  }

  public void insertMiss(String complaintNo, String processInstanceId, Deadline deadline,
      Date dueAt) {
    jdbc.update("""
        INSERT INTO deadline_miss (complaint_no, process_instance_id, deadline, task_key,
            responsible_group, due_at, detected_at, escalated_to, office_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, (SELECT office_id FROM complaint WHERE complaint_no = ?))""",
        complaintNo, processInstanceId, deadline.name(), deadline.taskKey(),
        deadline.responsibleGroup(), ts(dueAt), now(), deadline.escalateTo(), complaintNo);
  }

  /** Whether this deadline of the complaint, due then, was already recorded as missed. */
  public boolean missRecorded(String complaintNo, Deadline deadline, Date dueAt) {
    Long n = jdbc.queryForObject("""
        SELECT COUNT(*) FROM deadline_miss WHERE complaint_no = ? AND deadline = ? AND due_at = ?""",
        Long.class, complaintNo, deadline.name(), ts(dueAt));
    return n != null && n > 0;
  }

  /** The late task was done at last: its misses get their completion time (how late). */
  public void missedTaskCompleted(String processInstanceId, String taskKey) {
    jdbc.update("""
        UPDATE deadline_miss SET completed_at = ?
        WHERE process_instance_id = ? AND task_key = ? AND completed_at IS NULL""",
        now(), processInstanceId, taskKey);
  }

  public List<Map<String, Object>> misses(String complaintNo) {
    return jdbc.queryForList("SELECT * FROM deadline_miss WHERE complaint_no = ? ORDER BY id",
        complaintNo);
  }

  public long insertSlip(String complaintNo, String processInstanceId, String createdBy,
      String community, String reason) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(con -> {
      var ps = con.prepareStatement("""
          INSERT INTO work_circulation_slip (complaint_no, process_instance_id, created_at,
              created_by, community, reason, office_id)
          VALUES (?, ?, ?, ?, ?, ?, (SELECT office_id FROM complaint WHERE complaint_no = ?))""",
          new String[] {"id"});
      ps.setString(1, complaintNo);
      ps.setString(2, processInstanceId);
      ps.setTimestamp(3, now());
      ps.setString(4, createdBy);
      ps.setString(5, community);
      ps.setString(6, reason);
      ps.setString(7, complaintNo);
      return ps;
    }, key);
    return key.getKey().longValue();
  }

  /**
   * One level's result on the 工作傳簽單 (CP-7.8, CP-8.2): who, when, what they did and to whom
   * it went next. Entries are only added, never changed.
   */
  public void addSlipEntry(long slipId, String handledBy, String group, String result,
      String decision, String nextGroup) {
    jdbc.update("""
        INSERT INTO work_circulation_slip_entry (slip_id, office_id, handled_at, handled_by,
            handled_by_group, result, decision, next_group)
        VALUES (?, (SELECT office_id FROM work_circulation_slip WHERE id = ?), ?, ?, ?, ?, ?, ?)""",
        slipId, slipId, now(), handledBy, group, result, decision, nextGroup);
  }

  /** The entries of a complaint's slips, oldest first. */
  public List<Map<String, Object>> slipEntries(String complaintNo) {
    return jdbc.queryForList("""
        SELECT e.* FROM work_circulation_slip_entry e JOIN work_circulation_slip s
            ON e.slip_id = s.id WHERE s.complaint_no = ? ORDER BY e.id""", complaintNo);
  }

  /** CP-6.1 / CP-10.1: who handled the complaint (on the spot or as duty officer), and when. */
  public void recordHandling(String complaintNo, Date handledAt, String handledBy) {
    jdbc.update("UPDATE complaint SET handled_at = ?, handled_by = ? WHERE complaint_no = ?",
        ts(handledAt), handledBy, complaintNo);
  }

  /** CP-7.1 / CP-10.2: the reply time agreed at the contact, and the special reason if late. */
  public void recordAgreedReply(String complaintNo, Date agreedAt, String specialCircumstance) {
    jdbc.update("""
        UPDATE complaint SET agreed_reply_at = ?, special_circumstance = ?
        WHERE complaint_no = ?""", ts(agreedAt), specialCircumstance, complaintNo);
  }

  /** CP-11: the written reply to a written complaint. */
  public void insertWrittenReply(String complaintNo, String writtenBy, String text) {
    jdbc.update("""
        INSERT INTO written_reply (complaint_no, office_id, written_at, written_by, reply_text)
        VALUES (?, (SELECT office_id FROM complaint WHERE complaint_no = ?), ?, ?, ?)""",
        complaintNo, complaintNo, now(), writtenBy, text);
  }

  /** The Message-ID of the mail a complaint came in, if it came by mail. */
  public String mailMessageId(String complaintNo) {
    return jdbc.queryForList("SELECT message_id FROM complaint_mail WHERE complaint_no = ?",
        String.class, complaintNo).stream().findFirst().orElse(null);
  }

  /** A mailed complaint's attachments, without their content. */
  public List<Map<String, Object>> attachments(String complaintNo) {
    return jdbc.queryForList("""
        SELECT id, file_name, content_type, size_bytes FROM complaint_attachment
        WHERE complaint_no = ? ORDER BY id""", complaintNo);
  }

  public Optional<Map<String, Object>> attachment(String complaintNo, long id) {
    return jdbc.queryForList("""
        SELECT file_name, data FROM complaint_attachment WHERE complaint_no = ? AND id = ?""",
        complaintNo, id).stream().findFirst();
  }

  public List<Map<String, Object>> writtenReplies(String complaintNo) {
    return jdbc.queryForList("SELECT * FROM written_reply WHERE complaint_no = ? ORDER BY id",
        complaintNo);
  }

  /** CP-8.1: the households of a collective case not told yet are told now. */
  public void householdsTold(String caseNo) {
    jdbc.update("""
        UPDATE complaint SET collective_told_at = ? WHERE collective_told_at IS NULL
            AND collective_case_id = (SELECT id FROM collective_case WHERE case_no = ?)""",
        now(), caseNo);
  }

  public void householdTold(String complaintNo) {
    jdbc.update("""
        UPDATE complaint SET collective_told_at = ? WHERE collective_told_at IS NULL
            AND complaint_no = ?""", now(), complaintNo);
  }

  /** CP-8.1: the special incident report gets its outcome when the collective case closes. */
  public void completeSpecialIncidentReport(String caseNo, String outcome) {
    jdbc.update("""
        UPDATE special_incident_report SET outcome = ?, completed_at = ?
        WHERE collective_case_id = (SELECT id FROM collective_case WHERE case_no = ?)""",
        outcome, now(), caseNo);
  }

  /** Whether the collective case was organised already (its special incident report filled). */
  public boolean collectiveCaseOrganised(String caseNo) {
    return !specialIncidentReports(caseNo).isEmpty();
  }

  public List<Map<String, Object>> slips(String complaintNo) {
    return jdbc.queryForList(
        "SELECT * FROM work_circulation_slip WHERE complaint_no = ? ORDER BY id", complaintNo);
  }

  public void insertSpecialIncidentReport(String caseNo, String community, String filledBy,
      int households, String description, String plan, Date agreedReplyAt) {
    jdbc.update("""
        INSERT INTO special_incident_report (collective_case_id, community, filled_at, filled_by,
            households, description, handling_plan, agreed_reply_at, office_id)
        VALUES ((SELECT id FROM collective_case WHERE case_no = ?), ?, ?, ?, ?, ?, ?, ?,
            (SELECT office_id FROM collective_case WHERE case_no = ?))""",
        caseNo, community, now(), filledBy, households, description, plan, ts(agreedReplyAt),
        caseNo);
  }

  public List<Map<String, Object>> specialIncidentReports(String caseNo) {
    return jdbc.queryForList("""
        SELECT r.* FROM special_incident_report r JOIN collective_case k
            ON r.collective_case_id = k.id WHERE k.case_no = ?""", caseNo);
  }

  public void insertVisit(String complaintNo, String community, String visitor, String purpose,
      String opinion, String signature, boolean satisfied) {
    jdbc.update("""
        INSERT INTO visit_record (complaint_no, community, visited_at, visitor, purpose,
            resident_opinion, resident_signature, satisfied, office_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, (SELECT office_id FROM complaint WHERE complaint_no = ?))""",
        complaintNo, community, now(), visitor, purpose, opinion, signature, satisfied,
        complaintNo);
  }

  public List<Map<String, Object>> visits(String complaintNo) {
    return jdbc.queryForList("SELECT * FROM visit_record WHERE complaint_no = ? ORDER BY id",
        complaintNo);
  }

  /** Complaints received in the period, of the offices {@code officeIds} (null: every office). */
  public List<Map<String, Object>> findComplaints(LocalDateTime from, LocalDateTime to,
      List<String> officeIds, String community) {
    List<Object> args = new java.util.ArrayList<>(List.of(Timestamp.valueOf(from),
        Timestamp.valueOf(to)));
    StringBuilder sql = new StringBuilder(
        "SELECT * FROM complaint WHERE received_at >= ? AND received_at < ?");
    sql.append(com.wuye.workflow.office.Offices.restrict("office_id", officeIds, args));
    if (community != null) {
      sql.append(" AND community = ?");
      args.add(community);
    }
    return jdbc.queryForList(sql.append(" ORDER BY received_at, id").toString(), args.toArray());
  }

  public List<Map<String, Object>> relatedComplaints(String complaintNo) {
    return jdbc.queryForList("""
        SELECT complaint_no, received_at, status FROM complaint WHERE related_complaint_no = ?
        ORDER BY id""", complaintNo);
  }
}
