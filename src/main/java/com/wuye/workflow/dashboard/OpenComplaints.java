package com.wuye.workflow.dashboard;

import com.wuye.workflow.security.SystemAccess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * An office's open complaints by the state of their nearest open deadline — the task of the
 * case with the earliest due date: overdue once it has passed, due within the hour, or on time.
 * A complaint with no open task that has a due date is not counted. Callers check who may see
 * the office; this reads without authorization checks.
 */
@Component
class OpenComplaints {

  /** A deadline state, as the dashboard and the list page name it. */
  enum State {
    ON_TIME("onTime", "按時"),
    DUE_WITHIN_HOUR("dueWithinHour", "一小時內到期"),
    OVERDUE("overdue", "已逾期");

    final String key;
    final String label;

    State(String key, String label) {
      this.key = key;
      this.label = label;
    }

    static State of(Date due, Date now) {
      if (!due.after(now)) {
        return OVERDUE;
      }
      return due.getTime() - now.getTime() <= Duration.ofHours(1).toMillis() ? DUE_WITHIN_HOUR
          : ON_TIME;
    }

    /** "overdue" → OVERDUE; anything else is refused with the names allowed. */
    static State fromKey(String key) {
      for (State state : values()) {
        if (state.key.equals(key)) {
          return state;
        }
      }
      throw new IllegalArgumentException("「state」須為 onTime、dueWithinHour 或 overdue:" + key);
    }
  }

  /** A complaint's nearest open deadline: the task that has it. */
  record Nearest(String processInstanceId, String taskName, Date due, State state) {
  }

  private final TaskService tasks;
  private final IdentityService identity;
  private final ManagementService management;

  OpenComplaints(@Lazy TaskService tasks, @Lazy IdentityService identity,
      @Lazy ManagementService management) {
    this.tasks = tasks;
    this.identity = identity;
    this.management = management;
  }

  /** Each open complaint of the office with its nearest deadline, the most urgent first. */
  List<Nearest> nearestDeadlines(String officeId, Date now) {
    List<Task> open = SystemAccess.withoutAuthorization(identity, () -> tasks.createTaskQuery()
        .processDefinitionKey("ComplaintProcess").tenantIdIn(officeId).dueAfter(new Date(0))
        .active().list());
    Map<String, Task> nearest = new LinkedHashMap<>();
    for (Task task : open) {
      nearest.merge(task.getProcessInstanceId(), task,
          (a, b) -> a.getDueDate().after(b.getDueDate()) ? b : a);
    }
    List<Nearest> list = new ArrayList<>();
    for (Task task : nearest.values()) {
      list.add(new Nearest(task.getProcessInstanceId(), task.getName(), task.getDueDate(),
          State.of(task.getDueDate(), now)));
    }
    list.sort(Comparator.comparing(Nearest::due));
    return list;
  }

  /**
   * How many of the office's open complaints are in each state, counted in the database: a
   * busy office has thousands of open tasks, and the dashboard asks on every visit. (A native
   * query of the engine's public API over its task and definition tables: the earliest open due
   * date of each case, then how many fall in each window.)
   */
  Map<String, Long> countByState(String officeId, Date now) {
    String tasksTable = SystemAccess.withoutAuthorization(identity,
        () -> management.getTableName(Task.class));
    String definitions = SystemAccess.withoutAuthorization(identity,
        () -> management.getTableName(ProcessDefinition.class));
    String nearest = "SELECT T.PROC_INST_ID_, MIN(T.DUE_DATE_) AS DUE FROM " + tasksTable
        + " T JOIN " + definitions + " D ON T.PROC_DEF_ID_ = D.ID_"
        + " WHERE D.KEY_ = #{processKey} AND T.TENANT_ID_ = #{office}"
        + " AND T.DUE_DATE_ IS NOT NULL AND T.SUSPENSION_STATE_ = 1 GROUP BY T.PROC_INST_ID_";
    Date withinHour = new Date(now.getTime() + Duration.ofHours(1).toMillis());
    Map<String, Long> answer = new LinkedHashMap<>();
    answer.put(State.ON_TIME.key, count(nearest, "N.DUE > #{hour}", officeId, now, withinHour));
    answer.put(State.DUE_WITHIN_HOUR.key, count(nearest, "N.DUE > #{now} AND N.DUE <= #{hour}",
        officeId, now, withinHour));
    answer.put(State.OVERDUE.key, count(nearest, "N.DUE <= #{now}", officeId, now, withinHour));
    return answer;
  }

  private long count(String nearest, String window, String officeId, Date now, Date hour) {
    return SystemAccess.withoutAuthorization(identity, () -> tasks.createNativeTaskQuery()
        .sql("SELECT COUNT(*) FROM (" + nearest + ") N WHERE " + window)
        .parameter("processKey", "ComplaintProcess").parameter("office", officeId)
        .parameter("now", now).parameter("hour", hour).count());
  }
}
