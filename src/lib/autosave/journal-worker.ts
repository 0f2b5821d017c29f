/**
 * The entry of the autosave journal's Web Worker (see journal-requests.ts for why a worker).
 */
import {
  handleJournalRequest,
  type JournalRequest,
  type JournalResponse,
} from './journal-requests';

interface WorkerScope {
  onmessage: ((event: { data: JournalRequest }) => void) | null;
  postMessage(message: JournalResponse): void;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  const request = event.data;
  handleJournalRequest(request).then(
    (result) => scope.postMessage({ id: request.id, ok: true, result }),
    (error: unknown) =>
      scope.postMessage({
        id: request.id,
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      }),
  );
};
