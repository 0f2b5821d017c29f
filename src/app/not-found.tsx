/** Shown for an address the app does not know. */
import { Link } from 'react-router';

export function NotFound() {
  return (
    <div className="p-6">
      <p>There is nothing at this address.</p>
      <Link className="text-ok-selected underline" to="/">
        Back to the samples
      </Link>
    </div>
  );
}
