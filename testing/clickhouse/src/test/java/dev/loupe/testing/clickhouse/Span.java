package dev.loupe.testing.clickhouse;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** A row of the tests' spans table, as a POJO for client-v2's insert(table, pojos). */
public class Span {
  private String project;
  private long id;
  private String name;
  private double cost;
  private ZonedDateTime at;
  private long version;

  public Span() {}

  Span(String project, long id, String name, double cost, long atMillis, long version) {
    this.project = project;
    this.id = id;
    this.name = name;
    this.cost = cost;
    this.at = Instant.ofEpochMilli(atMillis).atZone(ZoneOffset.UTC);
    this.version = version;
  }

  public String getProject() {
    return project;
  }

  public void setProject(String project) {
    this.project = project;
  }

  public long getId() {
    return id;
  }

  public void setId(long id) {
    this.id = id;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public double getCost() {
    return cost;
  }

  public void setCost(double cost) {
    this.cost = cost;
  }

  public ZonedDateTime getAt() {
    return at;
  }

  public void setAt(ZonedDateTime at) {
    this.at = at;
  }

  public long getVersion() {
    return version;
  }

  public void setVersion(long version) {
    this.version = version;
  }
}
