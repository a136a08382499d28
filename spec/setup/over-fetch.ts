/**
 * Runs before each spec file of the `fetch` project (jest.config.ts): `testOptions()` then
 * passes the global `fetch` as the `fetch` option, so the transport reads every answer through
 * `fetch` instead of `node:http`.
 */
process.env['COHERE_RX_SPEC_CLIENT'] = 'fetch';
