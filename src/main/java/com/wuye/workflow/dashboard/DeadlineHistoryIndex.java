package com.wuye.workflow.dashboard;

import com.wuye.workflow.operations.EngineTableIndex;
import org.springframework.stereotype.Component;

/**
 * An index of the engine's task history for the deadlines' on-time rates: the monthly report
 * and the managers' dashboard count, for each deadline, the tasks of its kind started in a month
 * in an office ({@code MonthlyReportService.deadlines}). The engine indexes the start time alone,
 * so each count read every task of the month — on a busy installation the dashboard's current
 * month took 200 ms of its answer (BENCHMARKS.md). With the process, the task's kind, the office
 * and the start time in one index, each count reads only its own tasks. Created once at start-up
 * on H2 and PostgreSQL (an index of the application's own name, which the engine's upgrades
 * leave alone); without it everything works, only slower.
 */
@Component
class DeadlineHistoryIndex extends EngineTableIndex {

  static final String CREATE = "CREATE INDEX IF NOT EXISTS WUYE_HI_TASKINST_DEADLINE"
      + " ON ACT_HI_TASKINST (PROC_DEF_KEY_, TASK_DEF_KEY_, TENANT_ID_, START_TIME_)";
  /**
   * On PostgreSQL built without locking the history table against writes: the first start of
   * an installation with years of history must not stop every node's engine while it builds.
   */
  static final String CREATE_CONCURRENTLY = CREATE.replace("CREATE INDEX", "CREATE INDEX CONCURRENTLY");

  DeadlineHistoryIndex() {
    super("the index of task history for the deadlines' rates");
  }

  @Override
  protected String createStatement(String databaseType) {
    return switch (databaseType) {
      case "postgres" -> CREATE_CONCURRENTLY;
      case "h2" -> CREATE;
      default -> null;
    };
  }
}
