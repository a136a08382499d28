// Serves the built app and a stand-in for its backend on http://127.0.0.1:4200, with no API
// key and no network: cohere-rx's mock server answers POST /api/chat with a scripted V2 chat
// stream derived from the question, one word every 60 ms. `npm run preview` builds, then runs this.
import { answerFromRequest, startMockCohereServer } from 'cohere-rx/testing';

const answer = answerFromRequest({ gapMs: 60 });
const server = await startMockCohereServer({ port: 4200, staticRoot: 'dist/cohere-chat/browser' });
server.route('/api/chat', (reply, request) => answer(reply, { ...request, path: '/v2/chat' }));
console.log(`The chat app: ${server.baseUrl}/ (Ctrl+C stops it)`);
