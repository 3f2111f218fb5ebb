package com.wuye.workflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates the project's own endpoints ({@code /api/*}, {@code /app/*}) with the same
 * users as Camunda: either the session of a user logged in to the webapps (so a link in a
 * Tasklist form just works), or HTTP Basic like {@code /engine-rest}. The engine's current
 * authentication is set for the request, so every query and command runs under the caller's
 * authorizations. A state-changing request that relies on the session cookie must carry the
 * {@code X-Requested-With} header, which a cross-site form post cannot send.
 */
class ApiAuthenticationFilter extends OncePerRequestFilter {

  private static final String ENGINE = "default";

  private final IdentityService identityService;
  private final com.wuye.workflow.office.Offices offices;

  ApiAuthenticationFilter(IdentityService identityService, com.wuye.workflow.office.Offices offices) {
    this.identityService = identityService;
    this.offices = offices;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    // the project's pages (the photo upload) and answers are never shown inside another site
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Content-Security-Policy", "frame-ancestors 'none'");
    String user = basicUser(request, identityService);
    if (user == null) {
      user = sessionUser(request);
      if (user != null && !isSafe(request.getMethod())
          && request.getHeader("X-Requested-With") == null) {
        refuse(response, HttpServletResponse.SC_FORBIDDEN, "請從系統頁面提交。");
        return;
      }
    }
    if (user == null) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"wuye-workflow\"");
      refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "請先登入。");
      return;
    }
    List<String> groups = identityService.createGroupQuery().groupMember(user).list().stream()
        .map(Group::getId).toList();
    // what residents typed is returned as JSON and must never be taken for a page
    response.setHeader("X-Content-Type-Options", "nosniff");
    // the offices (tenants) the user works for, as Camunda's REST API and webapps take them
    identityService.setAuthentication(user, groups, offices.tenantsOf(user));
    try {
      chain.doFilter(request, response);
    } finally {
      identityService.clearAuthentication();
    }
  }

  /** The user of valid HTTP Basic credentials, or null (no, malformed or wrong credentials). */
  static String basicUser(HttpServletRequest request, IdentityService identityService) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()),
          StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return null;
    }
    String user = decoded.substring(0, colon);
    return identityService.checkPassword(user, decoded.substring(colon + 1)) ? user : null;
  }

  private static String sessionUser(HttpServletRequest request) {
    UserAuthentication user = sessionAuthentication(request, ENGINE);
    return user == null ? null : user.getName();
  }

  /** The user logged in to the webapps in this request's session (engine {@code engine}), or null. */
  static UserAuthentication sessionAuthentication(HttpServletRequest request, String engine) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return null;
    }
    Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
    if (authentications == null) {
      return null;
    }
    var authentication = authentications.getAuthenticationForProcessEngine(engine);
    return authentication instanceof UserAuthentication user ? user : null;
  }

  private static boolean isSafe(String method) {
    return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
  }

  private static void refuse(HttpServletResponse response, int status, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/json;charset=UTF-8");
    response.getWriter().write("{\"message\":\"" + message + "\"}");
  }
}
