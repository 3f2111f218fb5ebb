package com.wuye.workflow.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks the start variables of {@code POST /engine-rest/process-definition/…/start} against
 * the process's {@link StartContract}: missing or wrong-typed values are refused with 400 and
 * a message naming the field, and no instance is created.
 */
public class StartContractFilter extends OncePerRequestFilter {

  /** The default engine's path and the same API under its name, /engine-rest/engine/{name}/…. */
  private static final String API = "^/engine-rest(?:/engine/[^/]+)?/process-definition/";
  private static final Pattern BY_KEY =
      Pattern.compile(API + "key/([^/]+)(/tenant-id/[^/]+)?/start$");
  private static final Pattern BY_ID = Pattern.compile(API + "([^/]+)/start$");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, StartContract> contracts = new HashMap<>();
  private final RepositoryService repositoryService;
  private final IdentityService identityService;
  private final AuthorizationService authorizationService;

  public StartContractFilter(List<StartContract> contracts, RepositoryService repositoryService,
      IdentityService identityService, AuthorizationService authorizationService) {
    contracts.forEach(c -> this.contracts.put(c.processKey(), c));
    this.repositoryService = repositoryService;
    this.identityService = identityService;
    this.authorizationService = authorizationService;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod()) || !request.getRequestURI().endsWith("/start");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    StartContract contract = contractFor(request.getRequestURI(), request.getContextPath());
    if (contract == null || !mayStart(contract.processKey())) {
      // unknown process, or one the caller may not start: the engine answers 403/404
      chain.doFilter(request, response);
      return;
    }
    byte[] body = request.getInputStream().readAllBytes();
    try {
      contract.check(FormValues.of(variables(body)));
    } catch (FormInputException e) {
      reject(response, e.getMessage());
      return;
    } catch (IOException e) {
      reject(response, "請求內容不是有效的 JSON。");
      return;
    }
    chain.doFilter(new CachedBodyRequest(request, body), response);
  }

  private boolean mayStart(String processKey) {
    Authentication caller = identityService.getCurrentAuthentication();
    return caller != null && authorizationService.isUserAuthorized(caller.getUserId(),
        caller.getGroupIds(), Permissions.CREATE_INSTANCE, Resources.PROCESS_DEFINITION, processKey);
  }

  private StartContract contractFor(String requestUri, String contextPath) {
    String uri = requestUri.substring(contextPath.length());
    Matcher byKey = BY_KEY.matcher(uri);
    if (byKey.find()) {
      return contracts.get(byKey.group(1));
    }
    Matcher byId = BY_ID.matcher(uri);
    if (byId.find()) {
      ProcessDefinition definition = repositoryService.createProcessDefinitionQuery()
          .processDefinitionId(byId.group(1)).singleResult();
      return definition == null ? null : contracts.get(definition.getKey());
    }
    return null;
  }

  /** {"variables": {"name": {"value": …, "type": …}}} as plain Java values. */
  static Map<String, Object> variables(byte[] body) throws IOException {
    Map<String, Object> values = new HashMap<>();
    if (body.length == 0) {
      return values;
    }
    JsonNode variables = JSON.readTree(body).path("variables");
    variables.fields().forEachRemaining(field -> {
      JsonNode value = field.getValue().path("value");
      String type = field.getValue().path("type").asText("");
      Object plain;
      if (value.isNull() || value.isMissingNode()) {
        plain = null;
      } else if (value.isBoolean()) {
        plain = value.booleanValue();
      } else if (value.isNumber()) {
        plain = value.numberValue();
      } else if (value.isTextual() && type.equalsIgnoreCase("boolean")) {
        plain = value.textValue().equals("true") ? Boolean.TRUE
            : value.textValue().equals("false") ? Boolean.FALSE : value.textValue();
      } else if (value.isTextual()) {
        plain = value.textValue();
      } else {
        // a list or an object is not text, whatever it contains
        plain = value;
      }
      values.put(field.getKey(), plain);
    });
    return values;
  }

  private static void reject(HttpServletResponse response, String message) throws IOException {
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    response.setContentType("application/json;charset=UTF-8");
    response.getWriter().write(JSON.writeValueAsString(
        Map.of("type", "InvalidRequestException", "message", message)));
  }
}
