package com.wuye.workflow.identity;

import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Lets PostgreSQL plan the authorization check of task queries (Tasklist's filters) sensibly.
 * The engine checks a user's right to see each task by joining the authorizations on
 * {@code RESOURCE_ID_ IN (task id, process key, '*')} and filtering on permission bits
 * ({@code PERMS_ & 2 = 2}). PostgreSQL has no statistics for such an expression and guesses
 * that 0.5 % of the authorizations match, so it compares every open task of the group with
 * every authorization of the group — one per task offered to it — and the query grows with the
 * square of the group's open tasks (6,333 open tasks: 6 s). With statistics on the expressions
 * it knows that nearly all match and looks each task's authorizations up in the
 * {@code RESOURCE_ID_} index instead (BENCHMARKS.md). PostgreSQL 14 or later; created once,
 * kept up to date by ANALYZE like any statistics.
 */
@Component
class AuthorizationStatistics extends AbstractCamundaConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(AuthorizationStatistics.class);

  static final String CREATE = "CREATE STATISTICS IF NOT EXISTS wuye_authorization_permissions"
      + " ON (PERMS_ & 2), (PERMS_ & 64) FROM ACT_RU_AUTHORIZATION";

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    if (!"postgres".equals(configuration.getDatabaseType())) {
      return;
    }
    DataSource dataSource = configuration.getDataSource();
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    try {
      Integer version = jdbc.queryForObject("SELECT current_setting('server_version_num')::int",
          Integer.class);
      if (version == null || version < 140000) {
        LOG.warn("PostgreSQL {} has no statistics on expressions; task queries of groups with "
            + "many open tasks will be slow (BENCHMARKS.md)", version);
        return;
      }
      Integer existing = jdbc.queryForObject("SELECT COUNT(*) FROM pg_statistic_ext "
          + "WHERE stxname = 'wuye_authorization_permissions'", Integer.class);
      if (existing != null && existing > 0) {
        return;
      }
      jdbc.execute(CREATE);
      jdbc.execute("ANALYZE ACT_RU_AUTHORIZATION");
      LOG.info("Created statistics on the permission bits of ACT_RU_AUTHORIZATION");
    } catch (RuntimeException e) {
      LOG.warn("Could not create statistics for task queries; ask the database owner to run: {};"
          + " ANALYZE ACT_RU_AUTHORIZATION ({})", CREATE, e.getMessage());
    }
  }
}
