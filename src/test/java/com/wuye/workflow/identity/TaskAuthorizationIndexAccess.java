package com.wuye.workflow.identity;

/** The index's statement, for the benchmark's plan of the query without it. */
public final class TaskAuthorizationIndexAccess {

  public static final String CREATE = TaskAuthorizationIndex.CREATE;

  private TaskAuthorizationIndexAccess() {
  }
}
