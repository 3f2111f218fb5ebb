package com.wuye.workflow.complaint.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.wuye.workflow.ProcessTestSupport;
import com.wuye.workflow.notification.OutboxSender;
import jakarta.activation.DataHandler;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.task.Task;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The company's complaint mailbox (CP-5, CP-11) against a real IMAP and SMTP server
 * (GreenMail): each message becomes exactly one complaint, triage task or set-aside message.
 */
@TestPropertySource(properties = {
    "spring.mail.host=localhost", "spring.mail.port=3930", "wuye.mail.poll-interval=PT1H",
    "wuye.mail.initial-delay=PT1H",
    "wuye.complaint-mailbox.host=localhost", "wuye.complaint-mailbox.port=3143",
    "wuye.complaint-mailbox.protocol=imap", "wuye.complaint-mailbox.username=complaints",
    "wuye.complaint-mailbox.password=secret", "wuye.complaint-mailbox.poll-interval=PT1H",
    "wuye.complaint-mailbox.initial-delay=PT1H", "wuye.complaint-mailbox.max-attachment-bytes=1000"})
class ComplaintMailboxTest extends ProcessTestSupport {

  @TestConfiguration
  static class Coverage extends ProcessEngineCoverageConfiguration {
    @Bean
    @Override
    public ProcessEngineCoverageProperties defaultCoverageProperties() {
      return fullCoverageOf("ComplaintMailTriage");
    }
  }

  static final String MAILBOX = "complaints@wuye.example";

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(new ServerSetup[] {
      new ServerSetup(3930, "localhost", "smtp"), new ServerSetup(3143, "localhost", "imap")})
      .withConfiguration(GreenMailConfiguration.aConfig().withUser(MAILBOX, "complaints", "secret"))
      .withPerMethodLifecycle(true);

  @Autowired
  ComplaintMailbox mailbox;
  @Autowired
  ComplaintMailboxProperties properties;
  @Autowired
  OutboxSender sender;
  @Autowired
  JdbcTemplate jdbc;

  @BeforeEach
  void emptyOutbox() {
    jdbc.update("DELETE FROM mail_outbox");
  }

  static Session session() {
    Properties p = new Properties();
    p.put("mail.smtp.host", "localhost");
    p.put("mail.smtp.port", "3930");
    return Session.getInstance(p);
  }

  static MimeMessage message(String from, String subject, String text) throws Exception {
    MimeMessage message = new MimeMessage(session());
    message.setFrom(new InternetAddress(from));
    message.setRecipients(Message.RecipientType.TO, MAILBOX);
    message.setSubject(subject, "UTF-8");
    message.setText(text, "UTF-8");
    // the sender's clock says 2020: the complaint counts from when the server received it
    message.setSentDate(new Date(1_577_836_800_000L));
    return message;
  }

  static final String COMPLETE = """
      管理處:
      小區:翠苑小區
      樓棟:A座
      單位:3樓05室
      姓名:張三
      電話:91234567
      電梯經常故障,請盡快處理。""";

