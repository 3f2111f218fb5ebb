package com.wuye.workflow.identity;

/**
 * The index's statement and predicate, and the task table's setting for the first page, for the
 * benchmark's plans of the query without them.
 */
public final class TaskAuthorizationIndexAccess {

  public static final String CREATE = TaskAuthorizationIndex.CREATE;

  public static final String TASK_READ = TaskAuthorizationIndex.TASK_READ;

  public static final String TASK_LIST_FIRST_PAGE = TaskListFirstPage.SET;

  private TaskAuthorizationIndexAccess() {
  }
}
