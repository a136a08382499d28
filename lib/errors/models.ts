/**
 * The errors of the model constructors (`Chat.fromDict`, `ToolCall.fromDict`,
 * `streamResponseFromDict`): a member of the wrong type, a required member missing.
 *
 * @module
 */
import { CohereStreamError } from './cohere-stream-error';
import { ValidationError } from './validation';

/** What a {@link MissingFieldError} is built from: its fields, and the value given to the constructor. */
export type MissingFieldErrorDetails = Pick<MissingFieldError, 'model' | 'field'> & { readonly received: unknown };

/**
 * A value given to a model constructor (such as `Chat.fromDict`) lacks a field the model
 * requires. `model` names the model and `field` the missing member.
 */
export class MissingFieldError extends CohereStreamError {
  override name = 'MissingFieldError';
  /** The model being built, e.g. `Chat`. */
  readonly model: string;
  /** The required member that is absent. */
  readonly field: string;

  constructor(details: MissingFieldErrorDetails) {
    const { model, field, received } = details;
    const keys = received !== null && typeof received === 'object' ? Object.keys(received).join(', ') : typeof received;
    super(
      `${model}.fromDict expected an object with a "${field}" member, received ${
        keys === '' ? 'an empty object' : `{ ${keys} }`
      }. Pass the stream-end event's "response" object (or a complete non-streamed response).`,
    );
    this.model = model;
    this.field = field;
  }
}

/** What a {@link ModelFieldError} is built from (`issues` has at least one). */
export type ModelFieldErrorDetails = Pick<ModelFieldError, 'model' | 'issues'>;

/**
 * A value given to a model constructor (such as `ToolCall.fromDict`, `Chat.fromDict` or
 * `streamResponseFromDict`) is, or holds a member, of the wrong type. `model` names the model being
 * built, `path` the member inside the given value (`''` for the value itself),
 * `expected` what the model's schema wants there and `received` what arrived.
 */
export class ModelFieldError extends ValidationError {
  override name = 'ModelFieldError';
  /** The model being built, e.g. `Chat` or `StreamTextGeneration`. */
  readonly model: string;

  constructor(details: ModelFieldErrorDetails) {
    const [first] = details.issues;
    const path = first?.path ?? '';
    super(
      `${details.model} expected ${first?.expected ?? 'a valid value'} at ${path === '' ? 'the top level' : `"${path}"`}, ` +
        `received ${first?.received ?? 'something else'}. ` +
        'Pass the JSON-parsed V1 chat response or stream event as Cohere sent it; a value of another type ' +
        'means it was altered on the way or comes from another endpoint.',
      details.issues,
    );
    this.model = details.model;
  }
}
