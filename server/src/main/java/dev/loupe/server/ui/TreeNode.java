package dev.loupe.server.ui;

import java.util.List;

/** An observation with its children, in start-time order. */
public record TreeNode(ObservationView observation, List<TreeNode> children) {
  public TreeNode {
    children = List.copyOf(children);
  }
}
