// Makes the built CLI executable so `npx etl-doctor` and a global install run it directly.
import { chmodSync } from 'node:fs';
chmodSync(new URL('../dist/cli.js', import.meta.url), 0o755);
