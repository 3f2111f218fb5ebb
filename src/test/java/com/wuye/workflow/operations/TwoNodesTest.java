package com.wuye.workflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wuye.workflow.EmbeddedPostgres;
import com.wuye.workflow.WebClient;
import com.wuye.workflow.WorkflowApplication;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.NotifyAcquisitionRejectedJobsHandler;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two application nodes on one PostgreSQL, the way production scales out: each with its own
 * engine, web server and job executor. Work started on one node is done on the other; 200
 * deadlines falling due at the same moment fire exactly once each, whichever node takes them;
 * and jobs held by a node that goes away are done by the other once their lock runs out.
 *
 * <p>Both nodes share this JVM, so the engine clock ({@link ClockUtil}) moves for both, as
 * real time does for real nodes. Each node's engine has its own name so that its REST API
 * ({@code /engine-rest/engine/{name}/…}) reaches its own engine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 4, unit = java.util.concurrent.TimeUnit.MINUTES)
class TwoNodesTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final int LOCK_TIME_MILLIS = 60_000;
  static final String CONTACT_TIMER = "BoundaryEvent_ContactResidentMissed";

  ConfigurableApplicationContext nodeA;
  ConfigurableApplicationContext nodeB;
  JdbcTemplate database;
  long clockOffset;

  /**
   * Node A's job executor, which can be told to stop working on what it acquires: a node that
   * dies between locking jobs and finishing them. Not a Spring component (the application's
   * component scan would find it); node A is given it as a source.
   */
  static class NodeThatCanHang {
    static final AtomicBoolean HANG = new AtomicBoolean();
    static final Set<String> HELD_JOBS = ConcurrentHashMap.newKeySet();

    @Bean
    static JobExecutor jobExecutor(@Qualifier("camundaTaskExecutor") TaskExecutor taskExecutor,
        CamundaBpmProperties camunda) {
      SpringJobExecutor executor = new SpringJobExecutor() {
        @Override
        public void executeJobs(List<String> jobIds, ProcessEngineImpl processEngine) {
          if (HANG.get()) {
            HELD_JOBS.addAll(jobIds);
          } else {
            super.executeJobs(jobIds, processEngine);
          }
        }
      };
      executor.setTaskExecutor(taskExecutor);
      executor.setRejectedJobsHandler(new NotifyAcquisitionRejectedJobsHandler());
      var settings = camunda.getJobExecution();
      executor.setLockTimeInMillis(settings.getLockTimeInMillis());
      executor.setMaxJobsPerAcquisition(settings.getMaxJobsPerAcquisition());
      executor.setWaitTimeInMillis(settings.getWaitTimeInMillis());
      executor.setMaxWait(settings.getMaxWait());
      return executor;
    }
  }

  static ConfigurableApplicationContext startNode(String name, String jdbcUrl, Class<?>... extra) {
    List<Object> sources = new ArrayList<>(List.of(WorkflowApplication.class));
    sources.addAll(List.of(extra));
    return new SpringApplicationBuilder(sources.toArray(Class[]::new))
        .profiles("postgres", "demo")
        .run("--server.port=0",
            "--spring.datasource.url=" + jdbcUrl,
            "--wuye.identity.allow-demo-users=true",
            "--spring.datasource.username=" + EmbeddedPostgres.USER,
            "--spring.datasource.password=" + EmbeddedPostgres.PASSWORD,
            "--spring.datasource.hikari.maximum-pool-size=10",
            "--camunda.bpm.process-engine-name=" + name,
            "--camunda.bpm.generic-properties.properties.hostname=" + name,
            "--camunda.bpm.job-execution.enabled=true",
            "--camunda.bpm.job-execution.wait-time-in-millis=200",
            "--camunda.bpm.job-execution.max-wait=1000",
            "--camunda.bpm.job-execution.max-jobs-per-acquisition=5",
            "--camunda.bpm.job-execution.queue-capacity=20",
            "--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_TIME_MILLIS,
            "--wuye.records.cleanup-cron=-",
            // the complaint mailbox of the test below, read when the test says
            "--wuye.complaint-mailbox.host=localhost",
            "--wuye.complaint-mailbox.port=" + IMAP.getPort(),
            "--wuye.complaint-mailbox.protocol=imap",
            "--wuye.complaint-mailbox.username=complaints",
            "--wuye.complaint-mailbox.password=secret",
            "--wuye.complaint-mailbox.initial-delay=PT1H");
  }

  static final com.icegreen.greenmail.util.ServerSetup IMAP =
      new com.icegreen.greenmail.util.ServerSetup(3146, "localhost", "imap");
  static final com.icegreen.greenmail.util.GreenMail MAILBOX =
      new com.icegreen.greenmail.util.GreenMail(IMAP);

  @BeforeAll
  void startTwoNodes() {
    MAILBOX.start();
    MAILBOX.setUser("complaints@wuye.example", "complaints", "secret");
    String url = EmbeddedPostgres.freshDatabase("twonodes");
    nodeA = startNode("nodeA", url, NodeThatCanHang.class);
    nodeB = startNode("nodeB", url);
    database = nodeB.getBean(JdbcTemplate.class); // node B stays up to the end
  }

  @AfterAll
  void stopNodes() {
    MAILBOX.stop();
    ClockUtil.reset();
    NodeThatCanHang.HANG.set(false);
    for (var node : new ConfigurableApplicationContext[] {nodeA, nodeB}) {
      if (node != null && node.isActive()) {
        node.close();
      }
    }
  }

  static int port(ConfigurableApplicationContext node) {
    return ((WebServerApplicationContext) node).getWebServer().getPort();
  }

  static ProcessEngine engine(ConfigurableApplicationContext node) {
    return node.getBean(ProcessEngine.class);
  }

  static JobExecutor jobExecutor(ConfigurableApplicationContext node) {
    return node.getBean(ProcessEngineConfigurationImpl.class).getJobExecutor();
  }

  /** The node's REST API as {@code user}, on the node's own engine. */
  static Rest rest(ConfigurableApplicationContext node, String user) {
    return new Rest(new WebClient(port(node)).basic(user, "demo"),
        "/engine-rest/engine/" + engine(node).getName());
  }

  record Rest(WebClient client, String engineRest) {
    JsonNode get(String path) {
      return json(client.get(path.startsWith("/api") || path.startsWith("/actuator") ? path
          : engineRest + path));
    }

    HttpResponse<String> post(String path, String body) {
      return client.postJson(engineRest + path, body);
    }
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
    }
  }

  static Map<String, Object> complaint(int n) {
    Map<String, Object> complaint = new HashMap<>();
    complaint.put("community", "翠苑小區");
    complaint.put("building", "C座");
    complaint.put("unit", (n % 30 + 1) + "樓" + (n / 30 + 1) + "室");
    complaint.put("residentName", "業戶" + n);
    complaint.put("residentPhone", "9123" + String.format("%04d", n));
    complaint.put("channel", "HOTLINE");
    complaint.put("writtenComplaint", false);
    complaint.put("matter", "噪音投訴-" + n);
    complaint.put("description", "樓上深夜噪音");
    return complaint;
  }

  /** Moves the engine clock of both nodes forward, from now on. */
  void moveClock(Duration by) {
    clockOffset += by.toMillis();
    ClockUtil.offset(clockOffset);
  }

  static void await(String what, Duration limit, BooleanSupplier done) throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not within " + limit + ": " + what);
      }
      Thread.sleep(250);
    }
  }

  /**
   * Complaints waiting at 與業戶聯系並約定回復時間 with the 2-hour deadline running: received for
   * real, then moved past logging and classification (tested in ComplaintProcessTest).
   */
  List<ProcessInstance> complaintsAwaitingContact(int count, boolean alternateNodes) {
    List<ProcessInstance> instances = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ProcessEngine engine = engine(alternateNodes && i % 2 == 1 ? nodeB : nodeA);
      ProcessInstance instance = engine.getRuntimeService()
          .startProcessInstanceByKey("ComplaintProcess", complaint(instances.size() + count * 7));
      engine.getRuntimeService().createProcessInstanceModification(instance.getId())
          .cancelAllForActivity("Task_LogComplaint")
          .startBeforeActivity("Task_ContactResident")
          .execute();
      instances.add(instance);
    }
    return instances;
  }

  long misses(List<ProcessInstance> instances) {
    return database.queryForObject("SELECT COUNT(*) FROM deadline_miss WHERE process_instance_id IN ("
        + instances.stream().map(i -> "'" + i.getId() + "'").collect(Collectors.joining(","))
        + ")", Long.class);
  }

  long contactTimers(ProcessEngine engine, List<ProcessInstance> instances) {
    return instances.stream().filter(instance -> engine.getManagementService().createJobQuery()
        .processInstanceId(instance.getId()).activityId(CONTACT_TIMER).count() > 0).count();
  }

  /** Each complaint has exactly one recorded miss and one supervision task for the director. */
  void exactlyOnceEach(ProcessEngine engine, List<ProcessInstance> instances) {
    Map<String, Long> missesPerComplaint = database.queryForList(
        "SELECT process_instance_id, complaint_no FROM deadline_miss WHERE deadline = 'CONTACT_2H'")
        .stream().collect(Collectors.groupingBy(row -> (String) row.get("process_instance_id"),
            Collectors.counting()));
    for (ProcessInstance instance : instances) {
      assertThat(missesPerComplaint.get(instance.getId())).as("misses of %s", instance.getBusinessKey())
          .isEqualTo(1L);
      assertThat(engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
          .taskDefinitionKey("Task_SuperviseMissedDeadline").taskCandidateGroup("office-director")
          .count()).as("supervision of %s", instance.getBusinessKey()).isEqualTo(1);
      assertThat(engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
          .taskDefinitionKey("Task_ContactResident").count()).isEqualTo(1);
    }
  }

  @Test
  @Order(0)
  @DisplayName("CP-5 two nodes on one PostgreSQL read the complaint mailbox at once: each message one complaint; read again after a crash, nothing doubles")
  void complaintMailboxReadByTwoNodes() throws Exception {
    var user = MAILBOX.getUserManager().getUser("complaints");
    for (int i = 1; i <= 3; i++) {
      var message = new jakarta.mail.internet.MimeMessage(
          jakarta.mail.Session.getInstance(new java.util.Properties()));
      message.setFrom("pg" + i + "@example.com");
      message.setSubject("電梯故障", "UTF-8");
      message.setText("小區:翠苑小區\n樓棟:E座\n單位:" + i + "樓01室\n姓名:業戶" + i
          + "\n電話:9876543" + i + "\n電梯故障。", "UTF-8");
      message.saveChanges();
      user.deliver(message);
    }
    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      var readers = List.<java.util.concurrent.Callable<Map<
          com.wuye.workflow.complaint.mail.ComplaintMailIntake.Outcome, Integer>>>of(
          () -> nodeA.getBean(com.wuye.workflow.complaint.mail.ComplaintMailbox.class).read(),
          () -> nodeB.getBean(com.wuye.workflow.complaint.mail.ComplaintMailbox.class).read());
      int complaints = 0;
      for (var outcome : pool.invokeAll(readers)) {
        var read = outcome.get();
        assertThat(read).as("both nodes reach the mailbox").isNotNull();
        complaints += read.getOrDefault(
            com.wuye.workflow.complaint.mail.ComplaintMailIntake.Outcome.COMPLAINT, 0);
      }
      assertThat(complaints).isEqualTo(3);
    } finally {
      pool.shutdown();
    }
    assertThat(database.queryForObject("SELECT COUNT(*) FROM complaint WHERE email_from LIKE 'pg%'",
        Long.class)).isEqualTo(3);

    // a node that crashed before marking them read: they are read again, and make nothing more
    try (var store = jakarta.mail.Session.getInstance(new java.util.Properties()).getStore("imap")) {
      store.connect("localhost", IMAP.getPort(), "complaints", "secret");
      var inbox = store.getFolder("INBOX");
      inbox.open(jakarta.mail.Folder.READ_WRITE);
      for (var m : inbox.getMessages()) {
        m.setFlag(jakarta.mail.Flags.Flag.SEEN, false);
      }
      inbox.close(false);
    }
    var again = nodeB.getBean(com.wuye.workflow.complaint.mail.ComplaintMailbox.class).read();
    assertThat(again).containsEntry(
        com.wuye.workflow.complaint.mail.ComplaintMailIntake.Outcome.ALREADY_READ, 3);
    assertThat(database.queryForObject("SELECT COUNT(*) FROM complaint WHERE email_from LIKE 'pg%'",
        Long.class)).isEqualTo(3);
  }

  @Test
  @Order(1)
  @DisplayName("A complaint received over REST on node A is worked over REST on node B, and both nodes are ready")
  void workMovesBetweenNodes() {
    HttpResponse<String> started = rest(nodeA, "duty").post(
        "/process-definition/key/ComplaintProcess/start", BadInputTest.body(complaint(1)));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    String instanceId = json(started).path("id").asText();
    String complaintNo = json(started).path("businessKey").asText();

    JsonNode onB = rest(nodeB, "duty").get("/task?processInstanceId=" + instanceId);
    assertThat(onB).hasSize(1);
    assertThat(onB.get(0).path("taskDefinitionKey").asText()).isEqualTo("Task_LogComplaint");
    String taskId = onB.get(0).path("id").asText();
    assertThat(rest(nodeB, "duty").post("/task/" + taskId + "/claim", "{\"userId\": \"duty\"}")
        .statusCode()).isEqualTo(204);
    HttpResponse<String> completed = rest(nodeB, "duty").post("/task/" + taskId + "/submit-form",
        BadInputTest.body(Map.of("category", "SERVICE", "dutyOfficerHandles", "NO")));
    assertThat(completed.statusCode()).as(completed.body()).isEqualTo(204);

    JsonNode next = rest(nodeA, "supervisor").get("/task?processInstanceId=" + instanceId);
    assertThat(next).hasSize(1);
    assertThat(next.get(0).path("taskDefinitionKey").asText()).isEqualTo("Task_ClassifyComplaint");
    JsonNode record = rest(nodeA, "supervisor").get("/api/complaints/" + complaintNo);
    assertThat(record.at("/complaint/COMPLAINT_NO").asText()).isEqualTo(complaintNo);
    assertThat(record.at("/complaint/STATUS").asText()).isEqualTo("OPEN");

    for (var node : List.of(nodeA, nodeB)) {
      JsonNode readiness = rest(node, "admin").get("/actuator/health/readiness");
      assertThat(readiness.path("status").asText()).isEqualTo("UP");
      assertThat(readiness.at("/components/db/details/database").asText()).isEqualTo("PostgreSQL");
      assertThat(readiness.at("/components/jobExecutor/details/jobExecution").asText())
          .isEqualTo("running");
    }
  }

  @Test
  @Order(2)
  @DisplayName("CP-7.1 200 contact deadlines falling due at once fire exactly once each, shared by both nodes")
  void manyDeadlinesFireExactlyOnce() throws InterruptedException {
    List<ProcessInstance> complaints = complaintsAwaitingContact(200, true);
    assertThat(contactTimers(engine(nodeA), complaints)).isEqualTo(200);
    assertThat(misses(complaints)).isZero();

    moveClock(Duration.ofHours(2).plusMinutes(10));
    await("200 deadlines fired", Duration.ofSeconds(150), () -> misses(complaints) >= 200
        && contactTimers(engine(nodeB), complaints) == 0);
    Thread.sleep(2000); // a second firing would show up now

    assertThat(misses(complaints)).isEqualTo(200);
    exactlyOnceEach(engine(nodeB), complaints);
    Set<String> executedOn = engine(nodeA).getHistoryService().createHistoricJobLogQuery()
        .activityIdIn(CONTACT_TIMER).successLog().list().stream()
        .map(log -> log.getHostname()).collect(Collectors.toSet());
    assertThat(executedOn).as("nodes that fired deadlines").containsExactlyInAnyOrder("nodeA", "nodeB");
  }

  @Test
  @Order(3)
  @DisplayName("Jobs locked by a node that stops are done by the other node once the lock runs out, once each")
  void nodeStoppedMidwayLosesNothing() throws InterruptedException {
    jobExecutor(nodeB).shutdown(); // for a moment only node A takes work
    NodeThatCanHang.HANG.set(true);
    List<ProcessInstance> complaints = complaintsAwaitingContact(20, false);
    String lockOwnerA = jobExecutor(nodeA).getLockOwner();

    moveClock(Duration.ofHours(2).plusMinutes(10));
    ProcessEngine engineB = engine(nodeB);
    await("node A holds all 20 deadlines", Duration.ofSeconds(30), () ->
        lockedBy(engineB, complaints, lockOwnerA) == 20);
    nodeA.close(); // node A goes away with the jobs it locked

    assertThat(lockedBy(engineB, complaints, lockOwnerA)).isEqualTo(20);
    assertThat(misses(complaints)).isZero();

    jobExecutor(nodeB).start();
    Thread.sleep(3000);
    assertThat(misses(complaints)).as("node B waits while node A's lock holds").isZero();

    moveClock(Duration.ofMillis(LOCK_TIME_MILLIS).plusSeconds(5));
    await("node B did node A's jobs", Duration.ofSeconds(60), () -> misses(complaints) >= 20
        && contactTimers(engineB, complaints) == 0);
    Thread.sleep(1000);
    assertThat(misses(complaints)).isEqualTo(20);
    exactlyOnceEach(engineB, complaints);
  }

  long lockedBy(ProcessEngine engine, List<ProcessInstance> instances, String lockOwner) {
    return instances.stream().filter(instance -> {
      Job job = engine.getManagementService().createJobQuery()
          .processInstanceId(instance.getId()).activityId(CONTACT_TIMER).singleResult();
      return job != null && lockOwner.equals(((JobEntity) job).getLockOwner());
    }).count();
  }
}
