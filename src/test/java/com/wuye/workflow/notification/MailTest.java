package com.wuye.workflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.wuye.workflow.ProcessTestSupport;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/** Mail through a real SMTP server (GreenMail): what arrives, to whom, once, after an outage. */
@TestPropertySource(properties = {
    "spring.mail.host=localhost", "spring.mail.port=3925", "wuye.mail.poll-interval=PT1H",
    "wuye.mail.initial-delay=PT1H",
    "wuye.mail.retry-delay=PT1M", "wuye.mail.base-url=https://wuye.example"})
class MailTest extends ProcessTestSupport {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(3925, "localhost", "smtp"))
      .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
      .withPerMethodLifecycle(true);

  @Autowired
  OutboxSender sender;
  @Autowired
  Notifier notifier;
  @Autowired
  JdbcTemplate jdbc;

  @BeforeEach
  void emptyOutbox() {
    jdbc.update("DELETE FROM mail_outbox");
  }

  static Map<String, Object> complaint(String matter) {
    Map<String, Object> c = new HashMap<>();
    c.put("community", "翠苑小區");
    c.put("building", "C座");
    c.put("unit", "8樓0" + (int) (Math.random() * 9) + "室");
    c.put("residentName", "陳太");
    c.put("residentPhone", "92345678");
    c.put("channel", "HOTLINE");
    c.put("writtenComplaint", false);
    c.put("matter", matter);
    c.put("description", matter);
    return c;
  }

  List<MimeMessage> to(String address) {
    return com.wuye.workflow.notification.Mailbox.to(smtp, address);
  }

  static String body(MimeMessage message) throws Exception {
    return message.getContent().toString();
  }

  @Test
  @DisplayName("CP-7.1 CP-7.8 a missed deadline mails the next person up, in Chinese, with a link to the task in Tasklist")
  void missedDeadlineMailsTheDirector() throws Exception {
    ProcessInstance instance = start("staff", "ComplaintProcess", complaint("管理費多收" + System.nanoTime()));
    complete("duty", instance, "Task_LogComplaint", Map.of("category", "FEES", "dutyOfficerHandles", "NO"));
    complete("supervisor", instance, "Task_ClassifyComplaint", Map.of("classification", "VALID"));
    ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + 3 * 3_600_000L));
    execute(managementService.createJobQuery().processInstanceId(instance.getId())
        .activityId("BoundaryEvent_ContactResidentMissed").singleResult());
    String superviseTask = as("director", () -> taskService.createTaskQuery()
        .processInstanceId(instance.getId()).taskDefinitionKey("Task_SuperviseMissedDeadline")
        .singleResult().getId());

    assertThat(sender.sendDue()).isPositive();
    List<MimeMessage> mails = to("director@wuye.example");
    assertThat(mails).hasSize(1);
    MimeMessage mail = mails.get(0);
    assertThat(mail.getSubject()).startsWith("[逾期督辦] 督辦逾期投訴").contains(instance.getBusinessKey());
    assertThat(body(mail)).contains("兩小時內與業戶聯系",
        "https://wuye.example/camunda/app/tasklist/default/#/?task=" + superviseTask);
    assertThat(mail.getContentType()).containsIgnoringCase("UTF-8");
    assertThat(to("staff@wuye.example")).isEmpty();
    assertThat(sender.sendDue()).as("nothing is sent twice").isZero();
    assertThat(to("director@wuye.example")).hasSize(1);
  }

  @Test
  @DisplayName("CP-4 CP-8.1 a collective complaint mails the office director, the deputy GM and the complaint centre at once")
  void collectiveComplaintMailsManagers() throws Exception {
    Map<String, Object> c = complaint("外牆剝落" + System.nanoTime());
    c.put("markedCollective", true);
    ProcessInstance instance = start("staff", "ComplaintProcess", c);
    complete("duty", instance, "Task_ReportCollectiveToDirector", Map.of("collectiveReportNote", "多戶聯名"));
    sender.sendDue();
    for (String manager : List.of("director@wuye.example", "deputy@wuye.example", "center@wuye.example")) {
      assertThat(to(manager)).as(manager).anySatisfy(m ->
          assertThat(m.getSubject()).startsWith("[集體投訴] 翠苑小區 外牆剝落"));
    }
  }

  @Test
  @DisplayName("UD-4.4.1.3 UD-4.4.1.4 a sealed key waiting for its owner mails the key custodian")
  void sealedKeyMailsTheCustodian() throws Exception {
    Map<String, Object> report = new HashMap<>(Map.of("community", "翠苑小區", "building", "A座",
        "unit", "2樓01室", "finderType", "NON_STAFF", "finderName", "鄰居", "finderPhone", "91234567",
        "foundAt", "2026-11-25T21:10", "keyInDoor", "YES"));
    ProcessInstance instance = start("staff", "UnlockedDoorProcess", report);
    complete("staff", instance, "Task_KnockOnDoor", Map.of("someoneHome", "NO"));
    complete("staff", instance, "Task_ContactOwner", Map.of("ownerContactResult", "CANNOT_COME_BACK"));
    complete("staff", instance, "Task_ObtainOwnerConsent", Map.of("lockConsent", "YES",
        "consentGivenBy", "業主", "consentAt", "2026-11-25T21:30"));
    runtimeService.setVariable(instance.getId(), "doorPhoto",
        Variables.fileValue("d.jpg").file(new byte[] {1}).mimeType("image/jpeg").create());
    complete("guard", instance, "Task_SecureDoorWithFinderWitness", Map.of("doorLocked", true,
        "envelopeNo", "MAIL-" + System.nanoTime() % 100000, "onSiteStaffSignature", "劉", "finderSignature", "鄰居",
        "finderPhone", "91234567", "noteLeftOnDoor", true, "envelopeHandedIn", true, "nobodyEntered", true));
    sender.sendDue();
    assertThat(to("custodian@wuye.example")).singleElement().satisfies(m ->
        assertThat(m.getSubject()).isEqualTo("[鑰匙封存待交還] 業主簽收鑰匙 — 翠苑小區 A座 2樓01室"));
  }

  @Test
  @DisplayName("Supervisors and managers hear of new tasks offered to their group; front-line staff do not by default")
  void newTasksForSupervisors() {
    ProcessInstance instance = start("staff", "ComplaintProcess", complaint("噪音" + System.nanoTime()));
    complete("duty", instance, "Task_LogComplaint", Map.of("category", "OTHER", "dutyOfficerHandles", "NO"));
    sender.sendDue();
    assertThat(to("supervisor@wuye.example")).anySatisfy(m ->
        assertThat(m.getSubject()).startsWith("[新任務] 區分投訴類別"));
    assertThat(to("duty@wuye.example")).isEmpty();
  }

  @Test
  @DisplayName("A mail server that is down leaves the message queued with its error; it goes out once when the server is back")
  void outageAndRecovery() throws Exception {
    notifier.toGroups(List.of("office-director"), "cuiyuan", "test:outage", "[測試] 郵件伺服器中斷", "內容", null);
    smtp.stop();
    assertThat(sender.sendDue()).isZero();
    Map<String, Object> queued = jdbc.queryForMap("SELECT * FROM mail_outbox WHERE event_key = 'test:outage'");
    assertThat(queued.get("STATUS")).isEqualTo("PENDING");
    assertThat(queued.get("ATTEMPTS")).isEqualTo(1);
    assertThat((String) queued.get("LAST_ERROR")).isNotBlank();

    smtp.start();
    assertThat(sender.sendDue()).as("not before the retry delay").isZero();
    ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + 2 * 60_000L));
    assertThat(sender.sendDue()).isEqualTo(1);
    assertThat(sender.sendDue()).isZero();
    assertThat(to("director@wuye.example")).hasSize(1);
    assertThat(to("director@wuye.example").get(0).getSubject()).isEqualTo("[測試] 郵件伺服器中斷");
    assertThat(jdbc.queryForObject("SELECT status FROM mail_outbox WHERE event_key = 'test:outage'",
        String.class)).isEqualTo("SENT");
    assertThat(json(rest("admin").get("/api/mail-outbox?status=SENT")).findValuesAsText("SUBJECT"))
        .contains("[測試] 郵件伺服器中斷");
    assertThat(rest("staff").get("/api/mail-outbox").statusCode()).isEqualTo(403);
  }

  @Test
  @DisplayName("A group with no e-mail address is a visible warning in the outbox, not a silent skip")
  void groupWithoutAddress() {
    identityService.saveGroup(identityService.newGroup("no-mail-group"));
    notifier.toGroups(List.of("no-mail-group"), "cuiyuan", "test:no-address", "[測試] 無地址", "內容", null);
    Map<String, Object> row = jdbc.queryForMap("SELECT * FROM mail_outbox WHERE event_key = 'test:no-address'");
    assertThat(row.get("STATUS")).isEqualTo("NO_RECIPIENT");
    assertThat((String) row.get("LAST_ERROR")).contains("no-mail-group", "沒有翠苑管理處的成員設定電子郵件地址");
    notifier.toGroups(List.of("office-director"), "cuiyuan", "test:no-address", "again", "again", null);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mail_outbox WHERE event_key = 'test:no-address'",
        Integer.class)).as("one message per event").isEqualTo(1);
  }
}
