package com.wuye.workflow.unlockeddoor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.calledProcessInstance;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.wuye.workflow.ProcessTestSupport;
import com.wuye.workflow.dutylog.DutyLogEntry;
import com.wuye.workflow.forms.FormInputException;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

class UnlockedDoorProcessTest extends ProcessTestSupport {

  @TestConfiguration
  static class Coverage extends ProcessEngineCoverageConfiguration {
    @Bean
    @Override
    public ProcessEngineCoverageProperties defaultCoverageProperties() {
      return fullCoverageOf("UnlockedDoorProcess");
    }
  }

  @Autowired
  KeyEnvelopeService envelopes;
  @Autowired
  org.springframework.jdbc.core.JdbcTemplate jdbc;
  @Autowired
  com.wuye.workflow.forms.FormCatalog forms;
  @Autowired
  org.camunda.bpm.engine.RepositoryService repositoryService;

  static Map<String, Object> report(String finderType, String keyInDoor) {
    Map<String, Object> report = new HashMap<>();
    report.put("community", "翠苑小區");
    report.put("building", "A座");
    report.put("unit", "12樓03室");
    report.put("finderType", finderType);
    report.put("finderName", finderType.equals("STAFF") ? "陳志明" : "鄰居李先生");
    report.put("finderPhone", finderType.equals("STAFF") ? null : "91234567");
    report.put("foundAt", "2026-11-25T21:10");
    report.put("keyInDoor", keyInDoor);
    return report;
  }

  ProcessInstance reportAndFindNobodyHome(String finderType, String keyInDoor) {
    ProcessInstance instance = start("staff", "UnlockedDoorProcess", report(finderType, keyInDoor));
    complete("staff", instance, "Task_KnockOnDoor", Map.of("someoneHome", "NO"));
    return instance;
  }

  /** The owner's consent on the phone, recorded as staff write it: 業主 and the full name. */
  static Map<String, Object> consent(String answer) {
    return Map.of("lockConsent", answer, "consentGivenBy", "業主王大文",
        "consentAt", "2026-11-25T21:25");
  }

  /** 業主簽收鑰匙 as the custodian fills it in for {@code claimant}, who shows an identity card. */
  static Map<String, Object> handOver(String claimant) {
    Map<String, Object> form = new HashMap<>();
    form.put("situationExplained", true);
    form.put("claimantName", claimant);
    form.put("ownerIdType", "HK_ID");
    form.put("ownerIdLastDigits", "4567");
    form.put("ownerIdChecked", true);
    form.put("ownerSignature", claimant);
    form.put("belongingsReminderGiven", true);
    return form;
  }

  void uploadPhoto(ProcessInstance instance) {
    runtimeService.setVariable(instance.getId(), "doorPhoto",
        Variables.fileValue("door.jpg").file(new byte[] {1, 2, 3}).mimeType("image/jpeg").create());
  }

  /** Envelope numbers are unique for good; each test seals its own. */
  static final java.util.concurrent.atomic.AtomicInteger ENVELOPES = new java.util.concurrent.atomic.AtomicInteger();

  String envelopeNo;

  @org.junit.jupiter.api.BeforeEach
  void nextEnvelope() {
    envelopeNo = "KE-" + (1000 + ENVELOPES.incrementAndGet());
  }

  Map<String, Object> securedWithFinderWitness() {
    Map<String, Object> form = new HashMap<>();
    form.put("doorLocked", true);
    form.put("envelopeNo", envelopeNo);
    form.put("onSiteStaffSignature", "劉建華");
    form.put("finderSignature", "鄰居李先生");
    form.put("finderPhone", "91234567");
    form.put("noteLeftOnDoor", true);
    form.put("envelopeHandedIn", true);
    form.put("nobodyEntered", true);
    return form;
  }

  /** A REST submission ({"variables": {name: {"value": …}}}) of form values. */
  static String submission(Map<String, Object> values) {
    com.fasterxml.jackson.databind.node.ObjectNode variables = JSON.createObjectNode();
    values.forEach((name, value) -> variables.putObject(name).set("value", JSON.valueToTree(value)));
    com.fasterxml.jackson.databind.node.ObjectNode body = JSON.createObjectNode();
    body.set("variables", variables);
    return body.toString();
  }

  static Map<String, Object> followUp() {
    return Map.of("followUpMethod", "PHONE", "followUpResult", "業主表示滿意");
  }

  @Test
  @DisplayName("UD-4.1 someone home: reminded to lock and to take the key; the case closes and is in the duty log")
  void someoneHome() {
    ProcessInstance instance = start("staff", "UnlockedDoorProcess", report("NON_STAFF", "YES"));
    Task knock = task("staff", instance, "Task_KnockOnDoor");
    assertThat(candidateGroups(knock)).containsExactly("service-staff");

    complete("staff", instance, "Task_KnockOnDoor", Map.of("someoneHome", "YES",
        "remindedToLock", true, "keyReminded", true));

    assertThat(instance).isEnded().hasPassed("EndEvent_ResidentReminded");
    assertThat(dutyLogOf(instance)).extracting(DutyLogEntry::entryType)
        .containsExactly("發現房門未鎖", "敲門確認家中是否有人", "已提醒業主,個案結束");
    assertThat(dutyLogOf(instance).get(1).summary())
        .contains("敲門后家中是否有人?:家中有人", "已提醒業主及時拔掉鑰匙:是");
    assertThat(dutyLogOf(instance)).allSatisfy(entry -> {
      assertThat(entry.community()).isEqualTo("翠苑小區");
      assertThat(entry.unit()).isEqualTo("12樓03室");
    });
  }

  @Test
  @DisplayName("UD-4.1 a key in the door must be reminded before the case can close")
  void keyReminderRequired() {
    ProcessInstance instance = start("staff", "UnlockedDoorProcess", report("NON_STAFF", "YES"));
    assertThatThrownBy(() -> complete("staff", instance, "Task_KnockOnDoor",
        Map.of("someoneHome", "YES", "remindedToLock", true)))
        .isInstanceOf(FormInputException.class).hasMessageContaining("已提醒業主及時拔掉鑰匙");
    assertThat(instance).isWaitingAt("Task_KnockOnDoor");
  }

