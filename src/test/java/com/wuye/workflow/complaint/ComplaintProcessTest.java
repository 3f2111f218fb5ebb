package com.wuye.workflow.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.wuye.workflow.ProcessTestSupport;
import com.wuye.workflow.dutylog.DutyLogEntry;
import com.wuye.workflow.forms.FormInputException;
import java.net.http.HttpResponse;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

class ComplaintProcessTest extends ProcessTestSupport {

  @TestConfiguration
  static class Coverage extends ProcessEngineCoverageConfiguration {
    @Bean
    @Override
    public ProcessEngineCoverageProperties defaultCoverageProperties() {
      return fullCoverageOf("ComplaintProcess");
    }
  }

  static final ZoneId OFFICE = ZoneId.of("Asia/Hong_Kong");
  static final AtomicInteger UNITS = new AtomicInteger();

  @Autowired
  ComplaintRecords records;
  @Autowired
  org.springframework.jdbc.core.JdbcTemplate jdbc;

  static Date at(String localDateTime) {
    return Date.from(ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), OFFICE).toInstant());
  }

  static Map<String, Object> complaint(String channel, String matter) {
    Map<String, Object> complaint = new HashMap<>();
    complaint.put("community", "翠苑小區");
    complaint.put("building", "B座");
    complaint.put("unit", (UNITS.incrementAndGet() % 40 + 1) + "樓0" + (UNITS.get() % 8 + 1) + "室");
    complaint.put("residentName", "王大文");
    complaint.put("residentPhone", "91234567");
    complaint.put("channel", channel);
    complaint.put("writtenComplaint", false);
    complaint.put("matter", matter + "-" + UNITS.get());
    complaint.put("description", "業戶投訴:" + matter);
    return complaint;
  }

  ProcessInstance receive(Map<String, Object> complaint) {
    return start("staff", "ComplaintProcess", complaint);
  }

  Job timer(ProcessInstance instance, String boundaryEvent) {
    return managementService.createJobQuery().processInstanceId(instance.getId())
        .activityId(boundaryEvent).singleResult();
  }

  /** The complaint number is the instance's business key. */
  static String complaintNo(ProcessInstance instance) {
    return instance.getBusinessKey();
  }

  /** CP-7.1: the contact, with a reply time agreed an hour from now (within the same day). */
  static Map<String, Object> contacted() {
    String inAnHour = java.time.LocalDateTime.ofInstant(org.camunda.bpm.engine.impl.util.ClockUtil
        .getCurrentTime().toInstant().plusSeconds(3600), OFFICE).withSecond(0).withNano(0).toString();
    return Map.of("contactNote", "已聯系", "agreedReplyAt", inAnHour,
        "specialCircumstance", "業戶今晚不在家");
  }

  static Map<String, Object> phoneReply(boolean satisfied) {
    return Map.of("replyMethod", "PHONE", "residentOpinion", satisfied ? "滿意" : "不滿意",
        "residentSatisfiedAnswer", satisfied ? "YES" : "NO");
  }

  ProcessInstance classified(String category, String matter, String classification) {
    ProcessInstance instance = receive(complaint("HOTLINE", matter));
    complete("duty", instance, "Task_LogComplaint", Map.of("category", category,
        "dutyOfficerHandles", "NO"));
    Map<String, Object> form = new HashMap<>(Map.of("classification", classification));
    if (classification.equals("ASSISTED")) {
      form.put("assistedRoute", runtimeService.getVariable(instance.getId(), "assistedRoute"));
    }
    complete("supervisor", instance, "Task_ClassifyComplaint", form);
    return instance;
  }

  void assertMissed(ProcessInstance instance, Deadline deadline, String escalatedTo) {
    assertThat(records.misses(complaintNo(instance))).anySatisfy(miss -> {
      assertThat(miss.get("DEADLINE")).isEqualTo(deadline.name());
      assertThat(miss.get("ESCALATED_TO")).isEqualTo(escalatedTo);
    });
    Task supervise = as(memberOf(escalatedTo), () -> taskService.createTaskQuery()
        .processInstanceId(instance.getId()).taskDefinitionKey("Task_SuperviseMissedDeadline")
        .singleResult());
    assertThat(supervise).as("a supervision task for %s", escalatedTo).isNotNull();
    assertThat(candidateGroups(supervise)).containsExactly(escalatedTo);
    as(memberOf(escalatedTo), () -> {
      taskService.claim(supervise.getId(), memberOf(escalatedTo));
      taskService.complete(supervise.getId(), Map.of("supervisionNote", "已督辦"));
      return null;
    });
  }

  static String toFullWidthDigits(String text) {
    StringBuilder out = new StringBuilder();
    text.chars().forEach(c -> out.append(c >= '0' && c <= '9' ? (char) (c - '0' + '０') : (char) c));
    return out.toString();
  }

  static String memberOf(String group) {
    return switch (group) {
      case "cs-supervisor" -> "supervisor";
      case "office-director" -> "director";
      case "deputy-gm" -> "deputy";
      default -> throw new IllegalArgumentException(group);
    };
  }

  @Test
  @DisplayName("CP-5 CP-6.1 CP-10.1 CP-9 handled on the spot: reported within 1 hour of receipt with who handled it and when; the reply is due 2 hours after the handling; every result in the duty log")
  void handledOnTheSpot() {
    setClock(at("2026-11-25T10:00"));
    Map<String, Object> complaint = complaint("PHONE", "走廊燈不亮");
    complaint.put("handledOnTheSpot", true);
    complaint.put("onTheSpotResult", "已即時更換燈泡");
    ProcessInstance instance = receive(complaint);

    assertThat(instance.getBusinessKey()).matches("TS-20261125-\\d{6}");
    Task log = task("duty", instance, "Task_LogOnTheSpotComplaint");
    assertThat(candidateGroups(log)).containsExactly("duty-officer");
    assertThat(log.getDueDate()).isEqualTo(at("2026-11-25T11:00"));
    assertThat(timer(instance, "BoundaryEvent_LogOnTheSpotComplaintMissed").getDuedate())
        .isEqualTo(at("2026-11-25T11:00"));
    setClock(at("2026-11-25T10:40"));
    for (String wrong : List.of("2026-11-25T09:50", "2026-11-25T11:10")) {
      assertThatThrownBy(() -> complete("duty", instance, "Task_LogOnTheSpotComplaint",
          Map.of("dutyLogNote", "已記錄", "handledBy", "清潔員李明", "handledAt", wrong)))
          .isInstanceOf(FormInputException.class).hasMessageContaining("當場處理完畢的時間");
    }
    assertThat(instance).isWaitingAt("Task_LogOnTheSpotComplaint");
    complete("duty", instance, "Task_LogOnTheSpotComplaint", Map.of("dutyLogNote", "已記錄",
        "handledBy", "清潔員李明", "handledAt", "2026-11-25T10:20"));

    // CP-10.1: two hours from the handling (10:20), not from receipt (10:00)
    assertThat(task("duty", instance, "Task_ReplyAfterOnTheSpot").getDueDate())
        .isEqualTo(at("2026-11-25T12:20"));
    assertThat(timer(instance, "BoundaryEvent_ReplyAfterOnTheSpotMissed").getDuedate())
        .isEqualTo(at("2026-11-25T12:20"));
    Map<String, Object> handled = records.complaint(complaintNo(instance)).orElseThrow();
    assertThat(handled.get("HANDLED_BY")).isEqualTo("清潔員李明");
    assertThat(handled.get("HANDLED_AT")).isEqualTo(new java.sql.Timestamp(at("2026-11-25T10:20").getTime()));
    complete("duty", instance, "Task_ReplyAfterOnTheSpot", phoneReply(true));

    assertThat(instance).isEnded().hasPassed("ServiceTask_CloseComplaint", "EndEvent_ComplaintClosed");
    Map<String, Object> record = records.complaint(complaintNo(instance)).orElseThrow();
    assertThat(record.get("STATUS")).isEqualTo("CLOSED");
    assertThat(record.get("RESIDENT_SATISFIED")).isEqualTo(true);
    assertThat(record.get("CHANNEL")).isEqualTo("PHONE");
    assertThat(dutyLogOf(instance)).extracting(DutyLogEntry::entryType).containsExactly(
        "投訴已受理", "記錄當場處理的投訴", "回復業主並記錄業主意見", "投訴處理結果", "投訴已完結");
    assertThat(dutyLogOf(instance)).allSatisfy(e -> assertThat(e.businessKey()).isEqualTo(complaintNo(instance)));
  }

  @Test
  @DisplayName("CP-6.1 CP-7.8 the 1-hour report is missed: the task stays, the CS supervisor gets a task, the miss and how late are recorded")
  void onTheSpotReportMissed() {
    setClock(at("2026-11-25T10:00"));
    Map<String, Object> complaint = complaint("PHONE", "垃圾未清");
    complaint.put("handledOnTheSpot", true);
    complaint.put("onTheSpotResult", "已通知清潔");
    ProcessInstance instance = receive(complaint);

    setClock(at("2026-11-25T11:05"));
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute(
        timer(instance, "BoundaryEvent_LogOnTheSpotComplaintMissed"));
    assertThat(instance).isWaitingAt("Task_LogOnTheSpotComplaint", "Task_SuperviseMissedDeadline");
    assertMissed(instance, Deadline.REPORT_1H, "cs-supervisor");

    setClock(at("2026-11-25T11:30"));
    complete("duty", instance, "Task_LogOnTheSpotComplaint", Map.of("dutyLogNote", "遲報",
        "handledBy", "保安員陳強", "handledAt", "2026-11-25T10:05"));
    Map<String, Object> miss = records.misses(complaintNo(instance)).get(0);
    assertThat(((java.sql.Timestamp) miss.get("COMPLETED_AT")).getTime()
        - ((java.sql.Timestamp) miss.get("DUE_AT")).getTime()).isEqualTo(30 * 60_000L);

    setClock(at("2026-11-25T13:00"));
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute(
        timer(instance, "BoundaryEvent_ReplyAfterOnTheSpotMissed"));
    assertMissed(instance, Deadline.REPLY_ON_SPOT_2H, "cs-supervisor");
    complete("duty", instance, "Task_ReplyAfterOnTheSpot", phoneReply(true));
    assertThat(instance).isEnded();
  }

  @Test
  @DisplayName("CP-6.2 CP-10.1 the duty officer logs and handles it: the reply is due 2 hours after handling")
  void dutyOfficerHandles() {
    setClock(at("2026-11-25T09:00"));
    ProcessInstance instance = receive(complaint("HOTLINE", "噪音"));
    setClock(at("2026-11-25T09:30"));
    complete("duty", instance, "Task_LogComplaint", Map.of("category", "SERVICE",
        "dutyOfficerHandles", "YES", "handlingResult", "已勸喻裝修單位"));
    assertThat(task("duty", instance, "Task_ReplyAfterOnTheSpot").getDueDate())
        .isEqualTo(at("2026-11-25T11:30"));
    assertThat(records.complaint(complaintNo(instance)).orElseThrow().get("HANDLED_BY"))
        .isEqualTo("duty");
  }

  @Test
  @DisplayName("CP-6.3 CP-7.1 CP-10.2 CP-10.3 CP-7.7 valid: contact within 2 hours, reply the same day by home visit with the resident's signature")
  void validComplaintRepliedByVisit() {
    setClock(at("2026-11-25T10:00"));
    ProcessInstance instance = receive(complaint("HOTLINE", "管理費收費錯誤"));
    complete("duty", instance, "Task_LogComplaint", Map.of("category", "FEES", "dutyOfficerHandles", "NO"));

    Task classify = task("supervisor", instance, "Task_ClassifyComplaint");
    assertThat(candidateGroups(classify)).containsExactly("cs-supervisor");
    assertThat(runtimeService.getVariable(instance.getId(), "classification")).isEqualTo("VALID");
    complete("supervisor", instance, "Task_ClassifyComplaint", Map.of("classification", "VALID"));
    assertThat(records.complaint(complaintNo(instance)).orElseThrow().get("CLASSIFICATION")).isEqualTo("VALID");

    assertThat(task("supervisor", instance, "Task_ContactResident").getDueDate()).isEqualTo(at("2026-11-25T12:00"));
    assertThatThrownBy(() -> complete("supervisor", instance, "Task_ContactResident",
        Map.of("contactNote", "已致電業戶")))
        .isInstanceOf(FormInputException.class).hasMessageContaining("約定回復時間");
    complete("supervisor", instance, "Task_ContactResident", Map.of("contactNote", "已致電業戶",
        "agreedReplyAt", "2026-11-25T17:00"));
    Task handle = task("supervisor", instance, "Task_HandleValidComplaint");
    assertThat(handle.getDueDate()).isEqualTo(at("2026-11-25T17:00"));
    assertThat(timer(instance, "BoundaryEvent_HandleValidComplaintMissed").getDuedate())
        .isEqualTo(at("2026-11-25T17:00"));
    assertThat(records.complaint(complaintNo(instance)).orElseThrow().get("SPECIAL_CIRCUMSTANCE"))
        .isNull();

    assertThatThrownBy(() -> complete("supervisor", instance, "Task_HandleValidComplaint",
        Map.of("handlingOutcome", "RESOLVED", "handlingResult", "已退回多收費用", "replyMethod", "VISIT",
            "residentOpinion", "滿意", "residentSatisfiedAnswer", "YES")))
        .isInstanceOf(FormInputException.class).hasMessageContaining("業戶簽名");
    complete("supervisor", instance, "Task_HandleValidComplaint", Map.of("handlingOutcome", "RESOLVED",
        "handlingResult", "已退回多收費用", "replyMethod", "VISIT", "residentOpinion", "滿意",
        "residentSignature", "王大文", "residentSatisfiedAnswer", "YES"));

    assertThat(instance).isEnded().hasPassed("EndEvent_ComplaintClosed");
    assertThat(records.visits(complaintNo(instance))).singleElement().satisfies(visit -> {
      assertThat(visit.get("RESIDENT_SIGNATURE")).isEqualTo("王大文");
      assertThat(visit.get("SATISFIED")).isEqualTo(true);
    });
  }

  @Test
  @DisplayName("CP-10.2 a complaint arriving after the cut-off may be replied to by the end of the next day without a special reason")
  void afterCutOffDueNextDay() {
    setClock(at("2026-11-25T19:30"));
    ProcessInstance instance = classified("MAINTENANCE", "水管維修", "VALID");
    assertThat(runtimeService.getVariable(instance.getId(), "replyDue"))
        .isEqualTo(at("2026-11-26T23:59:59"));
    complete("supervisor", instance, "Task_ContactResident", Map.of("contactNote", "已聯系",
        "agreedReplyAt", "2026-11-26T20:00"));
    assertThat(task("supervisor", instance, "Task_HandleValidComplaint").getDueDate())
        .isEqualTo(at("2026-11-26T20:00"));
  }

  @Test
  @DisplayName("CP-7.1 CP-10.2 an agreed reply time after the same day is refused without the 特殊情況 reason, and kept with it as the deadline")
  void specialCircumstanceRequiredAfterTheSameDay() {
    setClock(at("2026-11-25T10:00"));
    ProcessInstance instance = classified("MAINTENANCE", "天台漏水", "VALID");
    assertThatThrownBy(() -> complete("supervisor", instance, "Task_ContactResident",
        Map.of("contactNote", "已聯系", "agreedReplyAt", "2026-11-27T10:00")))
        .isInstanceOf(FormInputException.class).hasMessageContaining("特殊情況");
    assertThat(instance).isWaitingAt("Task_ContactResident");
    assertThat(records.complaint(complaintNo(instance)).orElseThrow().get("AGREED_REPLY_AT")).isNull();

    complete("supervisor", instance, "Task_ContactResident", Map.of("contactNote", "已聯系",
        "agreedReplyAt", "2026-11-27T10:00", "specialCircumstance", "需待防水材料運到"));
    assertThat(task("supervisor", instance, "Task_HandleValidComplaint").getDueDate())
        .isEqualTo(at("2026-11-27T10:00"));
    Map<String, Object> record = records.complaint(complaintNo(instance)).orElseThrow();
    assertThat(record.get("AGREED_REPLY_AT")).isEqualTo(new java.sql.Timestamp(at("2026-11-27T10:00").getTime()));
    assertThat(record.get("SPECIAL_CIRCUMSTANCE")).isEqualTo("需待防水材料運到");
  }

  @Test
  @DisplayName("CP-7.1 CP-10.2 CP-7.8 an agreed reply time becomes the deadline; missing it escalates to the office director")
  void agreedReplyTimeMissed() {
    setClock(at("2026-11-25T10:00"));
    ProcessInstance instance = classified("SERVICE", "保安服務態度", "VALID");
    assertThatThrownBy(() -> complete("supervisor", instance, "Task_ContactResident",
        Map.of("contactNote", "已聯系", "agreedReplyAt", "2026-11-20T10:00")))
        .hasMessageContaining("須在現在之後");
    complete("supervisor", instance, "Task_ContactResident", Map.of("contactNote", "已聯系",
        "agreedReplyAt", "2026-11-27T15:00", "specialCircumstance", "業戶出差"));
    assertThat(timer(instance, "BoundaryEvent_HandleValidComplaintMissed").getDuedate())
        .isEqualTo(at("2026-11-27T15:00"));

    setClock(at("2026-11-27T15:01"));
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute(
        timer(instance, "BoundaryEvent_HandleValidComplaintMissed"));
    assertThat(instance).isWaitingAt("Task_HandleValidComplaint");
    assertMissed(instance, Deadline.REPLY_DUE, "office-director");
  }

  @Test
  @DisplayName("CP-6.1 CP-7.1 CP-13 the clocks run from the receipt time given at the start; over REST a time in the future or more than a day back is refused naming the field, and nothing is created")
  void clocksRunFromTheGivenReceipt() {
    setClock(at("2026-11-25T10:00"));
    Map<String, Object> heardEarlier = complaint("PHONE", "走廊燈壞");
    heardEarlier.put("receivedAt", "2026-11-25T09:20");
    ProcessInstance instance = start("staff", "ComplaintProcess", heardEarlier);
    assertThat(runtimeService.getVariable(instance.getId(), "receivedAt")).isEqualTo(at("2026-11-25T09:20"));
    assertThat(runtimeService.getVariable(instance.getId(), "contactDue")).isEqualTo(at("2026-11-25T11:20"));
    assertThat(runtimeService.getVariable(instance.getId(), "onSpotReportDue")).isEqualTo(at("2026-11-25T10:20"));
    assertThat(records.complaint(complaintNo(instance)).orElseThrow().get("RECEIVED_AT"))
        .isEqualTo(new java.sql.Timestamp(at("2026-11-25T09:20").getTime()));

    Map<String, Object> withOffset = complaint("HOTLINE", "垃圾未清");
    withOffset.put("receivedAt", "2026-11-25T01:30:00Z");
    ProcessInstance second = start("staff", "ComplaintProcess", withOffset);
    assertThat(runtimeService.getVariable(second.getId(), "receivedAt")).isEqualTo(at("2026-11-25T09:30"));

    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey("ComplaintProcess").count();
    for (String when : java.util.List.of("2026-11-25T10:30", "2026-11-24T09:59", "昨天")) {
      Map<String, Object> wrong = complaint("PHONE", "噪音");
      wrong.put("receivedAt", when);
      for (String path : java.util.List.of("start", "submit-form")) {
        var refused = rest("staff").postJson("/engine-rest/process-definition/key/ComplaintProcess/"
            + path, com.wuye.workflow.operations.BadInputTestAccess.body(wrong));
        assertThat(refused.statusCode()).as("%s at %s", when, path).isEqualTo(400);
        assertThat(json(refused).path("message").asText()).contains("收到投訴的時間");
      }
    }
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("ComplaintProcess")
        .count()).isEqualTo(before);
  }

  @Test
  @DisplayName("CP-7.8 a deadline is missed once: the task comes back from the superior after its deadline, and no second miss or 督辦 task follows")
  void deadlineMissedOnce() {
    setClock(at("2026-11-25T10:00"));
    ProcessInstance instance = classified("SERVICE", "清潔不足", "VALID");
    complete("supervisor", instance, "Task_ContactResident", Map.of("contactNote", "已聯系",
        "agreedReplyAt", "2026-11-26T15:00", "specialCircumstance", "需外判"));
    setClock(at("2026-11-26T15:01"));
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute(
        timer(instance, "BoundaryEvent_HandleValidComplaintMissed"));
    assertMissed(instance, Deadline.REPLY_DUE, "office-director");

    // passed up and back: the task is open again after its deadline
    complete("supervisor", instance, "Task_HandleValidComplaint", Map.of("handlingOutcome",
        "BEYOND_MY_POWER", "escalationReason", "需外判清潔公司"));
    // the reply's deadline still counts while the superior has it: missed already, not again
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute(
        timer(instance, "BoundaryEvent_EscalatedReplyMissed"));
    complete("director", instance, "Task_SuperiorHandles", Map.of("superiorResult", "已安排外判",
        "escalateFurther", "NONE"));
    assertThat(instance).isWaitingAt("Task_HandleValidComplaint");
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute(
        timer(instance, "BoundaryEvent_HandleValidComplaintMissed"));

    assertThat(records.misses(complaintNo(instance))).as("one miss of the reply deadline")
        .filteredOn(m -> m.get("DEADLINE").equals(Deadline.REPLY_DUE.name())).hasSize(1);
    assertThat(taskService.createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey("Task_SuperviseMissedDeadline").count()).isZero();
    assertThat(instance).hasPassed("EndEvent_AlreadySupervised", "EndEvent_EscalatedReplyEscalated");
    complete("supervisor", instance, "Task_HandleValidComplaint", Map.of("handlingOutcome", "RESOLVED",
        "handlingResult", "已清潔", "replyMethod", "PHONE", "residentOpinion", "滿意",
        "residentSatisfiedAnswer", "YES"));
    assertThat(instance).isEnded();
  }

  @Test
  @DisplayName("CP-7.1 CP-7.8 no contact within 2 hours: the office director is told and the miss recorded")
  void contactMissed() {
    setClock(at("2026-11-25T10:00"));
    ProcessInstance instance = classified("SERVICE", "服務態度差", "VALID");
    Job contactTimer = timer(instance, "BoundaryEvent_ContactResidentMissed");
    assertThat(contactTimer.getDuedate()).isEqualTo(at("2026-11-25T12:00"));
    setClock(at("2026-11-25T12:01"));
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute(contactTimer);
    assertThat(instance).isWaitingAt("Task_ContactResident");
    assertMissed(instance, Deadline.CONTACT_2H, "office-director");
    assertThat(dutyLogOf(instance)).anySatisfy(e -> assertThat(e.entryType()).isEqualTo("逾期上報"));
  }

  List<Map<String, Object>> slip(ProcessInstance instance) {
    return records.slipEntries(complaintNo(instance));
  }

  @Test
  @DisplayName("CP-7.8 beyond the handler's power: handler → office director → deputy GM → general manager and back to the handler, each level its own entry on the 工作傳簽單, none overwritten")
  void escalationChainToTheGeneralManager() {
    setClock(at("2026-11-25T09:00"));
    ProcessInstance instance = classified("MAINTENANCE", "外牆滲水", "VALID");
    complete("supervisor", instance, "Task_ContactResident", Map.of("contactNote", "已聯系",
        "agreedReplyAt", "2026-11-25T17:00"));
    complete("supervisor", instance, "Task_HandleValidComplaint", Map.of("handlingOutcome", "BEYOND_MY_POWER",
        "escalationReason", "需動用維修基金"));
    assertThat(records.slips(complaintNo(instance))).singleElement()
        .satisfies(slip -> assertThat(slip.get("REASON")).isEqualTo("需動用維修基金"));

    Task director = task("director", instance, "Task_SuperiorHandles");
    assertThat(candidateGroups(director)).containsExactly("office-director");
    assertThat(director.getDueDate()).as("the resident's reply deadline still counts").isEqualTo(at("2026-11-25T17:00"));
    setClock(at("2026-11-25T09:30"));
    complete("director", instance, "Task_SuperiorHandles", Map.of("superiorResult", "報主管副總經理審批",
        "escalateFurther", "DEPUTY_GM"));
    assertThat(candidateGroups(task("deputy", instance, "Task_DeputyGmHandles"))).containsExactly("deputy-gm");
    setClock(at("2026-11-25T10:00"));
    complete("deputy", instance, "Task_DeputyGmHandles", Map.of("deputyGmResult", "金額超出權限,提交總經理",
        "deputyGmDecision", "GENERAL_MANAGER"));
    assertThat(candidateGroups(task("gm", instance, "Task_GeneralManagerHandles"))).containsExactly("general-manager");
    setClock(at("2026-11-25T10:30"));
    complete("gm", instance, "Task_GeneralManagerHandles", Map.of("generalManagerResult", "批准動用維修基金"));

    assertThat(instance).isWaitingAt("Task_HandleValidComplaint");
    assertThat(slip(instance)).extracting(e -> e.get("HANDLED_BY_GROUP"), e -> e.get("HANDLED_BY"),
        e -> e.get("RESULT"), e -> e.get("DECISION"), e -> e.get("NEXT_GROUP"), e -> e.get("HANDLED_AT"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("office-director", "director", "報主管副總經理審批", "PASSED_UP", "deputy-gm",
                new java.sql.Timestamp(at("2026-11-25T09:30").getTime())),
            org.assertj.core.groups.Tuple.tuple("deputy-gm", "deputy", "金額超出權限,提交總經理", "PASSED_UP", "general-manager",
                new java.sql.Timestamp(at("2026-11-25T10:00").getTime())),
            org.assertj.core.groups.Tuple.tuple("general-manager", "gm", "批准動用維修基金", "RESOLVED", "cs-supervisor",
                new java.sql.Timestamp(at("2026-11-25T10:30").getTime())));

    // passed up a second time: the director resolves it; the earlier entries stay as they were
    complete("supervisor", instance, "Task_HandleValidComplaint", Map.of("handlingOutcome", "BEYOND_MY_POWER",
        "escalationReason", "工程需業主大會決議"));
    complete("director", instance, "Task_SuperiorHandles", Map.of("superiorResult", "已安排", "escalateFurther", "NONE"));
    assertThat(slip(instance)).hasSize(4).last().satisfies(e -> {
      assertThat(e.get("DECISION")).isEqualTo("RESOLVED");
      assertThat(e.get("NEXT_GROUP")).isEqualTo("cs-supervisor");
    });
    assertThat(slip(instance).get(2).get("RESULT")).isEqualTo("批准動用維修基金");
    complete("supervisor", instance, "Task_HandleValidComplaint", Map.of("handlingOutcome", "RESOLVED",
        "handlingResult", "已維修", "replyMethod", "PHONE", "residentOpinion", "滿意", "residentSatisfiedAnswer", "YES"));
    assertThat(instance).isEnded().hasPassed("EndEvent_GeneralManagerResolved", "EndEvent_DirectorResolved");
    var detail = json(rest("director").get("/api/complaints/" + complaintNo(instance)));
    assertThat(detail.path("circulationSlipEntries").findValuesAsText("HANDLED_BY_GROUP"))
        .containsExactly("office-director", "deputy-gm", "general-manager", "office-director");
    assertThat(rest("director2").get("/api/complaints/" + complaintNo(instance)).statusCode())
        .isEqualTo(404);
  }

  @Test
  @DisplayName("CP-8.2 CP-7.8 the office cannot resolve it: the director asks the complaint centre, whose result comes back to the office's handler; the deputy GM may resolve it too")
  void complaintCentreHelpsTheOffice() {
    setClock(at("2026-11-25T09:00"));
    ProcessInstance instance = classified("SERVICE", "跨區收費爭議", "VALID");
    complete("supervisor", instance, "Task_ContactResident", Map.of("contactNote", "已聯系",
        "agreedReplyAt", "2026-11-25T17:00"));
    complete("supervisor", instance, "Task_HandleValidComplaint", Map.of("handlingOutcome", "BEYOND_MY_POWER",
        "escalationReason", "涉及公司政策"));
    complete("director", instance, "Task_SuperiorHandles", Map.of("superiorResult", "管理處無法處理,報中心",
        "escalateFurther", "COMPLAINT_CENTER"));
    Task centre = task("center", instance, "Task_ComplaintCenterHelps");
    assertThat(candidateGroups(centre)).containsExactly("complaint-center");
    assertThat(centre.getTenantId()).isEqualTo("cuiyuan");
    complete("center", instance, "Task_ComplaintCenterHelps", Map.of("centerHelpResult", "按公司政策退款"));
    assertThat(instance).isWaitingAt("Task_HandleValidComplaint");
    assertThat(slip(instance)).extracting(e -> e.get("HANDLED_BY_GROUP"), e -> e.get("DECISION"), e -> e.get("NEXT_GROUP"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("office-director", "ASKED_CENTER", "complaint-center"),
            org.assertj.core.groups.Tuple.tuple("complaint-center", "RESOLVED", "cs-supervisor"));

    complete("supervisor", instance, "Task_HandleValidComplaint", Map.of("handlingOutcome", "BEYOND_MY_POWER",
        "escalationReason", "業戶要求副總經理回覆"));
    complete("director", instance, "Task_SuperiorHandles", Map.of("superiorResult", "提交副總經理",
        "escalateFurther", "DEPUTY_GM"));
    complete("deputy", instance, "Task_DeputyGmHandles", Map.of("deputyGmResult", "已親自致電業戶",
        "deputyGmDecision", "RESOLVED"));
    assertThat(instance).isWaitingAt("Task_HandleValidComplaint").hasPassed("EndEvent_CenterResolved",
        "EndEvent_DeputyGmResolved");
    assertThat(slip(instance)).hasSize(4);
  }

  @Test
  @DisplayName("CP-7.8 CP-8.2 CP-10.2 an escalated complaint is never silent: the level it waits at is reminded, and the resident's reply deadline passing there is recorded and supervised")
  void escalatedComplaintReminderAndDeadline() {
    setClock(at("2026-11-25T09:00"));
    ProcessInstance instance = classified("MAINTENANCE", "水壓不足", "VALID");
    complete("supervisor", instance, "Task_ContactResident", Map.of("contactNote", "已聯系",
        "agreedReplyAt", "2026-11-25T15:00"));
    complete("supervisor", instance, "Task_HandleValidComplaint", Map.of("handlingOutcome", "BEYOND_MY_POWER",
        "escalationReason", "需更換水泵"));
    complete("director", instance, "Task_SuperiorHandles", Map.of("superiorResult", "報主管副總經理",
        "escalateFurther", "DEPUTY_GM"));

    Job reminder = timer(instance, "BoundaryEvent_EscalationReminder");
    assertThat(reminder.getDuedate()).isEqualTo(at("2026-11-25T11:00"));
    setClock(at("2026-11-25T11:00"));
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute(reminder);
    assertThat(instance).hasPassed("ServiceTask_RemindEscalatedComplaint", "EndEvent_EscalationReminded");
    assertThat(jdbc.queryForList("SELECT recipients, subject FROM mail_outbox WHERE event_key LIKE ?",
        "escalation-reminder:" + complaintNo(instance) + ":%")).singleElement().satisfies(mail -> {
          assertThat(mail.get("RECIPIENTS")).isEqualTo("deputy@wuye.example");
          assertThat((String) mail.get("SUBJECT")).contains(complaintNo(instance)).contains("主管副總經理處理");
        });
    assertThat(timer(instance, "BoundaryEvent_EscalationReminder").getDuedate())
        .as("and again two hours later").isEqualTo(at("2026-11-25T13:00"));

    Job replyDue = timer(instance, "BoundaryEvent_EscalatedReplyMissed");
    assertThat(replyDue.getDuedate()).isEqualTo(at("2026-11-25T15:00"));
    setClock(at("2026-11-25T15:00"));
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute(replyDue);
    assertThat(instance).isWaitingAt("Task_DeputyGmHandles", "Task_SuperviseMissedDeadline");
    assertMissed(instance, Deadline.REPLY_DUE, "office-director");
  }

  @Test
  @DisplayName("CP-2 CP-7.2 CP-7.4 CP-12 assisted (developer): written report, follow-up, the resident is updated on a recurring reminder until resolved")
  void assistedComplaint() {
    setClock(at("2026-11-25T10:00"));
    ProcessInstance instance = receive(complaint("EMAIL", "發展商未修補天台"));
    complete("duty", instance, "Task_LogComplaint", Map.of("category", "OTHER", "dutyOfficerHandles", "NO"));
    assertThat(runtimeService.getVariable(instance.getId(), "classification")).isEqualTo("ASSISTED");
    assertThat(runtimeService.getVariable(instance.getId(), "assistedRoute")).isEqualTo("DEVELOPER");
    complete("supervisor", instance, "Task_ClassifyComplaint", Map.of("classification", "ASSISTED",
        "assistedRoute", "DEVELOPER"));
    complete("supervisor", instance, "Task_ReportToResponsibleParty", Map.of("responsibleParty", "翠苑發展有限公司",
        "reportReference", "函件 2026-118"));

    Job reminder = timer(instance, "BoundaryEvent_ProgressUpdateDue");
    assertThat(reminder.getDuedate()).isEqualTo(at("2026-11-26T10:00"));
    setClock(at("2026-11-26T10:00"));
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute(reminder);
    assertThat(instance).isWaitingAt("Task_FollowUpResponsibleParty", "Task_InformResidentOfProgress");
    assertThat(timer(instance, "BoundaryEvent_ProgressUpdateDue").getDuedate()).isEqualTo(at("2026-11-27T10:00"));
    complete("supervisor", instance, "Task_InformResidentOfProgress", Map.of("progressNote", "發展商已安排工程"));

    complete("supervisor", instance, "Task_FollowUpResponsibleParty", Map.of("resolutionResult", "天台已修補"));
    assertThat(timer(instance, "BoundaryEvent_ProgressUpdateDue")).as("no more reminders").isNull();
    complete("supervisor", instance, "Task_ReplyToResident", phoneReply(true));
    assertThat(instance).isEnded();
  }

  @Test
  @DisplayName("CP-3 CP-7.3 CP-13 invalid: explained and replied within 2 hours, or the office director is told")
  void invalidComplaint() {
    setClock(at("2026-11-25T10:00"));
    ProcessInstance instance = receive(complaint("VISIT", "鄰居養貓"));
    complete("duty", instance, "Task_LogComplaint", Map.of("category", "OTHER", "dutyOfficerHandles", "NO"));
    assertThat(runtimeService.getVariable(instance.getId(), "classification")).isEqualTo("INVALID");
    complete("supervisor", instance, "Task_ClassifyComplaint", Map.of("classification", "INVALID"));
    assertThat(task("supervisor", instance, "Task_ExplainToResident").getDueDate()).isEqualTo(at("2026-11-25T12:00"));
    setClock(at("2026-11-25T12:00"));
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute(
        timer(instance, "BoundaryEvent_ExplainToResidentMissed"));
    assertMissed(instance, Deadline.INVALID_REPLY_2H, "office-director");
    complete("supervisor", instance, "Task_ExplainToResident", Map.of("explanation", "不屬管理處職責",
        "replyMethod", "PHONE", "residentOpinion", "明白", "residentSatisfiedAnswer", "YES"));
    assertThat(instance).isEnded();
  }

  @Test
  @DisplayName("CP-11 a written complaint must also get a written reply, its text and date recorded")
  void writtenComplaintWrittenReply() {
    Map<String, Object> complaint = complaint("FAX", "清潔不足");
    complaint.put("writtenComplaint", true);
    ProcessInstance instance = receive(complaint);
    complete("duty", instance, "Task_LogComplaint", Map.of("category", "SERVICE", "dutyOfficerHandles", "YES",
        "handlingResult", "已加強清潔"));
    assertThatThrownBy(() -> complete("duty", instance, "Task_ReplyAfterOnTheSpot", phoneReply(true)))
        .hasMessageContaining("書面");
    Map<String, Object> reply = new HashMap<>(phoneReply(true));
    reply.put("writtenReplyText", "王先生:來函收悉,清潔已加強,謹此回復。");
    complete("duty", instance, "Task_ReplyAfterOnTheSpot", reply);
    assertThat(instance).isEnded();
    assertThat(records.writtenReplies(complaintNo(instance))).singleElement().satisfies(r -> {
      assertThat(r.get("REPLY_TEXT")).isEqualTo("王先生:來函收悉,清潔已加強,謹此回復。");
      assertThat(r.get("WRITTEN_BY")).isEqualTo("duty");
      assertThat(r.get("WRITTEN_AT")).isNotNull();
    });
  }

  @Test
  @DisplayName("CP-7.6 CP-14 not satisfied: followed up with more measures; still unhappy, a new complaint linked to the old one, visible from both")
  void notSatisfiedThenReComplaint() {
    ProcessInstance instance = classified("MAINTENANCE", "電梯維修", "VALID");
    complete("supervisor", instance, "Task_ContactResident", contacted());
    complete("supervisor", instance, "Task_HandleValidComplaint", Map.of("handlingOutcome", "RESOLVED",
        "handlingResult", "已維修", "replyMethod", "PHONE", "residentOpinion", "仍有異響", "residentSatisfiedAnswer", "NO"));
    complete("supervisor", instance, "Task_FollowUpUntilSatisfied", Map.of("followUpAction", "MORE_MEASURES",
        "followUpNote", "再安排技術員"));
    complete("supervisor", instance, "Task_HandleValidComplaint", Map.of("handlingOutcome", "RESOLVED",
        "handlingResult", "更換零件", "replyMethod", "PHONE", "residentOpinion", "不滿意處理意見", "residentSatisfiedAnswer", "NO"));
    complete("supervisor", instance, "Task_FollowUpUntilSatisfied", Map.of("followUpAction", "NEW_COMPLAINT",
        "followUpNote", "業戶要求更換整部電梯"));

    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute(
        managementService.createJobQuery().processInstanceId(instance.getId()).singleResult());
    assertThat(instance).isEnded().hasPassed("ServiceTask_StartReComplaint");
    String newNo = (String) engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId()).variableName("newComplaintNo").singleResult().getValue();
    assertThat(records.complaint(newNo).orElseThrow().get("RELATED_COMPLAINT_NO")).isEqualTo(complaintNo(instance));
    assertThat(records.complaint(complaintNo(instance)).orElseThrow().get("RESIDENT_SATISFIED")).isEqualTo(false);

    HttpResponse<String> old = rest("supervisor").get("/api/complaints/" + complaintNo(instance));
    assertThat(json(old).path("relatedComplaints").findValuesAsText("COMPLAINT_NO")).containsExactly(newNo);
    HttpResponse<String> fresh = rest("supervisor").get("/api/complaints/" + newNo);
    assertThat(json(fresh).path("complaint").path("RELATED_COMPLAINT_NO").asText()).isEqualTo(complaintNo(instance));
  }

  @Test
  @DisplayName("CP-7.6 followed up until the resident is satisfied")
  void satisfiedAfterFollowUp() {
    ProcessInstance instance = classified("SERVICE", "管理員態度", "INVALID");
    complete("supervisor", instance, "Task_ExplainToResident", Map.of("explanation", "已解釋",
        "replyMethod", "PHONE", "residentOpinion", "不太滿意", "residentSatisfiedAnswer", "NO"));
    complete("supervisor", instance, "Task_FollowUpUntilSatisfied", Map.of("followUpAction", "SATISFIED",
        "followUpNote", "再次解釋後業戶表示滿意"));
    assertThat(instance).isEnded();
    assertThat(records.complaint(complaintNo(instance)).orElseThrow().get("RESIDENT_SATISFIED")).isEqualTo(true);
  }

  @Test
  @DisplayName("CP-8.3 from the complaint centre: the result goes back within 12 hours of completion, else the office director supervises it and the centre is told its report is late")
  void fromComplaintCenter() {
    setClock(at("2026-11-25T10:00"));
    ProcessInstance instance = start("center", "ComplaintProcess", complaint("COMPLAINT_CENTER", "停車場收費"));
    complete("duty", instance, "Task_LogComplaint", Map.of("category", "FEES", "dutyOfficerHandles", "YES",
        "handlingResult", "已解釋收費標準"));
    setClock(at("2026-11-25T11:00"));
    complete("duty", instance, "Task_ReplyAfterOnTheSpot", phoneReply(true));

    Task report = task("supervisor", instance, "Task_ReportResultToCenter");
    assertThat(report.getDueDate()).isEqualTo(at("2026-11-25T23:00"));
    assertThat(timer(instance, "BoundaryEvent_ReportResultToCenterMissed").getDuedate()).isEqualTo(at("2026-11-25T23:00"));
    setClock(at("2026-11-25T23:00"));
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute(
        timer(instance, "BoundaryEvent_ReportResultToCenterMissed"));
    assertMissed(instance, Deadline.CENTER_12H, "office-director");
    assertThat(jdbc.queryForMap("SELECT recipients, subject FROM mail_outbox WHERE event_key = ?",
        "center-report-late:" + complaintNo(instance))).satisfies(mail -> {
          assertThat(mail.get("RECIPIENTS")).isEqualTo("center@wuye.example");
          assertThat((String) mail.get("SUBJECT")).isEqualTo("[投訴結果逾期未報] " + complaintNo(instance));
        });
    complete("supervisor", instance, "Task_ReportResultToCenter", Map.of("centerReportNote", "已報中心"));
    assertThat(instance).isEnded();
  }

  @Test
  @DisplayName("CP-4 CP-8.1 CP-11 CP-9 the fifth household on the same matter makes a collective complaint: the director has a task and a mail within a minute, the deputy GM and the centre acknowledge it, the duty officer's report is recorded, a home visit to every household (late joiners too), each result in the duty log, a complete 特別事故報告")
  void collectiveComplaint() {
    setClock(at("2026-11-25T08:00"));
    String matter = "電梯故障" + UNITS.incrementAndGet();
    ProcessInstance[] households = new ProcessInstance[4];
    for (int i = 0; i < 4; i++) {
      Map<String, Object> c = complaint("PHONE", "x");
      c.put("matter", i % 2 == 0 ? matter : " " + matter.replace("電梯", "電梯 ") + "!");
      households[i] = receive(c);
      assertThat(households[i]).isWaitingAt("Task_LogComplaint");
    }
    Map<String, Object> fifth = complaint("PHONE", "x");
    // full-width digits, spacing and punctuation do not make it another matter
    fifth.put("matter", toFullWidthDigits(matter).replace("故障", "故障 !"));
    fifth.put("writtenComplaint", true);
    ProcessInstance collective = receive(fifth);

    assertThat(runtimeService.getVariable(collective.getId(), "collectiveRole")).isEqualTo("COORDINATOR");
    String caseNo = (String) runtimeService.getVariable(collective.getId(), "collectiveCaseNo");
    // "立即": the mail to the director, deputy GM and centre is queued with the fifth complaint
    assertThat(jdbc.queryForMap("SELECT recipients, created_at FROM mail_outbox WHERE event_key = ?",
        "collective:" + caseNo)).satisfies(mail -> {
          assertThat((String) mail.get("RECIPIENTS")).contains("director@wuye.example", "deputy@wuye.example",
              "center@wuye.example");
          assertThat(mail.get("CREATED_AT")).isEqualTo(new java.sql.Timestamp(at("2026-11-25T08:00").getTime()));
        });
    assertThat(collective).isWaitingAt("Task_ReportCollectiveToDirector", "Task_AcknowledgeCollective",
        "ServiceTask_JoinHouseholds");
    List<Task> acknowledge = taskService.createTaskQuery().processInstanceId(collective.getId())
        .taskDefinitionKey("Task_AcknowledgeCollective").list();
    assertThat(acknowledge).flatExtracting(this::candidateGroups).containsExactlyInAnyOrder("deputy-gm", "complaint-center");
    setClock(at("2026-11-25T08:00:20"));
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute(
        managementService.createJobQuery().processInstanceId(collective.getId()).activityId("ServiceTask_JoinHouseholds").singleResult());
    Task organise = task("director", collective, "Task_OrganiseCollectiveHandling");
    assertThat(organise.getCreateTime().getTime() - at("2026-11-25T08:00").getTime())
        .as("the director's task within a minute of the fifth complaint").isLessThanOrEqualTo(60_000L);
    for (Task ack : acknowledge) {
      String who = candidateGroups(ack).contains("deputy-gm") ? "deputy" : "center";
      as(who, () -> {
        taskService.claim(ack.getId(), who);
        taskService.complete(ack.getId(), Map.of("acknowledged", true));
        return null;
      });
    }
    complete("duty", collective, "Task_ReportCollectiveToDirector", Map.of("collectiveReportNote", "五戶投訴電梯故障"));
    assertThat(dutyLogOf(collective)).anySatisfy(e -> assertThat(e.summary()).contains("已通報管理處主任、主管副總經理及公司客戶投訴處理中心"));
    assertThat(dutyLogOf(collective)).anySatisfy(e -> assertThat(e.summary()).contains("五戶投訴電梯故障"));
    assertThat(collective).hasPassed("EndEvent_CollectiveReportRecorded", "EndEvent_CollectiveAcknowledged");
    for (ProcessInstance household : households) {
      assertThat(household).isWaitingAt("ReceiveTask_WaitWithCollective");
    }
    Map<String, Object> sixth = complaint("PHONE", "x");
    sixth.put("matter", matter);
    ProcessInstance late = receive(sixth);
    assertThat(late).isWaitingAt("ReceiveTask_WaitForCollectiveResult");

    assertThat(candidateGroups(organise)).containsExactly("office-director");
    setClock(at("2026-11-25T09:00"));
    complete("director", collective, "Task_OrganiseCollectiveHandling", Map.of("residentsContacted", true,
        "agreedReplyAt", "2026-11-26T18:00", "incidentDescription", "B座兩部電梯同時故障", "handlingPlan", "即日維修並逐戶回復"));
    assertThat(records.specialIncidentReports(caseNo)).singleElement()
        .satisfies(r -> assertThat(r.get("HOUSEHOLDS")).isEqualTo(6));
    assertThat(records.complaintsOfCollectiveCase(caseNo)).allSatisfy(c -> assertThat(c.get("COLLECTIVE_TOLD_AT"))
        .isEqualTo(new java.sql.Timestamp(at("2026-11-25T09:00").getTime())));

    // a household joining after the director organised the handling is visited on its own
    Map<String, Object> seventh = complaint("PHONE", "x");
    seventh.put("matter", matter);
    ProcessInstance joinedLate = receive(seventh);
    assertThat(joinedLate).isWaitingAt("Task_VisitJoinedHousehold");
    setClock(at("2026-11-25T10:00"));
    complete("supervisor", joinedLate, "Task_VisitJoinedHousehold", Map.of("residentOpinion", "已修好",
        "residentSignature", "業戶", "residentSatisfiedAnswer", "YES"));
    assertThat(joinedLate).isEnded().hasPassed("EndEvent_JoinedHouseholdVisited");
    assertThat(records.complaint(complaintNo(joinedLate)).orElseThrow().get("COLLECTIVE_TOLD_AT"))
        .isEqualTo(new java.sql.Timestamp(at("2026-11-25T10:00").getTime()));

    List<Task> visits = as("supervisor", () -> taskService.createTaskQuery()
        .processInstanceId(collective.getId()).taskDefinitionKey("Task_VisitHousehold").list());
    assertThat(visits).hasSize(6);
    for (Task visit : visits) {
      String household = (String) taskService.getVariable(visit.getId(), "household");
      Map<String, Object> form = new HashMap<>(Map.of("residentOpinion", "滿意", "residentSignature", "業戶",
          "residentSatisfiedAnswer", "YES"));
      if (household.startsWith(complaintNo(collective))) {
        assertThatThrownBy(() -> as("supervisor", () -> {
          taskService.claim(visit.getId(), "supervisor");
          taskService.complete(visit.getId(), form);
          return null;
        })).hasMessageContaining("書面");
        form.put("writtenReplyText", "來函收悉,電梯已修復,謹此書面回復。");
      }
      as("supervisor", () -> {
        if (taskService.createTaskQuery().taskId(visit.getId()).singleResult().getAssignee() == null) {
          taskService.claim(visit.getId(), "supervisor");
        }
        taskService.complete(visit.getId(), form);
        return null;
      });
    }
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute(
        managementService.createJobQuery().processInstanceId(collective.getId()).activityId("ServiceTask_CloseCollectiveComplaint").singleResult());

    assertThat(collective).isEnded().hasPassed("EndEvent_CollectiveComplaintClosed");
    for (ProcessInstance household : households) {
      assertThat(household).isEnded().hasPassed("EndEvent_ClosedWithCollectiveLater");
    }
    assertThat(late).isEnded().hasPassed("EndEvent_ClosedWithCollective");
    assertThat(records.complaintsOfCollectiveCase(caseNo)).hasSize(7)
        .allSatisfy(c -> assertThat(c.get("STATUS")).isEqualTo("CLOSED"));
    assertThat(records.complaintsOfCollectiveCase(caseNo))
        .allSatisfy(c -> assertThat(records.visits((String) c.get("COMPLAINT_NO"))).hasSize(1));
    // CP-9: every household's result in the duty log, naming its complaint
    List<DutyLogEntry> visitEntries = new java.util.ArrayList<>(dutyLogOf(collective));
    visitEntries.addAll(dutyLogOf(joinedLate));
    for (Map<String, Object> c : records.complaintsOfCollectiveCase(caseNo)) {
      assertThat(visitEntries).filteredOn(e -> e.entryType().equals("上門回復業戶"))
          .anySatisfy(e -> assertThat(e.summary()).contains((String) c.get("COMPLAINT_NO")));
    }
    assertThat(records.writtenReplies(complaintNo(collective))).singleElement()
        .satisfies(r -> assertThat(r.get("REPLY_TEXT")).isEqualTo("來函收悉,電梯已修復,謹此書面回復。"));
    assertThat(records.specialIncidentReports(caseNo)).singleElement().satisfies(r -> {
      assertThat(r.get("AGREED_REPLY_AT")).isEqualTo(new java.sql.Timestamp(at("2026-11-26T18:00").getTime()));
      assertThat(r.get("OUTCOME")).isEqualTo("共 7 戶;已上門回復 7 戶,其中 7 戶滿意。");
      assertThat(r.get("COMPLETED_AT")).isNotNull();
    });
    var detail = json(rest("director").get("/api/complaints/" + complaintNo(households[0])));
    assertThat(detail.path("collectiveCase").path("CASE_NO").asText()).isEqualTo(caseNo);
    assertThat(detail.path("specialIncidentReports").get(0).path("DESCRIPTION").asText()).isEqualTo("B座兩部電梯同時故障");
  }

  @Test
  @DisplayName("CP-4 CP-8.1 a collective complaint marked by hand; the agreed reply time missed escalates to the deputy GM")
  void collectiveMarkedByHand() {
    setClock(at("2026-11-25T08:00"));
    Map<String, Object> c = complaint("VISIT", "外牆棚架");
    c.put("markedCollective", true);
    ProcessInstance collective = receive(c);
    assertThat(collective).isWaitingAt("Task_ReportCollectiveToDirector", "Task_AcknowledgeCollective");
    complete("duty", collective, "Task_ReportCollectiveToDirector", Map.of("collectiveReportNote", "業戶聯名"));
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute(
        managementService.createJobQuery().processInstanceId(collective.getId())
            .activityId("ServiceTask_JoinHouseholds").singleResult());
    complete("director", collective, "Task_OrganiseCollectiveHandling", Map.of("residentsContacted", true,
        "agreedReplyAt", "2026-11-25T18:00", "incidentDescription", "棚架阻擋通道", "handlingPlan", "通知承建商"));
    setClock(at("2026-11-25T18:00"));
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute(
        timer(collective, "BoundaryEvent_VisitHouseholdMissed"));
    assertMissed(collective, Deadline.COLLECTIVE_REPLY, "deputy-gm");
  }

  @Test
  @DisplayName("CP-5 the start contract over REST: a missing or wrong-typed value is a 400 naming the field, and no complaint is created")
  void startContractOverRest() {
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey("ComplaintProcess").count();
    String base = """
        {"variables": {
          "community": {"value": "翠苑小區"}, "building": {"value": "B座"}, "unit": {"value": "3樓01室"},
          "residentName": {"value": "王大文"}, "residentPhone": {"value": "91234567"},
          "channel": {"value": "HOTLINE"}, "writtenComplaint": {"value": false, "type": "Boolean"},
          "matter": {"value": "噪音"}, "description": {"value": "夜間噪音"}
        }}""";
    String path = "/engine-rest/process-definition/key/ComplaintProcess/start";
    Map<String, String> bad = Map.of(
        base.replace("\"residentPhone\": {\"value\": \"91234567\"},", ""), "業戶聯系電話",
        base.replace("\"HOTLINE\"", "\"PIGEON\""), "投訴渠道",
        base.replace("{\"value\": false, \"type\": \"Boolean\"}", "{\"value\": \"yes\"}"), "書面投訴",
        base.replace("\"夜間噪音\"", "\"" + "吵".repeat(2001) + "\""), "投訴內容",
        base.replace("{\"value\": \"噪音\"}", "{\"value\": 42}"), "投訴事項",
        "{not json", "JSON");
    bad.forEach((body, field) -> {
      HttpResponse<String> response = rest("center").postJson(path, body);
      assertThat(response.statusCode()).as(field).isEqualTo(400);
      assertThat(json(response).path("message").asText()).as(field).contains(field);
    });
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("ComplaintProcess").count())
        .isEqualTo(before);

    HttpResponse<String> ok = rest("center").postJson(path, base);
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(json(ok).path("businessKey").asText()).startsWith("TS-");
    assertThat(rest("supervisor").postJson(path, base).statusCode()).as("CS supervisor may not start").isEqualTo(403);
  }
}
