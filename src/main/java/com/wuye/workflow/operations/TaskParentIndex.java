package com.wuye.workflow.operations;

import org.springframework.stereotype.Component;

/**
 * An index of the open tasks' parent task. Whenever a task is completed or deleted the engine
 * looks for its sub-tasks ({@code select * from ACT_RU_TASK where PARENT_TASK_ID_ = ?},
 * Task.xml, 7.24), and its schema has no index on that column: every completion read every open
 * task of the installation, 7 ms each at 10,000 open tasks on PostgreSQL, a quarter of the
 * database's time for a whole complaint (BENCHMARKS.md, "Performance round two").
 *
 * <p>On PostgreSQL the index holds only tasks that have a parent — none of the procedures
 * creates sub-tasks, so it stays empty and costs the task table's writes nothing — and the
 * engine's condition ({@code = ?}, never true for NULL) lets the database use it for any
 * value; it is built without locking the table against writes. H2 has no partial indexes and
 * gets a plain one. An index of the application's own name, which the engine's upgrades leave
 * alone; without it everything works, only slower.
 */
@Component
class TaskParentIndex extends EngineTableIndex {

  static final String CREATE_POSTGRES = "CREATE INDEX CONCURRENTLY IF NOT EXISTS"
      + " WUYE_IDX_TASK_PARENT ON ACT_RU_TASK (PARENT_TASK_ID_) WHERE PARENT_TASK_ID_ IS NOT NULL";
  static final String CREATE_H2 = "CREATE INDEX IF NOT EXISTS WUYE_IDX_TASK_PARENT"
      + " ON ACT_RU_TASK (PARENT_TASK_ID_)";

  TaskParentIndex() {
    super("the index of tasks' parent task");
  }

  @Override
  protected String createStatement(String databaseType) {
    return switch (databaseType) {
      case "postgres" -> CREATE_POSTGRES;
      case "h2" -> CREATE_H2;
      default -> null;
    };
  }
}