  @Test
  @DisplayName("UD-4.2 owner back within 30 minutes: staff wait, the department head arranges cover; owner arrives, the case closes without follow-up")
  void ownerBackInTime() {
    ProcessInstance instance = reportAndFindNobodyHome("NON_STAFF", "YES");
    complete("staff", instance, "Task_ContactOwner", Map.of("ownerContactResult", "BACK_IN_TIME"));

    assertThat(instance).isWaitingAt("Task_WaitForOwner", "Task_ArrangeShiftCover");
    assertThat(candidateGroups(task("head", instance, "Task_ArrangeShiftCover")))
        .containsExactly("department-head");
    complete("head", instance, "Task_ArrangeShiftCover", Map.of("coverArrangement", "由小張頂班至22:00"));
    complete("staff", instance, "Task_WaitForOwner", Map.of("ownerArrived", true, "nobodyEntered", true));

    assertThat(instance).isEnded().hasPassed("EndEvent_OwnerArrived", "EndEvent_OwnerPresentCaseClosed")
        .hasNotPassed("Task_FollowUpOwner");
  }

  @Test
  @DisplayName("UD-4.2 the 30-minute wait is due 30 minutes after the owner promised; when it passes the case continues as UD-4.4, the open cover task ends with the door")
  void ownerNotBackWithin30Minutes() {
    Date contacted = Date.from(LocalDateTime.of(2026, 11, 25, 21, 20)
        .atZone(ZoneId.systemDefault()).toInstant());
    setClock(contacted);
    ProcessInstance instance = reportAndFindNobodyHome("NON_STAFF", "NO");
    complete("staff", instance, "Task_ContactOwner", Map.of("ownerContactResult", "BACK_IN_TIME"));

    Job timer = managementService.createJobQuery().processInstanceId(instance.getId())
        .activityId("BoundaryEvent_OwnerNotBackIn30Min").singleResult();
    assertThat(timer.getDuedate()).isEqualTo(new Date(contacted.getTime() + 30 * 60 * 1000));
    execute(timer);

    assertThat(instance).isWaitingAt("Task_ObtainOwnerConsent", "Task_ArrangeShiftCover");
    complete("staff", instance, "Task_ObtainOwnerConsent", consent("YES"));
    uploadPhoto(instance);
    Map<String, Object> secured = securedWithFinderWitness();
    secured.remove("envelopeNo");
    complete("guard", instance, "Task_SecureDoorWithFinderWitness", secured);

    assertThat(instance).hasPassed("EndEvent_DoorLocked").isWaitingAt("Task_FollowUpOwner");
    assertThat(task("head", instance, "Task_ArrangeShiftCover")).isNull();
    complete("staff", instance, "Task_FollowUpOwner", followUp());
    assertThat(instance).isEnded().hasPassed("EndEvent_CaseClosed");
  }

  @Test
  @DisplayName("UD-4.4.1.1 UD-4.4.1.2 UD-4.4.1.3 UD-4.4.1.4 non-staff finder: consent, guard leader locks with the finder as witness, key sealed with two signatures and handed over only by the custodian")
  void nonStaffFinderKeySealedAndHandedOver() {
    ProcessInstance instance = reportAndFindNobodyHome("NON_STAFF", "YES");
    complete("duty", instance, "Task_ContactOwner", Map.of("ownerContactResult", "CANNOT_COME_BACK",
        "ownerName", "王先生", "ownerContactChannel", "MOBILE"));
    complete("duty", instance, "Task_ObtainOwnerConsent", consent("YES"));

    Task secure = task("guard", instance, "Task_SecureDoorWithFinderWitness");
    assertThat(candidateGroups(secure)).containsExactly("guard-leader");
    assertThatThrownBy(() -> complete("guard", instance, "Task_SecureDoorWithFinderWitness",
        securedWithFinderWitness())).hasMessageContaining("照片");
    uploadPhoto(instance);
    complete("guard", instance, "Task_SecureDoorWithFinderWitness", securedWithFinderWitness());

    KeyEnvelope envelope = envelopes.find(envelopeNo).orElseThrow();
    assertThat(envelope.status()).isEqualTo(KeyEnvelope.SEALED);
    assertThat(envelope.sealedBy()).isEqualTo("guard");
    assertThat(envelope.finderSignature()).isEqualTo("鄰居李先生");
    assertThat(envelope.onsiteStaffSignature()).isEqualTo("劉建華");
    assertThat(envelope.finderPhone()).isEqualTo("91234567");
    assertThat(envelope.thirdPartySignature()).isNull();
    assertThat(instance).isWaitingAt("Task_HandOverKey");
    Task handOver = task("custodian", instance, "Task_HandOverKey");
    assertThat(candidateGroups(handOver)).containsExactly("key-custodian");
    assertThat(task("staff", instance, "Task_HandOverKey")).isNull();
    assertThat((String) runtimeService.getVariable(instance.getId(), "caseSummary"))
        .contains(envelopeNo, "鄰居李先生", "沒有進入");

    complete("custodian", instance, "Task_HandOverKey", handOver("王大文"));

    KeyEnvelope released = envelopes.find(envelopeNo).orElseThrow();
    assertThat(released.status()).isEqualTo(KeyEnvelope.RELEASED);
    assertThat(released.releasedBy()).isEqualTo("custodian");
    assertThat(released.ownerName()).isEqualTo("王大文");
    assertThat(released.history()).extracting(KeyEnvelope.Event::action)
        .containsExactly("SEALED", "RELEASED");
    complete("staff", instance, "Task_FollowUpOwner", followUp());
    assertThat(instance).isEnded().hasPassed("ServiceTask_ReleaseKeyEnvelope", "EndEvent_CaseClosed");
  }

