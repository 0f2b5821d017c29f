/** Who else has this ECG open, live (server-sent events from GET /api/ecgs/:id/presence). */
import { useEffect, useState } from 'react';
import type { PresenceEvent } from '../../../schemas/api/label-workbench';
import { PresenceEventSchema } from '../../../schemas/api/label-workbench';

/** Everyone else with the ECG open now; reconnects by itself (EventSource). */
export function usePresence(ecgPk: string | undefined): PresenceEvent['viewers'] {
  const [viewers, setViewers] = useState<PresenceEvent['viewers']>([]);
  useEffect(() => {
    if (!ecgPk) return;
    const source = new EventSource(`/api/ecgs/${encodeURIComponent(ecgPk)}/presence`);
    source.addEventListener('presence', (event) => {
      const parsed = PresenceEventSchema.safeParse(
        JSON.parse((event as MessageEvent<string>).data),
      );
      if (parsed.success) {
        setViewers(parsed.data.viewers.filter((v) => v.userId !== parsed.data.you));
      }
    });
    return () => source.close();
  }, [ecgPk]);
  return viewers;
}
