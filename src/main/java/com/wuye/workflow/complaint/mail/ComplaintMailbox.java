package com.wuye.workflow.complaint.mail;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import java.io.ByteArrayOutputStream;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reads the company's complaint mailbox over IMAP every {@code poll-interval} (CP-5) and hands
 * each unread message to {@link ComplaintMailIntake}; a message is marked read only after what
 * it became was committed. A mailbox that cannot be reached is tried again at the next poll and
 * nothing is lost: its messages stay unread on the server until taken in, and a message taken in
 * twice (a crash before it was marked, a second node) is recognised by its UID.
 */
@Component
public class ComplaintMailbox {

  private static final Logger LOG = LoggerFactory.getLogger(ComplaintMailbox.class);

  private final ComplaintMailboxProperties properties;
  private final ComplaintMailIntake intake;

  ComplaintMailbox(ComplaintMailboxProperties properties, ComplaintMailIntake intake) {
    this.properties = properties;
    this.intake = intake;
  }

  @Scheduled(fixedDelayString = "${wuye.complaint-mailbox.poll-interval:PT1M}",
      initialDelayString = "${wuye.complaint-mailbox.initial-delay:PT15S}")
  public void poll() {
    if (properties.enabled()) {
      read();
    }
  }

  /**
   * Reads the unread messages once; what became of them, or null when the mailbox could not be
   * reached (it is tried again at the next poll).
   */
  public Map<ComplaintMailIntake.Outcome, Integer> read() {
    Properties settings = new Properties();
    String protocol = properties.getProtocol();
    settings.put("mail.store.protocol", protocol);
    settings.put("mail." + protocol + ".connectiontimeout", "10000");
    settings.put("mail." + protocol + ".timeout", "30000");
    Map<ComplaintMailIntake.Outcome, Integer> outcomes =
        new EnumMap<>(ComplaintMailIntake.Outcome.class);
    try (Store store = Session.getInstance(settings).getStore(protocol)) {
      store.connect(properties.getHost(), properties.getPort(), properties.getUsername(),
          properties.getPassword());
      Folder folder = store.getFolder(properties.getFolder());
      folder.open(Folder.READ_WRITE);
      try {
        long validity = ((UIDFolder) folder).getUIDValidity();
        for (Message message : folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))) {
          String key = properties.getHost() + "/" + folder.getFullName() + ":" + validity + ":"
              + ((UIDFolder) folder).getUID(message);
          ComplaintMailIntake.Outcome outcome = takeIn(key, message);
          outcomes.merge(outcome, 1, Integer::sum);
          try {
            message.setFlag(Flags.Flag.SEEN, true);
          } catch (Exception notMarked) {
            // taken in already; read again later it is recognised by its UID
            LOG.warn("Complaint mailbox: message {} not marked read ({})", key, notMarked.toString());
          }
        }
      } finally {
        folder.close(false);
      }
    } catch (Exception e) {
      LOG.warn("Complaint mailbox {}:{} cannot be read now ({}); trying again at the next poll",
          properties.getHost(), properties.getPort(), e.toString());
      return null;
    }
    if (!outcomes.isEmpty()) {
      LOG.info("Complaint mailbox: {}", outcomes);
    }
    return outcomes;
  }

  /**
   * The message's key is its place in the mailbox (UIDVALIDITY and UID) and a digest of its
   * content: read again it is the same; a different message is never taken for it, even from a
   * server that gave out a UID again without changing UIDVALIDITY.
   */
  private ComplaintMailIntake.Outcome takeIn(String place, Message message) throws Exception {
    java.util.Date receivedAt = message.getReceivedDate();
    byte[] raw = null;
    String key = place;
    MimeMessage copy;
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      message.writeTo(out);
      raw = out.toByteArray();
      key = place + ":" + java.util.HexFormat.of().formatHex(java.security.MessageDigest
          .getInstance("SHA-256").digest(raw), 0, 12);
      copy = new MimeMessage((MimeMessage) message);
    } catch (Exception unreadable) {
      return intake.unreadable(key, receivedAt, raw, "無法讀取郵件:" + unreadable.getClass()
          .getSimpleName());
    }
    try {
      return intake.take(key, copy, receivedAt, raw);
    } catch (RuntimeException failed) {
      // kept and shown rather than retried forever ahead of the messages after it
      LOG.warn("Complaint mailbox: message {} could not be taken in", key, failed);
      return intake.unreadable(key, receivedAt, raw, "無法轉為投訴:" + failed.getClass()
          .getSimpleName());
    }
  }
}
