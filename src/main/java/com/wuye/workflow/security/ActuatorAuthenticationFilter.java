package com.wuye.workflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /actuator/*}: the health probes answer anyone with a bare status (load balancers send
 * no credentials). A request with valid HTTP Basic credentials of a Camunda user is passed on
 * as that user, with the user's groups as roles, so that Spring Boot shows the health details
 * to the groups named in {@code management.endpoint.health.roles}. Wrong credentials are
 * refused with 401.
 */
class ActuatorAuthenticationFilter extends OncePerRequestFilter {

  private final IdentityService identityService;

  ActuatorAuthenticationFilter(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    if (request.getHeader("Authorization") == null) {
      chain.doFilter(request, response);
      return;
    }
    String user = ApiAuthenticationFilter.basicUser(request, identityService);
    if (user == null) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"wuye-workflow\"");
      response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
      return;
    }
    List<String> groups = identityService.createGroupQuery().groupMember(user).list().stream()
        .map(Group::getId).toList();
    Principal principal = () -> user;
    chain.doFilter(new HttpServletRequestWrapper(request) {
      @Override
      public Principal getUserPrincipal() {
        return principal;
      }

      @Override
      public String getRemoteUser() {
        return user;
      }

      @Override
      public boolean isUserInRole(String role) {
        return groups.contains(role);
      }

      @Override
      public String getAuthType() {
        return HttpServletRequest.BASIC_AUTH;
      }
    }, response);
  }
}
