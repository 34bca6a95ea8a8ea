package dev.loupe.examples.langchain4j;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;

/** The assistant's one tool: an order-status lookup over a fixed in-memory order book. */
public final class OrderTools {
  @Tool("Looks up the shipping status of an order")
  public String lookupOrder(
      @P(name = "orderId", description = "the order id, e.g. A-1001") String orderId) {
    if (!"A-1001".equals(orderId)) return "order " + orderId + " not found";
    return "order A-1001 shipped yesterday via UPS, arriving Friday";
  }
}
