package com.wuye.workflow.security;

import java.util.concurrent.Callable;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * Reads the engine needs to do whatever the acting user may see: finding the people to mail,
 * counting a month's tasks for the report. The caller has already checked that its user may
 * have the result; this only lifts the engine's per-row authorization for the lookup.
 */
public final class SystemAccess {

  private SystemAccess() {
  }

  public static <T> T withoutAuthorization(IdentityService identityService, Callable<T> lookup) {
    try {
      CommandContext command = Context.getCommandContext();
      if (command != null) {
        return command.runWithoutAuthorization(lookup);
      }
      Authentication caller = identityService.getCurrentAuthentication();
      identityService.clearAuthentication();
      try {
        return lookup.call();
      } finally {
        if (caller != null) {
          identityService.setAuthentication(caller);
        }
      }
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
