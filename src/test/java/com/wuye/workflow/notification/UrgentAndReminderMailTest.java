package com.wuye.workflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.wuye.workflow.ProcessTestSupport;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Urgent work reaches its people at once, and a deadline warns before it passes: through a real
 * SMTP server (GreenMail), to the case's office only.
 */
@TestPropertySource(properties = {
    "spring.mail.host=localhost", "spring.mail.port=3927", "wuye.mail.poll-interval=PT1H",
    "wuye.mail.initial-delay=PT1H",
    "wuye.mail.deadline-reminder-interval=PT1H", "wuye.mail.base-url=https://wuye.example"})
class UrgentAndReminderMailTest extends ProcessTestSupport {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(3927, "localhost", "smtp"))
      .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
      .withPerMethodLifecycle(true);

  static final ZoneId OFFICE = ZoneId.of("Asia/Hong_Kong");

  @Autowired
  OutboxSender sender;
  @Autowired
  DeadlineReminders reminders;
  @Autowired
  JdbcTemplate jdbc;

  @BeforeEach
  void emptyOutbox() {
    jdbc.update("DELETE FROM mail_outbox");
  }

  static Date at(String localDateTime) {
    return Date.from(LocalDateTime.parse(localDateTime).atZone(OFFICE).toInstant());
  }

  List<MimeMessage> to(String address) {
    return Mailbox.to(smtp, address);
  }

  /** The reminders before a deadline among what arrived (new-task mail goes too). */
  List<MimeMessage> remindersTo(String address) {
    return to(address).stream().filter(m -> {
      try {
        return m.getSubject().startsWith("[期限提醒]");
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  static String body(MimeMessage message) throws Exception {
    return message.getContent().toString();
  }

  static Map<String, Object> complaint(String matter) {
    Map<String, Object> c = new HashMap<>();
    c.put("community", "翠苑小區");
    c.put("building", "D座");
    c.put("unit", "6樓0" + (int) (Math.random() * 9) + "室");
    c.put("residentName", "陳太");
    c.put("residentPhone", "92345678");
    c.put("channel", "HOTLINE");
    c.put("writtenComplaint", false);
    c.put("matter", matter + System.nanoTime());
    c.put("description", matter);
    return c;
  }

  @Test
  @DisplayName("UD-3 urgent: 安排人員調班 mails the department head of the case's office at once, with what, where and the link; the other office's head gets nothing")
  void shiftCoverMailsTheOfficesHead() throws Exception {
    ProcessInstance door = start("staff2", "UnlockedDoorProcess", Map.of("community", "金輝大廈",
        "building", "東座", "unit", "15樓02室", "finderType", "STAFF", "finderName", "趙曉明",
        "foundAt", LocalDateTime.now(OFFICE).withSecond(0).withNano(0).toString(),
        "keyInDoor", "NO"));
    complete("staff2", door, "Task_KnockOnDoor", Map.of("someoneHome", "NO"));
    complete("duty2", door, "Task_ContactOwner", Map.of("ownerContactResult", "BACK_IN_TIME",
        "ownerName", "王先生", "ownerContactChannel", "MOBILE"));
    assertThat(task("head2", door, "Task_ArrangeShiftCover")).isNotNull();

    sender.sendDue();
    assertThat(to("head2@wuye.example")).singleElement().satisfies(mail -> {
      assertThat(mail.getSubject()).isEqualTo("[立即調班] 安排人員調班 — 金輝大廈 東座 15樓02室");
      assertThat(body(mail)).contains("緊急任務", "地點:金輝大廈 東座 15樓02室",
          "https://wuye.example/camunda/app/tasklist/default/#/?task=");
    });
    assertThat(to("head@wuye.example")).as("the other office's head").isEmpty();
  }

  @Test
  @DisplayName("UD-4.3 CP-8.1 urgent: 拍照、鎖門並封存鑰匙 mails the guard leaders and 立即報告管理處主任 the duty officers of the case's office only")
  void guardAndCollectiveReportMailTheirOffice() throws Exception {
    ProcessInstance door = start("staff2", "UnlockedDoorProcess", Map.of("community", "金輝大廈",
        "building", "西座", "unit", "3樓01室", "finderType", "NON_STAFF", "finderName", "鄰居",
        "finderPhone", "91234567",
        "foundAt", LocalDateTime.now(OFFICE).withSecond(0).withNano(0).toString(),
        "keyInDoor", "YES"));
    complete("staff2", door, "Task_KnockOnDoor", Map.of("someoneHome", "NO"));
    complete("duty2", door, "Task_ContactOwner", Map.of("ownerContactResult", "CANNOT_COME_BACK",
        "ownerName", "王先生", "ownerContactChannel", "MOBILE"));
    complete("duty2", door, "Task_ObtainOwnerConsent", Map.of("lockConsent", "YES",
        "consentGivenBy", "王大明", "consentAt",
        LocalDateTime.now(OFFICE).withSecond(0).withNano(0).toString()));
    Map<String, Object> collective = new HashMap<>(complaint("業戶聯名"));
    collective.put("community", "金輝大廈");
    collective.put("markedCollective", true);
    start("staff2", "ComplaintProcess", collective);

    sender.sendDue();
    assertThat(to("guard2@wuye.example")).extracting(MimeMessage::getSubject)
        .anySatisfy(subject -> assertThat(subject).startsWith("[立即到場] 拍照、鎖門並封存鑰匙")
            .contains("金輝大廈 西座 3樓01室"));
    assertThat(to("guard@wuye.example")).isEmpty();
    assertThat(to("duty2@wuye.example")).extracting(MimeMessage::getSubject)
        .anySatisfy(subject -> assertThat(subject).startsWith("[集體投訴] 立即報告管理處主任"));
    assertThat(to("duty@wuye.example")).isEmpty();
  }

  @Test
  @DisplayName("EM-1 UD-4.4 urgent: a fire mails the duty officers and guard leaders of its office; the tasks the diagram does not mark urgent mail nobody")
  void fireMailsItsOfficeOnly() throws Exception {
    start("duty", "EmergencyIncidentProcess", Map.of("incidentKind", "FIRE", "community", "翠苑小區",
        "place", "B座大堂", "reporterName", "李值班", "situation", "大堂冒煙"));
    sender.sendDue();
    assertThat(to("duty@wuye.example")).extracting(MimeMessage::getSubject)
        .anySatisfy(subject -> assertThat(subject).startsWith("[火警] 火警應急處理"));
    assertThat(to("guard@wuye.example")).extracting(MimeMessage::getSubject)
        .anySatisfy(subject -> assertThat(subject).startsWith("[火警] 火警應急處理"));
    assertThat(to("duty2@wuye.example")).isEmpty();
    assertThat(to("guard2@wuye.example")).isEmpty();

    // not marked urgent: 記錄投訴於值班記錄表 mails nobody (unless a group asks for every task)
    start("staff", "ComplaintProcess", complaint("走廊燈"));
    sender.sendDue();
    assertThat(to("duty@wuye.example")).extracting(MimeMessage::getSubject)
        .noneSatisfy(subject -> assertThat(subject).contains("記錄投訴於值班記錄表"));
  }

  @Test
  @DisplayName("CP-7.1 before a deadline: at 50 % the candidates of the case's office, at 75 % the assignee get a reminder, once each; a task done early and a completed task send nothing")
  void remindersAtHalfAndThreeQuarters() throws Exception {
    setClock(at("2026-11-25T10:00"));
    ProcessInstance late = start("staff", "ComplaintProcess", complaint("管理費"));
    ProcessInstance early = start("staff", "ComplaintProcess", complaint("清潔"));
    for (ProcessInstance instance : List.of(late, early)) {
      complete("duty", instance, "Task_LogComplaint", Map.of("category", "FEES",
          "dutyOfficerHandles", "NO"));
      complete("supervisor", instance, "Task_ClassifyComplaint", Map.of("classification", "VALID"));
    }
    String contact = task("supervisor", late, "Task_ContactResident").getId();
    assertThat(jdbc.queryForList("SELECT share_pct, remind_at FROM deadline_reminder WHERE task_id = ?"
        + " ORDER BY share_pct", contact)).extracting(r -> r.get("SHARE_PCT") + "@" + r.get("REMIND_AT"))
        .containsExactly("50@" + new java.sql.Timestamp(at("2026-11-25T11:00").getTime()),
            "75@" + new java.sql.Timestamp(at("2026-11-25T11:30").getTime()));

    setClock(at("2026-11-25T10:30"));
    complete("supervisor", early, "Task_ContactResident", Map.of("contactNote", "已聯系",
        "agreedReplyAt", "2026-11-25T17:00"));

    setClock(at("2026-11-25T10:59"));
    assertThat(reminders.remindDue()).isZero();
    setClock(at("2026-11-25T11:00"));
    assertThat(reminders.remindDue()).as("only the open contact task").isEqualTo(1);
    assertThat(reminders.remindDue()).as("once").isZero();
    sender.sendDue();
    assertThat(remindersTo("supervisor@wuye.example")).singleElement().satisfies(mail -> {
      assertThat(mail.getSubject()).startsWith("[期限提醒] 與業戶聯系並約定回復時間 — " + late.getBusinessKey());
      assertThat(body(mail)).contains("50%", "2026年11月25日 12:00", "尚未有人認領");
    });
    assertThat(to("supervisor2@wuye.example")).as("the other office's supervisor").isEmpty();
    assertThat(remindersTo("supervisor@wuye.example")).hasSize(1);

    as("supervisor", () -> {
      taskService.claim(contact, "supervisor");
      return null;
    });
    setClock(at("2026-11-25T11:30"));
    assertThat(reminders.remindDue()).isEqualTo(1);
    sender.sendDue();
    assertThat(remindersTo("supervisor@wuye.example")).hasSize(2).last().satisfies(mail -> {
      assertThat(body(mail)).contains("75%").doesNotContain("尚未有人認領");
      assertThat(mail.getAllRecipients()).extracting(Object::toString)
          .containsExactly("supervisor@wuye.example");
    });

    // done: the agreed reply's own reminders go when it is completed before them
    setClock(at("2026-11-25T11:40"));
    complete("supervisor", late, "Task_ContactResident", Map.of("contactNote", "已聯系",
        "agreedReplyAt", "2026-11-25T13:40"));
    String handle = task("supervisor", late, "Task_HandleValidComplaint").getId();
    assertThat(jdbc.queryForObject("SELECT remind_at FROM deadline_reminder WHERE task_id = ?"
        + " AND share_pct = 50", java.sql.Timestamp.class, handle))
        .as("the agreed time's deadline runs from the agreement")
        .isEqualTo(new java.sql.Timestamp(at("2026-11-25T12:40").getTime()));
    complete("supervisor", late, "Task_HandleValidComplaint", Map.of("handlingOutcome", "RESOLVED",
        "handlingResult", "已退款", "replyMethod", "PHONE", "residentOpinion", "滿意",
        "residentSatisfiedAnswer", "YES"));
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM deadline_reminder WHERE task_id IN (?, ?)",
        Long.class, contact, handle)).isZero();
    setClock(at("2026-11-25T13:35"));
    assertThat(reminders.remindDue()).as("nothing after completion").isZero();
  }
}
