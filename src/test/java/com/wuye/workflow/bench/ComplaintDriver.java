package com.wuye.workflow.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;

/**
 * Drives complaints through the most common path the way Tasklist does — as the user whose group
 * the procedure names, with the engine's authorizations: {@code staff} receives it, {@code duty}
 * logs it (category FEES, not handled by the duty officer), {@code supervisor} classifies it
 * VALID (the decision table's suggestion), contacts the resident, and handles it: resolved,
 * replied by phone, the resident satisfied. Each task is found with a task query, claimed and
 * completed.
 *
 * <p>The baseline is {@link #BARE_KEY}, generated with Camunda's fluent API: the same four user
 * tasks (same ids) and nothing else — no listeners, service tasks, timers, decision or records.
 * It is driven by exactly the same calls with the same variables. Its tasks name candidate
 * users instead of groups: the application's {@code NewTaskMail} parse listener is attached to
 * every user task of the engine, and this keeps it from writing mail for the baseline (it still
 * reads the task's candidates).
 */
final class ComplaintDriver {

  static final String COMPLAINT_KEY = "ComplaintProcess";
  static final String BARE_KEY = "BenchBareProcess";
  static final String[] TASKS = {"Task_LogComplaint", "Task_ClassifyComplaint",
      "Task_ContactResident", "Task_HandleValidComplaint"};
  static final String[] USERS = {"duty", "supervisor", "supervisor", "supervisor"};

  private final IdentityService identityService;
  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final CommandExecutor commands;
  private final Map<String, List<String>> groups = new ConcurrentHashMap<>();

  private final Map<String, List<String>> tenants = new ConcurrentHashMap<>();
  private final String runTag = Long.toString(System.currentTimeMillis(), 36);

  ComplaintDriver(ProcessEngine engine) {
    this.identityService = engine.getIdentityService();
    this.runtimeService = engine.getRuntimeService();
    this.taskService = engine.getTaskService();
    this.commands = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getCommandExecutorTxRequired();
  }

  /** Deploys the bare model and lets the complaint receivers start it. */
  static void deployBareModel(ProcessEngine engine) {
    BpmnModelInstance model = bareModel();
    RepositoryService repository = engine.getRepositoryService();
    repository.createDeployment().name("benchmark baseline")
        .addModelInstance(BARE_KEY + ".bpmn", model).deploy();
    AuthorizationService authorizations = engine.getAuthorizationService();
    Authorization start = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    start.setGroupId("service-staff");
    start.setResource(Resources.PROCESS_DEFINITION);
    start.setResourceId(BARE_KEY);
    start.addPermission(Permissions.READ);
    start.addPermission(Permissions.CREATE_INSTANCE);
    authorizations.saveAuthorization(start);
  }

  static BpmnModelInstance bareModel() {
    AbstractFlowNodeBuilder<?, ?> flow = Bpmn.createExecutableProcess(BARE_KEY)
        .camundaHistoryTimeToLive(1825).startEvent("StartEvent_Bare");
    for (int i = 0; i < TASKS.length; i++) {
      flow = flow.userTask(TASKS[i]).camundaCandidateUsers(USERS[i]);
    }
    return flow.endEvent("EndEvent_Bare").done();
  }

  <T> T as(String userId, Supplier<T> action) {
    List<String> groupIds = groups.computeIfAbsent(userId, id -> identityService.createGroupQuery()
        .groupMember(id).list().stream().map(Group::getId).toList());
    List<String> tenantIds = tenants.computeIfAbsent(userId, id -> identityService
        .createTenantQuery().userMember(id).includingGroupsOfUser(true).list().stream()
        .map(t -> t.getId()).toList());
    identityService.setAuthentication(userId, groupIds, tenantIds);
    try {
      return action.get();
    } finally {
      identityService.clearAuthentication();
    }
  }

  Map<String, Object> startVariables(int n) {
    return startVariables(runTag, n, false);
  }

  /** The start form's values of complaint {@code n} of the run tagged {@code runTag}. */
  static Map<String, Object> startVariables(String runTag, int n, boolean secondOffice) {
    Map<String, Object> v = new HashMap<>();
    v.put("community", secondOffice ? "金輝大廈" : "翠苑小區");
    v.put("building", (char) ('A' + n % 6) + "座");
    v.put("unit", (n % 40 + 1) + "樓0" + (n % 8 + 1) + "室");
    v.put("residentName", "王大文");
    v.put("residentPhone", "91234567");
    v.put("channel", "HOTLINE");
    v.put("writtenComplaint", false);
    // a matter of its own: five households on one matter would make a collective complaint
    v.put("matter", "管理費收費錯誤 " + runTag + "-" + n);
    v.put("description", "業戶投訴管理費多收,要求退回。");
    return v;
  }

