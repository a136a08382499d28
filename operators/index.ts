export { decodeEvents } from './decode-events';
export { jsonFrames } from './json-frames';
export { sseFrames } from './sse-frames';
