package com.wuye.workflow.complaint;

import org.springframework.stereotype.Component;

/**
 * The cycle of the complaint diagram's 提醒上級 timer: an escalated complaint reminds the level
 * it waits at after {@code wuye.complaint.escalation-reminder-after} (2 hours), and every such
 * period after ({@code R/PT2H}). A helper rather than a variable, so that the cycle is the
 * configuration's and nobody can change it on a case.
 */
@Component("complaintSchedule")
public class ComplaintSchedule {

  private final ComplaintProperties properties;

  ComplaintSchedule(ComplaintProperties properties) {
    this.properties = properties;
  }

  public String escalationReminderCycle() {
    return "R/" + properties.getEscalationReminderAfter();
  }
}
