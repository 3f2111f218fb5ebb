package com.wuye.workflow.notification;

import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the outbox. Each message is claimed by one node with a conditional UPDATE and a lease,
 * so with several nodes on one database a message is sent once; a failure leaves it queued
 * with its error and a growing delay, and after {@code max-attempts} it is marked FAILED. With
 * no mail server configured messages stay queued, marked so, and the application works on.
 */
@Component
public class OutboxSender {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
  static final String NO_SERVER = "未設定郵件伺服器(no mail server configured)";
  private static final int MARK_BATCH = 500;

  private final JdbcTemplate jdbc;
  private final ObjectProvider<JavaMailSender> mailSender;
  private final MailProperties mail;
  private final com.wuye.workflow.notification.MailProperties properties;
  private final String node;

  OutboxSender(JdbcTemplate jdbc, ObjectProvider<JavaMailSender> mailSender, MailProperties mail,
      com.wuye.workflow.notification.MailProperties properties) {
    this.jdbc = jdbc;
    this.mailSender = mailSender;
    this.mail = mail;
    this.properties = properties;
    this.node = hostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return "node";
    }
  }

  @Scheduled(fixedDelayString = "${wuye.mail.poll-interval:PT10S}",
      initialDelayString = "${wuye.mail.initial-delay:PT5S}")
  public void poll() {
    try {
      sendDue();
    } catch (RuntimeException e) {
      LOG.error("Sending the outbox failed; will try again", e);
    }
  }

  /** Sends what is due now; returns how many messages went out. */
  public int sendDue() {
    Timestamp now = now();
    JavaMailSender sender = mailSender.getIfAvailable();
    if (sender == null || mail.getHost() == null || mail.getHost().isBlank()) {
      // in batches, in id order, passing over a message another node holds at that moment: two
      // nodes marking the same messages never wait for each other (one UPDATE of all of them
      // met the other node's in a deadlock on PostgreSQL, under load)
      int marked;
      do {
        marked = jdbc.update("""
            UPDATE mail_outbox SET last_error = ? WHERE id IN (SELECT id FROM mail_outbox
                WHERE status = 'PENDING' AND last_error IS NULL ORDER BY id LIMIT ?
                FOR UPDATE SKIP LOCKED)""", NO_SERVER, MARK_BATCH);
      } while (marked == MARK_BATCH);
      return 0;
    }
    List<Long> due = jdbc.queryForList("""
        SELECT id FROM mail_outbox WHERE status IN ('PENDING', 'SENDING') AND next_attempt_at <= ?
            AND (locked_until IS NULL OR locked_until < ?) ORDER BY id LIMIT 100""",
        Long.class, now, now);
    int sent = 0;
    for (Long id : due) {
      if (claim(id) && send(sender, id)) {
        sent++;
      }
    }
    return sent;
  }

  private boolean claim(long id) {
    Timestamp now = now();
    return jdbc.update("""
        UPDATE mail_outbox SET status = 'SENDING', locked_by = ?, locked_until = ?
        WHERE id = ? AND status IN ('PENDING', 'SENDING')
            AND (locked_until IS NULL OR locked_until < ?)""",
        node, new Timestamp(now.getTime() + properties.getLease().toMillis()), id, now) == 1;
  }

  private boolean send(JavaMailSender sender, long id) {
    var row = jdbc.queryForMap("SELECT * FROM mail_outbox WHERE id = ?", id);
    int attempts = ((Number) row.get("ATTEMPTS")).intValue() + 1;
    try {
      MimeMessage message = sender.createMimeMessage();
      MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
      helper.setFrom(properties.getFrom());
      helper.setTo(((String) row.get("RECIPIENTS")).split(","));
      helper.setSubject((String) row.get("SUBJECT"));
      helper.setText((String) row.get("BODY"), false);
      if (Boolean.TRUE.equals(row.get("AUTO_REPLY"))) {
        // RFC 3834: an automatic answer, which other robots must not answer in turn
        message.setHeader("Auto-Submitted", "auto-replied");
        message.setHeader("X-Auto-Response-Suppress", "All");
      }
      if (row.get("IN_REPLY_TO") != null) {
        message.setHeader("In-Reply-To", (String) row.get("IN_REPLY_TO"));
        message.setHeader("References", (String) row.get("IN_REPLY_TO"));
      }
      sender.send(message);
      jdbc.update("""
          UPDATE mail_outbox SET status = 'SENT', sent_at = ?, attempts = ?, locked_by = NULL,
              locked_until = NULL, last_error = NULL WHERE id = ? AND locked_by = ?""",
          now(), attempts, id, node);
      return true;
    } catch (Exception e) {
      boolean giveUp = attempts >= properties.getMaxAttempts();
      long delay = Math.min(properties.getRetryDelay().toMillis() << Math.min(attempts - 1, 20),
          3_600_000L);
      jdbc.update("""
          UPDATE mail_outbox SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ?,
              locked_by = NULL, locked_until = NULL WHERE id = ? AND locked_by = ?""",
          giveUp ? "FAILED" : Notifier.PENDING, attempts, new Timestamp(now().getTime() + delay),
          truncate(String.valueOf(e.getMessage())), id, node);
      LOG.warn("Mail {} not sent (attempt {}{}): {}", id, attempts, giveUp ? ", giving up" : "",
          e.getMessage());
      return false;
    }
  }

  private static Timestamp now() {
    return new Timestamp(ClockUtil.getCurrentTime().getTime());
  }

  private static String truncate(String value) {
    return value.length() <= 2000 ? value : value.substring(0, 2000);
  }
}