  long complaintsFrom(String address) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM complaint WHERE email_from = ?", Long.class,
        address);
  }

  List<MimeMessage> to(String address) {
    return Arrays.stream(mail.getReceivedMessages()).filter(m -> {
      try {
        return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
            .anyMatch(a -> a.toString().equals(address));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  /** Marks every message of the mailbox unread again: a node that crashed before marking them. */
  void markAllUnread() throws Exception {
    Properties p = new Properties();
    try (Store store = Session.getInstance(p).getStore("imap")) {
      store.connect("localhost", 3143, "complaints", "secret");
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_WRITE);
      for (Message m : inbox.getMessages()) {
        m.setFlag(Flags.Flag.SEEN, false);
      }
      inbox.close(false);
    }
  }

  @Test
  @DisplayName("CP-5 CP-11 a mail to the complaint mailbox becomes one complaint: EMAIL, written, received when the server received it, its attachment a download of its office only; the sender is acknowledged with the number (Auto-Submitted); read again after a restart it makes nothing more")
  void mailBecomesOneComplaint() throws Exception {
    MimeMessage message = message("resident1@example.com", "電梯故障", COMPLETE);
    MimeMultipart parts = new MimeMultipart();
    MimeBodyPart textPart = new MimeBodyPart();
    textPart.setText(COMPLETE, "UTF-8");
    MimeBodyPart file = new MimeBodyPart();
    file.setDataHandler(new DataHandler(new ByteArrayDataSource(
        "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8), "text/html")));
    file.setFileName("照片說明.html");
    MimeBodyPart tooLarge = new MimeBodyPart();
    tooLarge.setDataHandler(new DataHandler(new ByteArrayDataSource(new byte[5000],
        "application/octet-stream")));
    tooLarge.setFileName("大檔案.bin");
    parts.addBodyPart(textPart);
    parts.addBodyPart(file);
    parts.addBodyPart(tooLarge);
    message.setContent(parts);
    Date before = new Date();
    Transport.send(message);
    // the Message-ID as sent (sending gives the message its own)
    String messageId = to(MAILBOX).get(0).getMessageID();

    assertThat(mailbox.read()).containsEntry(ComplaintMailIntake.Outcome.COMPLAINT, 1);
    Map<String, Object> complaint = jdbc.queryForMap(
        "SELECT * FROM complaint WHERE email_from = ?", "resident1@example.com");
    String no = (String) complaint.get("COMPLAINT_NO");
    assertThat(complaint).containsEntry("CHANNEL", "EMAIL").containsEntry("WRITTEN", true)
        .containsEntry("COMMUNITY", "翠苑小區").containsEntry("UNIT", "3樓05室")
        .containsEntry("RESIDENT_NAME", "張三").containsEntry("OFFICE_ID", "cuiyuan");
    long received = ((java.sql.Timestamp) complaint.get("RECEIVED_AT")).getTime();
    assertThat(received).as("INTERNALDATE, not the sender's Date: of 2020")
        .isBetween(before.getTime() - 2_000, System.currentTimeMillis() + 1_000);

    var detail = json(rest("director").get("/api/complaints/" + no));
    assertThat(detail.path("attachments").findValuesAsText("FILE_NAME"))
        .as("the one small enough is kept").containsExactly("照片說明.html");
    long attachmentId = detail.path("attachments").get(0).path("ID").asLong();
    HttpResponse<String> download = rest("director").get("/api/complaints/" + no
        + "/attachments/" + attachmentId);
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/octet-stream");
    assertThat(download.headers().firstValue("Content-Disposition").orElse(""))
        .startsWith("attachment");
    assertThat(download.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(rest("director2").get("/api/complaints/" + no + "/attachments/" + attachmentId)
        .statusCode()).as("another office").isEqualTo(404);

    sender.sendDue();
    assertThat(to("resident1@example.com")).singleElement().satisfies(ack -> {
      assertThat(ack.getSubject()).isEqualTo("[已收到投訴] 投訴編號 " + no);
      assertThat(ack.getHeader("Auto-Submitted")).containsExactly("auto-replied");
      assertThat(ack.getHeader("In-Reply-To")).containsExactly(messageId);
      assertThat(ack.getContent().toString()).contains(no, "翠苑管理處");
    });

    // a node that crashed after taking it in but before marking it read: read again
    markAllUnread();
    assertThat(mailbox.read()).containsEntry(ComplaintMailIntake.Outcome.ALREADY_READ, 1)
        .doesNotContainKey(ComplaintMailIntake.Outcome.COMPLAINT);
    assertThat(complaintsFrom("resident1@example.com")).isEqualTo(1);
  }

  @Test
  @DisplayName("CP-11 a complaint that came by e-mail gets its written reply by mail as well, in answer to the sender's message")
  void writtenReplyByMail() throws Exception {
    Transport.send(message("resident5@example.com", "管理費", COMPLETE.replace("3樓05室", "8樓08室")));
    assertThat(mailbox.read()).containsEntry(ComplaintMailIntake.Outcome.COMPLAINT, 1);
    String no = jdbc.queryForObject("SELECT complaint_no FROM complaint WHERE email_from = ?",
        String.class, "resident5@example.com");
    var instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(no)
        .singleResult();
    complete("duty", instance, "Task_LogComplaint", Map.of("category", "FEES",
        "dutyOfficerHandles", "YES", "handlingResult", "已更正收費"));
    complete("duty", instance, "Task_ReplyAfterOnTheSpot", Map.of("replyMethod", "PHONE",
        "residentOpinion", "滿意", "residentSatisfiedAnswer", "YES",
        "writtenReplyText", "張先生:管理費已更正,多收款項將於下月退回。"));
    sender.sendDue();
    assertThat(to("resident5@example.com")).extracting(MimeMessage::getSubject)
        .contains("[已收到投訴] 投訴編號 " + no, "投訴 " + no + " 的書面回復");
    MimeMessage reply = to("resident5@example.com").stream().filter(m -> {
      try {
        return m.getSubject().endsWith("的書面回復");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).findFirst().orElseThrow();
    assertThat(reply.getContent().toString()).contains("管理費已更正,多收款項將於下月退回。");
    assertThat(reply.getHeader("Auto-Submitted")).as("a person's reply, not a robot's").isNull();
    assertThat(reply.getHeader("In-Reply-To")).containsExactly(to(MAILBOX).get(0).getMessageID());
  }

  @Test
  @DisplayName("CP-5 two nodes reading the mailbox at the same moment make one complaint of one message")
  void twoReadersOneComplaint() throws Exception {
    Transport.send(message("resident2@example.com", "垃圾未清", COMPLETE.replace("3樓05室", "4樓01室")));
    var pool = Executors.newFixedThreadPool(2);
    try {
      List<Callable<Map<ComplaintMailIntake.Outcome, Integer>>> readers = List.of(mailbox::read,
          mailbox::read);
      List<Map<ComplaintMailIntake.Outcome, Integer>> outcomes = new ArrayList<>();
      for (Future<Map<ComplaintMailIntake.Outcome, Integer>> f : pool.invokeAll(readers)) {
        outcomes.add(f.get());
      }
      assertThat(outcomes.stream().mapToInt(o -> o == null ? 0
          : o.getOrDefault(ComplaintMailIntake.Outcome.COMPLAINT, 0)).sum())
          .as("outcomes %s", outcomes).isEqualTo(1);
    } finally {
      pool.shutdown();
    }
    assertThat(complaintsFrom("resident2@example.com")).isEqualTo(1);
  }

  @Test
  @DisplayName("CP-5 the mailbox down for a while: nothing is taken, nothing is lost, the message becomes its complaint when the mailbox is back")
  void mailboxOutage() throws Exception {
    Transport.send(message("resident3@example.com", "噪音", COMPLETE.replace("3樓05室", "5樓02室")));
    int port = properties.getPort();
    properties.setPort(3999);
    try {
      assertThat(mailbox.read()).as("cannot be reached").isNull();
    } finally {
      properties.setPort(port);
    }
    assertThat(complaintsFrom("resident3@example.com")).isZero();
    assertThat(mailbox.read()).containsEntry(ComplaintMailIntake.Outcome.COMPLAINT, 1);
    assertThat(complaintsFrom("resident3@example.com")).isEqualTo(1);
  }

  @Test
  @DisplayName("CP-5 a mail that does not say the community goes to the complaint centre, whose answer opens it in the right office with its deadlines from receipt; a wrong answer is refused naming the field")
  void triageByTheComplaintCentre() throws Exception {
    Date before = new Date();
    Transport.send(message("resident4@example.com", "大堂漏水", "你們大廈大堂漏水很久了,請處理。陳小姐"));
    assertThat(mailbox.read()).containsEntry(ComplaintMailIntake.Outcome.TRIAGE, 1);
    Task triage = taskService.createTaskQuery().processDefinitionKey("ComplaintMailTriage")
        .taskDefinitionKey("Task_TriageComplaintMail").list().stream()
        .filter(t -> "resident4@example.com".equals(taskService.getVariable(t.getId(), "mailFrom")))
        .findFirst().orElseThrow();
    assertThat(candidateGroups(triage)).containsExactly("complaint-center");
    assertThat(as("director", () -> taskService.createTaskQuery().taskId(triage.getId()).count()))
        .as("an office's director does not see the centre's triage").isZero();

    Map<String, Object> answer = new java.util.HashMap<>(Map.of("community", "不存在小區",
        "building", "東座", "unit", "1樓01室", "residentName", "陳小姐",
        "residentPhone", "98765432", "matter", "大堂漏水"));
    as("center", () -> {
      taskService.claim(triage.getId(), "center");
      return null;
    });
    assertThatThrownBy(() -> as("center", () -> {
      taskService.complete(triage.getId(), answer);
      return null;
    })).hasMessageContaining("不存在小區");
    assertThat(complaintsFrom("resident4@example.com")).isZero();

    answer.put("community", "金輝大廈");
    as("center", () -> {
      taskService.complete(triage.getId(), answer);
      return null;
    });
    Map<String, Object> complaint = jdbc.queryForMap(
        "SELECT * FROM complaint WHERE email_from = ?", "resident4@example.com");
    assertThat(complaint).containsEntry("OFFICE_ID", "jinhui").containsEntry("CHANNEL", "EMAIL")
        .containsEntry("WRITTEN", true);
    long received = ((java.sql.Timestamp) complaint.get("RECEIVED_AT")).getTime();
    assertThat(received).isBetween(before.getTime() - 2_000, System.currentTimeMillis());
    var instance = runtimeService.createProcessInstanceQuery()
        .processInstanceBusinessKey((String) complaint.get("COMPLAINT_NO")).singleResult();
    assertThat(((Date) runtimeService.getVariable(instance.getId(), "contactDue")).getTime())
        .as("two hours from receipt").isEqualTo(received + 2 * 3_600_000L);
    sender.sendDue();
    assertThat(to("resident4@example.com")).singleElement()
        .satisfies(ack -> assertThat(ack.getSubject()).contains((String) complaint.get("COMPLAINT_NO")));
  }

  @Test
  @DisplayName("CP-5 auto-replies and bounces are set aside and never answered; one sender is acknowledged at most three times a day; an unreadable mail is kept and shown to the duty officer")
  void robotsLoopsAndUnreadableMail() throws Exception {
    MimeMessage vacation = message("robot@example.com", "Out of office", "I am away.");
    vacation.setHeader("Auto-Submitted", "auto-replied");
    Transport.send(vacation);
    MimeMessage bounce = message("mailer-daemon@example.com", "Undelivered", "failed");
    Transport.send(bounce);
    for (int i = 0; i < 4; i++) {
      Transport.send(message("many@example.com", "投訴" + i,
          COMPLETE.replace("3樓05室", "6樓0" + (i + 1) + "室")));
    }
    MimeMessage empty = message("blank@example.com", "", "");
    empty.setSubject("");
    empty.setText("");
    Transport.send(empty);

    Map<ComplaintMailIntake.Outcome, Integer> outcomes = mailbox.read();
    assertThat(outcomes).containsEntry(ComplaintMailIntake.Outcome.SET_ASIDE, 2)
        .containsEntry(ComplaintMailIntake.Outcome.COMPLAINT, 4)
        .containsEntry(ComplaintMailIntake.Outcome.UNREADABLE, 1);
    assertThat(jdbc.queryForList("SELECT status FROM complaint_mail WHERE from_address IN (?, ?)",
        String.class, "robot@example.com", "mailer-daemon@example.com"))
        .containsOnly("SET_ASIDE");
    assertThat(complaintsFrom("many@example.com")).isEqualTo(4);
    sender.sendDue();
    assertThat(to("robot@example.com")).isEmpty();
    assertThat(to("mailer-daemon@example.com")).isEmpty();
    assertThat(to("many@example.com")).as("three acknowledgements a day").hasSize(3);

    Task review = taskService.createTaskQuery().processDefinitionKey("ComplaintMailTriage")
        .taskDefinitionKey("Task_ReviewUnreadableMail").list().stream()
        .filter(t -> "blank@example.com".equals(taskService.getVariable(t.getId(), "mailFrom")))
        .findFirst().orElseThrow();
    assertThat(candidateGroups(review)).containsExactly("duty-officer");
    as("duty", () -> {
      taskService.claim(review.getId(), "duty");
      taskService.complete(review.getId(), Map.of("reviewNote", "空白郵件,已致電寄件人"));
      return null;
    });
    assertThat(jdbc.queryForObject("SELECT status FROM complaint_mail WHERE from_address = ?",
        String.class, "blank@example.com")).isEqualTo("REVIEWED");
    assertThat(jdbc.queryForObject("SELECT raw FROM complaint_mail WHERE from_address = ?",
        byte[].class, "blank@example.com")).as("the message is kept").isNotEmpty();
  }
}
