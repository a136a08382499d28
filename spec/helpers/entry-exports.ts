/** The names the package's entries export, where several specs list the same ones. */

/** The V1 chat request's schemas (`lib/requests/v1-chat-request.ts`), which every entry whose signatures name them exports. */
export const V1_REQUEST_SCHEMAS = [
  'V1ChatConnector',
  'V1ChatDocument',
  'V1ChatMessage',
  'V1ChatRequest',
  'V1CitationQuality',
  'V1JsonResponseFormat',
  'V1ResponseFormat',
  'V1TextMessage',
  'V1TextResponseFormat',
  'V1Tool',
  'V1ToolCall',
  'V1ToolMessage',
  'V1ToolParameterDefinition',
  'V1ToolResult',
] as const;

/** The runtime values `cohere-rx/bedrock` and `cohere-rx/sagemaker` both export (`lib/transport/aws/entry-exports.ts`). */
export const AWS_SHARED_EXPORTS = ['AwsStreamError', 'GenerateRequest', 'JsonObject', 'ResponseConsumedError', ...V1_REQUEST_SCHEMAS] as const;
