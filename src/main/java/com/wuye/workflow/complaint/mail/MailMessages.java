package com.wuye.workflow.complaint.mail;

import jakarta.mail.Address;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a message to the complaint mailbox says: who sent it, its text, whether it is a robot's. */
final class MailMessages {

  private MailMessages() {
  }

  /** An attachment as read from the message. */
  record Attachment(String fileName, String contentType, byte[] data, int size) {
  }

  /**
   * Why a message is not a person's (an auto-reply, a bounce, a delivery report), or empty:
   * RFC 3834's Auto-Submitted, the usual vacation-robot headers, delivery status reports and
   * the mailer daemon's addresses.
   */
  static Optional<String> automatic(MimeMessage message) throws Exception {
    String autoSubmitted = header(message, "Auto-Submitted");
    if (autoSubmitted != null && !autoSubmitted.trim().toLowerCase(Locale.ROOT).startsWith("no")) {
      return Optional.of("自動回覆(Auto-Submitted: " + autoSubmitted.trim() + ")");
    }
    for (String name : new String[] {"X-Autoreply", "X-Autorespond", "X-Failed-Recipients"}) {
      if (header(message, name) != null) {
        return Optional.of(name.equals("X-Failed-Recipients") ? "退信" : "自動回覆(" + name + ")");
      }
    }
    String precedence = header(message, "Precedence");
    if (precedence != null && precedence.trim().toLowerCase(Locale.ROOT).matches("bulk|junk|auto_reply")) {
      return Optional.of("自動或大量發送(Precedence: " + precedence.trim() + ")");
    }
    if (message.isMimeType("multipart/report")) {
      return Optional.of("退信或送達報告");
    }
    String returnPath = header(message, "Return-Path");
    if (returnPath != null && returnPath.replaceAll("\\s", "").equals("<>")) {
      return Optional.of("退信(空的退回地址)");
    }
    String from = from(message);
    if (from != null && from.toLowerCase(Locale.ROOT).matches("(mailer-daemon|postmaster)@.*")) {
      return Optional.of("退信(" + from + ")");
    }
    return Optional.empty();
  }

  /** A mailing list's message: a complaint may come that way, but nobody is answered there. */
  static boolean fromList(MimeMessage message) throws Exception {
    String precedence = header(message, "Precedence");
    return header(message, "List-Id") != null || header(message, "List-Unsubscribe") != null
        || (precedence != null && precedence.trim().equalsIgnoreCase("list"));
  }

  static String header(MimeMessage message, String name) throws Exception {
    String[] values = message.getHeader(name);
    return values == null || values.length == 0 ? null : values[0];
  }

  /** The sender's address (Reply-To first, as mail programs answer), lower case. */
  static String from(MimeMessage message) throws Exception {
    Address[] replyTo = message.getReplyTo();
    Address[] from = replyTo != null && replyTo.length > 0 ? replyTo : message.getFrom();
    if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress address)) {
      return null;
    }
    return address.getAddress() == null ? null : address.getAddress().toLowerCase(Locale.ROOT);
  }

  /** The message's text: its first text/plain part, else its HTML without the markup. */
  static String text(Part part) throws Exception {
    String plain = firstText(part, "text/plain");
    if (plain != null) {
      return plain.strip();
    }
    String html = firstText(part, "text/html");
    return html == null ? "" : html.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", "")
        .replaceAll("(?i)<br\\s*/?>|</p>|</div>", "\n").replaceAll("<[^>]+>", "")
        .replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
        .strip();
  }

  private static String firstText(Part part, String type) throws Exception {
    if (isAttachment(part)) {
      return null;
    }
    if (part.isMimeType(type) && part.getContent() instanceof String text) {
      return text;
    }
    if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        String found = firstText(multipart.getBodyPart(i), type);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static boolean isAttachment(Part part) throws Exception {
    return Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null;
  }

  /** The attachments, at most {@code max}, each read up to {@code maxBytes} (a larger one: null data). */
  static List<Attachment> attachments(Part part, int max, int maxBytes) throws Exception {
    List<Attachment> found = new ArrayList<>();
    collect(part, found, max, maxBytes);
    return found;
  }

  private static void collect(Part part, List<Attachment> found, int max, int maxBytes)
      throws Exception {
    if (found.size() >= max) {
      return;
    }
    if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        collect(multipart.getBodyPart(i), found, max, maxBytes);
      }
      return;
    }
    if (!isAttachment(part)) {
      return;
    }
    String name = part.getFileName() == null ? "附件" : MimeUtility.decodeText(part.getFileName());
    name = name.replaceAll("[\\\\/\\r\\n\"]", "_");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = part.getInputStream()) {
      byte[] buffer = new byte[8192];
      int n;
      while ((n = in.read(buffer)) > 0) {
        out.write(buffer, 0, n);
        if (out.size() > maxBytes) {
          // too large to keep: listed with its name, not stored
          found.add(new Attachment(name, part.getContentType(), null, out.size()));
          return;
        }
      }
    }
    found.add(new Attachment(name, part.getContentType(), out.toByteArray(), out.size()));
  }

  /** The fields of a complaint a resident wrote out, as far as the text tells them. */
  record Told(String community, String building, String unit, String residentName,
      String residentPhone) {

    boolean complete() {
      return community != null && building != null && unit != null && residentName != null
          && residentPhone != null;
    }
  }

  static final Pattern BUILDING = Pattern.compile("(?:樓棟|座數|大廈座數)[::]\\s*(\\S{1,50})"
      + "|([A-Za-z0-9０-９Ａ-Ｚ\\p{IsHan}]{1,4}[座棟])");
  static final Pattern UNIT = Pattern.compile("(?:單位|房號|單位\\(房號\\))[::]\\s*(\\S{1,30})"
      + "|(\\d{1,3}樓\\d{1,4}室)");
  static final Pattern NAME = Pattern.compile("(?:姓名|業戶姓名|投訴人)[::]\\s*([^\\s,,。]{1,100})");
  static final Pattern PHONE = Pattern.compile("(?:電話|聯系電話|聯絡電話|手機)[::]\\s*([+0-9][0-9 ()\\-]{5,19})");

  static Told told(String text, List<String> communities) {
    String community = communities.stream().filter(text::contains).findFirst().orElse(null);
    return new Told(community, group(BUILDING, text), group(UNIT, text), group(NAME, text),
        Optional.ofNullable(group(PHONE, text)).map(String::strip).orElse(null));
  }

  private static String group(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    if (!m.find()) {
      return null;
    }
    for (int i = 1; i <= m.groupCount(); i++) {
      if (m.group(i) != null) {
        return m.group(i);
      }
    }
    return null;
  }
}
