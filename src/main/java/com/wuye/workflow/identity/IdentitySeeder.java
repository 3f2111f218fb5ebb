package com.wuye.workflow.identity;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import com.wuye.workflow.identity.IdentityProperties.GroupSpec;
import com.wuye.workflow.identity.IdentityProperties.InitialAdmin;
import com.wuye.workflow.identity.IdentityProperties.UserSpec;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes groups, authorizations, Tasklist filters and (in the demo profile) users match the
 * configuration under {@code wuye.identity}, once the engine is built and before the web
 * server accepts a request. Each item (a group, one permission of a grant, a user, a
 * membership, a filter) is created once and written to the {@code identity_seeding} ledger;
 * an item in the ledger is never created again, so a permission or user an administrator
 * removed in Admin stays removed after a restart. On an installation seeded before the ledger
 * existed, what is there is taken as seeded.
 *
 * <p>The demo users (demo profile) are refused with the postgres profile and on a database
 * that already has other users, unless {@code wuye.identity.allow-demo-users} says otherwise.
 *
 * <p>Without the demo profile no user with a known password exists: the first administrator
 * comes from {@code WUYE_ADMIN_ID} / {@code WUYE_ADMIN_PASSWORD}, and start-up stops with a
 * clear message when there is no administrator at all.
 */
