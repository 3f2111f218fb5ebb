package com.wuye.workflow.complaint.mail;

import com.wuye.workflow.complaint.ComplaintVariables;
import com.wuye.workflow.forms.FormValues;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The steps of {@code ComplaintMailTriage}: the centre's answer opens the complaint (CP-5). */
@Configuration
class ComplaintMailSteps {

  /**
   * 按投訴處理: the complaint centre told where the mailed complaint belongs; it opens in that
   * community's office, its deadlines counting from when the mail server received the message.
   * A value the complaint's start contract refuses is refused here, naming the field, and the
   * centre's task stays open.
   */
  @Bean("openMailedComplaint")
  JavaDelegate openMailedComplaint(ComplaintMailIntake intake, JdbcTemplate jdbc) {
    return execution -> {
      FormValues form = FormValues.of(execution);
      long mailId = ((Number) execution.getVariable("complaintMailId")).longValue();
      Map<String, Object> mail = jdbc.queryForMap(
          "SELECT from_address, message_id, body FROM complaint_mail WHERE id = ?", mailId);
      Map<String, Object> start = intake.startVariables(form.text(ComplaintVariables.COMMUNITY),
          form.text(ComplaintVariables.BUILDING), form.text(ComplaintVariables.UNIT),
          form.text(ComplaintVariables.RESIDENT_NAME), form.text(ComplaintVariables.RESIDENT_PHONE),
          form.text(ComplaintVariables.MATTER), (String) mail.get("BODY"),
          (Date) execution.getVariable("mailReceivedAt"));
      String complaintNo = intake.open(mailId, start, (String) mail.get("FROM_ADDRESS"),
          (String) mail.get("MESSAGE_ID"), false);
      execution.setVariable(ComplaintVariables.COMPLAINT_NO, complaintNo);
    };
  }

  /** The duty officer's look at a message that could not be read: what was done with it. */
  @Bean("complaintMailChecks")
  ExecutionListener complaintMailChecks() {
    return execution -> {
      if (execution.isCanceled()) {
        return;
      }
      String activity = execution.getCurrentActivityId();
      FormValues form = FormValues.of(execution);
      switch (activity) {
        case "Task_TriageComplaintMail" -> form.requireText(ComplaintVariables.MATTER, "投訴事項")
            .requireLength(ComplaintVariables.MATTER, "投訴事項", 200);
        case "Task_ReviewUnreadableMail" -> form.requireText("reviewNote", "處理記錄")
            .limit("reviewNote", "處理記錄");
        default -> throw new IllegalStateException("ComplaintMailTriage: no check for " + activity);
      }
    };
  }

  /** 檢查無法讀取的投訴郵件: what the duty officer did is kept with the message. */
  @Bean("recordMailReview")
  ExecutionListener recordMailReview(JdbcTemplate jdbc) {
    return execution -> {
      if (!execution.isCanceled()) {
        jdbc.update("""
            UPDATE complaint_mail SET status = 'REVIEWED', reason = CONCAT(COALESCE(reason, ''),
                ';值班員:', ?) WHERE id = ?""", FormValues.of(execution).text("reviewNote"),
            ((Number) execution.getVariable("complaintMailId")).longValue());
      }
    };
  }
}
