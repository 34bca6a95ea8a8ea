#!/usr/bin/env node
// The seed's trace sent the way Lemma's docs set up the Langfuse SDK: LangfuseSpanProcessor with an OTLP/protobuf
// exporter pointed at LEMMA_BASE_URL (/otel/v1/traces) with "Authorization: Bearer <key>" and
// "X-Lemma-Project-ID". Run from a copy of ../shared/harness (for its node_modules).
// Env: LEMMA_BASE_URL, LEMMA_API_KEY, LEMMA_PROJECT_ID. Prints traceId=<hex>; exit 0 only if every export succeeded.
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { LangfuseSpanProcessor } from "@langfuse/otel";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { ExportResultCode } from "@opentelemetry/core";
import { startActiveObservation, startObservation, propagateAttributes } from "@langfuse/tracing";

const exporter = new OTLPTraceExporter({
  url: process.env.LEMMA_BASE_URL,
  headers: {
    Authorization: `Bearer ${process.env.LEMMA_API_KEY}`,
    "X-Lemma-Project-ID": process.env.LEMMA_PROJECT_ID,
  },
});
let failed = 0, exported = 0;
const realExport = exporter.export.bind(exporter);
exporter.export = (spans, cb) => realExport(spans, (r) => {
  if (r.code === ExportResultCode.SUCCESS) exported += spans.length;
  else { failed++; console.error("export FAILED", r.error?.message); }
  cb(r);
});
const processor = new LangfuseSpanProcessor({ exporter });
const provider = new NodeTracerProvider({ spanProcessors: [processor] });
provider.register();

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const messages = [
  { role: "system", content: "You are a concise, friendly support agent." },
  { role: "user", content: "Where is my order A-1001? It has been a week." },
];
async function callModel() {
  await sleep(20);
  return { text: "Hi Ada, your order A-1001 shipped yesterday via UPS and should arrive on Friday.",
    usage: { inputTokens: 42, outputTokens: 17 } };
}

let traceId;
await startActiveObservation("handle-request", async (root) => {
  traceId = root.traceId;
  root.update({ input: { ticketId: "T-1001", messages } });
  root.setTraceIO({ input: { ticketId: "T-1001", question: messages[1].content } });
  return await propagateAttributes(
    { userId: "user-123", sessionId: "session-abc", tags: ["seed", "harness"],
      metadata: { tenant: "acme", channel: "email" }, version: "1.0.0", traceName: "handle-request" },
    async () => {
      await startActiveObservation("retrieve-context", async (span) => {
        span.update({ input: { query: "order A-1001" } });
        startObservation("cache-miss", { input: { key: "order:A-1001" }, level: "WARNING" }, { asType: "event" });
        span.update({ output: { documents: 2 } });
      });
      const order = await startActiveObservation("lookup-order", async (tool) => {
        tool.update({ input: { orderId: "A-1001" } });
        const o = { orderId: "A-1001", status: "shipped", carrier: "UPS" };
        tool.update({ output: o });
        return o;
      }, { asType: "tool" });
      const completion = await startActiveObservation("draft-reply", async (gen) => {
        const response = await callModel(messages);
        gen.update({ input: messages, output: response.text, model: "gpt-4o",
          usageDetails: { input: response.usage.inputTokens, output: response.usage.outputTokens } });
        return response;
      }, { asType: "generation" });
      try {
        await startActiveObservation("polish-reply", async (gen) => {
          gen.update({ input: [{ role: "user", content: `Polish: ${completion.text}` }], model: "gpt-4o-mini",
            modelParameters: { temperature: 0.2, max_tokens: 256 } });
          try {
            await sleep(5);
            throw new Error("Rate limit exceeded: fake upstream returned 429");
          } catch (error) {
            gen.update({ level: "ERROR", statusMessage: error.message });
            throw error;
          }
        }, { asType: "generation" });
      } catch {}
      root.update({ output: { reply: completion.text, order } });
      root.setTraceIO({ input: { ticketId: "T-1001", question: messages[1].content }, output: completion.text });
    });
});
await processor.forceFlush();
await provider.shutdown();
console.log(`traceId=${traceId} exported=${exported} failed=${failed}`);
process.exit(failed === 0 && exported > 0 ? 0 : 1);
