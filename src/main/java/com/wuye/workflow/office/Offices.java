package com.wuye.workflow.office;

import com.wuye.workflow.forms.FormInputException;
import com.wuye.workflow.identity.IdentityProperties;
import com.wuye.workflow.identity.IdentityProperties.GroupSpec;
import com.wuye.workflow.office.OfficeProperties.Community;
import com.wuye.workflow.office.OfficeProperties.Office;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;

/**
 * The offices (管理處) and their communities, and who may see which. An office's id is the
 * Camunda tenant id of its cases: a user sees an office's cases when they are a member of its
 * tenant (a user membership for office staff, a group membership for the company-wide groups),
 * which is what the engine checks on every query and command. The project's own records carry
 * the same office id and are filtered here the same way.
 */
@Service
public class Offices {

  /**
   * The complaint mailbox's tenant (CP-5): mail whose office is not known yet, seen by the
   * company-wide groups and the duty officers. No office may take this id.
   */
  public static final String MAILBOX_TENANT = "mailbox";

  /** Tenant ids the engine accepts without changing its resource whitelist. */
  static final Pattern ID = Pattern.compile("[a-z0-9]+");

  private final Map<String, Office> byId = new LinkedHashMap<>();
  private final Map<String, Office> byCommunity = new HashMap<>();
  private final Map<String, String> policeStations = new HashMap<>();
  private final Set<String> companyWideGroups;
  private final IdentityService identityService;

  public Offices(OfficeProperties properties, IdentityProperties identity,
      @Lazy IdentityService identityService, Environment environment) {
    this.identityService = identityService;
    if (environment.getProperty("WUYE_COMMUNITIES") != null) {
      throw new IllegalStateException("WUYE_COMMUNITIES is no longer read: list the communities"
          + " of each management office under wuye.offices (README, \"Offices\").");
    }
    for (Office office : properties.getOffices()) {
      if (office.getId() == null || !ID.matcher(office.getId()).matches()) {
        throw new IllegalStateException("wuye.offices: the id of an office must be lower-case"
            + " letters and digits only, not \"" + office.getId() + "\"");
      }
      if (MAILBOX_TENANT.equals(office.getId())) {
        throw new IllegalStateException("wuye.offices: \"" + MAILBOX_TENANT + "\" is the complaint"
            + " mailbox's; choose another id for this office");
      }
      if (office.getName() == null || office.getName().isBlank()) {
        throw new IllegalStateException("wuye.offices: office " + office.getId() + " has no name");
      }
      if (byId.put(office.getId(), office) != null) {
        throw new IllegalStateException("wuye.offices: office " + office.getId() + " is listed twice");
      }
      for (Community community : office.getCommunities()) {
        Office other = byCommunity.put(community.getName(), office);
        if (other != null) {
          throw new IllegalStateException("wuye.offices: community " + community.getName()
              + " is in both " + other.getId() + " and " + office.getId());
        }
        policeStations.put(community.getName(), community.getPoliceStation());
      }
    }
    if (byId.isEmpty()) {
      throw new IllegalStateException("wuye.offices lists no office: every case belongs to the"
          + " office of its community (README, \"Offices\").");
    }
    companyWideGroups = identity.getGroups().stream()
        .filter(g -> g.isCompanyWide() || g.isAdministrator()).map(GroupSpec::getId)
        .collect(Collectors.toUnmodifiableSet());
  }

  public List<Office> all() {
    return List.copyOf(byId.values());
  }

  public Optional<Office> find(String officeId) {
    return Optional.ofNullable(officeId == null ? null : byId.get(officeId));
  }

  /** An office by its id or its Chinese name (what a person types into a form). */
  public Optional<Office> byIdOrName(String idOrName) {
    return find(idOrName).or(() -> byId.values().stream()
        .filter(o -> o.getName().equals(idOrName)).findFirst());
  }

  /**
   * The office a person named (its id or name), one the acting user may open a case for;
   * refused naming the field and the user's own offices otherwise.
   */
  public Office requireOfficeNamed(String field, String idOrName) {
    Office office = byIdOrName(idOrName.trim()).orElseThrow(() -> new FormInputException(field,
        "管理處「" + idOrName + "」不存在。請填寫:" + describeCallerOffices() + "。"));
    requireCallerMayOpen(field, office);
    return office;
  }

  /** The acting user's offices as a person reads them: 翠苑管理處(cuiyuan)、…. */
  public String describeCallerOffices() {
    return callerOffices().stream().map(o -> o.getName() + "(" + o.getId() + ")")
        .collect(Collectors.joining("、"));
  }

