package com.wuye.workflow.notification;

import com.wuye.workflow.forms.StaffText;
import com.wuye.workflow.security.SystemAccess;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Warns before a deadline, not only after it: at 50 % and 75 % of the time from the deadline's
 * start to its due date, the task's assignee — or its candidate groups in the case's office while
 * nobody has claimed it — get a reminder mail, once each; a task done before then sends nothing.
 * The miss itself escalates as the diagram says.
 *
 * <p>Every user task with a due date gets its reminder times when it is created (a row each in
 * {@code deadline_reminder}); completing or deleting the task removes them. The deadline starts
 * where the diagram says, with the extension property {@code deadlineFrom} on the user task: the
 * process variables holding that moment, the first one set (the complaint's receipt for CP-7.1's
 * two hours, the handling for CP-10.1's); without it, when the task was created. A poll sends
 * the reminders that are due; with several nodes each reminder is claimed by one (a conditional
 * update), and a poll that finds both points passed (the application was down) sends only the
 * later one.
 */
@Component
public class DeadlineReminders extends AbstractCamundaConfiguration implements TaskListener {

  private static final Logger LOG = LoggerFactory.getLogger(DeadlineReminders.class);

  /** The shares of a deadline's time at which its task reminds, in percent. */
  static final int[] SHARES = {50, 75};
  /** The extension property naming the variables where the deadline starts. */
  public static final String DEADLINE_FROM = "deadlineFrom";

  private final JdbcTemplate jdbc;
  private final TaskService tasks;
  private final IdentityService identity;
  private final Notifier notifier;
  private final StaffText text;
  private final TransactionTemplate transaction;

  DeadlineReminders(JdbcTemplate jdbc, @Lazy TaskService tasks, @Lazy IdentityService identity,
      Notifier notifier, StaffText text, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.tasks = tasks;
    this.identity = identity;
    this.notifier = notifier;
    this.text = text;
    this.transaction = new TransactionTemplate(transactions);
  }

  @Override
  public void preInit(SpringProcessEngineConfiguration configuration) {
    var listeners = configuration.getCustomPostBPMNParseListeners() == null
        ? new ArrayList<org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener>()
        : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        var definition = ((UserTaskActivityBehavior) activity.getActivityBehavior())
            .getTaskDefinition();
        definition.addTaskListener(EVENTNAME_CREATE, DeadlineReminders.this);
        definition.addTaskListener(EVENTNAME_COMPLETE, DeadlineReminders.this);
        definition.addTaskListener(EVENTNAME_DELETE, DeadlineReminders.this);
      }
    });
    configuration.setCustomPostBPMNParseListeners(listeners);
  }

  @Override
  public void notify(DelegateTask task) {
    if (!EVENTNAME_CREATE.equals(task.getEventName())) {
      jdbc.update("DELETE FROM deadline_reminder WHERE task_id = ?", task.getId());
      return;
    }
    Date due = task.getDueDate();
    if (due == null) {
      return;
    }
    Date start = startOf(task);
    long span = due.getTime() - start.getTime();
    if (span <= 0) {
      return;
    }
    for (int share : SHARES) {
      Timestamp at = new Timestamp(start.getTime() + span * share / 100);
      jdbc.update("""
          INSERT INTO deadline_reminder (task_id, process_instance_id, office_id, share_pct,
              remind_at, due_at) VALUES (?, ?, ?, ?, ?, ?)""", task.getId(),
          task.getProcessInstanceId(), task.getTenantId(), share, at, new Timestamp(due.getTime()));
    }
  }

  /** The deadline's start: the first of the task's {@code deadlineFrom} variables set, or now. */
  static Date startOf(DelegateTask task) {
    var element = task.getBpmnModelElementInstance();
    String from = element == null ? null : NewTaskMail.propertyOf(element, DEADLINE_FROM);
    if (from != null) {
      for (String name : from.split(",")) {
        if (task.getVariable(name.trim()) instanceof Date start) {
          return start;
        }
      }
    }
    return task.getCreateTime() != null ? task.getCreateTime() : ClockUtil.getCurrentTime();
  }

  @Scheduled(fixedDelayString = "${wuye.mail.deadline-reminder-interval:PT1M}",
      initialDelayString = "PT30S")
  public void poll() {
    try {
      remindDue();
    } catch (RuntimeException e) {
      LOG.error("Sending the deadline reminders failed; will try again", e);
    }
  }

  /** Writes the reminders due by the engine's clock to the outbox; returns how many. */
  public int remindDue() {
    Timestamp now = new Timestamp(ClockUtil.getCurrentTime().getTime());
    Map<String, List<Map<String, Object>>> byTask = new LinkedHashMap<>();
    for (Map<String, Object> row : jdbc.queryForList("""
        SELECT id, task_id, share_pct, due_at FROM deadline_reminder
        WHERE sent_at IS NULL AND remind_at <= ? ORDER BY remind_at""", now)) {
      byTask.computeIfAbsent((String) row.get("TASK_ID"), k -> new ArrayList<>()).add(row);
    }
    int sent = 0;
    for (var entry : byTask.entrySet()) {
      Boolean reminded = transaction.execute(status -> remind(entry.getKey(), entry.getValue(), now));
      if (Boolean.TRUE.equals(reminded)) {
        sent++;
      }
    }
    return sent;
  }

  /** Claims the task's due reminders and mails the latest of them; false if another node did. */
  private boolean remind(String taskId, List<Map<String, Object>> due, Timestamp now) {
    int share = 0;
    for (Map<String, Object> row : due) {
      if (jdbc.update("UPDATE deadline_reminder SET sent_at = ? WHERE id = ? AND sent_at IS NULL",
          now, row.get("ID")) == 1) {
        share = Math.max(share, ((Number) row.get("SHARE_PCT")).intValue());
      }
    }
    if (share == 0) {
      return false;
    }
    Task task = SystemAccess.withoutAuthorization(identity,
        () -> tasks.createTaskQuery().taskId(taskId).singleResult());
    if (task == null) {
      jdbc.update("DELETE FROM deadline_reminder WHERE task_id = ?", taskId);
      return false;
    }
    Map<String, Object> variables = SystemAccess.withoutAuthorization(identity,
        () -> tasks.getVariables(taskId, NewTaskMail.REFERENCE));
    String reference = NewTaskMail.reference(variables::get);
    String subject = "[期限提醒] " + task.getName() + (reference.isEmpty() ? "" : " — " + reference);
    String body = "任務「" + task.getName() + "」的期限已過了 " + share + "%。\n\n"
        + (reference.isEmpty() ? "" : "個案:" + reference + "\n")
        + "期限:" + text.dateTime(task.getDueDate()) + "\n"
        + (task.getAssignee() == null ? "此任務尚未有人認領。\n" : "")
        + "\n在 Tasklist 處理:" + notifier.taskLink(taskId) + "\n";
    String eventKey = "deadline-reminder:" + taskId + ":" + share;
    if (task.getAssignee() != null) {
      notifier.toUser(task.getAssignee(), task.getTenantId(), eventKey, subject, body,
          task.getProcessInstanceId());
    } else {
      Set<String> groups = new LinkedHashSet<>();
      for (IdentityLink link : SystemAccess.withoutAuthorization(identity,
          () -> tasks.getIdentityLinksForTask(taskId))) {
        if (link.getGroupId() != null && "candidate".equals(link.getType())) {
          groups.add(link.getGroupId());
        }
      }
      notifier.toGroups(new ArrayList<>(groups), task.getTenantId(), eventKey, subject, body,
          task.getProcessInstanceId());
    }
    return true;
  }

}