  @Test
  @DisplayName("UD-4.4.1.3 UD-4.4.2.4 a sealed envelope cannot be released by REST, by another role or by the admin: each attempt is refused and written to its history")
  void sealedEnvelopeCannotBeReleasedEarly() {
    ProcessInstance instance = reportAndFindNobodyHome("NON_STAFF", "YES");
    complete("duty", instance, "Task_ContactOwner", Map.of("ownerContactResult", "CANNOT_COME_BACK"));
    complete("duty", instance, "Task_ObtainOwnerConsent", consent("YES"));
    uploadPhoto(instance);
    complete("guard", instance, "Task_SecureDoorWithFinderWitness", securedWithFinderWitness());
    String taskId = task("custodian", instance, "Task_HandOverKey").getId();

    HttpResponse<String> overRest = rest("custodian").postJson("/api/key-envelopes/" + envelopeNo + "/release", "{}");
    assertThat(overRest.statusCode()).isEqualTo(409);
    assertThat(json(overRest).path("message").asText()).contains("任何人不得打開");
    assertThat(rest("director").postJson("/api/key-envelopes/" + envelopeNo + "/release", "{}").statusCode())
        .isEqualTo(409);
    assertThat(rest("director").postJson("/api/key-envelopes/NO-SUCH-ENVELOPE/release", "{}").statusCode())
        .as("the same answer whether the envelope exists or not").isEqualTo(409);

    String handOver = submission(handOver("王大文"));
    assertThat(rest("staff").postJson("/engine-rest/task/" + taskId + "/complete", handOver)
        .statusCode()).isEqualTo(403);
    HttpResponse<String> byAdmin =
        rest("admin").postJson("/engine-rest/task/" + taskId + "/submit-form", handOver);
    assertThat(byAdmin.statusCode()).isEqualTo(400);
    assertThat(json(byAdmin).path("message").asText()).contains("只有服務中心專人");

    KeyEnvelope envelope = envelopes.find(envelopeNo).orElseThrow();
    assertThat(envelope.status()).isEqualTo(KeyEnvelope.SEALED);
    assertThat(envelope.history()).extracting(KeyEnvelope.Event::action, KeyEnvelope.Event::actor)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("SEALED", "guard"),
            org.assertj.core.groups.Tuple.tuple("RELEASE_REFUSED", "custodian"),
            org.assertj.core.groups.Tuple.tuple("RELEASE_REFUSED", "director"),
            org.assertj.core.groups.Tuple.tuple("RELEASE_REFUSED", "admin"));
    assertThat(instance).isWaitingAt("Task_HandOverKey");

    HttpResponse<String> listed = rest("custodian").get("/api/key-envelopes");
    assertThat(json(listed).findValuesAsText("envelopeNo")).contains(envelopeNo);
    assertThat(rest("staff").get("/api/key-envelopes").statusCode()).isEqualTo(403);