  public Optional<Office> officeOf(String community) {
    return Optional.ofNullable(community == null ? null : byCommunity.get(community.trim()));
  }

  /** The office's Chinese name, or the id itself for an office no longer configured. */
  public String name(String officeId) {
    if (MAILBOX_TENANT.equals(officeId)) {
      return "公司投訴信箱";
    }
    return find(officeId).map(Office::getName).orElse(officeId);
  }

  /** The police station of the community's area (轄區派出所), or null when none is configured. */
  public String policeStation(String community) {
    return community == null ? null : policeStations.get(community.trim());
  }

  /** Groups whose members work for the whole company, whatever office a case belongs to. */
  public Set<String> companyWideGroups() {
    return companyWideGroups;
  }

  /** The community's office; a community in no office is refused naming it. */
  public Office requireOfficeOf(String field, String community) {
    return officeOf(community).orElseThrow(() -> new FormInputException(field,
        "小區「" + community + "」不屬於任何管理處,不能登記。請選用:" + communitiesOf(callerOffices())
            + "。"));
  }

  /**
   * Refuses a case for an office the acting user is not a member of. Nobody acting (the
   * engine's own steps, the schedule) and the company-wide roles may open a case for any office.
   */
  public void requireCallerMayOpen(String field, Office office) {
    Authentication caller = identityService.getCurrentAuthentication();
    if (caller == null || isCompanyWide(caller)) {
      return;
    }
    List<String> tenants = caller.getTenantIds() == null ? List.of() : caller.getTenantIds();
    if (!tenants.contains(office.getId())) {
      throw new FormInputException(field, office.getName() + "的個案只能由" + office.getName()
          + "的人員登記。你可登記的小區:" + communitiesOf(callerOffices()) + "。");
    }
  }

  /** The offices whose cases and records the acting user sees (all of them for nobody acting). */
  public List<Office> callerOffices() {
    Authentication caller = identityService.getCurrentAuthentication();
    if (caller == null || isCompanyWide(caller)) {
      return all();
    }
    List<String> tenants = caller.getTenantIds() == null ? List.of() : caller.getTenantIds();
    return byId.values().stream().filter(o -> tenants.contains(o.getId())).toList();
  }

  /**
   * The office ids the acting user's record queries are limited to, or null for no limit (the
   * company-wide roles, administrators, the engine's own steps).
   */
  public List<String> recordFilter() {
    Authentication caller = identityService.getCurrentAuthentication();
    if (caller == null || isCompanyWide(caller)) {
      return null;
    }
    return caller.getTenantIds() == null ? List.of() : List.copyOf(caller.getTenantIds());
  }

  /** Whether the acting user may see a record of {@code officeId}. */
  public boolean callerSees(String officeId) {
    List<String> filter = recordFilter();
    return filter == null || filter.contains(officeId);
  }

  public boolean isCompanyWide(Authentication caller) {
    List<String> groups = caller.getGroupIds() == null ? List.of() : caller.getGroupIds();
    return groups.contains(Groups.CAMUNDA_ADMIN)
        || groups.stream().anyMatch(companyWideGroups::contains);
  }

  /** The tenants of a user, as Camunda's REST API and webapps authenticate them. */
  public List<String> tenantsOf(String userId) {
    List<String> ids = new ArrayList<>();
    identityService.createTenantQuery().userMember(userId).includingGroupsOfUser(true).list()
        .forEach(t -> ids.add(t.getId()));
    return ids;
  }

  /**
   * The SQL condition limiting {@code column} to {@code officeIds} (" AND column IN (?, …)"),
   * with its arguments added to {@code args}; nothing for null (no limit), and a condition no
   * row meets for an empty list (a user of no office sees no office's records).
   */
  public static String restrict(String column, List<String> officeIds, List<Object> args) {
    if (officeIds == null) {
      return "";
    }
    if (officeIds.isEmpty()) {
      return " AND 1 = 0";
    }
    args.addAll(officeIds);
    return " AND " + column + " IN (" + String.join(", ", java.util.Collections.nCopies(
        officeIds.size(), "?")) + ")";
  }

  private static String communitiesOf(List<Office> offices) {
    List<String> names = new ArrayList<>();
    offices.forEach(o -> o.getCommunities().forEach(c -> names.add(c.getName())));
    return names.isEmpty() ? "(無)" : String.join("、", names);
  }
}
