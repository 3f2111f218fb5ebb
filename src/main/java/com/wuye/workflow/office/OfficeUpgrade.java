package com.wuye.workflow.office;

import com.wuye.workflow.identity.SeedingLedger;
import com.wuye.workflow.office.OfficeProperties.Community;
import com.wuye.workflow.office.OfficeProperties.Office;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Taking over an installation from before offices existed, once (the seeding ledger's
 * {@value #ITEM}): every case — running or finished — and every record is given the office of
 * its community as configured at the upgrade, so each office sees its own cases from then on and
 * the company-wide roles all of them. Cases without a community (the monthly report of the old
 * company-wide kind) stay company-wide.
 *
 * <p>Camunda fixes an instance's tenant when it starts and has no API to set it afterwards, so
 * this writes the tenant id into the engine's runtime and history rows of each case tree
 * directly (every table with a {@code TENANT_ID_} column and the case's instance ids), in one
 * transaction before the web server takes requests — as Camunda's own upgrade scripts write
 * its tables. Diagrams stay shared (no tenant). {@code operations/UpgradeFromPreviousReleaseTest}
 * runs it on a database made by release 0.1.
 */
@Component
class OfficeUpgrade extends AbstractCamundaConfiguration {

  static final String ITEM = "upgrade:offices";
  private static final Logger LOG = LoggerFactory.getLogger(OfficeUpgrade.class);

  /** The project's records that name their community. */
  private static final List<String> RECORDS_WITH_COMMUNITY = List.of("duty_log", "key_envelope",
      "resident_notice", "collective_case", "complaint", "work_circulation_slip",
      "special_incident_report", "visit_record");

  private final DataSource dataSource;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final SeedingLedger ledger;
  private final Offices offices;

  OfficeUpgrade(DataSource dataSource, JdbcTemplate jdbc, PlatformTransactionManager transactions,
      SeedingLedger ledger, Offices offices) {
    this.dataSource = dataSource;
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
    this.ledger = ledger;
    this.offices = offices;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    if (ledger.contains(ITEM)) {
      return;
    }
    transaction.executeWithoutResult(status -> {
      int cases = assignCases();
      assignRecords();
      ledger.record(ITEM);
      if (cases > 0) {
        LOG.info("Offices: {} cases from before offices existed now belong to their community's"
            + " office", cases);
      }
    });
  }

  /** Each case tree without a tenant whose root names a community: its office's. */
  private int assignCases() {
    List<Map<String, Object>> roots = jdbc.queryForList("""
        SELECT p.ID_ AS id, v.TEXT_ AS community FROM ACT_HI_PROCINST p
        JOIN ACT_HI_VARINST v ON v.PROC_INST_ID_ = p.ID_ AND v.NAME_ = 'community'
        WHERE p.TENANT_ID_ IS NULL AND p.ID_ = p.ROOT_PROC_INST_ID_""");
    if (roots.isEmpty()) {
      return 0;
    }
    List<EngineTable> tables = engineTables();
    int assigned = 0;
    for (Map<String, Object> root : roots) {
      String rootId = (String) root.get("id");
      var office = offices.officeOf((String) root.get("community"));
      if (office.isEmpty()) {
        LOG.warn("Offices: case {} names community {}, which is in no office: it stays"
            + " company-wide", rootId, root.get("community"));
        continue;
      }
      String tenant = office.get().getId();
      String tree = "SELECT ID_ FROM ACT_HI_PROCINST WHERE ROOT_PROC_INST_ID_ = ?";
      for (EngineTable table : tables) {
        String where = switch (table.key()) {
          case "ROOT_PROC_INST_ID_" -> "ROOT_PROC_INST_ID_ = ?";
          case "TASK_ID_" -> "TASK_ID_ IN (SELECT ID_ FROM ACT_RU_TASK WHERE PROC_INST_ID_ IN ("
              + tree + "))";
          default -> table.key() + " IN (" + tree + ")";
        };
        jdbc.update("UPDATE " + table.name() + " SET TENANT_ID_ = ? WHERE TENANT_ID_ IS NULL AND "
            + where, tenant, rootId);
      }
      assigned++;
    }
    return assigned;
  }

  /** The project's records: by their community, or by the complaint or case they belong to. */
  private void assignRecords() {
    for (Office office : offices.all()) {
      for (Community community : office.getCommunities()) {
        for (String table : RECORDS_WITH_COMMUNITY) {
          jdbc.update("UPDATE " + table + " SET office_id = ? WHERE office_id IS NULL"
              + " AND community = ?", office.getId(), community.getName());
        }
      }
    }
    jdbc.update("""
        UPDATE deadline_miss SET office_id = (SELECT c.office_id FROM complaint c
            WHERE c.complaint_no = deadline_miss.complaint_no) WHERE office_id IS NULL""");
    jdbc.update("""
        UPDATE work_circulation_slip_entry SET office_id = (SELECT s.office_id
            FROM work_circulation_slip s WHERE s.id = work_circulation_slip_entry.slip_id)
            WHERE office_id IS NULL""");
    jdbc.update("""
        UPDATE mail_outbox SET office_id = (SELECT p.TENANT_ID_ FROM ACT_HI_PROCINST p
            WHERE p.ID_ = mail_outbox.process_instance_id) WHERE office_id IS NULL
            AND process_instance_id IS NOT NULL""");
  }

  /** An engine table with a tenant column, and the column that ties its rows to a case. */
  private record EngineTable(String name, String key) {
  }

  /**
   * The engine's runtime, history and byte-array tables that carry a tenant, read from the
   * database itself so that the list follows the installed Camunda version.
   */
  private List<EngineTable> engineTables() {
    List<EngineTable> tables = new ArrayList<>();
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData meta = connection.getMetaData();
      Set<String> names = new HashSet<>();
      try (ResultSet rs = meta.getTables(connection.getCatalog(), connection.getSchema(), "%",
          new String[] {"TABLE"})) {
        while (rs.next()) {
          String name = rs.getString("TABLE_NAME").toUpperCase(Locale.ROOT);
          if (name.startsWith("ACT_RU_") || name.startsWith("ACT_HI_")
              || name.equals("ACT_GE_BYTEARRAY")) {
            names.add(rs.getString("TABLE_NAME"));
          }
        }
      }
      for (String name : names) {
        Set<String> columns = new HashSet<>();
        try (ResultSet rs = meta.getColumns(connection.getCatalog(), connection.getSchema(), name,
            "%")) {
          while (rs.next()) {
            columns.add(rs.getString("COLUMN_NAME").toUpperCase(Locale.ROOT));
          }
        }
        if (!columns.contains("TENANT_ID_")) {
          continue;
        }
        String upper = name.toUpperCase(Locale.ROOT);
        for (String key : List.of("ROOT_PROC_INST_ID_", "PROC_INST_ID_", "PROCESS_INSTANCE_ID_",
            "TASK_ID_")) {
          if (columns.contains(key) && !(key.equals("TASK_ID_")
              && !upper.equals("ACT_RU_IDENTITYLINK"))) {
            tables.add(new EngineTable(upper, key));
            break;
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the engine's tables for the offices upgrade", e);
    }
    return tables;
  }
}
