/**
 * The preflags suite's one-core reference: run by the bench pinned to one CPU (taskset), it keeps
 * a one-worker pool and, for each "run" message, checks every real job COPIES times over and
 * answers with the wall and CPU time. A worker pool of one on a machine of two still gets the
 * second core for V8's collector and compiler threads and for the pool's own thread (about 15%
 * more CPU than wall time); pinned, the whole process has one core, which is what "2 cores
 * against one core" compares.
 */
import { PreflagPool } from '../server/services/preflags/preflag-pool';
import { realJobs, timeRun } from './preflags.bench';

const send = process.send?.bind(process);
if (!send) throw new Error('preflags-one-core.ts runs as a child of the preflags bench (IPC)');
const { jobs } = realJobs();
const pool = new PreflagPool(1);
process.on('message', (message: 'run' | 'stop') => {
  if (message === 'stop') {
    void pool.close().then(() => process.disconnect());
    return;
  }
  void timeRun(pool, jobs).then((timing) => send(timing));
});
send('ready');
