// The real Langfuse TypeScript client (@langfuse/client, from the npm registry) against a Loupe server:
// the calls an application makes at start-up (auth check, health) and the reads it makes later
// (trace URL, a trace with its observations). Prints one line "RESULT <json>" and exits 0, or
// "FAILED <step>: <error>" and exits 1.
//
// Env: LANGFUSE_BASE_URL, LANGFUSE_PUBLIC_KEY, LANGFUSE_SECRET_KEY; TRACE_ID (optional: a trace to read).
import { LangfuseClient } from "@langfuse/client";

const langfuse = new LangfuseClient({
  baseUrl: process.env.LANGFUSE_BASE_URL,
  publicKey: process.env.LANGFUSE_PUBLIC_KEY,
  secretKey: process.env.LANGFUSE_SECRET_KEY,
});

async function step(name, fn) {
  try {
    return await fn();
  } catch (e) {
    const status = e?.statusCode ?? e?.status;
    console.log(`FAILED ${name}: ${status ?? ""} ${e?.message ?? e}`);
    process.exit(1);
  }
}

const result = {};
result.health = await step("health", () => langfuse.api.health.health());
result.projects = await step("projects", () => langfuse.api.projects.get());
if (process.env.TRACE_ID) {
  result.traceUrl = await step("traceUrl", () => langfuse.getTraceUrl(process.env.TRACE_ID));
  result.trace = await step("trace", () => langfuse.api.trace.get(process.env.TRACE_ID));
}
console.log("RESULT " + JSON.stringify(result));
