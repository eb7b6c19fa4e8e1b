// Worker entry: registers tsx in this thread (loaders are per thread), then loads the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./docx.worker.ts');
