import { access } from 'node:fs/promises';

/** Whether a file or folder exists (and can be seen); never throws. */
export const fileExists = (file: string): Promise<boolean> =>
  access(file).then(
    () => true,
    () => false,
  );