@Component
class IdentitySeeder extends AbstractCamundaConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(IdentitySeeder.class);

  static final String MY_TASKS_FILTER = "我的任務";

  private final IdentityProperties properties;
  private final SeedingLedger ledger;
  private final org.springframework.core.env.Environment environment;
  private final com.wuye.workflow.office.Offices offices;
  private final PlatformTransactionManager transactions;

  IdentitySeeder(IdentityProperties properties, SeedingLedger ledger,
      org.springframework.core.env.Environment environment,
      com.wuye.workflow.office.Offices offices, PlatformTransactionManager transactions) {
    this.transactions = transactions;
    this.offices = offices;
    this.properties = properties;
    this.ledger = ledger;
    this.environment = environment;
    // before the engine touches the database
    refuseDemoUsersWithPostgresProfile();
  }

  private void refuseDemoUsersWithPostgresProfile() {
    if (!properties.getUsers().isEmpty() && !properties.isAllowDemoUsers()
        && java.util.Arrays.asList(environment.getActiveProfiles()).contains("postgres")) {
      throw new IllegalStateException("The demo users (profile demo, password \"demo\") are refused"
          + " with the postgres profile. For a demonstration on PostgreSQL set"
          + " WUYE_ALLOW_DEMO_USERS=true; never in production.");
    }
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    IdentityService identity = engine.getIdentityService();
    AuthorizationService authorizations = engine.getAuthorizationService();
    refuseDemoUsersWhereTheyDoNotBelong(identity);
    // One transaction for all of it: a first start creates a few hundred items, and one commit
    // instead of one per item is quicker (on H2 each commit is written to the file before it
    // returns). A seeding that stops part-way (a user given an office that wuye.offices does
    // not list, say) keeps none of it, and the next start seeds everything. Two nodes seeding
    // at once: SeedingLedger#record.
    new TransactionTemplate(transactions)
        .executeWithoutResult(status -> seedEverything(engine, identity, authorizations));
  }

  private void seedEverything(ProcessEngine engine, IdentityService identity,
      AuthorizationService authorizations) {
    if (ledger.isEmpty() && identity.createGroupQuery().count() > 0) {
      ledger.startRecordingExisting();
    }
    try {
      seed(engine, identity, authorizations);
    } finally {
      ledger.stopRecordingExisting();
    }
    revokeProcessOwnersCaseReads(authorizations);
  }

  private void seed(ProcessEngine engine, IdentityService identity,
      AuthorizationService authorizations) {
    for (GroupSpec group : properties.getGroups()) {
      ensureGroup(identity, group);
      grantGroupPermissions(authorizations, group);
    }
    ensureOffices(identity);
    ensureMailboxTenant(identity);
    for (UserSpec user : properties.getUsers()) {
      ensureUser(identity, user.getId(), user.getFirstName(), user.getLastName(), user.getEmail(),
          user.getPassword(), user.getGroups());
      for (String office : user.getOffices()) {
        if (offices.find(office).isEmpty()) {
          throw new IllegalStateException("User " + user.getId() + " is given office " + office
              + ", which wuye.offices does not list");
        }
        if (ledger.firstTime("tenant-user:" + office + ":" + user.getId())
            && identity.createTenantQuery().tenantId(office).userMember(user.getId()).count() == 0) {
          identity.createTenantUserMembership(office, user.getId());
        }
      }
    }
    ensureAdministrator(identity);
    ensureFilters(engine.getFilterService(), engine.getTaskService(), authorizations);
  }

  /**
   * Each office is a tenant (its cases' tenant id), and the company-wide groups are members of
   * every office's tenant through the group, so the deputy GM, the GM and the complaint centre
   * see every office; office staff are made members of their office's tenant one by one (in
   * Admin, or for the demo users from configuration). An office added to the configuration is
   * created on the next start.
   */
  private void ensureOffices(IdentityService identity) {
    for (var office : offices.all()) {
      if (ledger.firstTime("tenant:" + office.getId())
          && identity.createTenantQuery().tenantId(office.getId()).count() == 0) {
        var tenant = identity.newTenant(office.getId());
        tenant.setName(office.getName());
        identity.saveTenant(tenant);
        LOG.info("Created office {} ({})", office.getId(), office.getName());
      }
      for (GroupSpec group : properties.getGroups()) {
        if (group.isCompanyWide()
            && ledger.firstTime("tenant-group:" + office.getId() + ":" + group.getId())
            && identity.createTenantQuery().tenantId(office.getId()).groupMember(group.getId())
                .count() == 0) {
          identity.createTenantGroupMembership(office.getId(), group.getId());
        }
      }
    }
  }

  /**
   * The complaint mailbox's own tenant: a mail whose office is not known yet (CP-5) is seen by
   * the company-wide groups, who sort it, and by the duty officers, who are shown the mail that
   * cannot be read; not by another office's staff.
   */
  private void ensureMailboxTenant(IdentityService identity) {
    String id = com.wuye.workflow.office.Offices.MAILBOX_TENANT;
    if (ledger.firstTime("tenant:" + id) && identity.createTenantQuery().tenantId(id).count() == 0) {
      var tenant = identity.newTenant(id);
      tenant.setName("公司投訴信箱");
      identity.saveTenant(tenant);
    }
    for (GroupSpec group : properties.getGroups()) {
      if ((group.isCompanyWide() || group.getId().equals("duty-officer"))
          && ledger.firstTime("tenant-group:" + id + ":" + group.getId())
          && identity.createTenantQuery().tenantId(id).groupMember(group.getId()).count() == 0) {
        identity.createTenantGroupMembership(id, group.getId());
      }
    }
  }

  private void refuseDemoUsersWhereTheyDoNotBelong(IdentityService identity) {
    if (properties.getUsers().isEmpty() || properties.isAllowDemoUsers()) {
      return;
    }
    java.util.Set<String> demoIds = new java.util.HashSet<>();
    properties.getUsers().forEach(u -> demoIds.add(u.getId()));
    boolean others = identity.createUserQuery().list().stream()
        .anyMatch(user -> !demoIds.contains(user.getId()));
    if (others) {
      throw new IllegalStateException("The demo users (profile demo, password \"demo\") are refused"
          + " on a database that has other users. Start without the demo profile, or set"
          + " WUYE_ALLOW_DEMO_USERS=true if this really is a demonstration database.");
    }
  }

  /**
   * Up to release 0.1 the process owner had Cockpit's read access to every case and its history
   * (residents' names and phone numbers). The owner reads diagrams and figures only: taken back
   * once on an upgraded installation.
   */
  private void revokeProcessOwnersCaseReads(AuthorizationService service) {
    String item = "revoke:process-owner:case-reads";
    if (ledger.contains(item)) {
      return;
    }
    for (GroupSpec group : properties.getGroups()) {
      if (!group.isDeploy() || group.isMonitor()) {
        continue;
      }
      for (Authorization authorization : service.createAuthorizationQuery()
          .groupIdIn(group.getId()).authorizationType(AUTH_TYPE_GRANT).list()) {
        boolean changed = false;
        for (Permission permission : List.of(ProcessDefinitionPermissions.READ_INSTANCE,
            ProcessDefinitionPermissions.READ_TASK, ProcessDefinitionPermissions.READ_HISTORY)) {
          if (authorization.getResourceType() == Resources.PROCESS_DEFINITION.resourceType()
              && authorization.isPermissionGranted(permission)) {
            authorization.removePermission(permission);
            changed = true;
          }
        }
        int type = authorization.getResourceType();
        if (type == Resources.PROCESS_INSTANCE.resourceType() || type == Resources.TASK.resourceType()) {
          service.deleteAuthorization(authorization.getId());
          continue;
        }
        if (type == Resources.DECISION_DEFINITION.resourceType()
            && authorization.isPermissionGranted(Permissions.READ_HISTORY)) {
          authorization.removePermission(Permissions.READ_HISTORY);
          changed = true;
        }
        if (changed) {
          service.saveAuthorization(authorization);
        }
      }
    }
    ledger.record(item);
  }

  private void ensureGroup(IdentityService identity, GroupSpec spec) {
    if (!ledger.firstTime("group:" + spec.getId())
        || identity.createGroupQuery().groupId(spec.getId()).count() > 0) {
      return;
    }
    Group group = identity.newGroup(spec.getId());
    group.setName(spec.getName());
    group.setType(spec.isAdministrator() ? Groups.GROUP_TYPE_SYSTEM : Groups.GROUP_TYPE_WORKFLOW);
    identity.saveGroup(group);
    LOG.info("Created group {} ({})", spec.getId(), spec.getName());
  }

  private void grantGroupPermissions(AuthorizationService service, GroupSpec group) {
    String g = group.getId();
    if (group.isAdministrator()) {
      for (Resource resource : Resources.values()) {
        grant(service, g, resource, Authorization.ANY, Permissions.ALL);
      }
      return;
    }
    for (String application : group.getApplications()) {
      grant(service, g, Resources.APPLICATION, application, Permissions.ACCESS);
    }
    if (group.getApplications().contains("tasklist")) {
      // Tasklist names a task's candidate groups; without READ it shows their raw ids
      grant(service, g, Resources.GROUP, Authorization.ANY, Permissions.READ);
    }
    for (String processKey : group.getStartProcesses()) {
      grant(service, g, Resources.PROCESS_DEFINITION, processKey,
          Permissions.READ, Permissions.CREATE_INSTANCE);
    }
    for (String processKey : group.getWorkProcesses()) {
      grant(service, g, Resources.PROCESS_DEFINITION, processKey, Permissions.READ);
    }
    if (!group.getStartProcesses().isEmpty()) {
      grant(service, g, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.CREATE);
    }
    if (group.isMonitor()) {
      // variables need their own read permissions (enforce-specific-variable-permission)
      grant(service, g, Resources.PROCESS_DEFINITION, Authorization.ANY,
          Permissions.READ, ProcessDefinitionPermissions.READ_INSTANCE,
          ProcessDefinitionPermissions.READ_TASK, ProcessDefinitionPermissions.READ_HISTORY,
          ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE,
          ProcessDefinitionPermissions.READ_TASK_VARIABLE,
          ProcessDefinitionPermissions.READ_HISTORY_VARIABLE);
      grant(service, g, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.READ);
      grant(service, g, Resources.TASK, Authorization.ANY, Permissions.READ);
      grant(service, g, Resources.DEPLOYMENT, Authorization.ANY, Permissions.READ);
      grant(service, g, Resources.DECISION_DEFINITION, Authorization.ANY,
          Permissions.READ, Permissions.READ_HISTORY);
      grant(service, g, Resources.DECISION_REQUIREMENTS_DEFINITION, Authorization.ANY,
          Permissions.READ);
    }
    if (group.isDeploy()) {
      grant(service, g, Resources.DEPLOYMENT, Authorization.ANY,
          Permissions.CREATE, Permissions.READ, Permissions.DELETE);
      grant(service, g, Resources.PROCESS_DEFINITION, Authorization.ANY, Permissions.READ);
      grant(service, g, Resources.DECISION_DEFINITION, Authorization.ANY, Permissions.READ);
      grant(service, g, Resources.DECISION_REQUIREMENTS_DEFINITION, Authorization.ANY,
          Permissions.READ);
    }
  }

  /** Grants each permission once (the ledger): one an administrator revoked is not re-added. */
  private void grant(AuthorizationService service, String groupId, Resource resource,
      String resourceId, Permission... permissions) {
    List<Permission> fresh = new java.util.ArrayList<>();
    for (Permission permission : permissions) {
      if (ledger.firstTime("grant:" + groupId + ":" + resource.resourceName() + ":" + resourceId
          + ":" + permission.getName())) {
        fresh.add(permission);
      }
    }
    if (!fresh.isEmpty()) {
      addPermissions(service, groupId, resource, resourceId, fresh.toArray(Permission[]::new));
    }
  }

  /** Adds the permissions to the group's grant on the resource, creating it when missing. */
  static void addPermissions(AuthorizationService service, String groupId, Resource resource,
      String resourceId, Permission... permissions) {
    Authorization existing = service.createAuthorizationQuery()
        .groupIdIn(groupId)
        .resourceType(resource)
        .resourceId(resourceId)
        .authorizationType(AUTH_TYPE_GRANT)
        .singleResult();
    Authorization authorization = existing;
    boolean changed = false;
    if (authorization == null) {
      authorization = service.createNewAuthorization(AUTH_TYPE_GRANT);
      authorization.setGroupId(groupId);
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
      changed = true;
    }
    for (Permission permission : permissions) {
      if (!authorization.isPermissionGranted(permission)) {
        authorization.addPermission(permission);
        changed = true;
      }
    }
    if (changed) {
      service.saveAuthorization(authorization);
    }
  }

  private void ensureUser(IdentityService identity, String id, String firstName, String lastName,
      String email, String password, List<String> groups) {
    if (ledger.firstTime("user:" + id) && identity.createUserQuery().userId(id).count() == 0) {
      User user = identity.newUser(id);
      user.setFirstName(firstName);
      user.setLastName(lastName);
      user.setEmail(email);
      user.setPassword(password);
      identity.saveUser(user);
      LOG.info("Created user {}", id);
    }
    for (String groupId : groups) {
      if (ledger.firstTime("membership:" + id + ":" + groupId)
          && identity.createUserQuery().userId(id).count() > 0
          && identity.createUserQuery().userId(id).memberOfGroup(groupId).count() == 0) {
        identity.createMembership(id, groupId);
      }
    }
  }

  private void ensureAdministrator(IdentityService identity) {
    if (identity.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).count() > 0) {
      return;
    }
    InitialAdmin admin = properties.getInitialAdmin();
    if (!admin.isConfigured() || admin.getPassword() == null || admin.getPassword().isBlank()) {
      throw new IllegalStateException("No administrator exists in group " + Groups.CAMUNDA_ADMIN
          + ". Set WUYE_ADMIN_ID and WUYE_ADMIN_PASSWORD (and optionally WUYE_ADMIN_EMAIL) for the"
          + " first start, or run with the demo profile (SPRING_PROFILES_ACTIVE=demo).");
    }
    ensureUser(identity, admin.getId(), "系統管理員", "", admin.getEmail(), admin.getPassword(),
        List.of(Groups.CAMUNDA_ADMIN));
  }

  /** One shared "my tasks" filter, and for each working group its tasks and its overdue tasks. */
  private void ensureFilters(FilterService filters, TaskService tasks,
      AuthorizationService authorizations) {
    int priority = 0;
    Filter myTasks = ensureFilter(filters, MY_TASKS_FILTER,
        tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}"),
        "指派給我的任務", priority++);
    for (GroupSpec group : properties.getGroups()) {
      if (group.isAdministrator() || !group.getApplications().contains("tasklist")) {
        continue;
      }
      if (myTasks != null) {
        grant(authorizations, group.getId(), Resources.FILTER, myTasks.getId(), Permissions.READ);
      }
      Filter groupTasks = ensureFilter(filters, group.getName() + "的任務",
          tasks.createTaskQuery().taskCandidateGroup(group.getId()),
          "交給" + group.getName() + "、尚未認領的任務", priority++);
      Filter overdue = ensureFilter(filters, group.getName() + "的逾期任務",
          tasks.createTaskQuery().taskCandidateGroup(group.getId()).includeAssignedTasks()
              .dueBeforeExpression("${now()}"),
          group.getName() + "已過期限的任務(含已認領)", priority++);
      if (groupTasks != null) {
        grant(authorizations, group.getId(), Resources.FILTER, groupTasks.getId(), Permissions.READ);
      }
      if (overdue != null) {
        grant(authorizations, group.getId(), Resources.FILTER, overdue.getId(), Permissions.READ);
      }
    }
  }

  private Filter ensureFilter(FilterService filters, String name, TaskQuery query,
      String description, int priority) {
    Filter existing = filters.createFilterQuery().filterName(name).singleResult();
    if (existing != null || !ledger.firstTime("filter:" + name)) {
      return existing;
    }
    Filter filter = filters.newTaskFilter(name);
    filter.setQuery(query);
    filter.setProperties(Map.of(
        "description", description,
        "priority", priority,
        "refresh", true,
        "variables", FilterVariables.SHOWN));
    filters.saveFilter(filter);
    return filter;
  }
}
