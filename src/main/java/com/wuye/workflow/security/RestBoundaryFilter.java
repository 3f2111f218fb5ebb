package com.wuye.workflow.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wuye.workflow.forms.CachedBodyRequest;
import com.wuye.workflow.forms.FormInputException;
import com.wuye.workflow.forms.FormSubmission;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinitionQuery;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The REST side of "a case changes only through the task in front of you", for both
 * {@code /engine-rest} and the webapps' {@code /camunda/api/engine}. The engine's own
 * authorizations (TASK_WORK for candidates, no variable permissions) do most of it; this closes
 * what they do not reach (README, "Who can change what"):
 * <ul>
 *   <li>a process starts only at its start event: no {@code startInstructions}, no skipped
 *   listeners or mappings, no business key of the caller's choosing, and only the start form's
 *   fields as variables;</li>
 *   <li>a task is completed only with its form's fields ({@link FormSubmission}), by its
 *   assignee when it has one;</li>
 *   <li>nobody throws BPMN errors or escalations from outside, or sets variables, due dates or
 *   candidates of a task; claiming is for oneself, and only the holder gives a task back (the
 *   office director and the CS supervisor reassign through {@code /api/tasks/{id}/assignee});</li>
 *   <li>messages and signals are the application's own ({@code /message}, {@code /signal});</li>
 *   <li>only administrators change a user's profile (the e-mail address notifications go to)
 *   or delete a user, and delete a deployment that has cases.</li>
 * </ul>
 */
class RestBoundaryFilter extends OncePerRequestFilter {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PREFIX = Pattern.compile(
      "^(?:/engine-rest(?:/engine/[^/]+)?|/camunda/api/engine/engine/[^/]+)(/.*)$");
  private static final Pattern START = Pattern.compile(
      "^/process-definition/(?:key/([^/]+)(?:/tenant-id/([^/]+))?|([^/]+))/(start|submit-form)$");
  private static final Pattern TASK = Pattern.compile("^/task/([^/]+)(?:/(.+))?$");
  private static final Pattern USER = Pattern.compile("^/user/([^/]+)(?:/(profile))?$");
  private static final Pattern DEPLOYMENT = Pattern.compile("^/deployment/([^/]+)$");
  private static final Set<String> NEVER = Set.of("bpmnError", "bpmnEscalation");
  private static final Set<String> ADMIN_ONLY = Set.of("assignee", "delegate", "resolve",
      "identity-links", "identity-links/delete", "attachment/create");

  private static final String CASE = RestBoundaryFilter.class.getName() + ".case";

  private final ProcessEngine engine;
  private final List<CaseRefusals> refusals;

  RestBoundaryFilter(ProcessEngine engine, List<CaseRefusals> refusals) {
    this.engine = engine;
    this.refusals = List.copyOf(refusals);
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String method = request.getMethod();
    return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    Matcher prefix = PREFIX.matcher(request.getRequestURI().substring(
        request.getContextPath().length()));
    Authentication caller = caller(request);
    if (!prefix.matches() || caller == null) {
      // not an engine resource, or not logged in: the API itself answers (404, 401)
      chain.doFilter(request, response);
      return;
    }
    String path = prefix.group(1);
    String method = request.getMethod();
    boolean admin = caller.getGroupIds() != null && caller.getGroupIds().contains(Groups.CAMUNDA_ADMIN);
    try {
      byte[] body = decide(request, method, path, caller, admin);
      chain.doFilter(body == null ? request : new CachedBodyRequest(request, body), response);
    } catch (Answered answered) {
      response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    } catch (Refusal refusal) {
      recordRefusal(request, caller, method, path, refusal.getMessage());
      answer(response, refusal.status, refusal.type, refusal.getMessage());
    } catch (FormInputException e) {
      recordRefusal(request, caller, method, path, e.getMessage());
      answer(response, 400, "InvalidRequestException", e.getMessage());
    }
  }

  private void recordRefusal(HttpServletRequest request, Authentication caller, String method,
      String path, String why) {
    Object processInstanceId = request.getAttribute(CASE);
    if (processInstanceId != null) {
      for (CaseRefusals listener : refusals) {
        listener.refused((String) processInstanceId, caller.getUserId(),
            "已拒絕 " + method + " " + path + ":" + why);
      }
    }
  }

