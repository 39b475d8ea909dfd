import { rmSync } from 'node:fs';

/** The run's SQLite database lives in a temp folder of its own: nothing of it outlives the run. */
export default function removeTheRunsDatabase(): void {
  const folder = process.env['E2E_DATA_DIR'];
  if (folder) {
    rmSync(folder, { recursive: true, force: true });
  }
}
