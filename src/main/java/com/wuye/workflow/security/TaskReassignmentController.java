package com.wuye.workflow.security;

import com.wuye.workflow.office.Offices;
import com.wuye.workflow.dutylog.DutyLogRepository;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Work moves when people do not: a task held by someone off shift is given back to its group,
 * or to one of its candidates, by the office director (any task) or by the CS supervisor (the
 * tasks offered to the CS supervisors). Task candidates themselves cannot assign (TASK_WORK; the
 * REST boundary refuses {@code /assignee}). Each reassignment is written to the duty log with
 * who did it and why.
 *
 * <p>{@code POST /api/tasks/{taskId}/assignee} with {@code {"assignee": "userId" | null,
 * "reason": "…"}}.
 */
@RestController
class TaskReassignmentController {

  static final String DIRECTOR = "office-director";
  static final String SUPERVISOR = "cs-supervisor";

  private final TaskService tasks;
  private final RuntimeService runtime;
  private final RepositoryService repository;
  private final IdentityService identity;
  private final DutyLogRepository dutyLog;
  private final CurrentUser currentUser;
  private final Offices offices;

  TaskReassignmentController(TaskService tasks, RuntimeService runtime,
      RepositoryService repository, IdentityService identity, DutyLogRepository dutyLog,
      CurrentUser currentUser, Offices offices) {
    this.offices = offices;
    this.tasks = tasks;
    this.runtime = runtime;
    this.repository = repository;
    this.identity = identity;
    this.dutyLog = dutyLog;
    this.currentUser = currentUser;
  }

  record Reassignment(String assignee, String reason) {
  }

  @PostMapping("/api/tasks/{taskId}/assignee")
  Map<String, String> reassign(@PathVariable String taskId, @RequestBody Reassignment request) {
    currentUser.require(DIRECTOR, SUPERVISOR);
    Task task = SystemAccess.withoutAuthorization(identity,
        () -> tasks.createTaskQuery().taskId(taskId).singleResult());
    // another office's task is answered as if it did not exist
    if (task == null || !offices.callerSees(task.getTenantId())) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "找不到此任務。");
    }
    List<String> groups = SystemAccess.withoutAuthorization(identity,
        () -> tasks.getIdentityLinksForTask(taskId)).stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
        .map(IdentityLink::getGroupId).filter(g -> g != null).toList();
    if (!currentUser.isIn(DIRECTOR) && !groups.contains(SUPERVISOR)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN,
          "客戶服務主管只可改派交給客戶服務主管的任務。");
    }
    if (task.getAssignee() == null) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "此任務尚未有人認領,無須改派。");
    }
    String reason = request == null || request.reason() == null ? "" : request.reason().trim();
    if (reason.isEmpty() || reason.length() > 500) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "請填寫改派原因(reason),最多 500 字。");
    }
    String assignee = request.assignee() == null || request.assignee().isBlank()
        ? null : request.assignee().trim();
    if (assignee != null && (groups.stream().noneMatch(g ->
            identity.createUserQuery().userId(assignee).memberOfGroup(g).count() > 0)
        || task.getTenantId() != null && !offices.tenantsOf(assignee).contains(task.getTenantId()))) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "「" + assignee + "」不屬於此任務的組別或管理處,不可接辦。");
    }
    String previous = task.getAssignee();
    String by = currentUser.id();
    SystemAccess.withoutAuthorization(identity, () -> {
      tasks.setAssignee(taskId, assignee);
      Map<String, Object> variables = runtime.getVariables(task.getExecutionId(),
          List.of("community", "building", "unit"));
      String processKey = repository.getProcessDefinition(task.getProcessDefinitionId()).getKey();
      String businessKey = runtime.createProcessInstanceQuery()
          .processInstanceId(task.getProcessInstanceId()).singleResult().getBusinessKey();
      dutyLog.insert(LocalDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(),
              ZoneId.systemDefault()), task.getTenantId(),
          text(variables.get("community")), text(variables.get("building")),
          text(variables.get("unit")), processKey, task.getProcessInstanceId(), businessKey,
          "改派任務", "「" + task.getName() + "」由 " + previous + (assignee == null
              ? " 交回組別" : " 改派給 " + assignee) + ";原因:" + reason, by);
      return null;
    });
    return Map.of("message", assignee == null ? "任務已交回組別。" : "任務已改派給 " + assignee + "。");
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
