package com.wuye.workflow.unlockeddoor;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The cycle of the unlocked-door diagram's 鑰匙封存逾一天 timer: a key still sealed
 * {@code wuye.keys.reminder-after} (24 hours) after sealing, and every such period after, is
 * brought to the office's key custodians and director ({@code R/PT24H}).
 */
@Component("keyReminderSchedule")
public class KeyReminderSchedule {

  private final Duration after;

  KeyReminderSchedule(@Value("${wuye.keys.reminder-after:PT24H}") Duration after) {
    if (after.isNegative() || after.isZero()) {
      throw new IllegalStateException("wuye.keys.reminder-after must be a positive duration: " + after);
    }
    this.after = after;
  }

  public String cycle() {
    return "R/" + after;
  }
}
