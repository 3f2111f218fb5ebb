package com.wuye.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wuye.workflow.dutylog.DutyLogEntry;
import com.wuye.workflow.dutylog.DutyLogRepository;
import java.net.http.HttpResponse;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestExecutionListeners;

/**
 * The whole application on an in-memory H2 database with the demo users, the job executor
 * off (tests fire timers themselves), process path coverage measured per test class, and the
 * engine clock under the test's control. Each process test class declares a nested
 * {@code @TestConfiguration} extending {@code ProcessEngineCoverageConfiguration} that returns
 * {@link #fullCoverageOf}: the build fails when its diagram is not covered completely. Tasks are completed as the demo user whose group the
 * procedure names, with the engine's authorizations applied.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:${random.uuid};DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false"})
@ActiveProfiles("demo")
@DirtiesContext
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public abstract class ProcessTestSupport {

  protected static final ObjectMapper JSON = new ObjectMapper();

  @Autowired
  protected ProcessEngine engine;
  @Autowired
  protected RuntimeService runtimeService;
  @Autowired
  protected TaskService taskService;
  @Autowired
  protected ManagementService managementService;
  @Autowired
  protected IdentityService identityService;
  @Autowired
  protected DutyLogRepository dutyLog;
  @LocalServerPort
  protected int port;

  static final java.util.List<String> ALL_PROCESSES = java.util.List.of("UnlockedDoorProcess",
      "EmergencyIncidentProcess", "ComplaintProcess", "MonthlyComplaintReportProcess",
      "MonthlyComplaintReportSchedule");

  /** Every flow node and sequence flow of these processes must be run by the class's tests. */
  protected static ProcessEngineCoverageProperties fullCoverageOf(String... processKeys) {
    java.util.List<String> covered = java.util.List.of(processKeys);
    return ProcessEngineCoverageProperties.Companion.builder()
        .assertClassCoverageAtLeast(1.0)
        .excludeProcessDefinitionKeys(ALL_PROCESSES.stream()
            .filter(key -> !covered.contains(key)).toArray(String[]::new))
        .build();
  }

  @BeforeEach
  void initAssertions() {
    BpmnAwareTests.init(engine);
  }

  @Autowired
  private org.springframework.jdbc.core.JdbcTemplate texts;
  @Autowired
  private com.wuye.workflow.identity.IdentityProperties identityProperties;

  static final java.util.regex.Pattern CLAUSE_ID =
      java.util.regex.Pattern.compile("\\b(?:UD|EM|CP)-\\d+");
  /** Java's Date.toString(), ISO dates and zone names: not how staff write a date. */
  static final java.util.regex.Pattern MACHINE_DATE = java.util.regex.Pattern.compile(
      "\\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\\b"
          + "|\\d{4}-\\d{2}-\\d{2}|\\b(?:UTC|GMT|HKT|CST)\\b");

  /**
   * Whatever a test made the system write to staff — every mail's subject and body, every
   * duty-log entry — reads as staff write: no clause id, no group id, no machine date.
   */
  @AfterEach
  void staffTextsAreForStaff() {
    List<String> written = new java.util.ArrayList<>();
    texts.query("SELECT subject, body FROM mail_outbox", (java.sql.ResultSet rs) -> {
      written.add(rs.getString(1));
      written.add(rs.getString(2));
    });
    texts.query("SELECT entry_type, summary FROM duty_log", (java.sql.ResultSet rs) -> {
      written.add(rs.getString(1));
      written.add(rs.getString(2));
    });
    for (String text : written) {
      assertThat(text).as("written for staff").doesNotContainPattern(CLAUSE_ID)
          .doesNotContainPattern(MACHINE_DATE);
      for (var group : identityProperties.getGroups()) {
        assertThat(text).as("written for staff").doesNotContainPattern(
            "(?<![\\w-])" + java.util.regex.Pattern.quote(group.getId()) + "(?![\\w-])");
      }
    }
  }

  @AfterEach
  void resetClockAndUser() {
    ClockUtil.reset();
    identityService.clearAuthentication();
  }

  /** Runs {@code action} authenticated as {@code userId} with that user's groups and offices. */
  protected <T> T as(String userId, java.util.function.Supplier<T> action) {
    List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId).toList();
    List<String> tenants = identityService.createTenantQuery().userMember(userId)
        .includingGroupsOfUser(true).list().stream().map(t -> t.getId()).toList();
    identityService.setAuthentication(userId, groups, tenants);
    try {
      return action.get();
    } finally {
      identityService.clearAuthentication();
    }
  }

  protected ProcessInstance start(String userId, String processKey, Map<String, Object> variables) {
    return as(userId, () -> runtimeService.startProcessInstanceByKey(processKey, variables));
  }

  /** The one open task at {@code taskKey}, as {@code userId} sees it (null if invisible). */
  protected Task task(String userId, ProcessInstance instance, String taskKey) {
    return as(userId, () -> taskService.createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(taskKey).singleResult());
  }

  /** Claims and completes the task as a member of its group, the way Tasklist does. */
  protected void complete(String userId, ProcessInstance instance, String taskKey,
      Map<String, Object> variables) {
    Task task = task(userId, instance, taskKey);
    assertThat(task).as("%s sees an open %s", userId, taskKey).isNotNull();
    as(userId, () -> {
      if (task.getAssignee() == null) {
        taskService.claim(task.getId(), userId);
      }
      taskService.complete(task.getId(), variables);
      return null;
    });
  }

  protected List<String> candidateGroups(Task task) {
    return taskService.getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> link.getGroupId() != null).map(link -> link.getGroupId()).toList();
  }

  /**
   * An unlocked door of 翠苑小區 whose owner is away and agrees: the guard leader locks it and
   * seals the key found in it in envelope {@code envelopeNo}, the non-staff finder signing as
   * witness — the steps staff take in Tasklist (the door photo set directly).
   */
  protected ProcessInstance sealedKey(String building, String unit, String finderName,
      String finderSignature, String envelopeNo) {
    String now = java.time.LocalDateTime.now(java.time.ZoneId.of("Asia/Hong_Kong")).withSecond(0)
        .withNano(0).toString();
    ProcessInstance door = start("staff", "UnlockedDoorProcess", Map.of("community", "翠苑小區",
        "building", building, "unit", unit, "finderType", "NON_STAFF", "finderName", finderName,
        "finderPhone", "91234567", "foundAt", now, "keyInDoor", "YES"));
    complete("staff", door, "Task_KnockOnDoor", Map.of("someoneHome", "NO"));
    complete("duty", door, "Task_ContactOwner", Map.of("ownerContactResult", "CANNOT_COME_BACK",
        "ownerName", "王先生", "ownerContactChannel", "MOBILE"));
    complete("duty", door, "Task_ObtainOwnerConsent", Map.of("lockConsent", "YES",
        "consentGivenBy", "王大明", "consentAt", now));
    runtimeService.setVariable(door.getId(), "doorPhoto", org.camunda.bpm.engine.variable.Variables
        .fileValue("d.jpg").file(new byte[] {1}).mimeType("image/jpeg").create());
    complete("guard", door, "Task_SecureDoorWithFinderWitness", Map.of("doorLocked", true,
        "envelopeNo", envelopeNo, "onSiteStaffSignature", "劉建華", "finderSignature",
        finderSignature, "finderPhone", "91234567", "noteLeftOnDoor", true,
        "envelopeHandedIn", true, "nobodyEntered", true));
    return door;
  }

  /** The offices' time zone, in which staff give and read times. */
  protected static final java.time.ZoneId OFFICE_ZONE = java.time.ZoneId.of("Asia/Hong_Kong");

  /** A time as staff in the office give it. */
  protected static Date officeTime(java.time.LocalDateTime local) {
    return Date.from(local.atZone(OFFICE_ZONE).toInstant());
  }

  /**
   * A 翠苑小區 complaint received at {@code receivedAt} (a hotline, phone or visit, in a random
   * unit), logged by the duty officer and classified VALID: 與業戶聯系並約定回復時間 waits, due two
   * hours from receipt.
   */
  protected ProcessInstance waitingForContact(java.time.LocalDateTime receivedAt) {
    Map<String, Object> c = new java.util.HashMap<>();
    c.put("community", "翠苑小區");
    c.put("building", "K座");
    c.put("unit", (1 + (int) (Math.random() * 30)) + "樓0" + (1 + (int) (Math.random() * 8)) + "室");
    c.put("residentName", "梁太");
    c.put("residentPhone", "96789012");
    c.put("channel", List.of("HOTLINE", "PHONE", "VISIT").get((int) (Math.random() * 3)));
    c.put("writtenComplaint", false);
    c.put("matter", "升降機故障" + System.nanoTime());
    c.put("description", "升降機停在兩層之間");
    c.put("receivedAt", receivedAt.toString());
    ProcessInstance instance = start("staff", "ComplaintProcess", c);
    complete("duty", instance, "Task_LogComplaint", Map.of("category", "MAINTENANCE",
        "dutyOfficerHandles", "NO"));
    complete("supervisor", instance, "Task_ClassifyComplaint", Map.of("classification", "VALID"));
    return instance;
  }

  protected void setClock(Date time) {
    ClockUtil.setCurrentTime(time);
  }

  protected List<DutyLogEntry> dutyLogOf(ProcessInstance instance) {
    return dutyLog.forInstance(instance.getId());
  }

  protected WebClient rest(String user) {
    return new WebClient(port).basic(user, "demo");
  }

  protected static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }
}
