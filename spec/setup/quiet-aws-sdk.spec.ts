import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';

describe('the test environment', () => {
  it("keeps the AWS SDK's NodeVersionSupportWarning out of the output", () => {
    const warn = jest.spyOn(process, 'emitWarning');
    const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'example' };
    new BedrockRuntimeClient({ region: 'us-east-1', credentials }).destroy();
    new SageMakerRuntimeClient({ region: 'us-east-1', credentials }).destroy();
    expect(warn.mock.calls.filter(([warning]) => String(warning).includes('NodeVersionSupportWarning'))).toEqual([]);
  });
});
