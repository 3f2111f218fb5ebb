package com.wuye.workflow.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Camunda Form of {@code forms/} opens in Tasklist for the group that works it: each
 * task is brought about through the Java API the way the process gets there, then opened in
 * the browser by a member of its candidate group, and its labels must show without a form
 * error. Start forms open from 啟動流程. The last test fails naming any form of
 * {@code forms/} that no browser test rendered, so a new form needs a situation here.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EveryFormBrowserTest extends BrowserTestSupport {

  /** Where a task form is met: the user who opens it, and how the process gets there. */
  record Situation(String formId, String user, Reach reach) {
  }

  @FunctionalInterface
  interface Reach {
    /** Runs the process to the task and returns it as the process has it. */
    Reached from(EveryFormBrowserTest test);
  }

  record Reached(ProcessInstance instance, String taskKey) {
  }

  static Arguments situation(String formId, String user, Reach reach) {
    return Arguments.of(Named.of(formId, new Situation(formId, user, reach)));
  }

  /** Grouped by user, so that the browser logs in once per group. */
  static Stream<Arguments> taskForms() {
    return Stream.of(
        situation("knock-on-door", "staff", t -> t.at(t.door("NON_STAFF", "YES"), "Task_KnockOnDoor")),
        situation("stay-at-door", "staff", t -> t.at(t.nobodyHome("STAFF"), "Task_StayAtDoor")),
        situation("contact-owner", "staff", t -> t.at(t.nobodyHome("NON_STAFF"), "Task_ContactOwner")),
        situation("wait-for-owner", "staff", t -> t.at(t.ownerAnswered("BACK_IN_TIME"), "Task_WaitForOwner")),
        situation("obtain-owner-consent", "staff", t -> t.at(t.ownerAnswered("CANNOT_COME_BACK"), "Task_ObtainOwnerConsent")),
        situation("leave-without-locking", "staff", t -> t.at(t.consent("NON_STAFF", "NO"), "Task_LeaveWithoutLocking")),
        situation("follow-up-owner", "staff", EveryFormBrowserTest::ownerFollowedUp),
        situation("check-for-emergency", "staff", t -> t.at(t.ownerAnswered("UNREACHABLE"), "Task_CheckForEmergency")),
        situation("inspect-damaged-unit", "staff", EveryFormBrowserTest::damagedUnit),
        situation("arrange-shift-cover", "head", t -> t.at(t.ownerAnswered("BACK_IN_TIME"), "Task_ArrangeShiftCover")),
        situation("secure-door-finder-witness", "guard", t -> t.at(t.consent("NON_STAFF", "YES"), "Task_SecureDoorWithFinderWitness")),
        situation("secure-door-third-party", "guard", t -> t.at(t.consent("STAFF", "YES"), "Task_SecureDoorWithThirdParty")),
        situation("check-common-areas", "guard", EveryFormBrowserTest::windNoticeIssued),
        situation("hand-over-key", "custodian", EveryFormBrowserTest::keySealed),
        situation("notify-police-station", "duty", EveryFormBrowserTest::noEmergencyFound),
        situation("record-unit-entry", "duty", EveryFormBrowserTest::emergencyHandled),
        situation("respond-to-fire", "duty", t -> t.at(t.incident("FIRE"), "Task_RespondToFire")),
        situation("issue-wind-notice", "duty", t -> t.at(t.incident("STRONG_WIND"), "Task_IssueWindNotice")),
        situation("issue-earthquake-notice", "duty", t -> t.at(t.incident("EARTHQUAKE"), "Task_IssueEarthquakeNotice")),
        situation("collect-damage-reports", "duty", EveryFormBrowserTest::earthquakeNoticeIssued),
        situation("handle-incident", "duty", t -> t.at(t.incident("OTHER"), "Task_HandleIncident")),
        situation("log-complaint", "duty", t -> t.at(t.complaint(Map.of()), "Task_LogComplaint")),
        situation("log-on-the-spot-complaint", "duty", t -> t.at(t.handledOnTheSpot(), "Task_LogOnTheSpotComplaint")),
        situation("reply-after-on-the-spot", "duty", EveryFormBrowserTest::onTheSpotLogged),
        situation("report-collective-to-director", "duty", t -> t.at(t.complaint(Map.of("markedCollective", true)), "Task_ReportCollectiveToDirector")),
        situation("confirm-key-owner", "director", EveryFormBrowserTest::claimantNotMatched),
        situation("acknowledge-fire-report", "director", t -> t.at(t.incident("FIRE"), "Task_AcknowledgeFireReport")),
        situation("superior-handles", "director", EveryFormBrowserTest::beyondSupervisorsPower),
        situation("supervise-missed-deadline", "director", EveryFormBrowserTest::contactDeadlineMissed),
        situation("organise-collective-handling", "director", EveryFormBrowserTest::collectiveReported),
        situation("deputy-gm-handles", "deputy", EveryFormBrowserTest::escalatedToDeputy),
        situation("general-manager-handles", "gm", EveryFormBrowserTest::escalatedToGeneralManager),
        situation("complaint-center-helps", "center", EveryFormBrowserTest::centreAskedToHelp),
        situation("acknowledge-collective", "deputy", EveryFormBrowserTest::collectiveToAcknowledge),
        situation("triage-complaint-mail", "center", EveryFormBrowserTest::mailToTriage),
        situation("review-unreadable-mail", "duty", EveryFormBrowserTest::unreadableMail),
        situation("classify-complaint", "supervisor", t -> t.at(t.passedToSupervisor("SERVICE"), "Task_ClassifyComplaint")),
        situation("contact-resident", "supervisor", t -> t.at(t.classified("VALID"), "Task_ContactResident")),
        situation("handle-valid-complaint", "supervisor", t -> t.at(t.residentContacted(), "Task_HandleValidComplaint")),
        situation("explain-to-resident", "supervisor", t -> t.at(t.classified("INVALID"), "Task_ExplainToResident")),
        situation("follow-up-until-satisfied", "supervisor", EveryFormBrowserTest::residentNotSatisfied),
        situation("report-to-responsible-party", "supervisor", t -> t.at(t.classified("ASSISTED"), "Task_ReportToResponsibleParty")),
        situation("follow-up-responsible-party", "supervisor", t -> t.at(t.reportedToResponsibleParty(), "Task_FollowUpResponsibleParty")),
        situation("inform-resident-of-progress", "supervisor", EveryFormBrowserTest::progressUpdateDue),
        situation("reply-to-resident", "supervisor", EveryFormBrowserTest::responsiblePartyResolved),
        situation("report-result-to-center", "supervisor", EveryFormBrowserTest::centerComplaintReplied),
        situation("visit-household", "supervisor", EveryFormBrowserTest::collectiveOrganised),
        situation("prepare-monthly-report", "supervisor", t -> t.at(t.monthlyReport(), "Task_PrepareMonthlyReport")),
        situation("satisfaction-visit", "director", EveryFormBrowserTest::satisfactionVisitDue),
        situation("review-monthly-report", "director", EveryFormBrowserTest::monthlyReportPrepared),
        situation("spot-check-duty-log", "director", t -> t.at(t.monthlyReport(), "Task_SpotCheckDutyLog")),
        situation("supervise-monthly-report", "deputy", EveryFormBrowserTest::monthlyReportOverdue));
  }

  static Stream<Arguments> startForms() {
    return Stream.of(
        Arguments.of("staff", "ComplaintProcess", "小區業戶投訴處理"),
        Arguments.of("staff", "UnlockedDoorProcess", "發現業戶房門未鎖的處理"),
        Arguments.of("staff", "EmergencyIncidentProcess", "業戶緊急事項應急處理"),
        Arguments.of("supervisor", "MonthlyComplaintReportProcess", "部門客戶投訴工作月報"));
  }

  @Test
  @Order(0)
  @DisplayName("What no one may use is not shown: 建立任務 to nobody, 啟動流程 only to a group that may start a process")
  void onlyWhatMayBeUsedIsShown() {
    tasklist.loginAs("staff");
    browser().until(driver -> tasklist.header().contains("啟動流程"));
    assertThat(tasklist.header()).doesNotContain("建立任務");
    tasklist.loginAs("head");
    browser().until(driver -> tasklist.header().contains("鍵盤快捷鍵"));
    browser().until(driver -> !tasklist.header().contains("啟動流程"));
    assertThat(tasklist.header()).doesNotContain("建立任務", "啟動流程");
    screenshot("head-header");
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("startForms")
  @Order(1)
  @DisplayName("A start form opens from 啟動流程 for a group that may start the process; started empty, everything it shows is Chinese")
  void startFormRenders(String user, String processKey, String processName) {
    tasklist.loginAs(user);
    CamundaForm form = tasklist.startForm(processName);
    assertStartFormShown(processKey);
    screenshot(startFormOf(processKey));
    tasklist.clickStart();
    tasklist.waitForAnswer(Tasklist.START_DIALOG);
    assertThat(form.text()).as("form-js's own message for a required field").contains("此欄必須填寫");
    assertThat(englishShown()).as("English words on the page of %s started empty",
        startFormOf(processKey)).isEmpty();
    screenshot(startFormOf(processKey) + "-empty");
    // a date field's calendar: months and weekdays
    List<WebElement> dates = browser().driver().findElements(css(".modal-content .fjs-datepicker input"));
    if (!dates.isEmpty()) {
      browser().click(dates.get(0));
      browser().visible(css(".flatpickr-calendar.open"));
      assertThat(englishShown()).as("English words in the calendar of %s", startFormOf(processKey))
          .isEmpty();
      assertThat(browser().visible(css(".flatpickr-calendar.open")).getText()).contains("一", "日");
      screenshot(startFormOf(processKey) + "-calendar");
      // a click beside the calendar closes it (Escape would close the whole dialog)
      browser().click(css(".modal-content .modal-header"));
      browser().until(org.openqa.selenium.support.ui.ExpectedConditions.invisibilityOfElementLocated(
          css(".flatpickr-calendar.open")));
    }
    tasklist.closeStartDialog();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("taskForms")
  @Order(2)
  @DisplayName("A task form opens in Tasklist for a member of the task's candidate group")
  void taskFormRenders(Situation situation) {
    Reached reached = situation.reach().from(this);
    Task task = task(situation.user(), reached.instance(), reached.taskKey());
    assertThat(task).as("%s sees %s", situation.user(), reached.taskKey()).isNotNull();
    assertThat(formOf(task)).as("the form of %s", reached.taskKey()).isEqualTo(situation.formId());

    tasklist.loginAs(situation.user()).openTask(task.getId());
    assertThat(tasklist.taskTitle()).isEqualTo(task.getName());
    assertTaskFormShown(task);
    assertThat(tasklist.form().emptyReadOnlyFields()).as("read-only fields of %s without a value",
        situation.formId()).isEmpty();
    screenshot("form");
    // the task's follow-up date and groups are the procedure's: nothing offers to change them
    assertThat(browser().driver().findElements(css("[cam-tasklist-task] .glyphicon-calendar")))
        .as("the follow-up date editor").noneMatch(WebElement::isDisplayed);
    assertThat(browser().driver().findElements(css("[cam-tasklist-task] a[translate='ADD_GROUPS']")))
        .as("add groups").noneMatch(WebElement::isDisplayed);

    // submitted as it is, by its worker: whatever form-js, Tasklist or the server answers is Chinese
    tasklist.claim().submitAsItIs();
    assertThat(englishShown()).as("English words on the page of %s submitted empty",
        situation.formId()).isEmpty();
    screenshot("submitted-empty");
  }

  @Test
  @Order(3)
  @DisplayName("Every form of forms/ was rendered in Tasklist by a browser test")
  void everyFormWasRendered() {
    Set<String> notRendered = new TreeSet<>(Forms.all().keySet());
    notRendered.removeAll(Forms.rendered());
    // shown only by cases still on a complaint diagram before the whole escalation chain (its
    // one 主管副總經理/總經理/投訴處理中心處理 task); kept for them, not reachable in the current one
    notRendered.remove("senior-handles");
    assertThat(notRendered).as("forms of forms/ that no browser test rendered").isEmpty();
  }

  // ---- how the processes get to each task (the process tests prove each step) ----

  Reached at(ProcessInstance instance, String taskKey) {
    return new Reached(instance, taskKey);
  }

  /** The engine's now in office time, to the minute, as a form gives it. */
  static String nowInOffice() {
    return LocalDateTime.ofInstant(org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime()
        .toInstant(), java.time.ZoneId.of("Asia/Hong_Kong")).withSecond(0).withNano(0)
        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));
  }

  static String inTwoDays() {
    return LocalDateTime.now(java.time.ZoneId.of("Asia/Hong_Kong")).plusDays(2).withHour(18).withMinute(0)
        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));
  }

  // Unlocked door

  ProcessInstance door(String finderType, String keyInDoor) {
    Map<String, Object> report = new HashMap<>(Map.of("community", "翠苑小區", "building", "A座",
        "unit", "12樓03室", "finderType", finderType, "foundAt", "2026-11-25T21:10",
        "keyInDoor", keyInDoor));
    report.put("finderName", finderType.equals("STAFF") ? "陳志明" : "鄰居李先生");
    if (!finderType.equals("STAFF")) {
      report.put("finderPhone", "91234567");
    }
    return start("staff", "UnlockedDoorProcess", report);
  }

  ProcessInstance nobodyHome(String finderType) {
    ProcessInstance instance = door(finderType, "YES");
    complete("staff", instance, "Task_KnockOnDoor", Map.of("someoneHome", "NO"));
    return instance;
  }

  ProcessInstance ownerAnswered(String result) {
    return ownerAnswered("NON_STAFF", result);
  }

  ProcessInstance ownerAnswered(String finderType, String result) {
    ProcessInstance instance = nobodyHome(finderType);
    complete("duty", instance, "Task_ContactOwner", Map.of("ownerContactResult", result,
        "ownerName", "王先生", "ownerContactChannel", "MOBILE"));
    return instance;
  }

  ProcessInstance consent(String finderType, String answer) {
    ProcessInstance instance = ownerAnswered(finderType, "CANNOT_COME_BACK");
    complete("duty", instance, "Task_ObtainOwnerConsent", Map.of("lockConsent", answer,
        "consentGivenBy", "王先生", "consentAt", "2026-11-25T21:25"));
    return instance;
  }

  Reached ownerFollowedUp() {
    ProcessInstance instance = consent("NON_STAFF", "NO");
    complete("staff", instance, "Task_LeaveWithoutLocking", Map.of("ownerInstruction",
        "業主會請家人過來處理", "noteLeftOnDoor", true, "nobodyEntered", true));
    return at(instance, "Task_FollowUpOwner");
  }

  Reached keySealed() {
    ProcessInstance instance = consent("NON_STAFF", "YES");
    runtimeService.setVariable(instance.getId(), "doorPhoto", Variables.fileValue("door.jpg")
        .file(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9})
        .mimeType("image/jpeg").create());
    complete("guard", instance, "Task_SecureDoorWithFinderWitness", Map.of("doorLocked", true,
        "envelopeNo", "KE-9" + instance.getId().hashCode(), "onSiteStaffSignature", "劉建華",
        "finderSignature", "鄰居李先生", "finderPhone", "91234567", "noteLeftOnDoor", true,
        "envelopeHandedIn", true, "nobodyEntered", true));
    return at(instance, "Task_HandOverKey");
  }

  Reached claimantNotMatched() {
    ProcessInstance instance = keySealed().instance();
    Map<String, Object> handOver = new java.util.HashMap<>(Map.of("situationExplained", true,
        "claimantName", "陳美玲", "ownerIdType", "HK_ID", "ownerIdLastDigits", "4567",
        "ownerIdChecked", true, "ownerSignature", "陳美玲", "belongingsReminderGiven", true));
    complete("custodian", instance, "Task_HandOverKey", handOver);
    return at(instance, "Task_ConfirmKeyOwner");
  }

  Reached noEmergencyFound() {
    ProcessInstance instance = ownerAnswered("UNREACHABLE");
    complete("staff", instance, "Task_CheckForEmergency", Map.of("emergencyFound", "NO",
        "observation", "門虛掩,無異味", "nobodyEntered", true));
    return at(instance, "Task_NotifyPoliceStation");
  }

  Reached emergencyHandled() {
    ProcessInstance instance = ownerAnswered("UNREACHABLE");
    complete("staff", instance, "Task_CheckForEmergency", Map.of("emergencyFound", "YES",
        "emergencyKind", "OTHER", "observation", "門內有水流出", "nobodyEntered", true));
    ProcessInstance emergency = runtimeService.createProcessInstanceQuery()
        .superProcessInstanceId(instance.getId()).singleResult();
    complete("duty", emergency, "Task_HandleIncident", Map.of("handlingNote", "已關總水閥"));
    return at(instance, "Task_RecordUnitEntry");
  }

  // Emergencies

  ProcessInstance incident(String kind) {
    return start("duty", "EmergencyIncidentProcess", Map.of("incidentKind", kind,
        "community", "翠苑小區", "place", "B座大堂", "reporterName", "李值班",
        "situation", "現場報告"));
  }

  Reached windNoticeIssued() {
    ProcessInstance instance = incident("STRONG_WIND");
    complete("duty", instance, "Task_IssueWindNotice", Map.of("noticeAudience", "全體業戶"));
    return at(instance, "Task_CheckCommonAreas");
  }

  Reached earthquakeNoticeIssued() {
    ProcessInstance instance = incident("EARTHQUAKE");
    complete("duty", instance, "Task_IssueEarthquakeNotice", Map.of("noticeAudience", "全體業戶"));
    return at(instance, "Task_CollectDamageReports");
  }

  Reached damagedUnit() {
    ProcessInstance instance = earthquakeNoticeIssued().instance();
    complete("duty", instance, "Task_CollectDamageReports",
        Map.of("damageReports", "A座 12樓03室 天花板裂縫"));
    return at(instance, "Task_InspectDamagedUnit");
  }

  // Complaints

  /** Each complaint its own unit and matter: five on one matter would make a collective one. */
  private static final AtomicInteger COMPLAINTS = new AtomicInteger();

  ProcessInstance complaint(Map<String, Object> extra) {
    return complaint("staff", extra);
  }

  ProcessInstance complaint(String receivedBy, Map<String, Object> extra) {
    int no = COMPLAINTS.incrementAndGet();
    Map<String, Object> complaint = new HashMap<>(Map.of("community", "翠苑小區",
        "building", "B座", "unit", no + "樓01室", "residentName", "王大文",
        "residentPhone", "91234567", "channel", "HOTLINE", "writtenComplaint", false,
        "matter", "事項" + no, "description", "業戶投訴的內容"));
    complaint.putAll(extra);
    return start(receivedBy, "ComplaintProcess", complaint);
  }

  ProcessInstance handledOnTheSpot() {
    return complaint(Map.of("handledOnTheSpot", true, "onTheSpotResult", "已即時更換燈泡"));
  }

  Reached onTheSpotLogged() {
    ProcessInstance instance = handledOnTheSpot();
    complete("duty", instance, "Task_LogOnTheSpotComplaint", Map.of("dutyLogNote", "已記錄",
        "handledBy", "清潔員李明", "handledAt", nowInOffice()));
    return at(instance, "Task_ReplyAfterOnTheSpot");
  }

  ProcessInstance passedToSupervisor(String category) {
    ProcessInstance instance = complaint(Map.of());
    complete("duty", instance, "Task_LogComplaint", Map.of("category", category,
        "dutyOfficerHandles", "NO"));
    return instance;
  }

  ProcessInstance classified(String classification) {
    ProcessInstance instance = passedToSupervisor(
        classification.equals("ASSISTED") ? "DEVELOPER" : "SERVICE");
    Map<String, Object> form = new HashMap<>(Map.of("classification", classification));
    if (classification.equals("ASSISTED")) {
      form.put("assistedRoute", "DEVELOPER");
    }
    complete("supervisor", instance, "Task_ClassifyComplaint", form);
    return instance;
  }

  ProcessInstance residentContacted() {
    ProcessInstance instance = classified("VALID");
    complete("supervisor", instance, "Task_ContactResident", Map.of("contactNote", "已致電業戶",
        "agreedReplyAt", inTwoDays(), "specialCircumstance", "業戶出差"));
    return instance;
  }

  Reached beyondSupervisorsPower() {
    ProcessInstance instance = residentContacted();
    complete("supervisor", instance, "Task_HandleValidComplaint", Map.of(
        "handlingOutcome", "BEYOND_MY_POWER", "escalationReason", "需動用維修基金"));
    return at(instance, "Task_SuperiorHandles");
  }

  Reached escalatedToDeputy() {
    ProcessInstance instance = beyondSupervisorsPower().instance();
    complete("director", instance, "Task_SuperiorHandles", Map.of(
        "superiorResult", "報主管副總經理審批", "escalateFurther", "DEPUTY_GM"));
    return at(instance, "Task_DeputyGmHandles");
  }

  Reached escalatedToGeneralManager() {
    ProcessInstance instance = escalatedToDeputy().instance();
    complete("deputy", instance, "Task_DeputyGmHandles", Map.of(
        "deputyGmResult", "金額超出權限", "deputyGmDecision", "GENERAL_MANAGER"));
    return at(instance, "Task_GeneralManagerHandles");
  }

  /** A mail to the complaint mailbox that does not say its community (CP-5). */
  Reached mailToTriage() {
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("ComplaintMailTriage",
        Map.of("complaintMailId", 0L, "mailFrom", "resident@example.com", "mailSubject", "大堂漏水",
            "mailText", "大堂漏水很久了,請處理。陳小姐", "mailReceivedAt", new java.util.Date(),
            "mailReadable", true, "matter", "大堂漏水"));
    return at(instance, "Task_TriageComplaintMail");
  }

  /** A mail to the complaint mailbox that cannot be read (CP-5). */
  Reached unreadableMail() {
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("ComplaintMailTriage",
        Map.of("complaintMailId", 0L, "mailFrom", "resident@example.com", "mailSubject", "(沒有主題)",
            "mailReadable", false, "unreadableReason", "郵件沒有文字內容"));
    return at(instance, "Task_ReviewUnreadableMail");
  }

  /** The deputy GM's 知悉集體投訴 (the centre has acknowledged its own already). */
  Reached collectiveToAcknowledge() {
    ProcessInstance instance = complaint(Map.of("markedCollective", true));
    var centres = taskService.createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey("Task_AcknowledgeCollective").taskCandidateGroup("complaint-center").list();
    assertThat(centres).hasSize(1);
    as("center", () -> {
      taskService.claim(centres.get(0).getId(), "center");
      taskService.complete(centres.get(0).getId(), Map.of("acknowledged", true));
      return null;
    });
    return at(instance, "Task_AcknowledgeCollective");
  }

  Reached centreAskedToHelp() {
    ProcessInstance instance = beyondSupervisorsPower().instance();
    complete("director", instance, "Task_SuperiorHandles", Map.of(
        "superiorResult", "管理處無法處理", "escalateFurther", "COMPLAINT_CENTER"));
    return at(instance, "Task_ComplaintCenterHelps");
  }

  Reached residentNotSatisfied() {
    ProcessInstance instance = classified("INVALID");
    complete("supervisor", instance, "Task_ExplainToResident", Map.of("explanation", "已解釋",
        "replyMethod", "PHONE", "residentOpinion", "不太滿意", "residentSatisfiedAnswer", "NO"));
    return at(instance, "Task_FollowUpUntilSatisfied");
  }

  ProcessInstance reportedToResponsibleParty() {
    ProcessInstance instance = classified("ASSISTED");
    complete("supervisor", instance, "Task_ReportToResponsibleParty", Map.of(
        "responsibleParty", "翠苑發展有限公司", "reportReference", "函件 2026-118"));
    return instance;
  }

  Reached progressUpdateDue() {
    ProcessInstance instance = reportedToResponsibleParty();
    executeJob(instance, "BoundaryEvent_ProgressUpdateDue");
    return at(instance, "Task_InformResidentOfProgress");
  }

  Reached responsiblePartyResolved() {
    ProcessInstance instance = reportedToResponsibleParty();
    complete("supervisor", instance, "Task_FollowUpResponsibleParty", Map.of(
        "resolutionResult", "天台已修補"));
    return at(instance, "Task_ReplyToResident");
  }

  // Monthly report

  ProcessInstance monthlyReport() {
    return start("supervisor", "MonthlyComplaintReportProcess", Map.of("reportMonth",
        java.time.YearMonth.now(java.time.ZoneId.of("Asia/Hong_Kong")).toString()));
  }

  Reached monthlyReportPrepared() {
    ProcessInstance instance = monthlyReport();
    complete("supervisor", instance, "Task_PrepareMonthlyReport", Map.of("supervisorComment", "本月投訴平穩"));
    return at(instance, "Task_ReviewMonthlyReport");
  }

  Reached monthlyReportOverdue() {
    ProcessInstance instance = monthlyReport();
    executeJob(instance, "BoundaryEvent_ReportOverdue");
    return at(instance, "Task_SuperviseMonthlyReport");
  }

  /** A complaint closed this month, so that this month's report asks for a satisfaction visit. */
  Reached satisfactionVisitDue() {
    // a month of its own, so that exactly this complaint is sampled
    setClock(java.util.Date.from(java.time.ZonedDateTime.of(2025, 1, 15, 10, 0, 0, 0,
        java.time.ZoneId.of("Asia/Hong_Kong")).toInstant()));
    ProcessInstance complaint = handledOnTheSpot();
    complete("duty", complaint, "Task_LogOnTheSpotComplaint", Map.of("dutyLogNote", "已記錄",
        "handledBy", "清潔員李明", "handledAt", "2025-01-15T10:00"));
    complete("duty", complaint, "Task_ReplyAfterOnTheSpot", Map.of("replyMethod", "PHONE",
        "residentOpinion", "滿意", "residentSatisfiedAnswer", "YES"));
    return at(start("supervisor", "MonthlyComplaintReportProcess", Map.of("reportMonth", "2025-01")),
        "Task_SatisfactionVisit");
  }

  Reached centerComplaintReplied() {
    ProcessInstance instance = complaint("center", Map.of("channel", "COMPLAINT_CENTER"));
    complete("duty", instance, "Task_LogComplaint", Map.of("category", "FEES",
        "dutyOfficerHandles", "YES", "handlingResult", "已解釋收費標準"));
    complete("duty", instance, "Task_ReplyAfterOnTheSpot", Map.of("replyMethod", "PHONE",
        "residentOpinion", "滿意", "residentSatisfiedAnswer", "YES"));
    return at(instance, "Task_ReportResultToCenter");
  }

  Reached contactDeadlineMissed() {
    ProcessInstance instance = classified("VALID");
    executeJob(instance, "BoundaryEvent_ContactResidentMissed");
    return at(instance, "Task_SuperviseMissedDeadline");
  }

  Reached collectiveReported() {
    ProcessInstance instance = complaint(Map.of("markedCollective", true));
    complete("duty", instance, "Task_ReportCollectiveToDirector", Map.of(
        "collectiveReportNote", "業戶聯名投訴"));
    executeJob(instance, "ServiceTask_JoinHouseholds");
    return at(instance, "Task_OrganiseCollectiveHandling");
  }

  Reached collectiveOrganised() {
    ProcessInstance instance = collectiveReported().instance();
    complete("director", instance, "Task_OrganiseCollectiveHandling", Map.of(
        "residentsContacted", true, "agreedReplyAt", inTwoDays(),
        "incidentDescription", "棚架阻擋通道", "handlingPlan", "通知承建商"));
    return at(instance, "Task_VisitHousehold");
  }

  void executeJob(ProcessInstance instance, String activityId) {
    Job job = managementService.createJobQuery().processInstanceId(instance.getId())
        .activityId(activityId).singleResult();
    assertThat(job).as("job of %s", activityId).isNotNull();
    managementService.executeJob(job.getId());
  }
}
