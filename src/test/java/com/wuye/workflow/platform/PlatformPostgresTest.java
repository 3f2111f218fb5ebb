package com.wuye.workflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.wuye.workflow.EmbeddedPostgres;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskFormVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same contract on a real PostgreSQL with the {@code postgres} profile as production runs
 * it: schema-update off, Camunda's schema created from the engine's own SQL scripts first.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {"camunda.bpm.job-execution.enabled=false",
        // the documented override: demo users on PostgreSQL, for a demonstration or a test
        "wuye.identity.allow-demo-users=true"})
@ActiveProfiles({"postgres", "demo"})
@DirtiesContext
class PlatformPostgresTest extends PlatformContract {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    EmbeddedPostgres.registerFreshDatabase(registry, "platform");
  }

  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  ProcessEngine engine;

  /**
   * The task query's permission check as the engine (7.24) sends it, with its parameters
   * (Authorization.xml: {@code A.RESOURCE_TYPE_ = ? AND A.PERMS_ & ? = ?}), for supervisor.
   */
  static final String TASK_AUTHORIZATION_CHECK = """
      PREPARE supervisor_tasks(int, int, int, int, int, int) AS
      select distinct RES.ID_, RES.DUE_DATE_ from ACT_RU_TASK RES
      left join ACT_RU_IDENTITYLINK I on I.TASK_ID_ = RES.ID_
      left join ACT_RE_PROCDEF D on RES.PROC_DEF_ID_ = D.ID_
      left join ( SELECT A.* FROM ACT_RU_AUTHORIZATION A WHERE A.TYPE_ < 2
        AND ( A.USER_ID_ in ( 'supervisor', '*') OR A.GROUP_ID_ IN ( 'cs-supervisor' ) )
        AND ( ( A.RESOURCE_TYPE_ = $1 AND A.PERMS_ & $2 = $3 OR A.RESOURCE_TYPE_ = $4 AND A.PERMS_ & $5 = $6 ) ) ) AUTH
        ON (AUTH.RESOURCE_ID_ IN ( RES.ID_ , D.KEY_ , '*' ))
      WHERE ( RES.ASSIGNEE_ is null and I.TYPE_ = 'candidate' and I.GROUP_ID_ IN ( 'cs-supervisor' ) )
        and ( (RES.CASE_EXECUTION_ID_ IS NOT NULL) OR (AUTH.RESOURCE_ID_ IS NOT NULL) )
      order by RES.DUE_DATE_ asc LIMIT 50 OFFSET 0""";

  @Test
  @DisplayName("#19 PostgreSQL finds a task query's authorizations through the index of task authorizations, with the engine's parameters")
  void taskQueryUsesTheIndexOfTaskAuthorizations() {
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pg_indexes WHERE indexname = "
        + "'wuye_idx_auth_task_read'", Integer.class)).isEqualTo(1);
    // the tables here are small: take sequential scans out of the planner's choice, so the
    // plan shows which index it can use for the engine's condition
    String plan = planOf(TASK_AUTHORIZATION_CHECK, "supervisor_tasks(7, 2, 2, 6, 64, 64)",
        "enable_seqscan = off");
    assertThat(plan).contains("wuye_idx_auth_task_read");
  }

  /**
   * Busy offices' open work, in the transaction of {@link #planAfter} (rolled back): 6,000
   * candidate tasks of cs-supervisor in two offices, each with the group's grant of READ on it as
   * the engine writes one, and ANALYZE, so PostgreSQL plans with their figures.
   */
  static final String[] BUSY_OFFICES = {
      "INSERT INTO ACT_RU_TASK (ID_, REV_, NAME_, PRIORITY_, CREATE_TIME_, DUE_DATE_,"
          + " SUSPENSION_STATE_, TENANT_ID_, TASK_DEF_KEY_) SELECT 'busy-' || n, 1, '處理投訴', 50,"
          + " now(), now() + n * interval '1 minute', 1,"
          + " CASE WHEN n % 2 = 0 THEN 'cuiyuan' ELSE 'other-office' END, 'Task_Busy'"
          + " FROM generate_series(1, 6000) AS n",
      "INSERT INTO ACT_RU_IDENTITYLINK (ID_, REV_, GROUP_ID_, TYPE_, TASK_ID_) SELECT"
          + " 'busy-link-' || n, 1, 'cs-supervisor', 'candidate', 'busy-' || n"
          + " FROM generate_series(1, 6000) AS n",
      "INSERT INTO ACT_RU_AUTHORIZATION (ID_, REV_, TYPE_, GROUP_ID_, RESOURCE_TYPE_,"
          + " RESOURCE_ID_, PERMS_) SELECT 'busy-auth-' || n, 1, 1, 'cs-supervisor', 7,"
          + " 'busy-' || n, 2 FROM generate_series(1, 6000) AS n",
      "ANALYZE ACT_RU_TASK", "ANALYZE ACT_RU_IDENTITYLINK", "ANALYZE ACT_RU_AUTHORIZATION"};

  @Test
  @DisplayName("#19 PostgreSQL serves Tasklist's first page of a busy office by checking the permissions of the tasks on it, not of every candidate task")
  void taskListFirstPageChecksThePermissionsOfItsTasksOnly() {
    assertThat(taskTableOptions()).contains("parallel_workers=1");
    String analyzed = "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) EXECUTE"
        + " supervisor_tasks(7, 2, 2, 6, 64, 64)";
    String page = planAfter(TASK_AUTHORIZATION_CHECK, analyzed, BUSY_OFFICES);
    assertThat(page).contains("Gather Merge");
    assertThat(permissionRowsChecked(page)).isBetween(50.0, 99.0);
    // PostgreSQL's default: no parallel plan for a table under min_parallel_table_scan_size
    // (8 MB; ten thousand open tasks take about 6 MB), and without one no sort below the check
    String[] withoutSetting = Arrays.copyOf(BUSY_OFFICES, BUSY_OFFICES.length + 1);
    withoutSetting[BUSY_OFFICES.length] = "ALTER TABLE ACT_RU_TASK RESET (parallel_workers)";
    String everyTask = planAfter(TASK_AUTHORIZATION_CHECK, analyzed, withoutSetting);
    assertThat(everyTask).doesNotContain("Gather");
    assertThat(permissionRowsChecked(everyTask)).isGreaterThanOrEqualTo(6000.0);
    // the transactions were rolled back: no task added, the setting kept
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ACT_RU_TASK WHERE ID_ LIKE 'busy-%'",
        Integer.class)).isZero();
    assertThat(taskTableOptions()).contains("parallel_workers=1");
  }

  /** The task table's storage parameters, as PostgreSQL lists them ({@code name=value,…}). */
  private String taskTableOptions() {
    return jdbc.queryForObject("SELECT array_to_string(reloptions, ',') FROM pg_class"
        + " WHERE oid = 'act_ru_task'::regclass", String.class);
  }

  /**
   * How many authorization rows the plan's permission check produced: its rows per look-up times
   * its look-ups ({@code actual rows=… loops=…} of the scan of ACT_RU_AUTHORIZATION).
   */
  private static double permissionRowsChecked(String plan) {
    Pattern actual = Pattern.compile("rows=([\\d.]+) loops=(\\d+)");
    for (String line : plan.split("\n")) {
      if (line.contains("on act_ru_authorization")) {
        Matcher figures = actual.matcher(line);
        assertThat(figures.find()).as("the authorization scan's figures: %s", line).isTrue();
        return Double.parseDouble(figures.group(1)) * Integer.parseInt(figures.group(2));
      }
    }
    throw new AssertionError("no look-up of authorizations in the plan:\n" + plan);
  }

  @Test
  @DisplayName("#19 PostgreSQL finds a completed task's sub-tasks through an index, also in the plan it caches for the engine's statement")
  void subTaskLookUpUsesAnIndex() {
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pg_indexes WHERE indexname = "
        + "'wuye_idx_task_parent'", Integer.class)).isEqualTo(1);
    // the engine's look-up when a task is completed or deleted (Task.xml, 7.24), in the generic
    // plan: what a pooled connection keeps using once it has cached one
    String plan = planOf("PREPARE sub_tasks(varchar) AS"
        + " select * from ACT_RU_TASK where PARENT_TASK_ID_ = $1", "sub_tasks('some-task')",
        "enable_seqscan = off", "plan_cache_mode = force_generic_plan");
    assertThat(plan).contains("wuye_idx_task_parent");
  }

  @Test
  @DisplayName("#19 PostgreSQL finds the latest version of a task's form through an index, for the engine's look-up at every form submission")
  void latestFormLookUpUsesAnIndex() {
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pg_indexes WHERE indexname = "
        + "'wuye_idx_camformdef_key'", Integer.class)).isEqualTo(1);
    String plan = planOf("PREPARE latest_form(varchar) AS "
        + LATEST_FORM.replace("?", "$1"), "latest_form('complaint-log')", "enable_seqscan = off");
    assertThat(plan).contains("wuye_idx_camformdef_key");
  }

  @Test
  @DisplayName("#19 PostgreSQL finds a completed task's missed deadlines through an index, not by reading every miss ever recorded")
  void missedDeadlinesOfACaseAreFoundThroughAnIndex() {
    String[] parameters = {"$1", "$2", "$3"};
    String statement = MISSED_TASK_COMPLETED;
    for (String parameter : parameters) {
      statement = statement.replaceFirst("\\?", "\\" + parameter);
    }
    String plan = planOf("PREPARE missed_task_completed(timestamp, varchar, varchar) AS "
        + statement, "missed_task_completed(now(), 'some-case', 'Task_ContactResident')",
        "enable_seqscan = off");
    assertThat(plan).contains("deadline_miss_case");
  }

  @Test
  @DisplayName("#19 PostgreSQL counts a sender's automatic answers of the last day through an index of the mail's time, not by reading every mail ever queued")
  void autoRepliesOfTheLastDayAreFoundThroughAnIndex() {
    String plan = planOf("PREPARE auto_replies(varchar, timestamp) AS "
        + AUTO_REPLIES_TO.replaceFirst("\\?", "\\$1").replaceFirst("\\?", "\\$2"),
        "auto_replies('resident@example.com', now() - interval '1 day')", "enable_seqscan = off");
    assertThat(plan).contains("mail_outbox_created");
  }

  @Test
  @DisplayName("#19 the job executor's transactions let PostgreSQL keep its plans; every other command plans each statement with its values, and the pooled connection stays so")
  void jobTransactionsKeepTheirPlans() {
    String inJob = inJobTransaction(this::sessionSetting);
    String jobSession = inJob.substring(0, inJob.indexOf(' '));
    assertThat(inJob).isEqualTo(jobSession + " auto");
    // a person's command, a task query from Tasklist say
    String person = commands().execute(
        (Command<String>) context -> sessionSetting());
    assertThat(person).endsWith(" force_custom_plan");
    // the setting lasted the job's transaction only: the connection it ran on went back to the
    // pool planning each statement with its values (the pool hands a thread the connection it
    // used last; the others are asked too until that one answers)
    assertThat(settingOfSession(jobSession)).isEqualTo(jobSession + " force_custom_plan");
  }

  @Test
  @DisplayName("#19 working a task or starting a case through its form keeps PostgreSQL's plans; Tasklist's task query plans with its values, and the pooled connection goes back as it was")
  void formWorkKeepsItsPlans() {
    // what the engine runs for claim, form-variables and submit-form of /engine-rest and of
    // Tasklist's own API, and for the start form's submission
    String[] seen = new String[1];
    List<Command<?>> work = List.of(
        new ClaimTaskCmd("probe", "probe") {
          @Override
          public Void execute(CommandContext context) {
            seen[0] = sessionSetting();
            return null;
          }
        },
        new GetTaskFormVariablesCmd("probe", null, false) {
          @Override
          public VariableMap execute(CommandContext context) {
            seen[0] = sessionSetting();
            return null;
          }
        },
        new SubmitTaskFormCmd("probe", Map.of(), false, false) {
          @Override
          public VariableMap execute(CommandContext context) {
            seen[0] = sessionSetting();
            return null;
          }
        },
        new SubmitStartFormCmd("probe", null, Map.of()) {
          @Override
          public ProcessInstance execute(CommandContext context) {
            seen[0] = sessionSetting();
            return null;
          }
        });
    for (Command<?> probe : work) {
      seen[0] = null;
      commands().execute(probe);
      String session = seen[0].substring(0, seen[0].indexOf(' '));
      assertThat(seen[0]).as(probe.getClass().getSuperclass().getSimpleName())
          .isEqualTo(session + " auto");
      assertThat(settingOfSession(session)).isEqualTo(session + " force_custom_plan");
    }
    // the list Tasklist asks for is the engine's task query, a command of its own: planned
    // with its values
    String[] inQuery = new String[1];
    new TaskQueryImpl(commands()) {
      @Override
      public List<Task> executeList(CommandContext context, Page page) {
        inQuery[0] = sessionSetting();
        return List.of();
      }
    }.taskCandidateGroup("cs-supervisor").list();
    assertThat(inQuery[0]).endsWith(" force_custom_plan");
  }

  @Test
  @DisplayName("#19 the application's connections price a random page read at 1.1, for tables of open work held in memory, also in a job's transaction")
  void connectionsPriceRandomReadsForDataInMemory() {
    Supplier<String> randomPageCost = () -> jdbc.queryForObject(
        "SELECT current_setting('random_page_cost')", String.class);
    assertThat(inJobTransaction(randomPageCost)).isEqualTo("1.1");
    assertThat(commands().execute((Command<String>) context -> randomPageCost.get()))
        .isEqualTo("1.1");
    // a second connection of the pool while one is held, with both settings of the init SQL
    String both = "SELECT current_setting('random_page_cost') || ' '"
        + " || current_setting('plan_cache_mode')";
    jdbc.execute((ConnectionCallback<Void>) held -> {
      try (Statement statement = held.createStatement(); ResultSet rs = statement.executeQuery(both)) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("1.1 force_custom_plan");
      }
      assertThat(jdbc.queryForObject(both, String.class)).isEqualTo("1.1 force_custom_plan");
      return null;
    });
  }

  private CommandExecutor commands() {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getCommandExecutorTxRequired();
  }

  /** What {@code query} answers inside a command the engine runs as the job executor does. */
  private String inJobTransaction(Supplier<String> query) {
    String[] answer = new String[1];
    commands().execute(new ExecuteJobsCmd("probe", null) {
      @Override
      public Void execute(CommandContext context) {
        answer[0] = query.get();
        return null;
      }
    });
    return answer[0];
  }

  /**
   * The setting of a pooled session, asked until the pool hands out that session (it hands a
   * thread the connection it used last; the others are asked too until that one answers).
   */
  private String settingOfSession(String session) {
    String after = null;
    for (int i = 0; i < 40 && (after == null || !after.startsWith(session + " ")); i++) {
      after = sessionSetting();
    }
    return after;
  }

  /** The database session's process id and its plan_cache_mode: "4711 auto". */
  private String sessionSetting() {
    return jdbc.queryForObject("SELECT pg_backend_pid() || ' ' || current_setting('plan_cache_mode')",
        String.class);
  }

  /**
   * PostgreSQL's plan of {@code execute} (name and arguments) of the statement {@code prepare}
   * defines, with {@code settings} for one transaction only: the pooled connection keeps its
   * own (the application's {@code plan_cache_mode}).
   */
  private String planOf(String prepare, String execute, String... settings) {
    return planAfter(prepare, "EXPLAIN EXECUTE " + execute,
        Arrays.stream(settings).map(s -> "SET LOCAL " + s).toArray(String[]::new));
  }

  /**
   * What {@code explain} (an {@code EXPLAIN} of the statement {@code prepare} defines) prints
   * after {@code statements}, in a transaction rolled back.
   */
  private String planAfter(String prepare, String explain, String... statements) {
    return jdbc.execute((ConnectionCallback<String>) connection -> {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        for (String before : statements) {
          statement.execute(before);
        }
        statement.execute(prepare);
        StringBuilder text = new StringBuilder();
        try (ResultSet rs = statement.executeQuery(explain)) {
          while (rs.next()) {
            text.append(rs.getString(1)).append('\n');
          }
        }
        statement.execute("DEALLOCATE " + prepare.substring("PREPARE ".length(),
            prepare.indexOf('(')).strip());
        return text.toString();
      } finally {
        connection.rollback();
        connection.setAutoCommit(autoCommit);
      }
    });
  }
}
