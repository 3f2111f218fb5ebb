package com.wuye.workflow.security;

import java.util.Map;
import java.util.Set;

/**
 * What a diagram may call: the project's own delegates and listeners by bean name, and the
 * documented helpers with the methods an expression may call on them. Nothing else of the
 * application is visible to expressions ({@link TrustBoundaryEnginePlugin} gives the engine only
 * these beans), and {@link DeploymentRules} refuses a deployment that names anything else.
 * processes/README.md lists them for process owners.
 */
public final class DiagramBeans {

  /**
   * Service tasks ({@code camunda:delegateExpression="${name}"}): exactly the steps of the
   * element templates ({@link ElementTemplates}), so that what Modeler offers and what a
   * deployment may call cannot drift apart.
   */
  public static final Set<String> DELEGATES = ElementTemplates.get().delegates();

  /** Execution and task listeners ({@code delegateExpression="${name}"}). */
  public static final Set<String> LISTENERS = Set.of(
      "dutyLog", "complaintChecks", "unlockedDoorChecks", "emergencyChecks", "deadlines",
      "reportChecks", "recordSatisfactionVisit", "keyCustody", "complaintFormChecks",
      "recordHandling", "applySuggestedClassification", "recordClassification",
      "recordAgreedReplyTime", "recordReply", "recordSlipEntry", "recordSpecialIncidentReport",
      "recordHouseholdVisit", "recordFollowUp", "complaintMailChecks", "recordMailReview");

  /** Helpers an expression may call, with their callable methods. */
  public static final Map<String, Set<String>> HELPERS = Map.of(
      "monthlyReportSchedule", Set.of("cycle"),
      "keyReminderSchedule", Set.of("cycle"),
      "complaintSchedule", Set.of("escalationReminderCycle"));

  /** The one process whose start event may be a timer: the monthly report's schedule. */
  public static final String SCHEDULED_PROCESS = "MonthlyComplaintReportSchedule";

  private DiagramBeans() {
  }

  /** The delegates and listeners, sorted: what {@code delegateExpression} may name. */
  public static Set<String> steps() {
    java.util.Set<String> names = new java.util.TreeSet<>(DELEGATES);
    names.addAll(LISTENERS);
    return names;
  }

  public static Set<String> all() {
    java.util.Set<String> names = new java.util.TreeSet<>(steps());
    names.addAll(HELPERS.keySet());
    return names;
  }
}
