package com.wuye.workflow.complaint;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code wuye.complaint.*}: the office's clock and the rules the procedure leaves open. */
@ConfigurationProperties("wuye.complaint")
public class ComplaintProperties {

  /** The office's time zone: "the same day" and the monthly report are in it. */
  private ZoneId timeZone = ZoneId.of("Asia/Hong_Kong");
  /** A complaint arriving at or after this time is due by the end of the next day (CP-10.2). */
  private LocalTime sameDayCutoff = LocalTime.of(18, 0);
  /** Households of one community on one matter that make a collective complaint (CP-4). */
  private int collectiveHouseholds = 5;
  /** How close together complaints must arrive to count as "at the same time" (CP-4). */
  private Duration collectiveWindow = Duration.ofDays(1);
  /** How often the resident is told of an assisted complaint's progress (CP-12), ISO 8601 cycle. */
  private String progressUpdateCycle = "R/P1D";
  /**
   * How long an escalated complaint may wait at one level (director, deputy GM, GM, complaint
   * centre) before that level is reminded, and again every such period (CP-7.8, CP-8.2).
   */
  private Duration escalationReminderAfter = Duration.ofHours(2);

  public ZoneId getTimeZone() {
    return timeZone;
  }

  public void setTimeZone(ZoneId timeZone) {
    this.timeZone = timeZone;
  }

  public LocalTime getSameDayCutoff() {
    return sameDayCutoff;
  }

  public void setSameDayCutoff(LocalTime sameDayCutoff) {
    this.sameDayCutoff = sameDayCutoff;
  }

  public int getCollectiveHouseholds() {
    return collectiveHouseholds;
  }

  public void setCollectiveHouseholds(int collectiveHouseholds) {
    this.collectiveHouseholds = collectiveHouseholds;
  }

  public Duration getCollectiveWindow() {
    return collectiveWindow;
  }

  public void setCollectiveWindow(Duration collectiveWindow) {
    this.collectiveWindow = collectiveWindow;
  }

  public String getProgressUpdateCycle() {
    return progressUpdateCycle;
  }

  public void setProgressUpdateCycle(String progressUpdateCycle) {
    this.progressUpdateCycle = progressUpdateCycle;
  }

  public Duration getEscalationReminderAfter() {
    return escalationReminderAfter;
  }

  public void setEscalationReminderAfter(Duration escalationReminderAfter) {
    if (escalationReminderAfter.isNegative() || escalationReminderAfter.isZero()) {
      throw new IllegalArgumentException(
          "wuye.complaint.escalation-reminder-after must be a positive duration");
    }
    this.escalationReminderAfter = escalationReminderAfter;
  }
}
