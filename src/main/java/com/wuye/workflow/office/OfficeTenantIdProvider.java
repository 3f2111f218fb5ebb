package com.wuye.workflow.office;

import com.wuye.workflow.office.OfficeProperties.Office;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProvider;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderCaseInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderHistoricDecisionInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderProcessInstanceContext;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.stereotype.Component;

/**
 * Every case belongs to the office (tenant) of its community from its start, whoever or
 * whatever starts it: a start form, the REST API, a step of another case, the monthly
 * schedule. The diagrams are shared (deployed without a tenant); this decides each instance's
 * tenant, which the engine then keeps on its tasks, jobs, variables and history for the case's
 * life.
 * <ul>
 *   <li>a start variable {@code office} names the office (the monthly report of one office);</li>
 *   <li>a case called by another case stays in the caller's office (an emergency reported from
 *   an unlocked door is the door's office's);</li>
 *   <li>otherwise the office of the start variable {@code community}: a community in no office
 *   is refused with its name, and nothing is created;</li>
 *   <li>a process without either (the monthly schedule itself) is company-wide.</li>
 * </ul>
 * A member of one office cannot open a case for another office; the company-wide roles can.
 */
@Component
class OfficeTenantIdProvider extends AbstractCamundaConfiguration implements TenantIdProvider {

  static final String OFFICE = "office";
  static final String COMMUNITY = "community";

  private final Offices offices;

  OfficeTenantIdProvider(Offices offices) {
    this.offices = offices;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setTenantIdProvider(this);
  }

  @Override
  public String provideTenantIdForProcessInstance(TenantIdProviderProcessInstanceContext ctx) {
    if (ctx.getProcessDefinition() != null && "ComplaintMailTriage".equals(
        ctx.getProcessDefinition().getKey())) {
      // a mail whose office is not known yet (CP-5): the complaint mailbox's own tenant
      return Offices.MAILBOX_TENANT;
    }
    Object officeId = ctx.getVariables().get(OFFICE);
    if (officeId != null && !officeId.toString().isBlank()) {
      return offices.requireOfficeNamed(OFFICE, officeId.toString()).getId();
    }
    if (ctx.getSuperExecution() != null && ctx.getSuperExecution().getTenantId() != null) {
      return ctx.getSuperExecution().getTenantId();
    }
    Object community = ctx.getVariables().get(COMMUNITY);
    if (community instanceof String name && !name.isBlank()) {
      Office office = offices.requireOfficeOf(COMMUNITY, name.trim());
      offices.requireCallerMayOpen(COMMUNITY, office);
      return office.getId();
    }
    // neither: a member of one office starts it for that office (a supervisor's monthly report)
    java.util.List<String> own = offices.recordFilter();
    return own != null && own.size() == 1 ? own.get(0) : null;
  }

  @Override
  public String provideTenantIdForCaseInstance(TenantIdProviderCaseInstanceContext ctx) {
    return null;
  }

  @Override
  public String provideTenantIdForHistoricDecisionInstance(
      TenantIdProviderHistoricDecisionInstanceContext ctx) {
    // a decision evaluated inside a case already carries the case's tenant
    return ctx.getExecution() != null ? ctx.getExecution().getTenantId() : null;
  }
}
