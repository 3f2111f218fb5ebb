package com.wuye.workflow.records;

import com.wuye.workflow.security.SystemAccess;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** A user's name as a printed record shows it: 李值班(值班員), else the id. */
@Component
public class People {

  private final IdentityService identity;

  People(@Lazy IdentityService identity) {
    this.identity = identity;
  }

  public String name(String userId) {
    if (userId == null || userId.isBlank()) {
      return "";
    }
    User user = SystemAccess.withoutAuthorization(identity,
        () -> identity.createUserQuery().userId(userId).singleResult());
    if (user == null) {
      return userId;
    }
    String name = (nullToEmpty(user.getFirstName()) + nullToEmpty(user.getLastName())).trim();
    return name.isEmpty() ? userId : name;
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
