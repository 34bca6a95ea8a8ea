// The real Langfuse TypeScript client (@langfuse/client) scoring against a Loupe server: a score config
// made through the API, scores of each data type on a trace, an observation and a session sent the way
// applications send them (langfuse.score.create, batched to the ingestion endpoint), one through the
// scores endpoint against the config, then everything read back through the scores API. Prints one line
// "RESULT <json>" and exits 0, or "FAILED <step>: <error>" and exits 1.
//
// Env: LANGFUSE_BASE_URL, LANGFUSE_PUBLIC_KEY, LANGFUSE_SECRET_KEY; TRACE_ID, OBSERVATION_ID, SESSION_ID.
import { LangfuseClient } from "@langfuse/client";

const langfuse = new LangfuseClient({
  baseUrl: process.env.LANGFUSE_BASE_URL,
  publicKey: process.env.LANGFUSE_PUBLIC_KEY,
  secretKey: process.env.LANGFUSE_SECRET_KEY,
});
const traceId = process.env.TRACE_ID;
const observationId = process.env.OBSERVATION_ID;
const sessionId = process.env.SESSION_ID;

async function step(name, fn) {
  try {
    return await fn();
  } catch (e) {
    const status = e?.statusCode ?? e?.status;
    console.log(`FAILED ${name}: ${status ?? ""} ${e?.message ?? e} ${JSON.stringify(e?.body ?? "")}`);
    process.exit(1);
  }
}

const result = {};
result.config = await step("config", () =>
  langfuse.api.scoreConfigs.create({ name: "quality", dataType: "NUMERIC", minValue: 0, maxValue: 5 }),
);
langfuse.score.create({ id: "js-numeric", traceId, name: "helpfulness", value: 0.8, comment: "good" });
langfuse.score.create({ id: "js-categorical", traceId, observationId, name: "tone", value: "calm", dataType: "CATEGORICAL" });
langfuse.score.create({ id: "js-boolean", sessionId, name: "resolved", value: 1, dataType: "BOOLEAN" });
langfuse.score.create({ id: "js-text", traceId, observationId, name: "note", value: "cites the order", dataType: "TEXT" });
await step("flush", () => langfuse.score.flush());
result.created = await step("create", () =>
  langfuse.api.scores.create({ traceId, name: "quality", value: 4, configId: result.config.id }),
);
result.ofTrace = await step("ofTrace", () => langfuse.api.scores.getMany({ traceId, limit: 50 }));
result.ofSession = await step("ofSession", () => langfuse.api.scores.getMany({ sessionId }));
result.byId = await step("byId", () => langfuse.api.scores.getById("js-categorical"));
result.configs = await step("configs", () => langfuse.api.scoreConfigs.get());
result.trace = await step("trace", () => langfuse.api.trace.get(traceId));
console.log("RESULT " + JSON.stringify(result));
