package com.wuye.workflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wuye.workflow.EmbeddedPostgres;
import com.wuye.workflow.WebClient;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What was answered as done survives a crash of the process: the application runs as a JVM of
 * its own, takes complaint starts and task completions from several clients, and is killed
 * with SIGKILL in the middle of it. After a restart on the same database every answered start
 * is there with its complaint record, every answered completion with its duty-log entry,
 * nothing half-done and nothing doubled. On the embedded default (H2 file) and on PostgreSQL.
 */
class CrashTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String START = "/engine-rest/process-definition/key/ComplaintProcess/start";
  static final String COMPLAINT = """
      {"variables": {"community": {"value": "翠苑小區"}, "building": {"value": "B座"},
        "unit": {"value": "3樓01室"}, "residentName": {"value": "王大文"},
        "residentPhone": {"value": "91234567"}, "channel": {"value": "PHONE"},
        "writtenComplaint": {"value": false}, "matter": {"value": "電梯故障 %s"},
        "description": {"value": "電梯停在三樓"}}}""";

  @Test
  @DisplayName("kill -9 on the embedded H2 file database loses no answered start or completion")
  void h2(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    crashAndRecover(List.of("--spring.profiles.active=demo",
        "--WUYE_H2_FILE=" + dir.resolve("wuye-workflow")));
  }

  @Test
  @DisplayName("kill -9 on PostgreSQL loses no answered start or completion")
  void postgres() throws Exception {
    String url = EmbeddedPostgres.createFreshDatabase("crash");
    crashAndRecover(List.of("--spring.profiles.active=postgres,demo",
        "--wuye.identity.allow-demo-users=true", "--spring.datasource.url=" + url,
        "--spring.datasource.username=" + EmbeddedPostgres.USER,
        "--spring.datasource.password=" + EmbeddedPostgres.PASSWORD));
  }

  void crashAndRecover(List<String> settings) throws Exception {
    int port = freePort();
    Map<String, String> started = new ConcurrentHashMap<>();   // instance id -> complaint no
    Map<String, String> completed = new ConcurrentHashMap<>(); // task id -> instance id
    Process app = launch(port, settings);
    try {
      awaitReady(port, app);
      AtomicBoolean running = new AtomicBoolean(true);
      ExecutorService clients = Executors.newFixedThreadPool(3);
      for (int c = 0; c < 2; c++) {
        int client = c;
        clients.submit(() -> {
          WebClient duty = new WebClient(port).basic("duty", "demo");
          for (int i = 0; running.get(); i++) {
            try {
              HttpResponse<String> answer = duty.postJson(START,
                  COMPLAINT.formatted(client + "-" + i));
              if (answer.statusCode() == 200) {
                JsonNode body = JSON.readTree(answer.body());
                started.put(body.path("id").asText(), body.path("businessKey").asText());
              }
            } catch (RuntimeException | IOException crashed) {
              return null;
            }
          }
          return null;
        });
      }
      clients.submit(() -> {
        WebClient duty = new WebClient(port).basic("duty", "demo");
        while (running.get()) {
          try {
            for (String instance : List.copyOf(started.keySet())) {
              if (completed.containsValue(instance) || !running.get()) {
                continue;
              }
              JsonNode tasks = JSON.readTree(duty.get("/engine-rest/task?processInstanceId="
                  + instance + "&taskDefinitionKey=Task_LogComplaint").body());
              if (tasks.isEmpty()) {
                continue;
              }
              String task = tasks.get(0).path("id").asText();
              duty.postJson("/engine-rest/task/" + task + "/claim", "{\"userId\": \"duty\"}");
              HttpResponse<String> done = duty.postJson("/engine-rest/task/" + task + "/complete",
                  "{\"variables\": {\"category\": {\"value\": \"SERVICE\"},"
                      + " \"dutyOfficerHandles\": {\"value\": \"NO\"},"
                      + " \"dutyLogNote\": {\"value\": \"已記錄\"}}}");
              if (done.statusCode() == 204) {
                completed.put(task, instance);
              }
            }
          } catch (RuntimeException | IOException crashed) {
            return null;
          }
        }
        return null;
      });
      // kill once enough work was answered; a busy machine (the whole suite on 2 cores) needs
      // longer than an idle one before the first completion is answered
      long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < until && (started.size() < 40 || completed.size() < 5)) {
        Thread.sleep(100);
      }
      app.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
      app.waitFor(30, TimeUnit.SECONDS);
      running.set(false);
      clients.shutdown();
      clients.awaitTermination(30, TimeUnit.SECONDS);
    } finally {
      app.destroyForcibly();
    }
    assertThat(started).as("complaints answered before the crash").hasSizeGreaterThan(5);
    assertThat(completed).as("completions answered before the crash").isNotEmpty();

    Process again = launch(port, settings);
    try {
      awaitReady(port, again);
      WebClient admin = new WebClient(port).basic("admin", "demo");
      for (var entry : started.entrySet()) {
        JsonNode history = JSON.readTree(admin.get("/engine-rest/history/process-instance?"
            + "processInstanceBusinessKey=" + entry.getValue()).body());
        assertThat(history).as("case %s after the restart", entry.getValue()).hasSize(1);
        assertThat(history.get(0).path("id").asText()).isEqualTo(entry.getKey());
        HttpResponse<String> record = admin.get("/api/complaints/" + entry.getValue());
        assertThat(record.statusCode()).as("record of %s", entry.getValue()).isEqualTo(200);
      }
      for (var entry : completed.entrySet()) {
        JsonNode task = JSON.readTree(admin.get("/engine-rest/history/task?taskId="
            + entry.getKey()).body());
        assertThat(task).hasSize(1);
        assertThat(task.get(0).path("endTime").isNull()).as("task %s completed", entry.getKey())
            .isFalse();
        JsonNode open = JSON.readTree(admin.get("/engine-rest/task?processInstanceId="
            + entry.getValue() + "&taskDefinitionKey=Task_LogComplaint").body());
        assertThat(open).as("task of %s not open again", entry.getValue()).isEmpty();
        JsonNode log = JSON.readTree(admin.get("/api/duty-log?from=2000-01-01&to=2100-12-31"
            + "&processInstanceId=" + entry.getValue()).body());
        assertThat(log.findValuesAsText("entryType")).as("duty log of %s", entry.getValue())
            .contains("記錄投訴於值班記錄表");
      }
      // nothing doubled: one case per complaint number among everything the database holds
      JsonNode all = JSON.readTree(admin.get("/engine-rest/history/process-instance?"
          + "processDefinitionKey=ComplaintProcess").body());
      List<String> keys = new ArrayList<>();
      all.forEach(i -> keys.add(i.path("businessKey").asText()));
      assertThat(keys).doesNotHaveDuplicates();
    } finally {
      again.destroy();
      again.waitFor(30, TimeUnit.SECONDS);
      again.destroyForcibly();
    }
  }

  static Process launch(int port, List<String> settings) throws IOException {
    String classpath = java.util.Arrays.stream(System.getProperty("surefire.test.class.path",
            System.getProperty("java.class.path")).split(File.pathSeparator))
        .filter(entry -> !entry.endsWith("test-classes"))
        .collect(Collectors.joining(File.pathSeparator));
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-cp", classpath, "com.wuye.workflow.WorkflowApplication",
        "--server.port=" + port, "--logging.level.root=WARN", "--spring.main.banner-mode=off"));
    command.addAll(settings);
    Path log = Files.createTempFile("crash-app", ".log");
    log.toFile().deleteOnExit();
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
  }

  static void awaitReady(int port, Process app) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < until) {
      if (!app.isAlive()) {
        throw new IllegalStateException("the application stopped while starting: exit "
            + app.exitValue());
      }
      try {
        if (new WebClient(port).get("/actuator/health/readiness").statusCode() == 200) {
          return;
        }
      } catch (RuntimeException notYet) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("the application was not ready within 3 minutes");
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
