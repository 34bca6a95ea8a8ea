package dev.loupe.examples.springai;

import org.springframework.ai.tool.annotation.Tool;

/** The model's one tool: an order-status lookup over a fixed in-memory order book. */
public final class OrderTools {
  @Tool(description = "Looks up the shipping status of an order by its id, e.g. A-1001")
  public String lookupOrder(String orderId) {
    if (!"A-1001".equals(orderId)) return "order " + orderId + " not found";
    return "order A-1001 shipped yesterday via UPS, arriving Friday";
  }
}
