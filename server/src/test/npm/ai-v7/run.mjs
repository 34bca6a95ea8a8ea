// The Vercel AI SDK 7 through @ai-sdk/otel on the SDK's own mock language model (named
// gpt-4o-mini so Loupe's bundled price applies): with the GenAI-convention OpenTelemetry
// integration (root invoke_agent over step spans, chat model calls and execute_tool), a
// generateText that calls a tool and a streamText; with LegacyOpenTelemetry (ai.generateText over
// ai.generateText.doGenerate) the same generateText. Prints the usage the SDK itself reports:
// "USAGE <label> input=<n> output=<n> total=<n>".
import { startTracing } from './otel.mjs';
import { generateText, streamText, tool, stepCountIs } from 'ai';
import { MockLanguageModelV4, simulateReadableStream } from 'ai/test';
import { OpenTelemetry, LegacyOpenTelemetry } from '@ai-sdk/otel';
import { z } from 'zod';

const provider = startTracing('ai-v7-weather-bot');
const genAi = new OpenTelemetry({
  enrichSpan: () => ({ 'user.id': 'user-ai-v7', 'session.id': 'session-ai-v7' }),
});
const legacy = new LegacyOpenTelemetry();
const usage = (input, output) => ({
  inputTokens: { total: input, noCache: input, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: output, text: output, reasoning: undefined },
});
const report = (label, u) =>
  console.log(`USAGE ${label} input=${u.inputTokens} output=${u.outputTokens} total=${u.totalTokens}`);

function toolModel() {
  let step = 0;
  return new MockLanguageModelV4({
    provider: 'openai.chat',
    modelId: 'gpt-4o-mini',
    doGenerate: async () =>
      ++step === 1
        ? {
            content: [
              {
                type: 'tool-call',
                toolCallId: 'call-1',
                toolName: 'weather',
                input: JSON.stringify({ city: 'Paris' }),
              },
            ],
            finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
            usage: usage(30, 10),
            warnings: [],
          }
        : {
            content: [{ type: 'text', text: 'It is 18°C and sunny in Paris.' }],
            finishReason: { unified: 'stop', raw: 'stop' },
            usage: usage(40, 27),
            warnings: [],
          },
  });
}

async function weatherRun(label, integration) {
  const generated = await generateText({
    model: toolModel(),
    prompt: 'What is the weather in Paris?',
    tools: {
      weather: tool({
        description: 'Current weather of a city',
        inputSchema: z.object({ city: z.string() }),
        execute: async ({ city }) => ({ city, celsius: 18, sky: 'sunny' }),
      }),
    },
    stopWhen: stepCountIs(3),
    telemetry: { functionId: label, integrations: [integration] },
  });
  report(label, generated.totalUsage);
}

await weatherRun('genai-generateText', genAi);

const streamed = streamText({
  model: new MockLanguageModelV4({
    provider: 'openai.chat',
    modelId: 'gpt-4o-mini',
    doStream: async () => ({
      stream: simulateReadableStream({
        chunks: [
          { type: 'stream-start', warnings: [] },
          { type: 'text-start', id: 't1' },
          { type: 'text-delta', id: 't1', delta: 'Bonjour' },
          { type: 'text-delta', id: 't1', delta: ' !' },
          { type: 'text-end', id: 't1' },
          { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: usage(20, 15) },
        ],
      }),
    }),
  }),
  prompt: 'Say hello in French.',
  telemetry: { functionId: 'genai-streamText', integrations: [genAi] },
});
let text = '';
for await (const delta of streamed.textStream) text += delta;
report('genai-streamText', await streamed.totalUsage);

await weatherRun('legacy-generateText', legacy);

await provider.forceFlush();
await provider.shutdown();
console.log('DONE');
