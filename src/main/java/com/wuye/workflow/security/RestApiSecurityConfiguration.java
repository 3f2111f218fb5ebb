package com.wuye.workflow.security;

import jakarta.servlet.Filter;
import com.wuye.workflow.forms.StartContract;
import com.wuye.workflow.forms.StartContractFilter;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The REST API answers only authenticated requests: HTTP Basic with the same users as the
 * webapps (Camunda Modeler deploys through it), so every call runs under the caller's
 * authorizations. The webapps keep their own session login, CSRF filter and security headers.
 */
@Configuration
class RestApiSecurityConfiguration {

  @Bean
  FilterRegistrationBean<Filter> restApiAuthenticationFilter() {
    FilterRegistrationBean<Filter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("camunda-rest-basic-auth");
    registration.addUrlPatterns("/engine-rest/*");
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    registration.setOrder(1);
    return registration;
  }

  @Bean
  FilterRegistrationBean<StartContractFilter> startContractFilter(List<StartContract> contracts,
      RepositoryService repositoryService, IdentityService identityService,
      AuthorizationService authorizationService) {
    FilterRegistrationBean<StartContractFilter> registration = new FilterRegistrationBean<>(
        new StartContractFilter(contracts, repositoryService, identityService, authorizationService));
    registration.setName("start-contract");
    registration.addUrlPatterns("/engine-rest/*");
    registration.setOrder(3);
    return registration;
  }

  @Bean
  FilterRegistrationBean<ApiAuthenticationFilter> projectApiAuthenticationFilter(
      IdentityService identityService) {
    FilterRegistrationBean<ApiAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ApiAuthenticationFilter(identityService));
    registration.setName("project-api-auth");
    // /engine-rest/engine (the list of engines) is the one REST path Camunda's filter leaves open
    registration.addUrlPatterns("/api/*", "/app/*", "/engine-rest/engine", "/engine-rest/engine/");
    registration.setOrder(2);
    return registration;
  }

  @Bean
  FilterRegistrationBean<ActuatorAuthenticationFilter> actuatorAuthenticationFilter(
      IdentityService identityService) {
    FilterRegistrationBean<ActuatorAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ActuatorAuthenticationFilter(identityService));
    registration.setName("actuator-auth");
    registration.addUrlPatterns("/actuator/*");
    registration.setOrder(2);
    return registration;
  }
}
