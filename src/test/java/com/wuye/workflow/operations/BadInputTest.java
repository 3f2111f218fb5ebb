package com.wuye.workflow.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wuye.workflow.ProcessTestSupport;
import com.wuye.workflow.forms.FormInputException;
import com.wuye.workflow.forms.FormValues;
import com.wuye.workflow.unlockeddoor.KeyEnvelope;
import com.wuye.workflow.unlockeddoor.KeyEnvelopeService;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Bad input, from a careless hotline integration or someone probing: every wrong start, form
 * and query is answered with a clear 4xx and a message naming the field in Chinese, and
 * nothing is created or changed. What residents type is kept as text, exactly as typed.
 */
class BadInputTest extends ProcessTestSupport {

  static final String COMPLAINT_START = "/engine-rest/process-definition/key/ComplaintProcess/start";
  static final String DOOR_START = "/engine-rest/process-definition/key/UnlockedDoorProcess/start";

  @Autowired
  HistoryService historyService;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  KeyEnvelopeService envelopes;

  static Map<String, Object> complaint() {
    Map<String, Object> complaint = new HashMap<>();
    complaint.put("community", "翠苑小區");
    complaint.put("building", "B座");
    complaint.put("unit", "3樓01室");
    complaint.put("residentName", "王大文");
    complaint.put("residentPhone", "91234567");
    complaint.put("channel", "HOTLINE");
    complaint.put("writtenComplaint", false);
    complaint.put("matter", "電梯故障");
    complaint.put("description", "電梯停在三樓");
    return complaint;
  }

  static Map<String, Object> doorReport() {
    Map<String, Object> report = new HashMap<>();
    report.put("community", "翠苑小區");
    report.put("building", "A座");
    report.put("unit", "12樓03室");
    report.put("finderType", "STAFF");
    report.put("finderName", "陳志明");
    report.put("foundAt", "2026-11-25T21:10");
    report.put("keyInDoor", "NO");
    return report;
  }

