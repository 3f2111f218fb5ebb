package com.wuye.workflow.emergency;

import com.wuye.workflow.emergency.EmergencyGuidance.Kind;
import com.wuye.workflow.security.CurrentUser;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Records the notice to residents (EM-2, EM-3): its body is the guidance text itself. */
@Component("residentNotice")
class ResidentNoticeDelegate implements JavaDelegate {

  private final JdbcTemplate jdbc;
  private final EmergencyGuidance guidance;
  private final CurrentUser currentUser;

  ResidentNoticeDelegate(JdbcTemplate jdbc, EmergencyGuidance guidance, CurrentUser currentUser) {
    this.jdbc = jdbc;
    this.guidance = guidance;
    this.currentUser = currentUser;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Kind kind = Kind.valueOf((String) execution.getVariable("incidentKind"));
    jdbc.update("""
        INSERT INTO resident_notice (issued_at, issued_by, community, incident_kind, audience,
            body, process_instance_id, office_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
        Timestamp.valueOf(LocalDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(),
            ZoneId.systemDefault())),
        currentUser.id(), execution.getVariable("community"), kind.name(),
        execution.getVariable("noticeAudience"), guidance.text(kind),
        execution.getProcessInstanceId(), execution.getTenantId());
  }
}
