// A Strands Agents agent (the framework's own OpenTelemetry tracer, OTel GenAI conventions: an
// invoke_agent span with the run's accumulated gen_ai.usage.*, a chat span per model call with
// its own usage, execute_tool spans) that calls a tool once, on the AI SDK 6 mock language model
// (named gpt-4o-mini so Loupe's bundled price applies) through Strands' VercelModel. Prints the
// usage the agent itself reports: "USAGE <label> input=<n> output=<n> total=<n>".
import { startTracing } from './otel.mjs';
import { Agent, tool } from '@strands-agents/sdk';
import { VercelModel } from '@strands-agents/sdk/models/vercel';
import { MockLanguageModelV3, simulateReadableStream } from 'ai/test';
import { z } from 'zod';

const provider = startTracing('strands-weather-agent');
const usage = (input, output) => ({
  inputTokens: { total: input, noCache: input, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: output, text: output, reasoning: undefined },
});
let call = 0;
const stream = (parts) => ({ stream: simulateReadableStream({ chunks: parts }) });
const model = new MockLanguageModelV3({
  provider: 'openai.chat',
  modelId: 'gpt-4o-mini',
  doStream: async () =>
    ++call === 1
      ? stream([
          { type: 'stream-start', warnings: [] },
          {
            type: 'tool-call',
            toolCallId: 'call-1',
            toolName: 'weather',
            input: JSON.stringify({ city: 'Paris' }),
          },
          { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_calls' }, usage: usage(30, 10) },
        ])
      : stream([
          { type: 'stream-start', warnings: [] },
          { type: 'text-start', id: 't1' },
          { type: 'text-delta', id: 't1', delta: 'It is 18°C and sunny in Paris.' },
          { type: 'text-end', id: 't1' },
          { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: usage(40, 27) },
        ]),
});
const agent = new Agent({
  name: 'weather-agent',
  model: new VercelModel({ provider: model, modelId: 'gpt-4o-mini' }),
  printer: false,
  tools: [
    tool({
      name: 'weather',
      description: 'Current weather of a city',
      inputSchema: z.object({ city: z.string() }),
      callback: async ({ city }) => ({ city, celsius: 18, sky: 'sunny' }),
    }),
  ],
  traceAttributes: { 'user.id': 'user-genai-agent', 'session.id': 'session-genai-agent' },
});
const result = await agent.invoke('What is the weather in Paris?');
const u = result.metrics?.accumulatedUsage ?? {};
console.log(`USAGE strands-agent input=${u.inputTokens} output=${u.outputTokens} total=${u.totalTokens}`);

await provider.forceFlush();
await provider.shutdown();
console.log('DONE');
