package com.wuye.workflow.dashboard;

import com.wuye.workflow.security.SystemAccess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
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

  OpenComplaints(@Lazy TaskService tasks, @Lazy IdentityService identity) {
    this.tasks = tasks;
    this.identity = identity;
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

  /** How many of the office's open complaints are in each state. */
  Map<String, Long> countByState(String officeId, Date now) {
    Map<State, Long> counts = new EnumMap<>(State.class);
    for (State state : State.values()) {
      counts.put(state, 0L);
    }
    for (Nearest n : nearestDeadlines(officeId, now)) {
      counts.merge(n.state(), 1L, Long::sum);
    }
    Map<String, Long> answer = new LinkedHashMap<>();
    counts.forEach((state, n) -> answer.put(state.key, n));
    return answer;
  }
}