  static Map<String, Object> taskVariables(int step) {
    return switch (step) {
      case 0 -> Map.of("category", "FEES", "dutyOfficerHandles", "NO");
      case 1 -> Map.of("classification", "VALID");
      // CP-7.1: a reply time agreed at the contact (later than the same day only with a reason)
      case 2 -> Map.of("contactNote", "已致電業戶", "agreedReplyAt", java.time.LocalDateTime.ofInstant(
          java.time.Instant.now().plusSeconds(3600), java.time.ZoneId.of("Asia/Hong_Kong"))
          .withSecond(0).withNano(0).toString(), "specialCircumstance", "業戶晚上才在家");
      default -> Map.of("handlingOutcome", "RESOLVED", "handlingResult", "已退回多收費用",
          "replyMethod", "PHONE", "residentOpinion", "滿意", "residentSatisfiedAnswer", "YES");
    };
  }

  /** Starts one instance of {@code processKey} as {@code staff}; returns its id. */
  String start(String processKey, int n) {
    return start(processKey, n, false);
  }

  /**
   * The demo users of 金輝管理處 ({@code staff2}, {@code duty2}, …) instead of 翠苑管理處's, and
   * one of its communities: open tasks spread over both offices.
   */
  static String inOffice(String user, boolean secondOffice) {
    return secondOffice ? user + "2" : user;
  }

  String start(String processKey, int n, boolean secondOffice) {
    Map<String, Object> variables = startVariables(runTag, n, secondOffice);
    return as(inOffice("staff", secondOffice),
        () -> runtimeService.startProcessInstanceByKey(processKey, variables)).getId();
  }

  /** Completes step {@code step} (0..3) of the path, as Tasklist does: find, claim, complete. */
  void complete(String processInstanceId, int step) {
    complete(processInstanceId, step, false);
  }

  void complete(String processInstanceId, int step, boolean secondOffice) {
    String user = inOffice(USERS[step], secondOffice);
    as(user, () -> {
      Task task = taskService.createTaskQuery().processInstanceId(processInstanceId)
          .taskDefinitionKey(TASKS[step]).singleResult();
      if (task == null) {
        throw new IllegalStateException(user + " sees no " + TASKS[step] + " in " + processInstanceId);
      }
      if (task.getAssignee() == null) {
        taskService.claim(task.getId(), user);
      }
      taskService.complete(task.getId(), taskVariables(step));
      return null;
    });
  }

  /** Starts an instance and completes its first {@code steps} tasks; returns its id. */
  String drive(String processKey, int n, int steps) {
    return drive(processKey, n, steps, false);
  }

  String drive(String processKey, int n, int steps, boolean secondOffice) {
    String id = start(processKey, n, secondOffice);
    for (int step = 0; step < steps; step++) {
      complete(id, step, secondOffice);
    }
    return id;
  }

  /** One instance end to end: started and all four tasks completed. */
  String endToEnd(String processKey, int n) {
    return drive(processKey, n, TASKS.length);
  }

  /**
   * A complaint start to end as quickly as the API allows (history growth): started as
   * {@code staff}, each task completed as the user of its group without a claim.
   */
  String completeQuickly(String processKey, int n, boolean secondOffice) {
    return completeQuickly(processKey, n, secondOffice, false);
  }

  /**
   * Starts and completes one instance, each step as its user without claiming; {@code checked}
   * with the engine's permission checks, as a request of that user, otherwise without them
   * ({@link #asUnchecked}). Returns the instance's id.
   */
  String completeQuickly(String processKey, int n, boolean secondOffice, boolean checked) {
    Map<String, Object> variables = startVariables(runTag, n, secondOffice);
    String id = call(checked, inOffice("staff", secondOffice),
        () -> runtimeService.startProcessInstanceByKey(processKey, variables).getId());
    for (int step = 0; step < TASKS.length; step++) {
      int s = step;
      String user = inOffice(USERS[step], secondOffice);
      Task task = call(checked, user, () -> taskService.createTaskQuery().processInstanceId(id)
          .taskDefinitionKey(TASKS[s]).singleResult());
      call(checked, user, () -> {
        taskService.complete(task.getId(), taskVariables(s));
        return null;
      });
    }
    return id;
  }

  private <T> T call(boolean checked, String userId, Supplier<T> action) {
    return checked ? as(userId, action) : asUnchecked(userId, action);
  }

  /**
   * One call of the engine as {@code userId}, with the engine's permission checks left out: the
   * history loader's complaints are the same instances with the same records (the acting user
   * is in every history row, log entry and duty log entry as before; the engine still writes
   * each task's authorizations), without the checks a request of that user would pass. Each
   * check reads every group that has an authorization ({@code AuthorizationManager
   * .getAllGroups}, once per command), which with 10,000 open tasks was about 40 % of the
   * loader's database time (BENCHMARKS.md). The call runs in an engine command of its own
   * that the service call joins, so it flushes and commits exactly as the call alone would.
   */
  <T> T asUnchecked(String userId, Supplier<T> action) {
    return as(userId, () -> commands.execute(context -> {
      context.disableAuthorizationCheck();
      return action.get();
    }));
  }
}
