package com.wuye.workflow.identity;

import com.wuye.workflow.operations.EngineTableIndex;
import org.springframework.stereotype.Component;

/**
 * An index of exactly the authorizations a task query reads (PostgreSQL). For each task of a
 * group's list the engine looks up the authorizations whose resource is the task, its process
 * or {@code '*'}, and keeps those that grant READ on the task or READ_TASK on the process
 * ({@code RESOURCE_TYPE_ = 7 AND PERMS_ & 2 = 2 OR RESOURCE_TYPE_ = 6 AND PERMS_ & 64 = 64}).
 * Through the engine's index on {@code RESOURCE_ID_} alone that meant fetching and discarding
 * every other {@code '*'} authorization (the applications, filters, groups, … about 70 rows)
 * once per task: 3,333 tasks, 230,000 rows, most of the query's time (BENCHMARKS.md, #19).
 * This partial index holds only the authorizations that predicate accepts, so each task's
 * look-up finds its one or two rows. PostgreSQL uses it because the engine's condition,
 * planned with its parameters ({@code plan_cache_mode = force_custom_plan}, application-postgres.yaml),
 * implies the index's, and, at the few thousand open tasks of one office, because the connections
 * price a random page read as data in memory ({@code random_page_cost = 1.1}); with the default
 * it compared every task with every authorization of the group instead. Nothing else changes:
 * who may see and work a task is decided by the same authorizations as before. An index of the application's own name, which the engine's upgrades
 * leave alone; built without locking the table against writes.
 */
@Component
class TaskAuthorizationIndex extends EngineTableIndex {

  /** The engine's permission check of task queries (Authorization.xml, 7.24), as a predicate. */
  static final String TASK_READ = "TYPE_ < 2 AND (RESOURCE_TYPE_ = 7 AND PERMS_ & 2 = 2"
      + " OR RESOURCE_TYPE_ = 6 AND PERMS_ & 64 = 64)";

  static final String CREATE = "CREATE INDEX CONCURRENTLY IF NOT EXISTS WUYE_IDX_AUTH_TASK_READ"
      + " ON ACT_RU_AUTHORIZATION (RESOURCE_ID_) WHERE " + TASK_READ;

  TaskAuthorizationIndex() {
    super("the index of task authorizations");
  }

  @Override
  protected String createStatement(String databaseType) {
    return "postgres".equals(databaseType) ? CREATE : null;
  }
}
