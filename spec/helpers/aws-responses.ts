/**
 * AWS responses held by the caller, as users of `streamingChat`, `fromBedrockResponse` and
 * `fromSageMakerResponse` hold them: the real client sends the command itself (with the
 * caller's abort signal) and the output is read afterwards.
 */
import {
  InvokeModelWithResponseStreamCommand,
  type BedrockRuntimeClient,
  type InvokeModelWithResponseStreamCommandOutput,
} from '@aws-sdk/client-bedrock-runtime';
import {
  InvokeEndpointWithResponseStreamCommand,
  type InvokeEndpointWithResponseStreamCommandOutput,
  type SageMakerRuntimeClient,
} from '@aws-sdk/client-sagemaker-runtime';

/** Sends `InvokeModelWithResponseStream` with the caller's signal and resolves with the output, its stream unread. */
export function sendBedrock(client: BedrockRuntimeClient, abortSignal?: AbortSignal): Promise<InvokeModelWithResponseStreamCommandOutput> {
  const command = new InvokeModelWithResponseStreamCommand({ modelId: 'cohere.command-r-plus-v1:0', body: JSON.stringify({ message: 'Hi' }) });
  return client.send(command, abortSignal === undefined ? {} : { abortSignal });
}

/** Sends `InvokeEndpointWithResponseStream` with the caller's signal and resolves with the output, its stream unread. */
export function sendSageMaker(client: SageMakerRuntimeClient, abortSignal?: AbortSignal): Promise<InvokeEndpointWithResponseStreamCommandOutput> {
  const command = new InvokeEndpointWithResponseStreamCommand({
    EndpointName: 'cohere-command-r',
    ContentType: 'application/json',
    Body: JSON.stringify({ message: 'Hi', stream: true }),
  });
  return client.send(command, abortSignal === undefined ? {} : { abortSignal });
}

/**
 * Wraps an event stream so that its iterator counts the calls of `return()` (and passes them on):
 * the real SDK iterator, observed.
 */
export function observeReturn<E>(events: AsyncIterable<E> | undefined): { readonly events: AsyncIterable<E>; readonly returns: () => number } {
  if (events === undefined) throw new Error('the output has no event stream');
  let returns = 0;
  return {
    events: {
      [Symbol.asyncIterator]() {
        const iterator = events[Symbol.asyncIterator]();
        return {
          next: () => iterator.next(),
          return: (value?: unknown) => {
            returns++;
            return iterator.return?.(value) ?? Promise.resolve({ done: true, value: undefined });
          },
        };
      },
    },
    returns: () => returns,
  };
}
