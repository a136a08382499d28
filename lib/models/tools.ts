/**
 * The tool models of the AWS flavour of Cohere's Python SDK: `ToolParameterDefinitionsValue`,
 * `Tool` and `ToolCall` (with `fromDict` and `fromList`).
 *
 * @module
 */
import * as z from 'zod';
import { builtSchema, lazySchema } from '../decoding/schemas/lazy-schema';
import { opt } from '../decoding/schemas/shared';
import { ToolCallV1 } from '../decoding/schemas/v1-chat-events';
import { model, read } from './model-schema';

/**
 * One parameter of a {@link Tool}: its type (e.g. `str`), what it means, whether it is required.
 * Mirrors Python `ToolParameterDefinitionsValue`; `required` is absent when Python leaves it unset.
 */
export interface ToolParameterDefinitionsValue {
  /** The parameter's type, as the model should read it (e.g. `str`, `int`, `List[str]`). */
  type: string;
  /** What the parameter means. */
  description: string;
  /** Whether the parameter must be given; absent means the API default. */
  required?: boolean | undefined;
}

/** Constructors for {@link ToolParameterDefinitionsValue} (Python `ToolParameterDefinitionsValue.__init__`). */
export const ToolParameterDefinitionsValue = {
  /** Builds a parameter definition, leaving `required` out when it is `undefined` (no `**kwargs`). */
  create({ type, description, required }: ToolParameterDefinitionsValue): ToolParameterDefinitionsValue {
    return required === undefined ? { type, description } : { type, description, required };
  },
};

/** A tool the model may call: name, description and parameters by name. Mirrors Python `Tool`. */
export interface Tool {
  /** The tool's name, as the model will use it in a {@link ToolCall}. */
  name: string;
  /** What the tool does. */
  description: string;
  /** The tool's parameters, by parameter name; absent when Python leaves it unset. */
  parameter_definitions?: Record<string, ToolParameterDefinitionsValue> | undefined;
}

/** Constructors for {@link Tool} (Python `Tool.__init__`). */
export const Tool = {
  /** Builds a tool, leaving `undefined` members out (definitions via {@link ToolParameterDefinitionsValue.create}). */
  create({ name, description, parameter_definitions: defs }: Tool): Tool {
    if (defs === undefined) return { name, description };
    const entries = Object.entries(defs).map(([key, def]) => [key, ToolParameterDefinitionsValue.create(def)] as const);
    return { name, description, parameter_definitions: Object.fromEntries(entries) };
  },
};

/** The schema of a {@link ToolCall}. @internal */
export const toolCall = lazySchema(() => model(ToolCallV1.extend({ generation_id: opt(z.string()) })));
const toolCallList = lazySchema(() => z.array(builtSchema(toolCall)));
/** A member holding a list of {@link ToolCall}s. @internal */
export const toolCalls = lazySchema(() => opt(toolCallList));

/**
 * A tool call the model generated: `name`, `parameters` and `generation_id` (which the V1 wire
 * and Bedrock do not send). Mirrors Python `ToolCall`, whose `from_dict` reads all three with `.get`.
 *
 * @interface
 */
export type ToolCall = z.output<typeof toolCall>;

/** Constructors for {@link ToolCall} (Python `ToolCall.from_dict`, `ToolCall.from_list`). */
export const ToolCall = {
  /** Reads one tool call (Python `ToolCall.from_dict`). @throws {@link ModelFieldError} for a wrong type. */
  fromDict: (obj: unknown): ToolCall => read('ToolCall', toolCall, obj),
  /**
   * Reads a list of tool calls (Python `ToolCall.from_list`): `undefined` when `list` is not an
   * array, else one tool call per element. @throws {@link ModelFieldError} for a wrong-typed element.
   */
  fromList: (list: unknown): ToolCall[] | undefined => (Array.isArray(list) ? read('ToolCall', toolCallList, list) : undefined),
};
