package com.wuye.workflow.complaint.mail;

import com.wuye.workflow.complaint.ComplaintVariables;
import com.wuye.workflow.forms.FormValues;
import com.wuye.workflow.notification.Notifier;
import com.wuye.workflow.office.OfficeProperties;
import com.wuye.workflow.office.Offices;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns one message of the complaint mailbox into what it is, once (CP-5): a complaint (channel
 * {@code EMAIL}, written, received when the mail server received it), a triage task for the
 * complaint centre where the message does not tell the community, unit or resident, a message
 * set aside (an auto-reply, a bounce), or a message that cannot be read, kept and shown to the
 * duty officer. The message's row (unique per mailbox UID) is written first in the same
 * transaction, so a message read twice — after a restart, by a second node — does nothing more.
 */
@Service
public class ComplaintMailIntake {

  private static final Logger LOG = LoggerFactory.getLogger(ComplaintMailIntake.class);

  static final String TRIAGE_PROCESS = "ComplaintMailTriage";

  /** What became of a message. */
  public enum Outcome { COMPLAINT, TRIAGE, SET_ASIDE, UNREADABLE, ALREADY_READ }

  private final JdbcTemplate jdbc;
  private final RuntimeService runtime;
  private final Offices offices;
  private final com.wuye.workflow.forms.FormCatalog forms;
  private final Notifier notifier;
  private final ComplaintMailboxProperties properties;
  private final TransactionTemplate transaction;

  ComplaintMailIntake(JdbcTemplate jdbc, @Lazy RuntimeService runtime, Offices offices,
      com.wuye.workflow.forms.FormCatalog forms, Notifier notifier,
      ComplaintMailboxProperties properties, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.runtime = runtime;
    this.offices = offices;
    this.forms = forms;
    this.notifier = notifier;
    this.properties = properties;
    this.transaction = new TransactionTemplate(transactions);
  }

