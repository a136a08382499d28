/**
 * Runs before every spec file (`setupFiles` in jest.config.ts). On Node 20 the AWS SDK warns,
 * once per process, that its releases from January 2027 on need Node 22
 * (`NodeVersionSupportWarning`); `AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED` is the SDK's
 * own switch for that one warning. The suite sets it for itself only: the library never changes
 * a global setting, an application decides (README, "AWS Bedrock and SageMaker").
 */
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
