/**
 * The demo's scripted conversations: each request as a user would send it, and the answer the
 * embedded server streams back (in the short form of `cohere-rx/testing`), from which every
 * scene also knows what its pipeline must assemble.
 *
 * @module
 */
import type { V2Tool } from '../lib/index';
import type { ChatScript, GenerateScript, ScriptedCitation } from '../lib/testing/index';

/** A text as a model streams it: each word with the spaces before it. */
export const words = (text: string): string[] => text.match(/\s*\S+/g) ?? [];

/** The V2 model the scenes ask for. */
export const CHAT_MODEL = 'command-a-03-2025';

/** A plain question, its answer streamed word by word, and realistic usage. */
export const PENGUIN_CHAT = {
  question: 'Why do emperor penguins huddle together in winter?',
  script: {
    id: 'c0a8f1e2-5b7d-4c61-9e3a-2f4d8b6a1c90',
    text: words(
      'To survive the Antarctic winter. Packed by the thousand, they cut their heat loss by half, ' +
        'and they keep shuffling so that every bird takes turns in the warm centre and on the windy edge.',
    ),
    usage: { billed_units: { input_tokens: 11, output_tokens: 38 }, tokens: { input_tokens: 507, output_tokens: 40 } },
  },
} satisfies { question: string; script: ChatScript };

/** The tool the tool-use turn offers: a weather forecast by place and day. */
export const WEATHER_TOOL: V2Tool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'The weather forecast for a place on a given day.',
    parameters: {
      type: 'object',
      properties: {
        location: { type: 'string', description: 'City and country code, e.g. "Lisbon, PT"' },
        date: { type: 'string', description: 'The day, as YYYY-MM-DD' },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
      },
      required: ['location', 'date'],
    },
  },
};

/** A tool-use turn: a plan, then two calls whose JSON arguments stream in fragments. */
export const WEATHER_TOOL_TURN = {
  question: 'Will I need an umbrella in Lisbon or in Porto on 14 June?',
  script: {
    id: '5e1b7c2a-8d43-4f0e-b6a9-71c3d2e4f805',
    toolPlan: words('I will look up the forecast for Lisbon and for Porto on 14 June, then compare the chance of rain.'),
    toolCalls: [
      { id: 'get_weather_3k9xq2mz7d0a', name: 'get_weather', arguments: { location: 'Lisbon, PT', date: '2025-06-14', unit: 'celsius' }, fragments: 4 },
      { id: 'get_weather_p81ta5vw2hce', name: 'get_weather', arguments: { location: 'Porto, PT', date: '2025-06-14', unit: 'celsius' }, fragments: 4 },
    ],
    usage: { billed_units: { input_tokens: 63, output_tokens: 71 }, tokens: { input_tokens: 1482, output_tokens: 112 } },
  },
} satisfies { question: string; script: ChatScript };

/** A document of the RAG scene, in the V2 `documents` shape (a type, so that it is a JSON object). */
export type TitledDocument = {
  readonly id: string;
  readonly data: { readonly title: string; readonly snippet: string };
};

const EMPEROR: TitledDocument = {
  id: 'doc_0',
  data: {
    title: 'Emperor penguin',
    snippet: 'The emperor penguin is the tallest and heaviest of all living penguin species, reaching about 1.1 m in height.',
  },
};

const COLONIES: TitledDocument = {
  id: 'doc_1',
  data: {
    title: 'Breeding colonies',
    snippet: 'Emperor penguins breed on stable sea ice around Antarctica during the southern winter, in colonies of several thousand birds.',
  },
};

const DIVING: TitledDocument = {
  id: 'doc_2',
  data: { title: 'Diving', snippet: 'They can dive to about 550 m and stay under water for more than 20 minutes.' },
};

/** The RAG answer's text: its emoji make JavaScript's string indices differ from the API's code-point offsets. */
const RAG_TEXT =
  'Emperor penguins 🐧 are the tallest of all penguins, standing about 1.1 m high. 🧊 They breed on the sea ice ' +
  'around Antarctica in the middle of the southern winter, in colonies of several thousand birds.';

/**
 * A citation of `quote` (its first occurrence in the RAG answer), backed by documents, at the
 * offsets Cohere sends: in Unicode code points.
 */
function cite(quote: string, ...documents: readonly TitledDocument[]): ScriptedCitation {
  const at = RAG_TEXT.indexOf(quote);
  if (at < 0) throw new RangeError(`"${quote}" is not in the answer`);
  const start = Array.from(RAG_TEXT.slice(0, at)).length;
  return {
    start,
    end: start + Array.from(quote).length,
    text: quote,
    sources: documents.map((document) => ({ type: 'document', id: document.id, document: { id: document.id, ...document.data } })),
  };
}

/** A RAG answer over three documents (two cited, one not), with citations at their character spans. */
export const PENGUIN_RAG = {
  question: 'How tall are emperor penguins, and where do they breed?',
  documents: [EMPEROR, COLONIES, DIVING],
  script: {
    id: '9f3d2c1b-0a8e-4b7f-a6c5-d4e3f2a1b0c9',
    text: words(RAG_TEXT),
    citations: [
      cite('the tallest of all penguins', EMPEROR),
      cite('about 1.1 m high', EMPEROR),
      cite('on the sea ice around Antarctica', COLONIES),
      cite('in the middle of the southern winter', COLONIES),
      cite('in colonies of several thousand birds', COLONIES),
    ],
    usage: { billed_units: { input_tokens: 118, output_tokens: 41 }, tokens: { input_tokens: 1903, output_tokens: 96 } },
  },
} satisfies { question: string; documents: readonly TitledDocument[]; script: ChatScript };

/** Three generations of one prompt, streamed interleaved as Cohere streams them. */
export const TAGLINES = {
  prompt: 'Write a tagline for a coffee shop on the Moon.',
  script: {
    id: '2b6e9d4f-7c1a-4e38-8f05-c3a9b1d7e264',
    prompt: 'Write a tagline for a coffee shop on the Moon.',
    generations: [
      words('One small sip for man, one giant roast for mankind.'),
      words('Our espresso comes with the best view in the galaxy.'),
      words('Zero gravity, full flavour: the first café above the clouds.'),
    ],
  },
} satisfies { prompt: string; script: GenerateScript };

/** The Bedrock model and the SageMaker endpoint the AWS scene streams from. */
export const AWS_TARGETS = { modelId: 'cohere.command-r-plus-v1:0', endpointName: 'cohere-command-r-plus' } as const;

/** An answer the server cuts mid-way: the connection drops after `deliveredPieces` pieces of text. */
export const TREATY_DROPPED = {
  question: 'Summarise the history of the Antarctic Treaty.',
  script: {
    id: '7d4a1f0e-3c92-4b5d-8e6f-a1b2c3d4e5f6',
    text: words(
      'The Antarctic Treaty was signed in Washington in 1959 by twelve countries and entered into force in 1961. ' +
        'It sets the continent aside for peaceful research and freezes all territorial claims.',
    ),
  },
  deliveredPieces: 12,
} satisfies { question: string; script: ChatScript; deliveredPieces: number };
