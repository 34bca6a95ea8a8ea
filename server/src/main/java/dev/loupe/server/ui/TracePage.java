package dev.loupe.server.ui;

import java.util.List;

/** One trace: its header fields, its own input/output, and the observation tree. */
public record TracePage(
    String projectId,
    String id,
    String name,
    String time,
    String userId,
    String sessionId,
    String tags,
    String environment,
    String latency,
    String cost,
    String input,
    String output,
    List<TreeNode> roots) {}
