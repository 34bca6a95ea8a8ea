// The Vercel AI SDK 6 with its built-in OpenTelemetry spans (scope "ai"): a generateText that
// calls a tool (outer ai.generateText over two ai.generateText.doGenerate model calls and an
// ai.toolCall) and a streamText (outer ai.streamText over one ai.streamText.doStream), on the
// SDK's own mock language model named gpt-4o-mini so Loupe's bundled price applies. Prints the
// usage the SDK itself reports: "USAGE <label> input=<n> output=<n> total=<n>".
import { startTracing } from './otel.mjs';
import { generateText, streamText, tool, stepCountIs } from 'ai';
import { MockLanguageModelV3, simulateReadableStream } from 'ai/test';
import { z } from 'zod';

const provider = startTracing('ai-v6-weather-bot');
const usage = (input, output) => ({
  inputTokens: { total: input, noCache: input, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: output, text: output, reasoning: undefined },
});
const telemetry = (label) => ({
  isEnabled: true,
  functionId: label,
  metadata: { userId: 'user-ai-v6', sessionId: 'session-ai-v6' },
});
const report = (label, u) =>
  console.log(`USAGE ${label} input=${u.inputTokens} output=${u.outputTokens} total=${u.totalTokens}`);

let step = 0;
const toolModel = new MockLanguageModelV3({
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
const generated = await generateText({
  model: toolModel,
  prompt: 'What is the weather in Paris?',
  tools: {
    weather: tool({
      description: 'Current weather of a city',
      inputSchema: z.object({ city: z.string() }),
      execute: async ({ city }) => ({ city, celsius: 18, sky: 'sunny' }),
    }),
  },
  stopWhen: stepCountIs(3),
  experimental_telemetry: telemetry('weather-bot'),
});
report('generateText', generated.totalUsage);

const streamModel = new MockLanguageModelV3({
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
});
const streamed = streamText({
  model: streamModel,
  prompt: 'Say hello in French.',
  experimental_telemetry: telemetry('greeter'),
});
let text = '';
for await (const delta of streamed.textStream) text += delta;
report('streamText', await streamed.totalUsage);

await provider.forceFlush();
await provider.shutdown();
console.log('DONE');
