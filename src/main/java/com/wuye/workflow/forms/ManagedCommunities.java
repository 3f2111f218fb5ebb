package com.wuye.workflow.forms;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code wuye.communities}: the communities (小區) the company manages. A report or complaint
 * names one of them, exactly as written here; an empty list accepts any name (an installation
 * that has not listed its communities yet).
 */
@ConfigurationProperties("wuye")
public class ManagedCommunities {

  private List<String> communities = new ArrayList<>();

  public List<String> getCommunities() {
    return communities;
  }

  public void setCommunities(List<String> communities) {
    this.communities = communities == null ? new ArrayList<>()
        : communities.stream().map(String::trim).filter(name -> !name.isEmpty()).toList();
  }

  public boolean isManaged(String community) {
    return communities.isEmpty() || communities.contains(community);
  }
}
