package com.wuye.workflow.operations;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An index of the application's own on one of the engine's tables, created once when the engine
 * has been built (an index name the engine's upgrades leave alone), or a storage setting of such
 * a table, which the upgrades leave alone as well. Each subclass gives its statement per database,
 * one that does nothing when the index or setting is there; where it fails (another node creating
 * it at the same moment, no right to) everything still works, only slower, and the log says what
 * the database owner should run.
 */
public abstract class EngineTableIndex extends AbstractCamundaConfiguration {

  private final Logger log = LoggerFactory.getLogger(getClass());
  private final String what;

  /** {@code what}: what the index serves, for the warning ("the index of …"). */
  protected EngineTableIndex(String what) {
    this.what = what;
  }

  /** The statement that creates the index or setting on this database type, null for none. */
  protected abstract String createStatement(String databaseType);

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    String type = configuration.getDatabaseType();
    String create = type == null ? null : createStatement(type);
    if (create == null) {
      return;
    }
    try {
      new JdbcTemplate(configuration.getDataSource()).execute(create);
    } catch (RuntimeException e) {
      log.warn("Could not create {}; ask the database owner to run: {} ({})", what, create,
          e.getMessage());
    }
  }
}
