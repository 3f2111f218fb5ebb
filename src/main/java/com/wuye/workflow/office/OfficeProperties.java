package com.wuye.workflow.office;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code wuye.offices}: the company's management offices (管理處), each with its communities
 * (小區) and, per community, the local police station (轄區派出所). Adding an office or moving a
 * community is a change here only (README, "Offices"); a case keeps the office it was opened in.
 */
@ConfigurationProperties("wuye")
public class OfficeProperties {

  private List<Office> offices = new ArrayList<>();

  public List<Office> getOffices() {
    return offices;
  }

  public void setOffices(List<Office> offices) {
    this.offices = offices == null ? new ArrayList<>() : offices;
  }

  /** One management office: its id is the Camunda tenant id of its cases. */
  public static class Office {
    private String id;
    private String name;
    private List<Community> communities = new ArrayList<>();

    public String getId() {
      return id;
    }

    public void setId(String id) {
      this.id = id == null ? null : id.trim();
    }

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public List<Community> getCommunities() {
      return communities;
    }

    public void setCommunities(List<Community> communities) {
      this.communities = communities == null ? new ArrayList<>() : communities;
    }
  }

  /** A community of an office and the police station of its area. */
  public static class Community {
    private String name;
    private String policeStation;

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name == null ? null : name.trim();
    }

    public String getPoliceStation() {
      return policeStation;
    }

    public void setPoliceStation(String policeStation) {
      this.policeStation = policeStation;
    }
  }
}
