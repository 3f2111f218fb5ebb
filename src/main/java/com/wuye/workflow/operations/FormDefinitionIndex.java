package com.wuye.workflow.operations;

import org.springframework.stereotype.Component;

/**
 * An index of the deployed Camunda Forms by key and version. Every form submission through the
 * REST API and every form Tasklist opens makes the engine look up the latest version of the
 * task's form ({@code camunda:formRefBinding="latest"}: {@code select * from ACT_RE_CAMFORMDEF
 * where KEY_ = ? and VERSION_ = (select max(VERSION_) … where KEY_ = ?)},
 * CamundaFormDefinition.xml, 7.24), and the engine's schema has no index on the key: each
 * look-up read the whole table twice, and the table keeps a row for every version of every form
 * ever deployed. On H2, under the complaint throughput load, that was 3.6 ms of the 104 ms a
 * complaint costs the request threads (BENCHMARKS.md, "The forms' look-up").
 *
 * <p>An index of the application's own name, which the engine's upgrades leave alone; on
 * PostgreSQL it is built without locking the table against deployments. Without it everything
 * works, only slower.
 */
@Component
class FormDefinitionIndex extends EngineTableIndex {

  static final String CREATE = "CREATE INDEX IF NOT EXISTS WUYE_IDX_CAMFORMDEF_KEY"
      + " ON ACT_RE_CAMFORMDEF (KEY_, VERSION_)";

  FormDefinitionIndex() {
    super("the index of the deployed forms' keys");
  }

  @Override
  protected String createStatement(String databaseType) {
    return switch (databaseType) {
      case "postgres" -> CREATE.replace("CREATE INDEX", "CREATE INDEX CONCURRENTLY");
      case "h2" -> CREATE;
      default -> null;
    };
  }
}