  /** The REST body {"variables": {name: {"value": …}}} of plain values. */
  static String body(Map<String, Object> variables) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode vars = root.putObject("variables");
    variables.forEach((name, value) -> vars.putObject(name).set("value", JSON.valueToTree(value)));
    return root.toString();
  }

  static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
    Map<String, Object> changed = new HashMap<>(base);
    if (value == null) {
      changed.remove(key);
    } else {
      changed.put(key, value);
    }
    return changed;
  }

  long complaintsCreated() {
    return historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey("ComplaintProcess").count()
        + jdbc.queryForObject("SELECT COUNT(*) FROM complaint", Long.class);
  }

  static Stream<Arguments> badComplaints() {
    return Stream.of(
        Arguments.of("missing phone", with(complaint(), "residentPhone", null), "業戶聯系電話"),
        Arguments.of("missing community", with(complaint(), "community", null), "小區"),
        Arguments.of("written complaint as text", with(complaint(), "writtenComplaint", "yes"), "書面投訴"),
        Arguments.of("written complaint as number", with(complaint(), "writtenComplaint", 1), "書面投訴"),
        Arguments.of("name as a list", with(complaint(), "residentName", List.of("王", "大文")), "業戶姓名"),
        Arguments.of("unknown channel", with(complaint(), "channel", "SMS"), "投訴渠道"),
        Arguments.of("unknown community", with(complaint(), "community", "不存在花園"), "小區「不存在花園」不屬於任何管理處"),
        Arguments.of("another office's community", with(complaint(), "community", "金輝大廈"), "金輝管理處的個案只能由金輝管理處的人員登記"),
        Arguments.of("unit with markup", with(complaint(), "unit", "<b>3樓</b>"), "單位(房號)"),
        Arguments.of("unit with spaces", with(complaint(), "unit", "3樓 01室"), "單位(房號)"),
        Arguments.of("unit too long", with(complaint(), "unit", "1".repeat(31)), "單位(房號)"),
        Arguments.of("phone with letters", with(complaint(), "residentPhone", "call me"), "業戶聯系電話"),
        Arguments.of("over-long description", with(complaint(), "description", "長".repeat(2001)), "2000"),
        Arguments.of("on the spot without result", with(complaint(), "handledOnTheSpot", true), "當場處理結果"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badComplaints")
  @DisplayName("CP-5 a wrong complaint over REST is refused with 400 naming the field; nothing is created")
  void badComplaintOverRest(String what, Map<String, Object> variables, String message) {
    long before = complaintsCreated();
    for (String path : List.of(COMPLAINT_START,
        "/engine-rest/engine/default/process-definition/key/ComplaintProcess/start",
        "/engine-rest/process-definition/key/ComplaintProcess/submit-form")) {
      HttpResponse<String> refused = rest("duty").postJson(path, body(variables));
      assertThat(refused.statusCode()).as("%s at %s: %s", what, path, refused.body()).isEqualTo(400);
      assertThat(json(refused).path("message").asText()).as(path).contains(message);
    }
    assertThat(complaintsCreated()).isEqualTo(before);
  }

  @Test
  @DisplayName("A start body that is not JSON is refused with 400")
  void notJson() {
    long before = complaintsCreated();
    HttpResponse<String> refused = rest("duty").postJson(COMPLAINT_START, "{\"variables\": ");
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(json(refused).path("message").asText()).contains("JSON");
    assertThat(complaintsCreated()).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"community", "unit", "foundAt", "keyInDoor"})
  @DisplayName("UD-2 a wrong unlocked-door report over REST is refused with 400; nothing is created")
  void badDoorReport(String field) {
    Map<String, Object> report = switch (field) {
      case "community" -> with(doorReport(), "community", "不存在花園");
      case "unit" -> with(doorReport(), "unit", "<script>alert(1)</script>");
      case "foundAt" -> with(doorReport(), "foundAt", "昨晚");
      default -> with(doorReport(), "keyInDoor", true);
    };
    long before = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey("UnlockedDoorProcess").count();
    HttpResponse<String> refused = rest("staff").postJson(DOOR_START, body(report));
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(json(refused).path("message").asText()).isNotBlank();
    assertThat(historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey("UnlockedDoorProcess").count()).isEqualTo(before);
    assertThat(rest("staff").postJson(DOOR_START, body(doorReport())).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("Unit numbers: 1 to 30 Chinese characters, letters, digits, - and /, no spaces or markup")
  void unitFormat() {
    for (String good : List.of("12樓03室", "B-1203", "3/F-A", "１２樓Ａ室", "地下", "A座2樓")) {
      FormValues.of(Map.of("unit", good)).requireUnit("unit", "單位(房號)");
    }
    for (String bad : List.of("", " ", "3樓 01室", "<b>1</b>", "1'; DROP TABLE complaint; --",
        "-12", "1".repeat(31), "12#03", "３樓\n01室")) {
      assertThatThrownBy(() -> FormValues.of(Map.of("unit", bad)).requireUnit("unit", "單位(房號)"))
          .as(bad).isInstanceOf(FormInputException.class);
    }
  }

  @Test
  @DisplayName("A task form with over-long text is refused with 400 and the task stays open")
  void overLongTaskForm() {
    ProcessInstance instance = start("staff", "ComplaintProcess", complaint());
    String taskId = task("duty", instance, "Task_LogComplaint").getId();
    HttpResponse<String> refused = rest("duty").postJson("/engine-rest/task/" + taskId + "/submit-form",
        body(Map.of("category", "SERVICE", "dutyOfficerHandles", "NO",
            "dutyLogNote", "長".repeat(2001))));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(json(refused).path("message").asText()).contains("值班記錄", "2000");
    assertThat(task("duty", instance, "Task_LogComplaint")).isNotNull();
  }

  static final String MARKUP = "<script>alert('投訴')</script><img src=x onerror=\"alert(1)\"> & 樓上漏水";

  @Test
  @DisplayName("HTML and script typed into free text are stored and returned verbatim, as JSON text, never as a page")
  void markupIsKeptAsText() {
    HttpResponse<String> started = rest("duty").postJson(COMPLAINT_START,
        body(with(with(complaint(), "description", MARKUP), "residentName", "<b>王大文</b>")));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    String instanceId = json(started).path("id").asText();
    String complaintNo = json(started).path("businessKey").asText();

    assertThat(jdbc.queryForObject("SELECT description FROM complaint WHERE complaint_no = ?",
        String.class, complaintNo)).isEqualTo(MARKUP);

    HttpResponse<String> record = rest("supervisor").get("/api/complaints/" + complaintNo);
    assertThat(record.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/json"));
    assertThat(record.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(json(record).at("/complaint/DESCRIPTION").asText()).isEqualTo(MARKUP);
    assertThat(json(record).at("/complaint/RESIDENT_NAME").asText()).isEqualTo("<b>王大文</b>");

    // Tasklist reads the values it puts into the form fields as JSON, unchanged
    String taskId = json(rest("duty").get("/engine-rest/task?processInstanceId=" + instanceId))
        .get(0).path("id").asText();
    HttpResponse<String> formVariables =
        rest("duty").get("/engine-rest/task/" + taskId + "/form-variables");
    assertThat(formVariables.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/json"));
    assertThat(json(rest("director").get("/engine-rest/process-instance/" + instanceId
        + "/variables/description")).path("value").asText()).isEqualTo(MARKUP);

    HttpResponse<String> dutyLog = rest("duty").get(
        "/api/duty-log?from=2000-01-01&to=2100-12-31&processInstanceId=" + instanceId);
    assertThat(json(dutyLog).get(0).path("summary").asText()).contains(MARKUP);
  }

  /**
   * {{name}} templates in a form's text (Markdown) fields: only links the processes build
   * themselves (the door-photo upload page, the monthly report's download), never typed text.
   */
  static final Pattern TEMPLATE = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.]+)\\s*}}");

  @Test
  @DisplayName("No Tasklist form shows what a user typed as Markdown or HTML: text fields only show values the processes set")
  void formsDoNotRenderTypedText() throws IOException {
    List<Path> forms;
    try (Stream<Path> files = Files.list(Path.of("forms"))) {
      forms = files.filter(f -> f.toString().endsWith(".form")).toList();
    }
    assertThat(forms).isNotEmpty();
    for (Path form : forms) {
      JsonNode components = JSON.readTree(form.toFile()).path("components");
      assertThat(components.findValuesAsText("type")).as(form.toString()).doesNotContain("html");
      for (JsonNode component : components.findParents("type")) {
        if (!component.path("type").asText().equals("text")) {
          continue;
        }
        String text = component.path("text").asText();
        assertThat(text).as(form + ": a FEEL expression in a text field").doesNotStartWith("=");
        Matcher template = TEMPLATE.matcher(text);
        while (template.find()) {
          assertThat(template.group(1)).as(form.toString())
              .isIn("photoUploadPath", "reportDownloadPath", "reportPagePath", "recordPath",
                  "dutyLogPath", "envelopeRecordPath", "noticePath");
        }
      }
    }
  }

  @Test
  @DisplayName("SQL in a query parameter is a literal value: it matches nothing and changes nothing")
  void sqlInQueryParameters() {
    start("staff", "ComplaintProcess", complaint());
    long dutyLogLines = jdbc.queryForObject("SELECT COUNT(*) FROM duty_log", Long.class);
    assertThat(dutyLogLines).isPositive();
    String injection = URLEncoder.encode("' OR 1=1 --", StandardCharsets.UTF_8);

    HttpResponse<String> dutyLog = rest("director").get(
        "/api/duty-log?from=2000-01-01&to=2100-12-31&community=" + injection);
    assertThat(dutyLog.statusCode()).isEqualTo(200);
    assertThat(json(dutyLog)).isEmpty();
    HttpResponse<String> complaints = rest("director").get(
        "/api/complaints?from=2000-01-01&to=2100-12-31&community="
            + URLEncoder.encode("翠苑小區' OR '1'='1", StandardCharsets.UTF_8));
    assertThat(complaints.statusCode()).isEqualTo(200);
    assertThat(json(complaints)).isEmpty();
    assertThat(rest("director").get("/api/duty-log?from=2000-01-01&to=2100-12-31&limit="
        + URLEncoder.encode("1; DELETE FROM duty_log", StandardCharsets.UTF_8)).statusCode())
        .isEqualTo(400);
    assertThat(rest("director").get("/api/key-envelopes?status="
        + URLEncoder.encode("SEALED' OR '1'='1", StandardCharsets.UTF_8)).statusCode()).isEqualTo(400);
    assertThat(rest("director").get("/api/complaints/" + injection).statusCode()).isEqualTo(404);

    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM duty_log", Long.class))
        .isEqualTo(dutyLogLines);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"from=2026-13-01&to=2026-12-31", "from=2026-11-01&to=2026-11-31",
      "from=yesterday&to=today", "from=2026-11-30&to=2026-11-01", "to=2026-11-30"})
  @DisplayName("An impossible date range in a report query is refused with 400")
  void badDates(String query) {
    HttpResponse<String> dutyLog = rest("director").get("/api/duty-log?" + query);
    assertThat(dutyLog.statusCode()).as(dutyLog.body()).isEqualTo(400);
    if (!query.contains("2026-11-30&to=2026-11-01")) {
      assertThat(rest("director").get("/api/complaints?" + query).statusCode()).isEqualTo(400);
    }
  }

  @Test
  @DisplayName("UD-4.4.1.4 a key hand-over by the wrong role is refused; the envelope stays sealed")
  void keyHandOverByWrongRole() {
    Map<String, Object> report = with(with(doorReport(), "finderType", "NON_STAFF"), "keyInDoor", "YES");
    report.put("finderName", "鄰居李先生");
    report.put("finderPhone", "91234567");
    ProcessInstance instance = start("staff", "UnlockedDoorProcess", report);
    complete("staff", instance, "Task_KnockOnDoor", Map.of("someoneHome", "NO"));
    complete("duty", instance, "Task_ContactOwner", Map.of("ownerContactResult", "CANNOT_COME_BACK"));
    complete("duty", instance, "Task_ObtainOwnerConsent", Map.of("lockConsent", "YES",
        "consentGivenBy", "業主王先生", "consentAt", "2026-11-25T21:25"));
    runtimeService.setVariable(instance.getId(), "doorPhoto",
        Variables.fileValue("door.jpg").file(new byte[] {1, 2, 3}).mimeType("image/jpeg").create());
    Map<String, Object> secured = new HashMap<>();
    secured.put("doorLocked", true);
    secured.put("envelopeNo", "KE-BAD-1");
    secured.put("onSiteStaffSignature", "劉建華");
    secured.put("finderSignature", "鄰居李先生");
    secured.put("finderPhone", "91234567");
    secured.put("noteLeftOnDoor", true);
    secured.put("envelopeHandedIn", true);
    secured.put("nobodyEntered", true);
    complete("guard", instance, "Task_SecureDoorWithFinderWitness", secured);
    String taskId = task("custodian", instance, "Task_HandOverKey").getId();

    Map<String, Object> handOverForm = new HashMap<>(Map.of("situationExplained", true,
        "claimantName", "王大文", "ownerIdType", "HK_ID", "ownerIdLastDigits", "4567",
        "ownerIdChecked", true, "ownerSignature", "王大文", "belongingsReminderGiven", true));
    String handOver = body(handOverForm);
    for (String wrongRole : List.of("guard", "duty", "staff", "director")) {
      assertThat(rest(wrongRole).postJson("/engine-rest/task/" + taskId + "/submit-form", handOver)
          .statusCode()).as(wrongRole).isEqualTo(403);
    }
    HttpResponse<String> byAdmin =
        rest("admin").postJson("/engine-rest/task/" + taskId + "/submit-form", handOver);
    assertThat(byAdmin.statusCode()).isEqualTo(400);
    assertThat(json(byAdmin).path("message").asText()).contains("只有服務中心專人");

    KeyEnvelope envelope = envelopes.find("KE-BAD-1").orElseThrow();
    assertThat(envelope.status()).isEqualTo(KeyEnvelope.SEALED);
    assertThat(envelope.releasedBy()).isNull();
    assertThat(task("custodian", instance, "Task_HandOverKey")).isNotNull();
  }
}
