package com.wuye.workflow.identity;

import com.wuye.workflow.operations.EngineTableIndex;
import org.springframework.stereotype.Component;

/**
 * Lets PostgreSQL read a Tasklist page in its order before it checks the permissions of the
 * tasks on it (PostgreSQL; BENCHMARKS.md, #19). A group's list is the engine's task query: the
 * group's candidate tasks, each joined with the authorizations that let the user see it,
 * {@code distinct}, sorted by due date, the first 50. PostgreSQL can plan it two ways: sort the
 * candidate tasks first and check the permissions of only as many as fill the page, or check
 * every candidate task's permissions and then sort (3,666 candidate tasks: 50 look-ups against
 * 3,666, and under a quarter of the time). A sort below the permission check is part of a
 * parallel plan only, and PostgreSQL weighs no parallel plan for a table under {@code
 * min_parallel_table_scan_size} (8 MB; ten thousand open tasks take about 6 MB), so the same
 * query flipped between the two plans as the task table's pages came and went with its dead rows.
 *
 * <p>Giving the task table its number of parallel workers ({@code parallel_workers = 1}, a
 * storage parameter of the table; what PostgreSQL itself gives a table of 8 to 24 MB) lets it
 * weigh the first plan at any size. It takes it only when its costs say so (in the benchmark's
 * small run already for 300 candidate tasks); a list of a few tasks and the engine's look-ups of
 * a task by its id plan as before. Who may see a task is decided by the same authorizations.
 * Set once when the engine has been built (the engine's upgrades leave a table's storage
 * parameters alone; a number a database administrator chose is left as it is); where it cannot
 * be set (a database user that does not own the table) everything still works, and the log
 * names the statement for the database owner.
 */
@Component
class TaskListFirstPage extends EngineTableIndex {

  static final String SET = "ALTER TABLE ACT_RU_TASK SET (parallel_workers = 1)";

  /**
   * {@link #SET} unless the task table has a number of parallel workers already: this one (no
   * lock taken at every start), or one a database administrator chose, which is left as it is.
   */
  static final String SET_UNLESS_SET = "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_class,"
      + " unnest(reloptions) AS o(option) WHERE oid = 'act_ru_task'::regclass"
      + " AND starts_with(o.option, 'parallel_workers=')) THEN " + SET + "; END IF; END $$";

  TaskListFirstPage() {
    super("the task table's parallel workers, for Tasklist's first page");
  }

  @Override
  protected String createStatement(String databaseType) {
    return "postgres".equals(databaseType) ? SET_UNLESS_SET : null;
  }
}
