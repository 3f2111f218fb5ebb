package com.wuye.workflow.security;

import com.wuye.workflow.identity.IdentityProperties;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The engine's side of the trust boundary (README, "Who can change what"):
 * <ul>
 *   <li>expressions see only the project's diagram beans ({@link DiagramBeans}), never the whole
 *   application context;</li>
 *   <li>every new deployment passes {@link DeploymentRules} before any other deployer.</li>
 * </ul>
 * The rest is engine configuration in application.yaml: task candidates get TASK_WORK instead
 * of UPDATE, variable changes need the specific variable permissions, Object variables are
 * deserialized only for allowed types, and the engine's per-user login lock is off (failed
 * logins slow down their source instead, {@link LoginThrottle}).
 */
@Component
class TrustBoundaryEnginePlugin extends AbstractCamundaConfiguration {

  /** Groups that hold no case work: tasks are never offered to them. */
  static final Set<String> NOT_ASSIGNABLE = Set.of("process-owner", "camunda-admin");

  private final ApplicationContext context;
  private final IdentityProperties identity;

  TrustBoundaryEnginePlugin(ApplicationContext context, IdentityProperties identity) {
    this.context = context;
    this.identity = identity;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setExpressionManager(new SpringExpressionManager(context, new DiagramBeanMap()));
    Set<String> groups = new HashSet<>();
    identity.getGroups().forEach(g -> groups.add(g.getId()));
    groups.removeAll(NOT_ASSIGNABLE);
    List<Deployer> preDeployers = configuration.getCustomPreDeployers() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreDeployers());
    preDeployers.add(0, new DeploymentRules(groups));
    configuration.setCustomPreDeployers(preDeployers);
  }

  /** The diagram beans by name, looked up when an expression first needs them. */
  private final class DiagramBeanMap extends AbstractMap<Object, Object> {
    private final Set<String> names = DiagramBeans.all();

    @Override
    public boolean containsKey(Object key) {
      return names.contains(key);
    }

    @Override
    public Object get(Object key) {
      return names.contains(key) ? context.getBean((String) key) : null;
    }

    @Override
    public Set<Entry<Object, Object>> entrySet() {
      Set<Entry<Object, Object>> entries = new HashSet<>();
      names.forEach(name -> entries.add(new SimpleImmutableEntry<>(name, get(name))));
      return entries;
    }
  }
}
