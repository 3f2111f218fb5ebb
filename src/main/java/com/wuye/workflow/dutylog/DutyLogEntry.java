package com.wuye.workflow.dutylog;

import java.time.LocalDateTime;

/** One line of the duty log (值班記錄表). */
public record DutyLogEntry(
    long id,
    LocalDateTime loggedAt,
    String community,
    String building,
    String unit,
    String processKey,
    String processInstanceId,
    String businessKey,
    String entryType,
    String summary,
    String recordedBy,
    String officeId) {

  /** The same entry with its time on another clock (the office's, for people). */
  public DutyLogEntry withLoggedAt(LocalDateTime time) {
    return new DutyLogEntry(id, time, community, building, unit, processKey, processInstanceId,
        businessKey, entryType, summary, recordedBy, officeId);
  }
}
