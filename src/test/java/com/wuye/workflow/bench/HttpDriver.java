package com.wuye.workflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wuye.workflow.forms.FormSubmission;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Collection;
import java.util.Map;

/**
 * Drives the complaint path over HTTP the way Tasklist does, as the user whose group the
 * procedure names: {@code staff} submits the start form
 * ({@code POST /engine-rest/process-definition/key/…/submit-form}); for each task the user
 * finds it ({@code GET /task?processInstanceId=…&taskDefinitionKey=…}), claims it, loads the
 * form's variables ({@code GET /task/{id}/form-variables}) and submits the form
 * ({@code POST /task/{id}/submit-form}). Every request carries Basic authentication and passes
 * everything the application puts in front of the engine (login throttle, REST boundary, the
 * forms' checks). The values are those of {@link ComplaintDriver}; like Tasklist, a task's
 * submission carries its form's read-only fields back with the values the form showed.
 *
 * <p>The baseline ({@link ComplaintDriver#BARE_KEY}) is driven by the same requests; it has no
 * forms, so its start and its tasks are submitted without values (the application's REST
 * boundary would refuse values no form asks for).
 */
final class HttpDriver {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client = HttpClient.newHttpClient();
  private final String root;
  /** Milliseconds per request, by process, step and request: where each kind spends its time. */
  private final Map<String, List<Double>> timings = new ConcurrentHashMap<>();
  private final String runTag = Long.toString(System.currentTimeMillis(), 36);

  private final int port;

  HttpDriver(int port) {
    this.port = port;
    this.root = "http://localhost:" + port;
  }

  /** A browser's session of {@code user} logged in to Tasklist, as the login page does it. */
  com.wuye.workflow.WebClient loggedInToTasklist(String user) {
    com.wuye.workflow.WebClient browser = new com.wuye.workflow.WebClient(port);
    int status = browser.loginToWebapp("tasklist", user, "demo").statusCode();
    if (status != 200) {
      throw new IllegalStateException(user + "'s Tasklist login answered " + status);
    }
    return browser;
  }

  /** One instance end to end over HTTP; returns its id. */
  String endToEnd(String processKey, int n) throws IOException, InterruptedException {
    return drive(processKey, n, ComplaintDriver.TASKS.length, false);
  }

  /**
   * Starts an instance and works its first {@code steps} tasks, in 翠苑管理處 or (with
   * {@code secondOffice}) by 金輝管理處's people in one of its communities; returns its id.
   */
  String drive(String processKey, int n, int steps, boolean secondOffice)
      throws IOException, InterruptedException {
    boolean complaint = processKey.equals(ComplaintDriver.COMPLAINT_KEY);
    Map<String, Object> start = complaint
        ? ComplaintDriver.startVariables(runTag, n, secondOffice) : Map.of();
    String kind = complaint ? "complaint" : "bare";
    String id = timed(kind + " start: submit-form", ComplaintDriver.inOffice("staff", secondOffice),
        "POST", "/process-definition/key/" + processKey + "/submit-form", body(start), 200)
        .path("id").asText();
    for (int step = 0; step < steps; step++) {
      String user = ComplaintDriver.inOffice(ComplaintDriver.USERS[step], secondOffice);
      String prefix = kind + " " + ComplaintDriver.TASKS[step] + ": ";
      JsonNode found = timed(prefix + "find", user, "GET", "/task?processInstanceId=" + id + "&taskDefinitionKey="
          + ComplaintDriver.TASKS[step], null, 200);
      if (found.size() != 1) {
        throw new IllegalStateException(user + " sees " + found.size() + " "
            + ComplaintDriver.TASKS[step] + " in " + id);
      }
      String task = found.get(0).path("id").asText();
      timed(prefix + "claim", user, "POST", "/task/" + task + "/claim", "{\"userId\":\"" + user + "\"}", 204);
      JsonNode shown = timed(prefix + "form-variables", user, "GET",
          "/task/" + task + "/form-variables", null, 200);
      ObjectNode submitted = bodyOf(complaint ? ComplaintDriver.taskVariables(step) : Map.of());
      if (complaint) {
        // as Tasklist does: the form's read-only fields go back with the values it showed
        ObjectNode vars = (ObjectNode) submitted.path("variables");
        for (String field : form(FORMS[step]).readonlyIn((ObjectNode) shown)) {
          if (shown.hasNonNull(field) && !vars.has(field)) {
            vars.putObject(field).set("value", shown.path(field).path("value"));
          }
        }
      }
      timed(prefix + "submit-form", user, "POST", "/task/" + task + "/submit-form",
          submitted.toString(), 204);
    }
    return id;
  }

