package com.wuye.workflow.operations;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AcquireJobsCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, the job executor's transactions let the database keep a plan per statement
 * ({@code SET LOCAL plan_cache_mode = auto}, its default) instead of planning every execution
 * with its values ({@code force_custom_plan}, which application-postgres.yaml sets for every
 * connection). The application needs the latter for the task queries people send from Tasklist:
 * their authorization check binds permission bits, and a cached plan of it runs seconds
 * (BENCHMARKS.md, #19). A job runs no user's query — the engine checks no authorization for
 * it — and plans the same few dozen statements at every escalation, reminder and timer
 * (about 5 ms of the database's 16 ms per escalation). {@code SET LOCAL} lasts the command's
 * transaction only, so the connection returns to the pool as it was. On other databases
 * nothing is done.
 */
@Component
class JobPlanCache extends AbstractCamundaConfiguration {

  static final String SET = "SET LOCAL plan_cache_mode = auto";

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    // the database type is known only once the engine is built: the interceptor asks then
    List<CommandInterceptor> interceptors = new ArrayList<>();
    if (configuration.getCustomPostCommandInterceptorsTxRequired() != null) {
      interceptors.addAll(configuration.getCustomPostCommandInterceptorsTxRequired());
    }
    interceptors.add(new JobTransactions(configuration));
    configuration.setCustomPostCommandInterceptorsTxRequired(interceptors);
  }

  /** Inside the command's transaction: the job executor's two commands plan once per connection. */
  static final class JobTransactions extends CommandInterceptor {

    private final ProcessEngineConfigurationImpl configuration;

    JobTransactions(ProcessEngineConfigurationImpl configuration) {
      this.configuration = configuration;
    }

    @Override
    public <T> T execute(Command<T> command) {
      if ((command instanceof ExecuteJobsCmd || command instanceof AcquireJobsCmd)
          && "postgres".equals(configuration.getDatabaseType())) {
        new JdbcTemplate(configuration.getDataSource()).execute(SET);
      }
      return next.execute(command);
    }
  }
}
