package com.wuye.workflow.operations;

import java.time.Duration;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code wuye.records.*}: how long the project's own records are kept, and when they are pruned. */
@ConfigurationProperties("wuye.records")
public class RecordsRetentionProperties {

  /** Records older than this are deleted (ISO 8601 period, e.g. P3Y). */
  private Period retention = Period.ofYears(3);
  /** When the clean-up runs (Spring cron, in wuye.complaint.time-zone); "-" switches it off. */
  private String cleanupCron = "0 30 2 * * *";
  /** How long one node holds the clean-up for itself, so the other nodes skip that run. */
  private Duration cleanupLease = Duration.ofHours(1);

  public Period getRetention() {
    return retention;
  }

  public void setRetention(Period retention) {
    this.retention = retention;
  }

  public String getCleanupCron() {
    return cleanupCron;
  }

  public void setCleanupCron(String cleanupCron) {
    this.cleanupCron = cleanupCron;
  }

  public Duration getCleanupLease() {
    return cleanupLease;
  }

  public void setCleanupLease(Duration cleanupLease) {
    this.cleanupLease = cleanupLease;
  }
}
