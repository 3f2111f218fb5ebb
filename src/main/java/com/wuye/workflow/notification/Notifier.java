package com.wuye.workflow.notification;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import com.wuye.workflow.security.SystemAccess;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Tells people by mail. A message is written to the outbox in the caller's transaction — the
 * engine's step that causes it — and sent later by {@link OutboxSender}, so a mail server that
 * is down never blocks or rolls back the step. Each event is written once (its key is unique).
 * Recipients are the users' addresses in Camunda's identity service; a group with no address
 * leaves a visible NO_RECIPIENT row and a warning in the log instead of a silent skip.
 */
@Service
public class Notifier {

  private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);

  public static final String PENDING = "PENDING";
  public static final String NO_RECIPIENT = "NO_RECIPIENT";

  private final JdbcTemplate jdbc;
  private final IdentityService identityService;
  private final MailProperties properties;
  private final com.wuye.workflow.office.Offices offices;

  public Notifier(JdbcTemplate jdbc, @Lazy IdentityService identityService,
      MailProperties properties, com.wuye.workflow.office.Offices offices) {
    this.offices = offices;
    this.jdbc = jdbc;
    this.identityService = identityService;
    this.properties = properties;
  }

  /**
   * Mails the members of the groups who work for the office {@code officeId} (a case's tenant):
   * an office's group is mailed only its own office's cases; a company-wide group (the deputy
   * GM, the complaint centre) every office's. {@code eventKey} makes the message happen once.
   */
  public void toGroups(List<String> groupIds, String officeId, String eventKey, String subject,
      String body, String processInstanceId) {
    List<String> addresses = SystemAccess.withoutAuthorization(identityService,
        () -> addressesOf(groupIds, officeId));
    write(addresses, "群組 " + String.join("、", groupIds) + " 沒有" + (officeId == null ? ""
        : offices.name(officeId) + "的") + "成員設定電子郵件地址", officeId, eventKey, subject,
        body, processInstanceId);
  }

  /** Mails one user (the assignee of a task), once per {@code eventKey}. */
  public void toUser(String userId, String officeId, String eventKey, String subject, String body,
      String processInstanceId) {
    List<String> addresses = SystemAccess.withoutAuthorization(identityService, () -> {
      User user = identityService.createUserQuery().userId(userId).singleResult();
      return user == null || user.getEmail() == null || user.getEmail().isBlank()
          ? List.<String>of() : List.of(user.getEmail());
    });
    write(addresses, "使用者 " + userId + " 沒有設定電子郵件地址", officeId, eventKey, subject, body,
        processInstanceId);
  }

  /**
   * Mails an outside address (the sender of a mailed complaint): {@code autoReply} marks an
   * automatic answer (Auto-Submitted: auto-replied), {@code inReplyTo} the message it answers.
   */
  public void toAddress(String address, String officeId, String eventKey, String subject,
      String body, String processInstanceId, boolean autoReply, String inReplyTo) {
    write(List.of(address), "", officeId, eventKey, subject, body, processInstanceId);
    jdbc.update("UPDATE mail_outbox SET auto_reply = ?, in_reply_to = ? WHERE event_key = ?",
        autoReply, inReplyTo == null ? null : truncate(inReplyTo, 500), truncate(eventKey, 200));
  }

  /** Automatic answers already queued to an address since {@code since} (a per-sender limit). */
  public long autoRepliesTo(String address, Timestamp since) {
    Long n = jdbc.queryForObject("""
        SELECT COUNT(*) FROM mail_outbox WHERE auto_reply = TRUE AND recipients = ?
            AND created_at >= ?""", Long.class, address, since);
    return n == null ? 0 : n;
  }

  private void write(List<String> addresses, String noRecipient, String officeId, String eventKey,
      String subject, String body, String processInstanceId) {
    String status = PENDING;
    String error = null;
    if (addresses.isEmpty()) {
      status = NO_RECIPIENT;
      error = noRecipient;
      LOG.warn("No e-mail address for '{}' ({})", subject, eventKey);
    }
    Timestamp now = new Timestamp(ClockUtil.getCurrentTime().getTime());
    try {
      jdbc.update("""
          INSERT INTO mail_outbox (event_key, created_at, recipients, subject, body, status,
              attempts, next_attempt_at, last_error, process_instance_id, office_id)
          VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)""", truncate(eventKey, 200), now,
          truncate(String.join(",", addresses), 2000), truncate(subject, 500),
          truncate(body, 8000), status, now, error, processInstanceId, officeId);
    } catch (DuplicateKeyException alreadyWritten) {
      LOG.debug("Mail for {} already in the outbox", eventKey);
    }
  }

  /** A link to a task in Tasklist. */
  public String taskLink(String taskId) {
    return properties.getBaseUrl() + "/camunda/app/tasklist/default/#/?task=" + taskId;
  }

  private List<String> addressesOf(List<String> groupIds, String officeId) {
    List<String> addresses = new ArrayList<>();
    for (String groupId : groupIds) {
      var members = identityService.createUserQuery().memberOfGroup(groupId);
      if (officeId != null && !offices.companyWideGroups().contains(groupId)) {
        members.memberOfTenant(officeId);
      }
      for (User user : members.list()) {
        if (user.getEmail() != null && !user.getEmail().isBlank()
            && !addresses.contains(user.getEmail())) {
          addresses.add(user.getEmail());
        }
      }
    }
    return addresses;
  }

  private static String truncate(String value, int max) {
    return value.length() <= max ? value : value.substring(0, max);
  }
}
