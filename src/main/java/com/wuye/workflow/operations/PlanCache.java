package com.wuye.workflow.operations;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AcquireJobsCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.camunda.bpm.engine.impl.cmd.GetStartFormVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskFormVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, the transactions of the commands that work on one case by its ids let the
 * database keep a plan per statement ({@code SET LOCAL plan_cache_mode = auto}, its default)
 * instead of planning every execution with its values ({@code force_custom_plan}, which
 * application-postgres.yaml sets for every connection).
 *
 * <p>The application needs {@code force_custom_plan} for the lists people ask for — Tasklist's
 * task queries above all: their authorization check binds permission bits, and a cached plan of
 * it runs seconds (BENCHMARKS.md, #19). The commands named here ask for no list: the job
 * executor's (a job runs no user's query), and working a task or starting a case through its
 * form — claim, read the form's variables, submit, complete — whose statements, the engine's and
 * the listeners', find rows by id, by case or by a key with an index. Planned at every execution
 * they cost more than they run: a complaint's step planned its statements for longer than it
 * executed them, the engine's permission check of the task most (BENCHMARKS.md, "Plans kept for
 * a task's work"). A list query a listener might send runs in the same transaction without the
 * user's permission check (the engine checks none in custom code), so no statement of these
 * commands binds permission bits.
 *
 * <p>{@code SET LOCAL} lasts the command's transaction only, so the connection returns to the
 * pool as it was. On other databases nothing is done.
 */
@Component
class PlanCache extends AbstractCamundaConfiguration {

  static final String SET = "SET LOCAL plan_cache_mode = auto";

  /** The commands whose transactions keep their plans. */
  static final Set<Class<?>> KEEPING = Set.of(
      // the job executor
      AcquireJobsCmd.class, ExecuteJobsCmd.class,
      // a person working a task or starting a case through its form
      ClaimTaskCmd.class, GetTaskFormVariablesCmd.class, GetTaskVariablesCmd.class,
      SubmitTaskFormCmd.class, CompleteTaskCmd.class,
      GetStartFormVariablesCmd.class, SubmitStartFormCmd.class);

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    // the database type is known only once the engine is built: the interceptor asks then
    List<CommandInterceptor> interceptors = new ArrayList<>();
    if (configuration.getCustomPostCommandInterceptorsTxRequired() != null) {
      interceptors.addAll(configuration.getCustomPostCommandInterceptorsTxRequired());
    }
    interceptors.add(new KeptPlans(configuration));
    configuration.setCustomPostCommandInterceptorsTxRequired(interceptors);
  }

  /** Inside the command's transaction: the commands of {@link #KEEPING} plan once per connection. */
  static final class KeptPlans extends CommandInterceptor {

    private final ProcessEngineConfigurationImpl configuration;

    KeptPlans(ProcessEngineConfigurationImpl configuration) {
      this.configuration = configuration;
    }

    @Override
    public <T> T execute(Command<T> command) {
      // the database first: on H2, the default, no command's classes are looked at
      if ("postgres".equals(configuration.getDatabaseType()) && keeps(command)) {
        new JdbcTemplate(configuration.getDataSource()).execute(SET);
      }
      return next.execute(command);
    }

    /** The command or the engine's command it extends (a subclass made for a test, say). */
    static boolean keeps(Command<?> command) {
      for (Class<?> type = command.getClass(); type != null; type = type.getSuperclass()) {
        if (KEEPING.contains(type)) {
          return true;
        }
      }
      return false;
    }
  }
}