    assertThat(rest("custodian").postJson("/engine-rest/task/" + taskId + "/claim",
        "{\"userId\": \"custodian\"}").statusCode()).isEqualTo(204);
    assertThat(rest("custodian").postJson("/engine-rest/task/" + taskId + "/submit-form", handOver)
        .statusCode()).isEqualTo(204);
    assertThat(envelopes.find(envelopeNo).orElseThrow().status()).isEqualTo(KeyEnvelope.RELEASED);
  }

  @Test
  @DisplayName("UD-4.4.2.1 UD-4.4.2.2 UD-4.4.2.3 UD-4.4.2.5 staff finder stays at the door until it is locked; third-party witness; three signatures; the owner signs for the key at the service centre")
  void staffFinderThirdPartyWitness() {
    ProcessInstance instance = reportAndFindNobodyHome("STAFF", "YES");
    assertThat(instance).isWaitingAt("Task_StayAtDoor", "Task_ContactOwner");
    assertThatThrownBy(() -> complete("staff", instance, "Task_StayAtDoor", Map.of("nobodyEntered", true)))
        .hasMessageContaining("接替留守人員");
    complete("staff", instance, "Task_StayAtDoor", Map.of("watchHandedOverTo", "黃小明", "nobodyEntered", true));
    assertThat(task("staff", instance, "Task_StayAtDoor")).isNotNull();

    complete("duty", instance, "Task_ContactOwner", Map.of("ownerContactResult", "CANNOT_COME_BACK"));
    complete("duty", instance, "Task_ObtainOwnerConsent", consent("YES"));
    uploadPhoto(instance);
    Map<String, Object> twoSignatures = securedWithFinderWitness();
    
    twoSignatures.put("thirdPartyName", "保安公司張先生");
    assertThatThrownBy(() -> complete("guard", instance, "Task_SecureDoorWithThirdParty", twoSignatures))
        .isInstanceOf(FormInputException.class).hasMessageContaining("第三方人員簽字");
    assertThat(envelopes.find(envelopeNo)).isEmpty();

    Map<String, Object> threeSignatures = new HashMap<>(twoSignatures);
    threeSignatures.put("thirdPartySignature", "張先生");
    complete("guard", instance, "Task_SecureDoorWithThirdParty", threeSignatures);

    assertThat(envelopes.find(envelopeNo).orElseThrow().thirdPartySignature()).isEqualTo("張先生");
    assertThat(task("staff", instance, "Task_StayAtDoor")).as("the finder may leave").isNull();
    assertThat(instance).hasPassed("EndEvent_DoorLockedKeySealed").isWaitingAt("Task_HandOverKey");

    assertThat(task("staff", instance, "Task_HandOverKey")).isNull();
    complete("custodian", instance, "Task_HandOverKey", handOver("王大文"));
    KeyEnvelope released = envelopes.find(envelopeNo).orElseThrow();
    assertThat(released.status()).isEqualTo(KeyEnvelope.RELEASED);
    assertThat(released.ownerName()).isEqualTo("王大文");
    assertThat(instance).isWaitingAt("Task_FollowUpOwner");
  }

  @Test
  @DisplayName("UD-4.4.1.2 a key found in the door on site is sealed even when the report said there was none")
  void keyFoundOnSiteIsSealed() {
    ProcessInstance instance = reportAndFindNobodyHome("NON_STAFF", "NO");
    complete("duty", instance, "Task_ContactOwner", Map.of("ownerContactResult", "CANNOT_COME_BACK",
        "ownerName", "王先生", "ownerContactChannel", "MOBILE"));
    complete("duty", instance, "Task_ObtainOwnerConsent", consent("YES"));
    uploadPhoto(instance);
    Map<String, Object> onSite = securedWithFinderWitness();
    onSite.put("keyInDoor", "YES");
    onSite.remove("envelopeNo");
    assertThatThrownBy(() -> complete("guard", instance, "Task_SecureDoorWithFinderWitness", onSite))
        .hasMessageContaining("專用信封編號");
    onSite.put("envelopeNo", envelopeNo);
    complete("guard", instance, "Task_SecureDoorWithFinderWitness", onSite);

    assertThat(envelopes.find(envelopeNo).orElseThrow().status()).isEqualTo(KeyEnvelope.SEALED);
    assertThat(instance).hasPassed("ServiceTask_SealKeyEnvelope").isWaitingAt("Task_HandOverKey");
  }

  @Test
  @DisplayName("UD-4.4.1.3 UD-4.4.2.4 a key still sealed a day after sealing is brought to the office's custodians and director every day until the owner signs for it")
  void sealedKeyReminders() {
    Date sealedAt = Date.from(java.time.Instant.parse("2026-11-25T13:30:00Z"));
    setClock(sealedAt);
    ProcessInstance instance = reportAndFindNobodyHome("NON_STAFF", "YES");
    complete("duty", instance, "Task_ContactOwner", Map.of("ownerContactResult", "CANNOT_COME_BACK",
        "ownerName", "王先生", "ownerContactChannel", "MOBILE"));
    complete("duty", instance, "Task_ObtainOwnerConsent", consent("YES"));
    uploadPhoto(instance);
    complete("guard", instance, "Task_SecureDoorWithFinderWitness", securedWithFinderWitness());

    for (int day = 1; day <= 2; day++) {
      Job reminder = managementService.createJobQuery().processInstanceId(instance.getId())
          .activityId("BoundaryEvent_KeyStillSealed").singleResult();
      assertThat(reminder.getDuedate()).as("reminder %s", day)
          .isEqualTo(new Date(sealedAt.getTime() + day * 86_400_000L));
      setClock(reminder.getDuedate());
      execute(reminder);
      assertThat(jdbc.queryForList("SELECT recipients FROM mail_outbox WHERE event_key LIKE ?",
          String.class, "key-reminder:" + envelopeNo + ":%")).as("reminders after %s days", day)
          .hasSize(day).allSatisfy(to -> assertThat(to.split(","))
              .contains("custodian@wuye.example", "director@wuye.example")
              .doesNotContain("custodian2@wuye.example", "director2@wuye.example"));
    }
    assertThat(instance).isWaitingAt("Task_HandOverKey").hasPassed("EndEvent_KeyReminded");
    complete("custodian", instance, "Task_HandOverKey", handOver("王大文"));
    assertThat(managementService.createJobQuery().processInstanceId(instance.getId())
        .activityId("BoundaryEvent_KeyStillSealed").count()).as("no reminder after the hand-over")
        .isZero();
  }

  /** A case of either variant, driven by its people until the key is sealed and waits for 業主簽收鑰匙. */
  ProcessInstance sealedKey(String finderType) {
    ProcessInstance instance = reportAndFindNobodyHome(finderType, "YES");
    complete("duty", instance, "Task_ContactOwner", Map.of("ownerContactResult", "CANNOT_COME_BACK"));
    complete("duty", instance, "Task_ObtainOwnerConsent", consent("YES"));
    uploadPhoto(instance);
    Map<String, Object> secured = securedWithFinderWitness();
    if (finderType.equals("STAFF")) {
      secured.put("thirdPartyName", "保安公司張先生");
      secured.put("thirdPartySignature", "張先生");
      complete("guard", instance, "Task_SecureDoorWithThirdParty", secured);
    } else {
      complete("guard", instance, "Task_SecureDoorWithFinderWitness", secured);
    }
    assertThat(instance).isWaitingAt("Task_HandOverKey");
    return instance;
  }

  List<String> historyOf(String envelope) {
    return envelopes.find(envelope).orElseThrow().history().stream().map(KeyEnvelope.Event::action)
        .toList();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"NON_STAFF", "STAFF"})
  @DisplayName("UD-4.4.1.4 UD-4.4.2.5 the owner who gave consent takes the key: the identity document's kind and last four characters are recorded with the release")
  void matchingNameReleasesTheKey(String finderType) {
    ProcessInstance instance = sealedKey(finderType);
    Map<String, Object> form = handOver(" 王 大文 ");
    form.put("ownerIdType", "HOME_RETURN_PERMIT");
    form.put("ownerIdLastDigits", "０１２ａ");
    complete("custodian", instance, "Task_HandOverKey", form);

    KeyEnvelope released = envelopes.find(envelopeNo).orElseThrow();
    assertThat(released.status()).isEqualTo(KeyEnvelope.RELEASED);
    assertThat(released.releasedBy()).isEqualTo("custodian");
    assertThat(released.ownerIdType()).isEqualTo("HOME_RETURN_PERMIT");
    assertThat(released.ownerIdLastDigits()).isEqualTo("012A");
    assertThat(released.consentGivenBy()).isEqualTo("業主王大文");
    assertThat(released.ownerNameMatched()).isTrue();
    assertThat(released.confirmedBy()).isNull();
    assertThat(released.history()).extracting(KeyEnvelope.Event::action).containsExactly("SEALED", "RELEASED");
    assertThat(released.history().get(1).detail()).contains("回鄉證", "012A");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM key_envelope WHERE envelope_no = ?"
        + " AND owner_id_type = 'HOME_RETURN_PERMIT' AND owner_id_last_digits = '012A'", Long.class,
        envelopeNo)).isEqualTo(1);
    assertThat(dutyLogOf(instance)).anySatisfy(entry -> {
      assertThat(entry.entryType()).isEqualTo("業主簽收鑰匙");
      assertThat(entry.summary()).contains("證件類別:回鄉證", "證件號碼末四位:０１２ａ");
    });
    assertThat(instance).hasPassed("ServiceTask_CompareClaimantName", "ServiceTask_ReleaseKeyEnvelope")
        .hasNotPassed("Task_ConfirmKeyOwner").isWaitingAt("Task_FollowUpOwner");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"NON_STAFF", "STAFF"})
  @DisplayName("UD-4.4.1.4 UD-4.4.2.5 a name other than the consent's releases nothing until the case's office director confirms with a reason; the reason is in the envelope's history and the duty log")
  void mismatchConfirmedByDirector(String finderType) {
    ProcessInstance instance = sealedKey(finderType);
    complete("custodian", instance, "Task_HandOverKey", handOver("陳美玲"));

    assertThat(instance).isWaitingAt("Task_ConfirmKeyOwner").hasNotPassed("ServiceTask_ReleaseKeyEnvelope");
    assertThat(envelopes.find(envelopeNo).orElseThrow().status()).isEqualTo(KeyEnvelope.SEALED);
    assertThat(historyOf(envelopeNo)).containsExactly("SEALED", "OWNER_NAME_MISMATCH");
    Task confirm = task("director", instance, "Task_ConfirmKeyOwner");
    assertThat(candidateGroups(confirm)).containsExactly("office-director");
    assertThat(confirm.getTenantId()).isEqualTo("cuiyuan").isEqualTo(instance.getTenantId());
    assertThat(jdbc.queryForObject("SELECT recipients FROM mail_outbox WHERE event_key = ?",
        String.class, "task:" + confirm.getId()).split(","))
        .contains("director@wuye.example").doesNotContain("director2@wuye.example");
    assertThat(runtimeService.getVariable(instance.getId(), "claimantName")).isEqualTo("陳美玲");

    assertThatThrownBy(() -> complete("director", instance, "Task_ConfirmKeyOwner",
        Map.of("claimantConfirmed", "YES"))).isInstanceOf(FormInputException.class)
        .hasMessageContaining("理由");
    complete("director", instance, "Task_ConfirmKeyOwner", Map.of("claimantConfirmed", "YES",
        "confirmationReason", "已致電業主王大文,確認由太太陳美玲代領"));

    KeyEnvelope released = envelopes.find(envelopeNo).orElseThrow();
    assertThat(released.status()).isEqualTo(KeyEnvelope.RELEASED);
    assertThat(released.ownerName()).isEqualTo("陳美玲");
    assertThat(released.releasedBy()).as("the custodian who handed it over").isEqualTo("custodian");
    assertThat(released.ownerNameMatched()).isFalse();
    assertThat(released.confirmedBy()).isEqualTo("director");
    assertThat(released.confirmationReason()).isEqualTo("已致電業主王大文,確認由太太陳美玲代領");
    assertThat(released.ownerIdType()).isEqualTo("HK_ID");
    assertThat(released.ownerIdLastDigits()).isEqualTo("4567");
    assertThat(released.history()).extracting(KeyEnvelope.Event::action, KeyEnvelope.Event::actor)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("SEALED", "guard"),
            org.assertj.core.groups.Tuple.tuple("OWNER_NAME_MISMATCH", "custodian"),
            org.assertj.core.groups.Tuple.tuple("OWNER_CONFIRMED", "director"),
            org.assertj.core.groups.Tuple.tuple("RELEASED", "custodian"));
    assertThat(released.history().get(2).detail()).contains("已致電業主王大文");
    assertThat(dutyLogOf(instance)).anySatisfy(entry -> {
      assertThat(entry.entryType()).isEqualTo("確認鑰匙領取人");
      assertThat(entry.summary()).contains("確認,交還鑰匙", "已致電業主王大文,確認由太太陳美玲代領");
      assertThat(entry.recordedBy()).isEqualTo("director");
    });
    assertThat(instance).hasPassed("Gateway_ReleaseMerge", "ServiceTask_ReleaseKeyEnvelope")
        .isWaitingAt("Task_FollowUpOwner");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"NON_STAFF", "STAFF"})
  @DisplayName("UD-4.4.1.4 UD-4.4.2.5 UD-4.4.1.3 UD-4.4.2.4 the director refuses a name other than the consent's: the key stays sealed, the refusal and its reason are recorded, and 業主簽收鑰匙 comes back empty for the right owner")
  void mismatchRefusedByDirector(String finderType) {
    ProcessInstance instance = sealedKey(finderType);
    complete("custodian", instance, "Task_HandOverKey", handOver("李志強"));
    complete("director", instance, "Task_ConfirmKeyOwner", Map.of("claimantConfirmed", "NO",
        "confirmationReason", "未能聯系業主確認,請業主本人領取"));

    KeyEnvelope sealed = envelopes.find(envelopeNo).orElseThrow();
    assertThat(sealed.status()).isEqualTo(KeyEnvelope.SEALED);
    assertThat(sealed.releasedBy()).isNull();
    assertThat(sealed.releasedAt()).isNull();
    assertThat(sealed.ownerName()).isNull();
    assertThat(sealed.history()).extracting(KeyEnvelope.Event::action)
        .containsExactly("SEALED", "OWNER_NAME_MISMATCH", "OWNER_NOT_CONFIRMED");
    assertThat(sealed.history().get(2).detail()).contains("李志強", "未能聯系業主確認,請業主本人領取");
    assertThat(sealed.history().get(2).actor()).isEqualTo("director");
    assertThat(dutyLogOf(instance)).anySatisfy(entry -> {
      assertThat(entry.entryType()).isEqualTo("確認鑰匙領取人");
      assertThat(entry.summary()).contains("不予交還,鑰匙繼續封存", "未能聯系業主確認");
    });
    assertThat(instance).hasPassed("ServiceTask_KeepKeySealed").hasNotPassed("ServiceTask_ReleaseKeyEnvelope")
        .isWaitingAt("Task_HandOverKey");
    Task again = task("custodian", instance, "Task_HandOverKey");
    assertThat(candidateGroups(again)).containsExactly("key-custodian");
    assertThat(runtimeService.getVariables(instance.getId()))
        .as("the refused person's entries are not offered to the next").doesNotContainKeys(
            "claimantName", "ownerIdType", "ownerIdLastDigits", "ownerSignature", "claimantConfirmed",
            "confirmationReason");
    assertThat(managementService.createJobQuery().processInstanceId(instance.getId())
        .activityId("BoundaryEvent_KeyStillSealed").count()).as("the daily reminder again").isEqualTo(1);

    complete("custodian", instance, "Task_HandOverKey", handOver("王大文"));
    assertThat(envelopes.find(envelopeNo).orElseThrow().status()).isEqualTo(KeyEnvelope.RELEASED);
    assertThat(historyOf(envelopeNo)).endsWith("OWNER_NOT_CONFIRMED", "RELEASED");
  }

  @Test
  @DisplayName("UD-4.4.1.4 only the case's office director confirms a key's claimant: the other office's director, the custodian and the administrator are refused and nothing changes")
  void onlyTheCaseOfficeDirectorConfirms() {
    ProcessInstance instance = sealedKey("NON_STAFF");
    complete("custodian", instance, "Task_HandOverKey", handOver("陳美玲"));
    String taskId = task("director", instance, "Task_ConfirmKeyOwner").getId();
    String confirm = submission(Map.of("claimantConfirmed", "YES", "confirmationReason", "代領"));

    assertThat(task("director2", instance, "Task_ConfirmKeyOwner")).as("another office's director").isNull();
    assertThat(rest("director2").get("/engine-rest/task/" + taskId).statusCode()).isEqualTo(404);
    assertThat(rest("director2").postJson("/engine-rest/task/" + taskId + "/claim",
        "{\"userId\": \"director2\"}").statusCode()).isIn(403, 404);
    assertThat(rest("director2").postJson("/engine-rest/task/" + taskId + "/submit-form", confirm)
        .statusCode()).isIn(403, 404);
    assertThatThrownBy(() -> as("director2", () -> {
      taskService.complete(taskId, Map.of("claimantConfirmed", "YES", "confirmationReason", "代領"));
      return null;
    })).isInstanceOf(org.camunda.bpm.engine.ProcessEngineException.class);
    assertThat(rest("custodian").postJson("/engine-rest/task/" + taskId + "/submit-form", confirm)
        .statusCode()).isEqualTo(403);
    HttpResponse<String> byAdmin = rest("admin").postJson("/engine-rest/task/" + taskId + "/submit-form", confirm);
    assertThat(byAdmin.statusCode()).isEqualTo(400);
    assertThat(json(byAdmin).path("message").asText()).contains("只有本管理處的管理處主任");

    assertThat(instance).isWaitingAt("Task_ConfirmKeyOwner");
    assertThat(taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isNull();
    KeyEnvelope envelope = envelopes.find(envelopeNo).orElseThrow();
    assertThat(envelope.status()).isEqualTo(KeyEnvelope.SEALED);
    assertThat(envelope.confirmedBy()).isNull();
    assertThat(envelope.history()).extracting(KeyEnvelope.Event::action).doesNotContain("OWNER_CONFIRMED");
  }

  @Test
  @DisplayName("UD-4.4.1.4 a case sealed on the diagram before the name check opens the new hand-over form: the owner's name releases the key, another name is refused and stays sealed until the case is migrated and the director confirms")
  void caseInFlightFromBeforeTheNameCheck() {
    String current = repositoryService.createProcessDefinitionQuery()
        .processDefinitionKey("UnlockedDoorProcess").latestVersion().singleResult().getId();
    org.camunda.bpm.engine.repository.Deployment previous = repositoryService.createDeployment()
        .name("before the key owner check").addInputStream("UnlockedDoorProcess.bpmn",
            getClass().getResourceAsStream(
                "/previous-release/UnlockedDoorProcess-before-owner-check.bpmn.txt")).deploy();
    String previousId = repositoryService.createProcessDefinitionQuery().deploymentId(previous.getId())
        .singleResult().getId();
    try {
      ProcessInstance matching = sealedKey("NON_STAFF");
      String matchingEnvelope = envelopeNo;
      nextEnvelope();
      ProcessInstance other = sealedKey("STAFF");
      assertThat(List.of(matching, other)).extracting(ProcessInstance::getProcessDefinitionId)
          .containsOnly(previousId);

      complete("custodian", matching, "Task_HandOverKey", handOver("王大文"));
      KeyEnvelope released = envelopes.find(matchingEnvelope).orElseThrow();
      assertThat(released.status()).isEqualTo(KeyEnvelope.RELEASED);
      assertThat(released.ownerIdType()).isEqualTo("HK_ID");
      assertThat(released.ownerIdLastDigits()).isEqualTo("4567");
      assertThat(matching).isWaitingAt("Task_FollowUpOwner");

      assertThatThrownBy(() -> complete("custodian", other, "Task_HandOverKey", handOver("陳美玲")))
          .isInstanceOf(FormInputException.class).hasMessageContaining("姓名不符", "舊版流程");
      assertThat(other).isWaitingAt("Task_HandOverKey");
      assertThat(envelopes.find(envelopeNo).orElseThrow().status()).isEqualTo(KeyEnvelope.SEALED);
      assertThat(historyOf(envelopeNo)).endsWith("RELEASE_REFUSED");

      runtimeService.newMigration(runtimeService.createMigrationPlan(previousId, current)
          .mapEqualActivities().build()).processInstanceIds(other.getId()).execute();
      complete("custodian", other, "Task_HandOverKey", handOver("陳美玲"));
      complete("director", other, "Task_ConfirmKeyOwner", Map.of("claimantConfirmed", "YES",
          "confirmationReason", "業主來電授權太太代領"));
      assertThat(envelopes.find(envelopeNo).orElseThrow().confirmedBy()).isEqualTo("director");
      assertThat(other).isWaitingAt("Task_FollowUpOwner");
    } finally {
      repositoryService.deleteDeployment(previous.getId(), true, true);
    }
  }

  @Test
  @DisplayName("UD-4.4.1.4 the hand-over refuses an identity document without its kind or last four characters, and a kind the form does not offer")
  void handOverNeedsTheIdentityDocument() {
    ProcessInstance instance = sealedKey("NON_STAFF");
    Map<String, Object> noDigits = handOver("王大文");
    noDigits.remove("ownerIdLastDigits");
    assertThatThrownBy(() -> complete("custodian", instance, "Task_HandOverKey", noDigits))
        .isInstanceOf(FormInputException.class).hasMessageContaining("證件號碼末四位");
    Map<String, Object> threeDigits = handOver("王大文");
    threeDigits.put("ownerIdLastDigits", "567");
    assertThatThrownBy(() -> complete("custodian", instance, "Task_HandOverKey", threeDigits))
        .hasMessageContaining("證件號碼末四位");
    Map<String, Object> unknownKind = handOver("王大文");
    unknownKind.put("ownerIdType", "LIBRARY_CARD");
    assertThatThrownBy(() -> complete("custodian", instance, "Task_HandOverKey", unknownKind))
        .hasMessageContaining("證件類別");
    Map<String, Object> otherUnnamed = handOver("王大文");
    otherUnnamed.put("ownerIdType", "OTHER");
    assertThatThrownBy(() -> complete("custodian", instance, "Task_HandOverKey", otherUnnamed))
        .hasMessageContaining("證件名稱");
    Map<String, Object> noName = handOver("王大文");
    noName.remove("claimantName");
    assertThatThrownBy(() -> complete("custodian", instance, "Task_HandOverKey", noName))
        .hasMessageContaining("領取人姓名");

    assertThat(envelopes.find(envelopeNo).orElseThrow().status()).isEqualTo(KeyEnvelope.SEALED);
    assertThat(instance).isWaitingAt("Task_HandOverKey");
    Map<String, Object> other = handOver("王大文");
    other.put("ownerIdType", "OTHER");
    other.put("ownerIdOther", "澳門居民身份證");
    complete("custodian", instance, "Task_HandOverKey", other);
    KeyEnvelope released = envelopes.find(envelopeNo).orElseThrow();
    assertThat(released.ownerIdType()).isEqualTo("OTHER");
    assertThat(released.ownerIdOther()).isEqualTo("澳門居民身份證");
    assertThat(released.history().get(1).detail()).contains("澳門居民身份證");
  }

  @Test
  @DisplayName("UD-4.4.1.4 names are compared as staff read them: spaces, full-width letters and capitals do not matter, nor 業主 written before the name; anything else does")
  void namesAreComparedAsStaffReadThem() {
    assertThat(OwnerNames.same("王大文", "業主王大文")).isTrue();
    assertThat(OwnerNames.same(" 王　大 文 ", "王大文")).isTrue();
    assertThat(OwnerNames.same("ＣＨＡＮ Tai Man", "chan  tai man")).isTrue();
    assertThat(OwnerNames.same("王大文", "王先生")).isFalse();
    assertThat(OwnerNames.same("王大文", "業主")).as("a consent recorded without a name").isFalse();
    assertThat(OwnerNames.same("", "")).isFalse();
    assertThat(OwnerNames.same("Chan Tai Man", "Chan Tai Ming")).isFalse();
  }

  @Test
  @DisplayName("UD-4.4.1.4 the kinds of identity document the code accepts are those the hand-over and confirmation forms offer")
  void identityDocumentKindsAgreeWithTheForms() {
    assertThat(forms.optionValues("hand-over-key", "ownerIdType"))
        .containsExactlyInAnyOrderElementsOf(UnlockedDoorVariables.OWNER_ID_TYPES);
    assertThat(forms.optionValues("confirm-key-owner", "ownerIdType"))
        .containsExactlyInAnyOrderElementsOf(UnlockedDoorVariables.OWNER_ID_TYPES);
    assertThat(forms.optionValues("confirm-key-owner", "claimantConfirmed"))
        .containsExactlyInAnyOrderElementsOf(UnlockedDoorVariables.YES_NO);
  }

  @Test
  @DisplayName("UD-4.4.1.1 no consent, no locking: the owner's instruction is recorded, a note left, and the case is followed up")
  void ownerRefusesConsent() {
    ProcessInstance instance = reportAndFindNobodyHome("NON_STAFF", "YES");
    complete("staff", instance, "Task_ContactOwner", Map.of("ownerContactResult", "CANNOT_COME_BACK"));
    assertThatThrownBy(() -> complete("staff", instance, "Task_ObtainOwnerConsent",
        Map.of("lockConsent", "YES"))).hasMessageContaining("表示意見的人");
    complete("staff", instance, "Task_ObtainOwnerConsent", consent("NO"));

    assertThat(instance).isWaitingAt("Task_LeaveWithoutLocking")
        .hasNotPassed("Task_SecureDoorWithFinderWitness");
    complete("staff", instance, "Task_LeaveWithoutLocking", Map.of("ownerInstruction", "業主會請家人過來處理",
        "noteLeftOnDoor", true, "nobodyEntered", true));
    complete("staff", instance, "Task_FollowUpOwner", followUp());
    assertThat(instance).isEnded().hasPassed("EndEvent_OwnerDeclined", "EndEvent_CaseClosed");
    assertThat(envelopes.findByStatus(KeyEnvelope.SEALED, null))
        .noneMatch(envelope -> envelope.processInstanceId().equals(instance.getId()));
  }

  @Test
  @DisplayName("UD-4.3 owner unreachable, no emergency: the police station is notified with its reference, then followed up")
  void ownerUnreachableNoEmergency() {
    ProcessInstance instance = reportAndFindNobodyHome("NON_STAFF", "NO");
    complete("staff", instance, "Task_ContactOwner", Map.of("ownerContactResult", "UNREACHABLE"));
    complete("staff", instance, "Task_CheckForEmergency", Map.of("emergencyFound", "NO",
        "observation", "門虛掩,無異味", "nobodyEntered", true));
    Task police = task("duty", instance, "Task_NotifyPoliceStation");
    assertThat(candidateGroups(police)).containsExactly("duty-officer");
    complete("duty", instance, "Task_NotifyPoliceStation", Map.of("policeStation", "翠苑派出所",
        "policeReference", "PS-2026-1125-07", "policeNotifiedAt", "2026-11-25T22:00"));
    complete("staff", instance, "Task_FollowUpOwner", followUp());

    assertThat(instance).isEnded().hasPassed("EndEvent_PoliceNotified");
    assertThat(dutyLogOf(instance)).anySatisfy(entry -> {
      assertThat(entry.entryType()).isEqualTo("通知轄區派出所");
      assertThat(entry.summary()).contains("翠苑派出所", "PS-2026-1125-07");
    });
  }

  @Test
  @DisplayName("UD-4.3 EM-4 UD-4.4.3 owner unreachable with an emergency: the emergency procedure takes over with the unit and what was seen; entering the unit is recorded")
  void ownerUnreachableEmergency() {
    ProcessInstance instance = reportAndFindNobodyHome("NON_STAFF", "NO");
    complete("staff", instance, "Task_ContactOwner", Map.of("ownerContactResult", "UNREACHABLE"));
    complete("staff", instance, "Task_CheckForEmergency", Map.of("emergencyFound", "YES",
        "emergencyKind", "OTHER", "observation", "門內有水流出", "nobodyEntered", true));

    assertThat(instance).isWaitingAt("CallActivity_EmergencyIncident");
    ProcessInstance emergency = calledProcessInstance("EmergencyIncidentProcess", instance);
    assertThat(emergency).variables().containsEntry("unit", "12樓03室")
        .containsEntry("situation", "門內有水流出").containsEntry("incidentKind", "OTHER")
        .containsEntry("place", "A座 12樓03室");
    complete("duty", emergency, "Task_HandleIncident", Map.of("handlingNote", "已關總水閥"));

    assertThat(instance).isWaitingAt("Task_RecordUnitEntry");
    assertThatThrownBy(() -> complete("duty", instance, "Task_RecordUnitEntry", Map.of("enteredUnit", "YES")))
        .hasMessageContaining("進入人員");
    complete("duty", instance, "Task_RecordUnitEntry", Map.of("enteredUnit", "YES",
        "enteredBy", "劉建華、保安張先生", "enteredAt", "2026-11-25T22:10", "entryReason", "關閉總水閥"));
    complete("staff", instance, "Task_FollowUpOwner", followUp());
    assertThat(instance).isEnded().hasPassed("EndEvent_EmergencyHandled");
  }

  @Test
  @DisplayName("UD-2 UD-4.4.1.2 a non-staff finder's phone number is mandatory: the report is refused and nothing is created")
  void nonStaffFinderNeedsPhone() {
    Map<String, Object> report = report("NON_STAFF", "YES");
    report.remove("finderPhone");
    long before = runtimeService.createProcessInstanceQuery().count();
    assertThatThrownBy(() -> start("staff", "UnlockedDoorProcess", report))
        .isInstanceOf(FormInputException.class).hasMessageContaining("發現人員聯系電話");
    report.put("finderPhone", "abc");
    assertThatThrownBy(() -> start("staff", "UnlockedDoorProcess", report))
        .hasMessageContaining("不是有效的電話號碼");
    assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(before);

    HttpResponse<String> overRest = rest("staff").postJson(
        "/engine-rest/process-definition/key/UnlockedDoorProcess/submit-form",
        "{\"variables\": {\"community\": {\"value\": \"翠苑小區\"}}}");
    assertThat(overRest.statusCode()).isEqualTo(400);
    assertThat(json(overRest).path("message").asText()).contains("樓棟");
    assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(before);
  }

  @Test
  @DisplayName("UD-4.4.1.2 the door photo is uploaded from the on-site task's link by the guard leader")
  void photoUpload() {
    ProcessInstance instance = reportAndFindNobodyHome("NON_STAFF", "NO");
    complete("staff", instance, "Task_ContactOwner", Map.of("ownerContactResult", "CANNOT_COME_BACK"));
    complete("staff", instance, "Task_ObtainOwnerConsent", consent("YES"));
    String path = (String) runtimeService.getVariable(instance.getId(), "photoUploadPath");

    assertThat(rest("guard").get(path).body()).contains("上載房門狀況照片");
    assertThat(rest("staff").get(path).statusCode()).isEqualTo(404);
    HttpResponse<String> uploaded = rest("guard").postMultipart(path, Map.of(),
        Map.of("photo", Map.entry("door.jpg",
            new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F'})));
    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
    assertThat((Object) runtimeService.getVariableTyped(instance.getId(), "doorPhoto")).isNotNull();
  }

  @Test
  @DisplayName("UD-3 managers read the duty log of a day and community over REST; front-line staff cannot")
  void dutyLogForManagers() {
    ProcessInstance instance = start("staff", "UnlockedDoorProcess", report("STAFF", "NO"));
    complete("staff", instance, "Task_KnockOnDoor", Map.of("someoneHome", "YES", "remindedToLock", true));
    String today = java.time.LocalDate.now(OFFICE_ZONE).toString();
    HttpResponse<String> log = rest("director").get("/api/duty-log?from=" + today + "&to=" + today
        + "&community=" + java.net.URLEncoder.encode("翠苑小區", java.nio.charset.StandardCharsets.UTF_8));
    assertThat(log.statusCode()).isEqualTo(200);
    JsonNode entries = json(log);
    assertThat(entries.findValuesAsText("processInstanceId")).contains(instance.getId());
    assertThat(rest("staff").get("/api/duty-log?from=" + today + "&to=" + today).statusCode())
        .isEqualTo(403);
    assertThat(rest("director").get("/api/duty-log?from=2026-13-01&to=" + today).statusCode())
        .isEqualTo(400);
    assertThat(new com.wuye.workflow.WebClient(port).get("/api/duty-log?from=" + today + "&to=" + today)
        .statusCode()).isEqualTo(401);
  }

  @Test
  @DisplayName("UD-4.4.3 staff never confirm a task at the door without confirming nobody entered the unit")
  void nobodyEnteredConfirmed() {
    ProcessInstance instance = reportAndFindNobodyHome("NON_STAFF", "NO");
    complete("staff", instance, "Task_ContactOwner", Map.of("ownerContactResult", "BACK_IN_TIME"));
    assertThatThrownBy(() -> complete("staff", instance, "Task_WaitForOwner", Map.of("ownerArrived", true)))
        .hasMessageContaining("沒有進入業主戶內");
    String coverTask = task("head", instance, "Task_ArrangeShiftCover").getId();
    assertThatThrownBy(() -> as("staff", () -> {
      taskService.complete(coverTask, Map.of("coverArrangement", "x"));
      return null;
    })).isInstanceOf(AuthorizationException.class);
  }
}