  /** Refuses the request, or returns the body to pass on (null: the request as it came). */
  private byte[] decide(HttpServletRequest request, String method, String path,
      Authentication caller, boolean admin) throws IOException {
    Matcher start = START.matcher(path);
    if ("POST".equals(method) && start.matches()) {
      return checkStart(request, start);
    }
    Matcher task = TASK.matcher(path);
    if (task.matches() && !"create".equals(task.group(1))) {
      return checkTask(request, method, task.group(1), task.group(2), caller, admin);
    }
    if (admin) {
      return null;
    }
    if ("POST".equals(method) && (path.equals("/message") || path.equals("/signal"))) {
      // joining a collective case, closing it: the application's own steps send these
      throw new Refusal(403, "流程之間的訊息及信號只由系統發出,不可從外部發送。");
    }
    if ("POST".equals(method) && path.equals("/task/create")) {
      throw new Refusal(403, "只可辦理流程交給您的任務,不可自行建立任務。");
    }
    Matcher user = USER.matcher(path);
    if (user.matches() && !"create".equals(user.group(1))
        && ("PUT".equals(method) && "profile".equals(user.group(2))
        || "DELETE".equals(method) && user.group(2) == null)) {
      throw new Refusal(403, "個人資料(包括接收通知的電郵地址)只可由系統管理員更改;密碼可自行更改。");
    }
    Matcher deployment = DEPLOYMENT.matcher(path);
    if ("DELETE".equals(method) && deployment.matches()) {
      checkDeploymentDeletion(request, deployment.group(1));
    }
    return null;
  }

  private byte[] checkStart(HttpServletRequest request, Matcher start) throws IOException {
    ProcessDefinition definition = SystemAccess.withoutAuthorization(engine.getIdentityService(),
        () -> definition(start));
    if (definition == null) {
      return null;
    }
    byte[] body = request.getInputStream().readAllBytes();
    ObjectNode json = object(body);
    JsonNode instructions = json.path("startInstructions");
    if (!instructions.isMissingNode() && !instructions.isNull()
        && !(instructions.isArray() && instructions.isEmpty())) {
      throw new Refusal(400, "InvalidRequestException",
          "個案只可從流程的開始事件啟動(不接受 startInstructions)。");
    }
    for (String flag : List.of("skipCustomListeners", "skipIoMappings")) {
      if (json.path(flag).asBoolean(false)) {
        throw new Refusal(400, "InvalidRequestException", "不接受「" + flag + "」:流程的檢查不可略過。");
      }
    }
    JsonNode businessKey = json.path("businessKey");
    if (businessKey.isTextual() && !businessKey.textValue().isBlank()
        || !businessKey.isMissingNode() && !businessKey.isNull() && !businessKey.isTextual()) {
      throw new Refusal(400, "InvalidRequestException", "個案編號(businessKey)由系統編配,不可自行指定。");
    }
    FormSubmission form = SystemAccess.withoutAuthorization(engine.getIdentityService(),
        () -> startForm(definition.getId()));
    ObjectNode variables = variables(json);
    ObjectNode kept = form.check(variables, name -> null);
    json.set("variables", kept);
    return JSON.writeValueAsBytes(json);
  }

  private ProcessDefinition definition(Matcher start) {
    RepositoryService repository = engine.getRepositoryService();
    if (start.group(3) != null) {
      return repository.createProcessDefinitionQuery().processDefinitionId(start.group(3))
          .singleResult();
    }
    ProcessDefinitionQuery query = repository.createProcessDefinitionQuery()
        .processDefinitionKey(start.group(1)).latestVersion();
    if (start.group(2) != null) {
      query.tenantIdIn(start.group(2));
    } else {
      query.withoutTenantId();
    }
    return query.singleResult();
  }

  private FormSubmission startForm(String definitionId) {
    FormService forms = engine.getFormService();
    try (InputStream form = forms.getDeployedStartForm(definitionId)) {
      return FormSubmission.parse(form.readAllBytes());
    } catch (RuntimeException | IOException e) {
      // a process without a start form takes no start variables
      return FormSubmission.of(null);
    }
  }

  private byte[] checkTask(HttpServletRequest request, String method, String taskId,
      String action, Authentication caller, boolean admin) throws IOException {
    IdentityService identity = engine.getIdentityService();
    TaskService tasks = engine.getTaskService();
    Task task = SystemAccess.withoutAuthorization(identity,
        () -> tasks.createTaskQuery().taskId(taskId).singleResult());
    if (task == null) {
      return null;
    }
    request.setAttribute(CASE, task.getProcessInstanceId());
    String user = caller.getUserId();
    if (action == null) {
      if (!admin) {
        throw new Refusal(403, "任務的期限、負責人及候選組別由流程決定,不可更改。");
      }
      return null;
    }
    if (NEVER.contains(action)) {
      throw new Refusal(403, "流程的錯誤及升級只由流程本身發出,不可從外部觸發。");
    }
    if (action.startsWith("variables") || action.startsWith("localVariables")) {
      if (!admin) {
        throw new Refusal(403, "任務的資料只可經任務表單提交。");
      }
      return null;
    }
    if (ADMIN_ONLY.contains(action) && !admin) {
      throw new Refusal(403, "只可認領自己的任務;改派任務請由管理處主任或客戶服務主管辦理。");
    }
    switch (action) {
      case "claim" -> {
        byte[] body = request.getInputStream().readAllBytes();
        String claimant = object(body).path("userId").asText("");
        if (!admin && !claimant.equals(user)) {
          throw new Refusal(403, "只可為自己認領任務。");
        }
        return body;
      }
      case "unclaim" -> {
        if (admin) {
          return null;
        }
        if (task.getAssignee() != null && !task.getAssignee().equals(user)) {
          throw new Refusal(403, "此任務由「" + task.getAssignee() + "」辦理,只有他本人可以交回;"
              + "如他不在班,請由管理處主任或客戶服務主管改派。");
        }
        // The REST API unclaims by setting the assignee, which needs TASK_ASSIGN; giving one's
        // own task back is part of working it (TASK_WORK), as the engine's claim(id, null) is.
        unclaim(taskId, caller);
        throw new Answered();
      }
      case "complete", "submit-form" -> {
        if (task.getAssignee() != null && !task.getAssignee().equals(user)) {
          throw new Refusal(403, "此任務已由「" + task.getAssignee() + "」認領,只有他本人可以完成。");
        }
        byte[] body = request.getInputStream().readAllBytes();
        ObjectNode json = object(body);
        FormSubmission form = SystemAccess.withoutAuthorization(identity, () -> taskForm(taskId));
        ObjectNode submitted = variables(json);
        // the case's values of the submitted read-only fields only: those must be unchanged
        java.util.Set<String> readonly = form.readonlyIn(submitted);
        Map<String, Object> current = readonly.isEmpty() ? Map.of()
            : SystemAccess.withoutAuthorization(identity, () -> tasks.getVariables(taskId, readonly));
        json.set("variables", form.check(submitted, current::get));
        return JSON.writeValueAsBytes(json);
      }
      default -> {
        return null;
      }
    }
  }

