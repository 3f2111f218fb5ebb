package com.wuye.workflow.identity;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Groups, their permissions and (in the demo profile) users, as configured under
 * {@code wuye.identity} in application.yaml. {@link IdentitySeeder} makes the engine's identity
 * service and authorizations match this on every start.
 */
@ConfigurationProperties("wuye.identity")
public class IdentityProperties {

  private List<GroupSpec> groups = new ArrayList<>();
  private List<UserSpec> users = new ArrayList<>();
  private InitialAdmin initialAdmin = new InitialAdmin();

  public List<GroupSpec> getGroups() {
    return groups;
  }

  public void setGroups(List<GroupSpec> groups) {
    this.groups = groups;
  }

  public List<UserSpec> getUsers() {
    return users;
  }

  public void setUsers(List<UserSpec> users) {
    this.users = users;
  }

  /**
   * The demo users are refused with the postgres profile and on a database that has other
   * users, unless this is set ({@code WUYE_ALLOW_DEMO_USERS=true}): a demo on PostgreSQL.
   */
  private boolean allowDemoUsers;

  public boolean isAllowDemoUsers() {
    return allowDemoUsers;
  }

  public void setAllowDemoUsers(boolean allowDemoUsers) {
    this.allowDemoUsers = allowDemoUsers;
  }

  public InitialAdmin getInitialAdmin() {
    return initialAdmin;
  }

  public void setInitialAdmin(InitialAdmin initialAdmin) {
    this.initialAdmin = initialAdmin;
  }

  /** A Camunda group and what its members may do. */
  public static class GroupSpec {
    private String id;
    private String name;
    /** Webapps the members may log in to: tasklist, cockpit, admin. */
    private List<String> applications = new ArrayList<>();
    /** Process keys the members may start. */
    private List<String> startProcesses = new ArrayList<>();
    /** Processes whose tasks the members work: read their diagrams in Tasklist. */
    private List<String> workProcesses = new ArrayList<>();

    public List<String> getWorkProcesses() {
      return workProcesses;
    }

    public void setWorkProcesses(List<String> workProcesses) {
      this.workProcesses = workProcesses;
    }

    /** Read-only view of definitions, instances, history and decisions (Cockpit). */
    private boolean monitor;
    /** Create and delete deployments (Camunda Modeler). */
    private boolean deploy;
    /** Every permission on every resource (camunda-admin only). */
    private boolean administrator;
    /**
     * Works for every office (deputy GM, GM, complaint centre, process owner): a member of every
     * office's tenant through the group. The other groups' members belong to offices one by one.
     */
    private boolean companyWide;

    public boolean isCompanyWide() {
      return companyWide;
    }

    public void setCompanyWide(boolean companyWide) {
      this.companyWide = companyWide;
    }

    public boolean isAdministrator() {
      return administrator;
    }

    public void setAdministrator(boolean administrator) {
      this.administrator = administrator;
    }

    public String getId() {
      return id;
    }

    public void setId(String id) {
      this.id = id;
    }

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public List<String> getApplications() {
      return applications;
    }

    public void setApplications(List<String> applications) {
      this.applications = applications;
    }

    public List<String> getStartProcesses() {
      return startProcesses;
    }

    public void setStartProcesses(List<String> startProcesses) {
      this.startProcesses = startProcesses;
    }

    public boolean isMonitor() {
      return monitor;
    }

    public void setMonitor(boolean monitor) {
      this.monitor = monitor;
    }

    public boolean isDeploy() {
      return deploy;
    }

    public void setDeploy(boolean deploy) {
      this.deploy = deploy;
    }
  }

  /** A user created on start (demo profile only). */
  public static class UserSpec {
    private String id;
    private String firstName;
    private String lastName;
    private String email;
    private String password;
    private List<String> groups = new ArrayList<>();
    /** The offices (管理處, tenant ids) the user works for; none for company-wide roles. */
    private List<String> offices = new ArrayList<>();

    public List<String> getOffices() {
      return offices;
    }

    public void setOffices(List<String> offices) {
      this.offices = offices;
    }

    public String getId() {
      return id;
    }

    public void setId(String id) {
      this.id = id;
    }

    public String getFirstName() {
      return firstName;
    }

    public void setFirstName(String firstName) {
      this.firstName = firstName;
    }

    public String getLastName() {
      return lastName;
    }

    public void setLastName(String lastName) {
      this.lastName = lastName;
    }

    public String getEmail() {
      return email;
    }

    public void setEmail(String email) {
      this.email = email;
    }

    public String getPassword() {
      return password;
    }

    public void setPassword(String password) {
      this.password = password;
    }

    public List<String> getGroups() {
      return groups;
    }

    public void setGroups(List<String> groups) {
      this.groups = groups;
    }
  }

  /** The first administrator of a production installation, from the environment. */
  public static class InitialAdmin {
    private String id;
    private String password;
    private String email;

    public String getId() {
      return id;
    }

    public void setId(String id) {
      this.id = id;
    }

    public String getPassword() {
      return password;
    }

    public void setPassword(String password) {
      this.password = password;
    }

    public String getEmail() {
      return email;
    }

    public void setEmail(String email) {
      this.email = email;
    }

    boolean isConfigured() {
      return id != null && !id.isBlank();
    }
  }
}
