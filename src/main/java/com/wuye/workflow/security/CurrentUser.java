package com.wuye.workflow.security;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/** Who is acting in this request or engine command, as the engine knows it. */
@Component
public class CurrentUser {

  private final IdentityService identityService;

  public CurrentUser(IdentityService identityService) {
    this.identityService = identityService;
  }

  /** The user id, or null when nobody is authenticated (the job executor, start-up). */
  public String id() {
    Authentication authentication = identityService.getCurrentAuthentication();
    return authentication == null ? null : authentication.getUserId();
  }

  public List<String> groups() {
    Authentication authentication = identityService.getCurrentAuthentication();
    if (authentication == null || authentication.getGroupIds() == null) {
      return List.of();
    }
    return authentication.getGroupIds();
  }

  public boolean isIn(String... groupIds) {
    List<String> groups = groups();
    for (String group : groupIds) {
      if (groups.contains(group)) {
        return true;
      }
    }
    return false;
  }

  /** Refuses with 403 unless the caller is in one of the groups. */
  public void require(String... groupIds) {
    if (!isIn(groupIds)) {
      throw new org.springframework.web.server.ResponseStatusException(
          org.springframework.http.HttpStatus.FORBIDDEN, "沒有權限。");
    }
  }
}