  /** How many of the instances have ended, asked as the administrator. */
  long finished(Collection<String> ids) throws IOException, InterruptedException {
    ObjectNode query = JSON.createObjectNode().put("finished", true);
    query.putArray("processInstanceIds").addAll(ids.stream()
        .map(JSON.getNodeFactory()::textNode).toList());
    return send("admin", "POST", "/history/process-instance/count", query.toString(), 200)
        .path("count").asLong();
  }

  /** A GET of the application (path from its root) as {@code user}, which must answer 200. */
  JsonNode get(String user, String pathAndQuery) throws IOException, InterruptedException {
    return json(exchange(user, "GET", pathAndQuery, null, 200));
  }

  /**
   * The milliseconds of one GET of the application as {@code user}, from sending the request
   * to receiving the whole answer (not parsing it), which must be 200.
   */
  double timeGet(String user, String pathAndQuery) throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    exchange(user, "GET", pathAndQuery, null, 200);
    return (System.nanoTime() - t0) / 1e6;
  }

  /** A call of the REST API ({@code path} below /engine-rest). */
  JsonNode send(String user, String method, String path, String body, int expected)
      throws IOException, InterruptedException {
    return json(exchange(user, method, "/engine-rest" + path, body, expected));
  }

  /** A call of the REST API whose time is kept under {@code label} ({@link #medianTimings}). */
  private JsonNode timed(String label, String user, String method, String path, String body,
      int expected) throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    HttpResponse<String> response = exchange(user, method, "/engine-rest" + path, body, expected);
    timings.computeIfAbsent(label, k -> Collections.synchronizedList(new ArrayList<>()))
        .add((System.nanoTime() - t0) / 1e6);
    return json(response);
  }

  private HttpResponse<String> exchange(String user, String method, String path, String body,
      int expected) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root + path))
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
        .header("Accept", "application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }
    HttpResponse<String> response = client.send(request.build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() != expected) {
      throw new IllegalStateException(method + " " + path + " as " + user + " answered "
          + response.statusCode() + ": " + response.body());
    }
    return response;
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
  }

  /** Median milliseconds of each request of the path, from the last {@link #resetTimings}. */
  Map<String, Object> medianTimings() {
    Map<String, Object> medians = new TreeMap<>();
    timings.forEach((request, millis) -> medians.put(request + " (median ms)",
        Stats.round(Stats.percentile(new ArrayList<>(millis), 50))));
    return medians;
  }

  void resetTimings() {
    timings.clear();
  }

  static String body(Map<String, Object> variables) {
    return bodyOf(variables).toString();
  }

  static ObjectNode bodyOf(Map<String, Object> variables) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode vars = body.putObject("variables");
    variables.forEach((name, value) -> vars.putObject(name).set("value", JSON.valueToTree(value)));
    return body;
  }

  /** The complaint path's task forms, in the order of {@link ComplaintDriver#TASKS}. */
  static final String[] FORMS = {"log-complaint", "classify-complaint", "contact-resident",
      "handle-valid-complaint"};
  private static final Map<String, FormSubmission> FORM_RULES = new ConcurrentHashMap<>();

  /** The application's rules of a form of forms/ (which fields are read-only, among others). */
  static FormSubmission form(String form) {
    return FORM_RULES.computeIfAbsent(form, id -> {
      try (var in = HttpDriver.class.getResourceAsStream("/forms/" + id + ".form")) {
        return FormSubmission.parse(in.readAllBytes());
      } catch (IOException | NullPointerException e) {
        throw new IllegalStateException("form " + id + " not found on the classpath", e);
      }
    });
  }
}
