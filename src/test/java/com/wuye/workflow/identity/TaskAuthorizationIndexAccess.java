package com.wuye.workflow.identity;

/** The index's statement and predicate, for the benchmark's plans of the query without it. */
public final class TaskAuthorizationIndexAccess {

  public static final String CREATE = TaskAuthorizationIndex.CREATE;

  public static final String TASK_READ = TaskAuthorizationIndex.TASK_READ;

  private TaskAuthorizationIndexAccess() {
  }
}