  /** Takes in one message read from the mailbox; {@code receivedAt} is its INTERNALDATE. */
  public Outcome take(String messageKey, MimeMessage message, Date receivedAt, byte[] raw) {
    try {
      return transaction.execute(status -> {
        try {
          return takeInTransaction(messageKey, message, receivedAt, raw);
        } catch (RuntimeException e) {
          throw e;
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
    } catch (DuplicateKeyException alreadyRead) {
      return Outcome.ALREADY_READ;
    }
  }

  /** A message that could not even be parsed: kept raw and shown to the duty officer. */
  public Outcome unreadable(String messageKey, Date receivedAt, byte[] raw, String reason) {
    try {
      return transaction.execute(status -> {
        long id = insert(messageKey, null, receivedAt, null, null, null, raw);
        markUnreadable(id, null, null, reason);
        return Outcome.UNREADABLE;
      });
    } catch (DuplicateKeyException alreadyRead) {
      return Outcome.ALREADY_READ;
    }
  }

  private Outcome takeInTransaction(String messageKey, MimeMessage message, Date receivedAt,
      byte[] raw) throws Exception {
    String from = MailMessages.from(message);
    String subject = message.getSubject();
    String messageId = message.getMessageID();
    long id = insert(messageKey, messageId, receivedAt, from, subject, null, raw);
    Optional<String> automatic = MailMessages.automatic(message);
    if (automatic.isPresent()) {
      jdbc.update("UPDATE complaint_mail SET status = 'SET_ASIDE', reason = ? WHERE id = ?",
          automatic.get(), id);
      LOG.info("Complaint mailbox: message {} set aside: {}", messageKey, automatic.get());
      return Outcome.SET_ASIDE;
    }
    String body;
    List<MailMessages.Attachment> attachments;
    try {
      body = MailMessages.text(message);
      attachments = MailMessages.attachments(message, properties.getMaxAttachments(),
          properties.getMaxAttachmentBytes());
    } catch (Exception e) {
      markUnreadable(id, from, subject, "無法讀取郵件內容:" + e.getClass().getSimpleName());
      return Outcome.UNREADABLE;
    }
    if (body.isBlank() && (subject == null || subject.isBlank())) {
      markUnreadable(id, from, subject, "郵件沒有文字內容");
      return Outcome.UNREADABLE;
    }
    jdbc.update("UPDATE complaint_mail SET body = ? WHERE id = ?", cut(body, 8000), id);
    for (MailMessages.Attachment a : attachments) {
      if (a.data() != null) {
        jdbc.update("""
            INSERT INTO complaint_attachment (mail_id, file_name, content_type, size_bytes, data)
            VALUES (?, ?, ?, ?, ?)""", id, cut(a.fileName(), 255),
            a.contentType() == null ? null : cut(a.contentType(), 200), a.size(), a.data());
      } else {
        LOG.info("Complaint mailbox: attachment {} of {} is larger than {} bytes; not kept",
            a.fileName(), messageKey, properties.getMaxAttachmentBytes());
      }
    }
    String matter = subject == null || subject.isBlank() ? firstLine(body) : subject.strip();
    MailMessages.Told told = MailMessages.told(body + "\n" + (subject == null ? "" : subject),
        offices.all().stream().flatMap(o -> o.getCommunities().stream())
            .map(OfficeProperties.Community::getName).toList());
    Map<String, Object> start = startVariables(told.community(), told.building(), told.unit(),
        told.residentName(), told.residentPhone(), matter, body, receivedAt);
    if (told.complete() && acceptable(start)) {
      open(id, start, from, messageId, MailMessages.fromList(message));
      return Outcome.COMPLAINT;
    }
    Map<String, Object> triage = new HashMap<>();
    triage.put("complaintMailId", id);
    triage.put("mailFrom", from == null ? "(沒有寄件人)" : from);
    triage.put("mailSubject", subject == null || subject.isBlank() ? "(沒有主題)" : cut(subject, 500));
    triage.put("mailText", cut(body, 4000));
    triage.put("mailReceivedAt", receivedAt);
    triage.put("mailReadable", true);
    triage.put("attachmentCount", attachments.size());
    putIfSet(triage, ComplaintVariables.COMMUNITY, told.community());
    putIfSet(triage, ComplaintVariables.BUILDING, told.building());
    putIfSet(triage, ComplaintVariables.UNIT, told.unit());
    putIfSet(triage, ComplaintVariables.RESIDENT_NAME, told.residentName());
    putIfSet(triage, ComplaintVariables.RESIDENT_PHONE, told.residentPhone());
    triage.put(ComplaintVariables.MATTER, cut(matter, 200));
    ProcessInstance instance = runtime.startProcessInstanceByKey(TRIAGE_PROCESS, triage);
    jdbc.update("""
        UPDATE complaint_mail SET status = 'TRIAGE', process_instance_id = ? WHERE id = ?""",
        instance.getId(), id);
    return Outcome.TRIAGE;
  }

  /**
   * Opens the complaint of a mailed message: the application's own start, so the true receipt
   * time counts however long triage took; links the message, its attachments and its sender to
   * the complaint and acknowledges it to the sender.
   */
  public String open(long mailId, Map<String, Object> start, String from, String messageId,
      boolean fromList) {
    ProcessInstance complaint = runtime.startProcessInstanceByKey(ComplaintVariables.PROCESS_KEY,
        start);
    String complaintNo = complaint.getBusinessKey();
    jdbc.update("""
        UPDATE complaint_mail SET status = 'COMPLAINT', complaint_no = ?, office_id = ?
        WHERE id = ?""", complaintNo, complaint.getTenantId(), mailId);
    jdbc.update("UPDATE complaint_attachment SET complaint_no = ?, office_id = ? WHERE mail_id = ?",
        complaintNo, complaint.getTenantId(), mailId);
    if (from != null) {
      jdbc.update("UPDATE complaint SET email_from = ? WHERE complaint_no = ?", from, complaintNo);
      acknowledge(mailId, from, messageId, fromList, complaintNo, complaint);
    }
    return complaintNo;
  }

  /**
   * The acknowledgement: an automatic reply, never to a list, and at most so many a day to one
   * sender, so that the office cannot be used to mail strangers or loop with another robot.
   */
  private void acknowledge(long mailId, String from, String messageId, boolean fromList,
      String complaintNo, ProcessInstance complaint) {
    if (fromList) {
      LOG.info("Complaint mailbox: {} came from a list; not acknowledged", complaintNo);
      return;
    }
    Timestamp dayAgo = new Timestamp(ClockUtil.getCurrentTime().getTime() - 86_400_000L);
    if (notifier.autoRepliesTo(from, dayAgo) >= properties.getAcknowledgementsPerSenderPerDay()) {
      LOG.info("Complaint mailbox: {} acknowledged enough today; {} not acknowledged", from,
          complaintNo);
      return;
    }
    notifier.toAddress(from, complaint.getTenantId(), "complaint-ack:" + mailId,
        "[已收到投訴] 投訴編號 " + complaintNo,
        "您好:\n\n我們已收到您的投訴郵件,投訴編號為 " + complaintNo + "("
            + offices.name(complaint.getTenantId()) + "處理)。我們會盡快與您聯系,並以書面回復。"
            + "\n查詢時請提供投訴編號。\n\n此郵件由系統自動發出,請勿直接回覆。",
        complaint.getId(), true, messageId);
  }

  Map<String, Object> startVariables(String community, String building, String unit,
      String residentName, String residentPhone, String matter, String body, Date receivedAt) {
    Map<String, Object> start = new HashMap<>();
    start.put(ComplaintVariables.COMMUNITY, community);
    start.put(ComplaintVariables.BUILDING, building);
    start.put(ComplaintVariables.UNIT, unit);
    start.put(ComplaintVariables.RESIDENT_NAME, residentName);
    start.put(ComplaintVariables.RESIDENT_PHONE, residentPhone);
    start.put(ComplaintVariables.CHANNEL, "EMAIL");
    start.put(ComplaintVariables.WRITTEN_COMPLAINT, true);
    start.put(ComplaintVariables.MATTER, cut(matter == null || matter.isBlank() ? "電郵投訴" : matter, 200));
    start.put(ComplaintVariables.DESCRIPTION, cut(body == null || body.isBlank() ? matter : body, 4000));
    start.put(ComplaintVariables.RECEIVED_AT,
        OffsetDateTime.ofInstant(receivedAt.toInstant(), ZoneOffset.UTC).toString());
    return start;
  }

  /** Whether the complaint's start contract takes these values (else the centre sorts it). */
  private boolean acceptable(Map<String, Object> start) {
    try {
      FormValues form = FormValues.of(start);
      form.requireText(ComplaintVariables.COMMUNITY, "小區");
      if (offices.officeOf((String) start.get(ComplaintVariables.COMMUNITY)).isEmpty()) {
        return false;
      }
      form.requireText(ComplaintVariables.BUILDING, "樓棟").requireLength(ComplaintVariables.BUILDING, "樓棟", 50)
          .requireUnit(ComplaintVariables.UNIT, "單位(房號)")
          .requireText(ComplaintVariables.RESIDENT_NAME, "業戶姓名")
          .requirePhone(ComplaintVariables.RESIDENT_PHONE, "業戶聯系電話");
      return forms.values("complaint-received", ComplaintVariables.CHANNEL).contains("EMAIL");
    } catch (RuntimeException notAcceptable) {
      return false;
    }
  }

  private long insert(String messageKey, String messageId, Date receivedAt, String from,
      String subject, String body, byte[] raw) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(con -> {
      var ps = con.prepareStatement("""
          INSERT INTO complaint_mail (message_key, message_id, received_at, read_at, from_address,
              subject, body, status, raw) VALUES (?, ?, ?, ?, ?, ?, ?, 'RECEIVED', ?)""",
          new String[] {"id"});
      ps.setString(1, cut(messageKey, 300));
      ps.setString(2, messageId == null ? null : cut(messageId, 500));
      ps.setTimestamp(3, new Timestamp((receivedAt == null ? ClockUtil.getCurrentTime() : receivedAt).getTime()));
      ps.setTimestamp(4, new Timestamp(ClockUtil.getCurrentTime().getTime()));
      ps.setString(5, from == null ? null : cut(from, 320));
      ps.setString(6, subject == null ? null : cut(subject, 500));
      ps.setString(7, body);
      ps.setBytes(8, raw);
      return ps;
    }, key);
    return key.getKey().longValue();
  }

  private void markUnreadable(long id, String from, String subject, String reason) {
    Map<String, Object> review = new HashMap<>();
    review.put("complaintMailId", id);
    review.put("mailFrom", from == null ? "(沒有寄件人)" : from);
    review.put("mailSubject", subject == null || subject.isBlank() ? "(沒有主題)" : cut(subject, 500));
    review.put("mailReadable", false);
    review.put("unreadableReason", reason);
    ProcessInstance instance = runtime.startProcessInstanceByKey(TRIAGE_PROCESS, review);
    jdbc.update("""
        UPDATE complaint_mail SET status = 'UNREADABLE', reason = ?, process_instance_id = ?
        WHERE id = ?""", cut(reason, 500), instance.getId(), id);
    LOG.warn("Complaint mailbox: message {} cannot be read ({}); kept for the duty officer", id,
        reason);
  }

  private static void putIfSet(Map<String, Object> variables, String name, String value) {
    if (value != null && !value.isBlank()) {
      variables.put(name, value);
    }
  }

  private static String firstLine(String body) {
    String line = body == null ? "" : body.strip().lines().findFirst().orElse("");
    return line.isBlank() ? "電郵投訴" : line;
  }

  static String cut(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