  private void unclaim(String taskId, Authentication caller) {
    IdentityService identity = engine.getIdentityService();
    Authentication before = identity.getCurrentAuthentication();
    identity.setAuthentication(caller);
    try {
      engine.getTaskService().claim(taskId, null);
    } catch (org.camunda.bpm.engine.AuthorizationException e) {
      throw new Refusal(403, "沒有權限交回此任務。");
    } finally {
      if (before == null) {
        identity.clearAuthentication();
      } else {
        identity.setAuthentication(before);
      }
    }
  }

  private FormSubmission taskForm(String taskId) {
    try (InputStream form = engine.getFormService().getDeployedTaskForm(taskId)) {
      return FormSubmission.parse(form.readAllBytes());
    } catch (RuntimeException | IOException e) {
      return FormSubmission.of(null);
    }
  }

  private void checkDeploymentDeletion(HttpServletRequest request, String deploymentId) {
    if ("true".equalsIgnoreCase(request.getParameter("cascade"))) {
      throw new Refusal(403, "只有系統管理員可連同個案刪除部署。");
    }
    HistoryService history = engine.getHistoryService();
    long cases = SystemAccess.withoutAuthorization(engine.getIdentityService(), () ->
        engine.getRepositoryService().createProcessDefinitionQuery().deploymentId(deploymentId)
            .list().stream()
            .mapToLong(d -> history.createHistoricProcessInstanceQuery()
                .processDefinitionId(d.getId()).count())
            .sum());
    if (cases > 0) {
      throw new Refusal(403, "此部署已有 " + cases + " 宗個案(進行中或已完結),只有系統管理員可以刪除。");
    }
  }

  private static ObjectNode object(byte[] body) {
    if (body.length == 0) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode json = JSON.readTree(body);
      if (json instanceof ObjectNode object) {
        return object;
      }
    } catch (IOException e) {
      // answered below
    }
    throw new Refusal(400, "InvalidRequestException", "請求內容不是有效的 JSON。");
  }

  private static ObjectNode variables(ObjectNode json) {
    JsonNode variables = json.path("variables");
    if (variables.isMissingNode() || variables.isNull()) {
      return JSON.createObjectNode();
    }
    if (variables instanceof ObjectNode object) {
      return object;
    }
    throw new Refusal(400, "InvalidRequestException", "「variables」須為物件。");
  }

  /** The engine-rest caller (Camunda's filter ran first) or the webapps' session user. */
  private Authentication caller(HttpServletRequest request) {
    Authentication current = engine.getIdentityService().getCurrentAuthentication();
    if (current != null) {
      return current;
    }
    UserAuthentication user = ApiAuthenticationFilter.sessionAuthentication(request, engine.getName());
    return user == null ? null : new Authentication(user.getName(), List.copyOf(user.getGroupIds()));
  }

  private static void answer(HttpServletResponse response, int status, String type,
      String message) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json;charset=UTF-8");
    response.getWriter().write(JSON.writeValueAsString(Map.of("type", type, "message", message)));
  }

  /** The filter did the work itself and answers 204. */
  private static final class Answered extends RuntimeException {
    Answered() {
      super(null, null, false, false);
    }
  }

  private static final class Refusal extends RuntimeException {
    final int status;
    final String type;

    Refusal(int status, String message) {
      this(status, status == 403 ? "AuthorizationException" : "InvalidRequestException", message);
    }

    Refusal(int status, String type, String message) {
      super(message);
      this.status = status;
      this.type = type;
    }
  }
}
